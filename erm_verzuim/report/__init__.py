from . import erm_plan_report
from . import erm_ba_advice_report
from . import erm_riv_report
from . import erm_uwv42_report
