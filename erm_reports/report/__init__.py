from . import erm_management_xlsx
