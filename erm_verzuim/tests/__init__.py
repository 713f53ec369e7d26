from . import test_absence_case
from . import test_deadline_alerts
from . import test_absence_case_ui
