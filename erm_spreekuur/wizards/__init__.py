from . import erm_spreekuur_book_wizard
from . import erm_spreekuur_session_change
from . import erm_spreekuur_booking_cancel
from . import erm_spreekuur_booking_reschedule
