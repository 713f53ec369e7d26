from . import erm_absence_recovery_wizard
