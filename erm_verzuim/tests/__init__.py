from . import test_absence_case
from . import test_absence_case_ui
from . import test_alert_routing
from . import test_deadline_alerts
from . import test_engine_holidays
from . import test_engine_milestones
from . import test_engine_properties
from . import test_engine_wvp
