# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the budget administrator approves one employability budget claim and rejects
another with a reason, in the backend (test_erm_verzuim/static/src/tours/budget_tour.js)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.erm_verzuim.tests.budget_common import INVOICE, ErmBudgetCommon

from .tour_common import ErmTourCase

REASON = "Deze cursus staat niet in de catalogus van de organisatie."


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourBudget(ErmBudgetCommon, ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()  # the budget's company, catalogue and administrator
        (cls.user_budget | cls.user_colleague).write({"lang": "nl_NL", "tz": "Europe/Amsterdam"})
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
