from . import erm_spreekuur_book_wizard
