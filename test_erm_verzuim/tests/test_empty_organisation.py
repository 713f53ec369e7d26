# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The first look of an organisation that has just installed the addons into its own Odoo:
no policies, contracts, cases or consultation hours yet. The administrator and the HR officer
open every Verzuim menu item (the settings and the dashboard among them) in the browser: no
error, and every empty list or board says in Dutch what to do first; the HR officer reports a
first case through the sick-report form and sees its deadlines.

It needs that organisation: tools/try_install.py (bin/erm try-install, and the install test
in test_foundation.py) makes it on a database of its own, installs this addon there and runs
this class with ERM_TRY_INSTALL_HR set to the HR officer's login. Elsewhere it skips, and it
is not among the standard tests.
"""
import json
import os
from unittest import SkipTest

from lxml import html

from odoo.tests import HttpCase, tagged

from .test_menu_crawl import CRAWL, FAILURE, SUCCESS, VERZUIM

# the employee of the organisation whom the HR officer reports sick (tools/try_install.py)
EMPLOYEE = "Sanne Jansen"
VIEWS_WITH_RECORDS = {"list", "kanban"}


@tagged("post_install", "-at_install", "-standard", "erm_empty_org")
class TestEmptyOrganisation(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        login = os.environ.get("ERM_TRY_INSTALL_HR")
        if not login:
            raise SkipTest("needs the organisation of tools/try_install.py (bin/erm try-install)")
        cls.hr = cls.env["res.users"].search([("login", "=", login)])
        cls.admin = cls.env.ref("base.user_admin")

    def test_organisation_is_empty(self):
        for model in ("erm.model.policy", "erm.absence.case", "erm.spreekuur.session",
                      "hr.contract"):
            self.assertFalse(self.env[model].search_count([]), model)
        self.assertTrue(self.hr.has_group("erm_verzuim.group_erm_hr"))
        self.assertEqual(self.admin.lang, "nl_NL")

    def test_every_list_says_what_to_do_first(self):
        """Every window action behind a Verzuim menu item that lists records has a help text
        (Odoo shows it while the list is empty), in Dutch."""
        menus = self.env["ir.ui.menu"].with_user(self.admin).search(
            [("id", "child_of", self.env.ref(VERZUIM).id)])
        actions = [menu.action for menu in menus if menu.action
                   and menu.action._name == "ir.actions.act_window"
                   and VIEWS_WITH_RECORDS & set(menu.action.view_mode.split(","))]
        self.assertGreater(len(actions), 10)
        missing = []
        for action in actions:
            english = action.with_context(lang="en_US").help or ""
            dutch = action.with_context(lang="nl_NL").help or ""
            text = html.fromstring(dutch).text_content().strip() if dutch.strip() else ""
            if not text or dutch == english:
                missing.append(f"{action.get_external_id()[action.id]}: {text[:60]!r}")
        self.assertFalse(missing, "actions without a Dutch help text")

    def walk(self, user):
        self.browser_js(
            "/odoo", CRAWL % f'{json.dumps([VERZUIM])}, {{"emptyStates": true}}',
            "odoo.isReady === true", login=user.login, timeout=600, success_signal=SUCCESS,
            error_checker=lambda message: FAILURE in message,
        )

    def test_admin_walks_every_menu(self):
        self.admin.password = self.admin.login
        self.walk(self.admin)

    def test_hr_walks_every_menu(self):
        self.walk(self.hr)

    def test_hr_reports_the_first_case(self):
        employee = self.env["hr.employee"].search([("name", "=", EMPLOYEE)])
        self.assertEqual(len(employee), 1)
        self.start_tour("/odoo", "erm_first_case", login=self.hr.login, timeout=180)
        case = self.env["erm.absence.case"].search([("employee_id", "=", employee.id)])
        self.assertEqual(len(case), 1)
        self.assertLessEqual({"probleemanalyse", "plan_van_aanpak"},
                             set(case.milestone_ids.mapped("code")))
