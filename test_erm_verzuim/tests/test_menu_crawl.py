# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every role of the demo organisation opens every menu item it sees in our apps, every view
of the action behind it and the first record of its list or kanban, in the browser, without
an error dialog (access error, user error or traceback). The same class runs the checks of
tests/test_dutch_rendering.py, so that the demo is built once for both.

The crawl is test_erm_verzuim/static/src/tours/menu_crawl.js; it reports every problem it
meets in one failure, each as "<menu path> (<menu xmlid>): <dialog title> <message>".
"""
import json
import time

from odoo.tests import HttpCase, tagged

from data.demo_history import generate_demo

from .test_dutch_rendering import DutchRenderingChecks

# The apps of our addons: Verzuim (with Spreekuur and Rapportage > Managementinformatie)
# and Inzetbaarheidsbudget.
VERZUIM, BUDGET = "erm_verzuim.menu_erm_root", "erm_verzuim.menu_erm_budget_root"
APPS = (VERZUIM, BUDGET)
CRAWL = "odoo.loader.modules.get('@test_erm_verzuim/tours/menu_crawl').crawl(%s)"
SUCCESS = "erm menu crawl succeeded"
FAILURE = "erm menu crawl found errors"


@tagged("post_install", "-at_install", "erm_tour", "erm_crawl")
class TestDemoInBrowser(DutchRenderingChecks, HttpCase):
    # Odoo's runner skips inherited test methods unless told (odoo/tests/loader.py)
    allow_inherited_tests_method = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        # the demo organisation once for every role: its logins have password = login
        generate_demo(cls.env)
        cls.env.ref("base.user_admin").write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})

    def crawl(self, login, app):
        """Crawls every one of our apps the user sees; he must see his role's app."""
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, login)
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        visible = {menus[menu]["xmlid"] for menu in menus["root"]["children"]}
        apps = [xmlid for xmlid in APPS if xmlid in visible]
        self.assertIn(app, apps, f"{login} sees the app of his role")
        start = time.time()
        self.browser_js(
            "/odoo", CRAWL % json.dumps(apps), "odoo.isReady === true",
            login=login, timeout=600, success_signal=SUCCESS,
            # the crawl reports every problem at its end, in one message
            error_checker=lambda message: FAILURE in message,
        )
        self._logger.info("menu crawl as %s (%s): %.0f s", login, ", ".join(apps),
                          time.time() - start)

    def test_crawl_medewerker(self):
        self.crawl("medewerker", VERZUIM)

    def test_crawl_leidinggevende(self):
        self.crawl("leidinggevende", VERZUIM)

    def test_crawl_hr(self):
        self.crawl("hr", VERZUIM)

    def test_crawl_coach(self):
        self.crawl("coach", VERZUIM)

    def test_crawl_bedrijfsarts(self):
        self.crawl("bedrijfsarts", VERZUIM)

    def test_crawl_directie(self):
        self.crawl("directie", VERZUIM)

    def test_crawl_budgetbeheerder(self):
        self.crawl("budgetbeheerder", BUDGET)

    def test_crawl_beheerder(self):
        self.crawl("beheerder", VERZUIM)

    def test_crawl_admin(self):
        self.crawl("admin", VERZUIM)
