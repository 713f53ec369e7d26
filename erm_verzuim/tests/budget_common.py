# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the employability budget tests: a company with a yearly budget, a prevention
service in the catalogue, the budget administrator and a second employee user."""

import base64

from odoo.tests import new_test_user

from .common import ErmTestCommon

INVOICE = base64.b64encode(b"%PDF-1.4 factuur loopbaancoach")


class ErmBudgetCommon(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"erm_budget_amount": 500.0, "erm_budget_services": "catalogue"})
        companies = cls.company | cls.company_2
        cls.user_budget = new_test_user(
            cls.env, login="erm_budget", groups="erm_verzuim.group_erm_budget_admin",
            company_id=cls.company.id, company_ids=[(6, 0, companies.ids)],
            name="Budget Beheerder",
        )
        cls.user_colleague = new_test_user(
            cls.env, login="erm_colleague", groups="erm_verzuim.group_erm_employee",
            company_id=cls.company.id, company_ids=[(6, 0, companies.ids)],
            name="Fatima El Amrani",
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
        cls.absence_service = cls.env["erm.provider.service"].create({
            "provider_id": cls.provider.id, "name": "Re-integratiecoaching",
            "phase": "first_track", "price": 900.0,
        })
        cls.Claim = cls.env["erm.budget.claim"]

    @classmethod
    def make_claim(cls, user=None, amount=100.0, submit=True, **vals):
        """A claim filed by `user` (default the employee) for his own employee."""
        user = user or cls.user_employee
        employee = cls.env["hr.employee"].search([("user_id", "=", user.id)], limit=1)
        vals = dict({"service_id": cls.service.id, "invoice_file": INVOICE,
                     "invoice_filename": "factuur.pdf"}, **vals)
        claim = cls.Claim.with_user(user).create(dict(vals, employee_id=employee.id,
                                                      amount=amount))
        if submit:
            claim.action_submit()
        return claim.with_user(cls.env.user)
