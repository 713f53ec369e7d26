from . import erm_spreekuur_book_wizard
from . import erm_spreekuur_session_change
