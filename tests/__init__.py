# Odoo's runner runs these files through the test-only addon test_erm_verzuim (see its
# tests/__init__.py): one import line per test file, as in an addon's tests package.
from . import test_bin_erm
from . import test_demo_generator
from . import test_demo_history
from . import test_demo_spreekuur
from . import test_demo_providers
from . import test_demo_care
from . import test_erm_access_log
from . import test_erm_access_matrix
from . import test_erm_access_rpc
from . import test_erm_ba_advice
from . import test_erm_duty_access
from . import test_erm_locale_print
from . import test_erm_model_policy
from . import test_erm_private_paths
from . import test_erm_retention
from . import test_erm_vocabulary
from . import test_foundation
from . import test_test_wiring
from . import test_translations
from . import test_spreekuur_privacy
from . import test_demo_preconditions
from . import test_demo_reviews
from . import test_erm_budget_anonymity
from . import test_demo_budget
from . import test_demo_portal
from . import test_dutch_formats
