from . import test_engine_vernet
from . import test_kpi
from . import test_absence_report
from . import test_dashboard
from . import test_xlsx
from . import test_intervention_costs
from . import test_kpi_periods
from . import test_stakeholder_review_snapshot
