# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Base class of the browser tours: the roles of ErmTestCommon as Dutch users in Amsterdam.

A tour (test_erm_verzuim/static/src/tours/<journey>_tour.js) clicks like the role's user
would, in Dutch; the test makes its data and checks the outcome in the database afterwards.
"""
from odoo.tests import HttpCase, tagged

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourCase(ErmTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Tours run in the browser, which reads with the user's own environment: the
        # tracking_disable of the set-up does not reach it, so the chatter is as in production.
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.role_users = (
            cls.user_employee | cls.user_manager | cls.user_hr | cls.user_coach
            | cls.user_doctor | cls.user_board | cls.user_admin
        )
        cls.role_users.write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})
        cls.env.ref("base.user_admin").write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})

    def run_tour(self, tour, user, url="/odoo"):
        """Runs the tour as that user (login = password, as new_test_user sets it)."""
        self.start_tour(url, tour, login=user.login, timeout=180)
