from . import test_absence_case
from . import test_deadline_alerts
