"""This package is the repository's tests/ directory (the cross-addon tests).

Odoo's runner only runs odoo.addons.<module>.tests, and those tests need all three addons:
erm_spreekuur and erm_reports each depend on erm_verzuim only, and a product dependency just
for tests would be wrong. So this test-only addon depends on the three, points its package
path at ../../tests and runs that directory's __init__.py here: its `from . import test_...`
lines load every test file as odoo.addons.test_erm_verzuim.tests.test_..., with its real
path. pytest-odoo collects the same files directly (as tests.test_...).
"""

import os
import sys

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_TESTS = os.path.join(_ROOT, "tests")
__path__ = [_TESTS]  # the modules of this package are the files in tests/
# Some tests import the demo generators in data/ from the repository root, as under pytest.
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
with open(os.path.join(_TESTS, "__init__.py"), encoding="utf-8") as _init:
    exec(compile(_init.read(), _init.name, "exec"))  # pylint: disable=exec-used
