from . import portal
from . import portal_budget
from . import portal_view
from . import portal_uwv_file
