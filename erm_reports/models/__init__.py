from . import res_company
from . import res_config_settings
from . import res_users
from . import hr_department
from . import erm_kpi
from . import erm_absence_report
from . import erm_absence_case
from . import erm_stakeholder_review
