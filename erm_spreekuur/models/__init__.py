from . import erm_spreekuur_location
from . import erm_spreekuur_professional
from . import erm_spreekuur_session
from . import erm_spreekuur_slot
from . import erm_spreekuur_booking
from . import erm_spreekuur_booking_wizards
from . import erm_absence_case
from . import erm_spreekuur_figures
