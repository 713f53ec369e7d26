from . import test_absence_case
