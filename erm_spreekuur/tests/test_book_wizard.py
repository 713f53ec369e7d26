# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Verzuim > Spreekuur > Book: an employee with an internal user books a preventive
consultation for himself, as himself (the booking rules and record rules apply)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from .employee_side_common import SpreekuurEmployeeSideMixin


@tagged("post_install", "-at_install")
class TestSpreekuurBookWizard(SpreekuurEmployeeSideMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_spreekuur()
        cls.user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Mila Medewerker", "login": "mila_book", "email": "mila@example.com",
            "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(cls.env.ref("erm_verzuim.group_erm_employee").ids)],
        })
        cls.employee = cls._employee("Mila Medewerker", cls.user)
        cls.slots = cls.spreekuur_session.slot_ids.sorted("start")

    def test_book_for_himself(self):
        Wizard = self.env["erm.spreekuur.book.wizard"].with_user(self.user)
        form = Form(Wizard)
        self.assertEqual(form.employee_id, self.employee)
        self.assertIn(self.professional, form.available_professional_ids)
        form.professional_id = self.professional
        self.assertEqual(len(form.available_slot_ids), len(self.slots))
        form.slot_id = self.slots[2]
        wizard = form.save()
        action = wizard.action_book()
        self.assertEqual(action["tag"], "display_notification")
        booking = self.env["erm.spreekuur.booking"].search(
            [("employee_id", "=", self.employee.id)])
        self.assertEqual(
            (booking.slot_id, booking.kind, booking.purpose, booking.state, booking.create_uid),
            (self.slots[2], "preventive", "preventief", "booked", self.user),
        )
        # he sees it as his; the taken slot is no longer offered
        self.assertEqual(
            self.env["erm.spreekuur.booking"].with_user(self.user).search([]), booking)
        self.assertNotIn(self.slots[2], Form(Wizard).available_slot_ids)

    def test_user_without_employee(self):
        other = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Zonder Dossier", "login": "zonder_book",
            "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set(self.env.ref("erm_verzuim.group_erm_employee").ids)],
        })
        wizard = self.env["erm.spreekuur.book.wizard"].with_user(other).create({
            "professional_id": self.professional.id, "slot_id": self.slots[0].id,
        })
        with self.assertRaises(UserError):
            wizard.action_book()
        self.assertEqual(self.slots[0].state, "free")

    def test_menu(self):
        menu = self.env.ref("erm_spreekuur.menu_erm_spreekuur_book")
        action = self.env.ref("erm_spreekuur.erm_spreekuur_book_wizard_action")
        self.assertEqual(menu.action, action)
