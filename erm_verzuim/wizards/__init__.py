from . import erm_absence_recovery_wizard
from . import erm_sick_report_wizard
from . import erm_model_choice_wizard
