from . import test_engine_vernet
from . import test_kpi
