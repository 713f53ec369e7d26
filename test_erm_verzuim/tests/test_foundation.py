# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The foundation: groups, menus and settings exist, and the three addons install and
uninstall cleanly together on a database of their own."""

import logging
import os
import subprocess
import sys
import uuid

from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import BaseCase, TransactionCase

ROLE_GROUPS = {
    "group_erm_employee": "Medewerker",
    "group_erm_manager": "Leidinggevende",
    "group_erm_hr": "HR-adviseur",
    "group_erm_coach": "Verzuimcoach",
    "group_erm_doctor": "Bedrijfsarts",
    "group_erm_board": "Directie",
    "group_erm_admin": "Beheerder",
}
ADDONS = ("erm_verzuim", "erm_spreekuur", "erm_reports")
_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install", "erm_foundation")
class TestFoundation(TransactionCase):
    def test_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)
        for module in modules:
            self.assertTrue(module.latest_version.startswith("18.0."), module.name)
        deps = {
            "erm_verzuim": {"hr", "mail", "hr_holidays", "hr_skills"},
            "erm_spreekuur": {"erm_verzuim", "calendar"},
            "erm_reports": {"erm_verzuim", "hr_contract"},
        }
        for module in modules:
            self.assertLessEqual(deps[module.name], set(module.dependencies_id.mapped("name")))

    def test_groups_in_category(self):
        category = self.env.ref("erm_verzuim.module_category_verzuim")
        self.assertEqual(category.name, "Verzuim")
        for xmlid, name in ROLE_GROUPS.items():
            group = self.env.ref(f"erm_verzuim.{xmlid}")
            self.assertEqual(group.name, name)
            self.assertEqual(group.category_id, category)
        employee = self.env.ref("erm_verzuim.group_erm_employee")
        for xmlid in ROLE_GROUPS:
            group = self.env.ref(f"erm_verzuim.{xmlid}")
            self.assertIn(employee, group | group.trans_implied_ids, xmlid)
        admin = self.env.ref("erm_verzuim.group_erm_admin")
        self.assertIn(self.env.ref("erm_verzuim.group_erm_hr"), admin.trans_implied_ids)

    def test_menus(self):
        root = self.env.ref("erm_verzuim.menu_erm_root")
        self.assertEqual(root.name, "Verzuim")
        self.assertFalse(root.parent_id)
        self.assertEqual(root.web_icon, "erm_verzuim,static/description/icon.png")
        Menu = self.env["ir.ui.menu"].with_context(**{"ir.ui.menu.full_list": True})
        children = Menu.search([("id", "child_of", root.id)])
        xmlids = set(children.get_external_id().values())
        for xmlid in ("erm_verzuim.menu_erm_cases", "erm_verzuim.menu_erm_case_list",
                      "erm_verzuim.menu_erm_config", "erm_verzuim.menu_erm_settings",
                      "erm_spreekuur.menu_erm_spreekuur",
                      "erm_reports.menu_erm_management_info"):
            self.assertIn(xmlid, xmlids)
        # every action behind the menus opens without error
        for menu in children.filtered("action"):
            self.assertTrue(menu.action.exists(), menu.complete_name)

    def test_settings_section(self):
        arch = self.env["res.config.settings"].get_view(view_type="form")["arch"]
        app = etree.fromstring(arch).xpath("//app[@name='erm_verzuim']")
        self.assertEqual(len(app), 1)
        self.assertEqual(app[0].get("string"), "Verzuim")

    def test_icons_exist(self):
        for addon in ADDONS:
            path = os.path.join(os.path.dirname(__file__), "..", "..", addon, "static",
                                "description", "icon.png")
            with open(path, "rb") as icon:
                self.assertEqual(icon.read(8), b"\x89PNG\r\n\x1a\n")


@tagged("post_install", "-at_install", "erm_foundation", "erm_slow", "erm_lifecycle")
class TestInstallUninstall(BaseCase):
    """tools/try_install.py (bin/erm try-install) on a database of its own: the three addons
    installed one by one through Apps into an existing Odoo without demo data, the empty
    organisation walked in the browser, a first case, a backup restored under a new name
    that passes the alert job without duplicates, the uninstall with nothing left behind and
    Odoo's own menus, employee form and Time Off afterwards. A subprocess, since installing a
    module reloads the registry (Odoo forbids it inside a test)."""

    def test_install_into_existing_odoo_backup_restore_and_uninstall(self):
        if not os.environ.get("ERM_CONF"):
            self.skipTest("run through bin/erm test, which exports ERM_CONF")
        db = f"erm_try_{uuid.uuid4().hex[:8]}"
        script = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "try_install.py")
        res = subprocess.run([sys.executable, script, db], capture_output=True, text=True,
                             timeout=1500, check=False)
        self.assertEqual(res.returncode, 0, res.stdout[-6000:] + res.stderr[-3000:])
        for step in range(1, 7):
            self.assertIn(f"[try-install] {step}. ", res.stdout)
        self.assertIn("[try-install] all steps passed", res.stdout)
        _logger.info("install, backup, restore, uninstall:\n%s", res.stdout)
