from . import erm_spreekuur_session_change
