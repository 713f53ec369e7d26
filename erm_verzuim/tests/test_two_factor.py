# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two-factor login for the case roles (domain.md §5): when the company requires it, HR,
company doctors, coaches and managers reach no case before they enabled two-factor
authentication (auth_totp); the employee and the board are not affected."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ErmTestCommon


@tagged("post_install", "-at_install")
class TestTwoFactorCaseRoles(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls.make_case()

    def open_case(self, user):
        """What the Verzuim menu and the case form do: a list, then the form."""
        Case = self.env["erm.absence.case"].with_user(user)
        Case.web_search_read([("id", "=", self.case.id)], {"name": {}})
        return self.case.with_user(user).web_read({"name": {}})

    def test_off_by_default(self):
        company = self.env["res.company"].create({"name": "Nieuw B.V."})
        self.assertFalse(company.erm_two_factor_required)
        self.assertFalse(self.company.erm_two_factor_required)
        self.assertEqual(self.open_case(self.user_manager)[0]["name"], self.case.name)

    def test_required_for_case_roles(self):
        self.company.erm_two_factor_required = True
        manager = self.user_manager
        self.assertFalse(manager.totp_enabled)
        with self.assertRaisesRegex(UserError, "two-factor"):
            self.open_case(manager)
        with self.assertRaises(UserError):
            self.case.with_user(manager).read(["name"])
        with self.assertRaises(UserError):
            self.case.with_user(self.user_hr).export_data(["name"])
        with self.assertRaises(UserError):
            self.env["ir.actions.report"].with_user(self.user_hr)._render_qweb_html(
                "erm_verzuim.action_report_erm_access_overview", self.case.ids)
        # the message is Dutch for a Dutch user
        with self.assertRaisesRegex(UserError, "tweestapsverificatie"):
            self.case.with_user(manager).with_context(lang="nl_NL").read(["name"])
        # with two-factor login enabled he gets in
        manager.sudo().write({"totp_secret": "JBSWY3DPEHPK3PXP"})
        self.assertTrue(manager.totp_enabled)
        self.assertEqual(self.open_case(manager)[0]["name"], self.case.name)

    def test_employee_and_board_unaffected(self):
        self.company.erm_two_factor_required = True
        self.assertEqual(self.open_case(self.user_employee)[0]["name"], self.case.name)
        Case = self.env["erm.absence.case"].with_user(self.user_board)
        Case._erm_check_two_factor()  # the board's role is no case role
        self.assertFalse(Case.search([]))  # and he reads figures, not cases
        for role in ("hr", "doctor", "coach", "manager"):
            with self.subTest(role=role), self.assertRaises(UserError):
                self.env["erm.absence.case"].with_user(
                    getattr(self, f"user_{role}"))._erm_check_two_factor()
