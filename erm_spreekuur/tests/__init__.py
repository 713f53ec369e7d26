from . import test_skeleton
from . import test_booking
from . import test_booking_concurrency
from . import test_engine_slots
from . import test_session
from . import test_slot_search
from . import test_session_change
from . import test_session_views
