# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import sys

# The demo tests import the generators of the repository's data/ (as `data.demo_...`),
# which are scripts beside the addons, not part of any addon.
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
