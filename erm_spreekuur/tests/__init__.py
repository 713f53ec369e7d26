from . import test_skeleton
from . import test_figures
from . import test_portal
