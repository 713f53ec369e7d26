# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo organisation as generate_demo makes it, checked in one class: building it takes
minutes, so it is built once here for the checks of every part (the Demo*Checks of
tests/test_demo_<part>.py). Each test runs in a savepoint of its own, so the checks see the
same demo as in a class of their own."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from data.demo_history import generate_demo

from .test_demo_budget import DemoBudgetChecks
from .test_demo_care import DemoCareChecks
from .test_demo_portal import DemoPortalChecks
from .test_demo_preconditions import DemoPreconditionsChecks
from .test_demo_providers import DemoProvidersChecks
from .test_demo_reviews import DemoReviewsChecks
from .test_demo_sanction_risk import DemoSanctionRiskChecks
from .test_demo_spreekuur import DemoSpreekuurChecks

TODAY = date(2026, 11, 22)


class DemoCase(TransactionCase):
    """Builds the demo; the checks' setUpClass run after this one (they come before it in
    the class order of TestDemo and call super() first)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.demo = generate_demo(cls.env, today=TODAY, seed=42)

    def ref(self, name):
        return self.env.ref(f"erm_demo.{name}")


@tagged("post_install", "-at_install", "erm_demo")
@freeze_time("2026-11-22 10:00:00")
class TestDemo(DemoBudgetChecks, DemoCareChecks, DemoPortalChecks, DemoPreconditionsChecks,
               DemoProvidersChecks, DemoReviewsChecks, DemoSanctionRiskChecks,
               DemoSpreekuurChecks, DemoCase):
    allow_inherited_tests_method = True  # Odoo's runner: the checks' test methods too
