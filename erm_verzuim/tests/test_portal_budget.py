# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget in the portal (/my/verzuim/budget), for an employee with a
portal user and one with an internal user: balance, a claim with its invoice, a claim above
the balance refused, and nobody else's claims."""

import re

from odoo import Command, http
from odoo.tests import HttpCase, tagged

from .budget_common import ErmBudgetCommon

INVOICE = b"%PDF-1.4 factuur"


def shows_amount(text, value):
    """Whether `value` (e.g. "500") shows as an amount in the page, in any language."""
    return bool(re.search(rf"(?<![\d.,]){value}[.,]\d\d(?!\d)", text))


@tagged("post_install", "-at_install", "erm_budget")
class TestPortalBudget(ErmBudgetCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Pim Portaal", "login": "portaal_budget", "password": "portaal_budget",
            "email": "pim@example.com", "lang": "en_US",
            "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
        })
        cls.portal_employee = cls.env["hr.employee"].create({
            "name": "Pim Portaal", "company_id": cls.company.id,
            "user_id": cls.portal_user.id,
        })
        # a colleague's claim: never on anyone else's page
        cls.colleague_claim = cls.make_claim(user=cls.user_colleague, amount=77.0)

    def post_claim(self, amount, **data):
        return self.url_open(
            "/my/verzuim/budget/claim",
            data=dict({"csrf_token": http.Request.csrf_token(self), "amount": amount,
                       "date": "2026-03-01", "service_id": str(self.service.id)}, **data),
            files={"invoice": ("factuur.pdf", INVOICE, "application/pdf")},
        )

    def claims(self, employee):
        return self.Claim.search([("employee_id", "=", employee.id)])

    def test_portal_employee_claims_with_invoice(self):
        self.authenticate("portaal_budget", "portaal_budget")
        page = self.url_open("/my/verzuim/budget")
        self.assertEqual(page.status_code, 200)
        self.assertTrue(shows_amount(page.text, "500"))
        self.assertFalse(shows_amount(page.text, "77"))
        response = self.post_claim("120,50")
        self.assertEqual(response.status_code, 200)
        self.assertIn("message=submitted", response.url)
        claim = self.claims(self.portal_employee)
        self.assertEqual((claim.state, claim.amount), ("submitted", 120.5))
        self.assertEqual(claim.invoice_filename, "factuur.pdf")
        self.assertTrue(claim.invoice_file)
        self.assertTrue(shows_amount(response.text, "379"))
        # above what is left: refused with the rule, nothing created
        response = self.post_claim("400")
        # the rule, in the user's language (the page may be Dutch), with what is left
        self.assertIn("o_erm_budget_error", response.text)
        self.assertTrue(shows_amount(response.text.split("o_erm_budget_error")[1], "379"))
        self.assertEqual(len(self.claims(self.portal_employee)), 1)
        # without an invoice: refused
        response = self.url_open("/my/verzuim/budget/claim", data={
            "csrf_token": http.Request.csrf_token(self), "amount": "10",
            "service_id": str(self.service.id)})
        self.assertIn("o_erm_budget_error", response.text)
        self.assertEqual(len(self.claims(self.portal_employee)), 1)

    def test_portal_claim_names_the_service_provider(self):
        """The budget administrator sees who provided a catalogue service claimed in the
        portal (the form's onchange never runs there)."""
        self.authenticate("portaal_budget", "portaal_budget")
        self.assertIn("message=submitted", self.post_claim("20").url)
        claim = self.claims(self.portal_employee)
        self.assertEqual(claim.service_id, self.service)
        self.assertEqual(claim.with_user(self.user_budget).provider_id, self.provider)

    def test_internal_employee_sees_only_his_own(self):
        self.make_claim(amount=30.0)
        self.authenticate(self.user_employee.login, self.user_employee.login)
        page = self.url_open("/my/verzuim/budget")
        self.assertEqual(page.status_code, 200)
        self.assertTrue(shows_amount(page.text, "30"))
        self.assertFalse(shows_amount(page.text, "77"))
        self.assertTrue(shows_amount(page.text, "470"))
        self.post_claim("20")
        self.assertEqual(len(self.claims(self.employee)), 2)

    def test_no_page_without_employee_or_budget(self):
        self.authenticate(self.user_budget.login, self.user_budget.login)
        self.assertEqual(self.url_open("/my/verzuim/budget").status_code, 404)
        self.company.erm_budget_amount = 0.0
        self.authenticate("portaal_budget", "portaal_budget")
        self.assertEqual(self.url_open("/my/verzuim/budget").status_code, 404)

    def test_home_entry(self):
        self.authenticate("portaal_budget", "portaal_budget")
        self.assertIn('href="/my/verzuim/budget"', self.url_open("/my/home").text)

    def test_prevention_page_links_the_budget(self):
        self.authenticate("portaal_budget", "portaal_budget")
        page = self.url_open("/my/verzuim/prevention")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/my/verzuim/budget"', page.text)
