from . import test_skeleton
from . import test_booking
from . import test_booking_concurrency
from . import test_figures
from . import test_portal
