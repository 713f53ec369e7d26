# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the budget administrator approves one employability budget claim and rejects
another with a reason, in the backend (test_erm_verzuim/static/src/tours/budget_tour.js)."""
import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .tour_common import ErmTourCase

INVOICE = base64.b64encode(b"%PDF-1.4 factuur")
REASON = "Deze cursus staat niet in de catalogus van de organisatie."


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourBudget(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"erm_budget_amount": 500.0, "erm_budget_services": "catalogue"})
        companies = cls.company | cls.company_2
        cls.user_budget = new_test_user(
            cls.env, login="erm_budget", groups="erm_verzuim.group_erm_budget_admin",
            company_id=cls.company.id, company_ids=[Command.set(companies.ids)],
            name="Bea Budget", lang="nl_NL", tz="Europe/Amsterdam",
        )
        cls.user_colleague = new_test_user(
            cls.env, login="erm_colleague", groups="erm_verzuim.group_erm_employee",
            company_id=cls.company.id, company_ids=[Command.set(companies.ids)],
            name="Fatima El Amrani", lang="nl_NL",
        )
        cls.colleague.user_id = cls.user_colleague
        partner = cls.env["res.partner"].create({"name": "Loopbaanpraktijk Rijnland"})
        cls.provider = cls.env["erm.provider"].create({
            "partner_id": partner.id, "kind": "loopbaancoach", "company_id": cls.company.id,
        })
        cls.service = cls.env["erm.provider.service"].create({
            "provider_id": cls.provider.id, "name": "Loopbaangesprek", "phase": "prevention",
            "price": 150.0,
        })
        day = fields.Date.context_today(cls.user_budget) - timedelta(days=3)

        def claim(user, employee, amount, submit=True):
            # filed as the employee does, without naming the provider himself
            record = cls.env["erm.budget.claim"].with_user(user).create({
                "employee_id": employee.id, "amount": amount, "date": day,
                "service_id": cls.service.id, "invoice_file": INVOICE,
                "invoice_filename": "factuur.pdf",
            })
            if submit:
                record.action_submit()
            return record.with_user(cls.env.user)

        cls.to_approve = claim(cls.user_employee, cls.employee, 150.0)
        cls.to_reject = claim(cls.user_colleague, cls.colleague, 120.0)
        cls.draft = claim(cls.user_employee, cls.employee, 80.0, submit=False)

    def test_budget_admin_approves_and_rejects(self):
        self.run_tour("erm_budget", self.user_budget)
        self.assertEqual(self.to_approve.state, "approved")
        self.assertEqual(self.to_reject.state, "rejected")
        self.assertEqual(self.to_reject.reject_reason, REASON)
        self.assertEqual(self.draft.state, "draft")
        # each employee alone is told, the rejected one with the reason
        told = self.to_reject.message_ids.filtered(
            lambda m: self.user_colleague.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn(REASON, told.body)
        self.assertTrue(self.to_approve.message_ids.filtered(
            lambda m: self.user_employee.partner_id in m.partner_ids))
