# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget of the demo organisation (data/demo_budget.py), made by
generate_demo: the budget administrator, claims of at least six employees (portaal and
medewerker among them) in every state, and aggregates of the group of six only."""

from datetime import date

from data.demo_budget import generate_budget

TODAY = date(2026, 11, 22)


class DemoBudgetChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.budget_result = cls.demo["budget"]
        cls.claims = cls.env["erm.budget.claim"].search([])

    def test_claims_in_every_state(self):
        self.assertEqual(self.budget_result["claims"], 11)
        self.assertEqual(set(self.claims.mapped("state")),
                         {"draft", "submitted", "approved", "rejected", "paid"})
        self.assertGreaterEqual(len(self.claims.employee_id), 6)
        logins = set(self.claims.employee_id.user_id.mapped("login"))
        self.assertTrue({"portaal", "medewerker"} <= logins)
        self.assertTrue(all(self.claims.mapped("invoice_file")))
        rejected = self.claims.filtered(lambda c: c.state == "rejected")
        self.assertTrue(rejected.reject_reason)

    def test_budget_admin_and_anonymous_aggregates(self):
        admin = self.env.ref("erm_demo.user_budgetbeheerder")
        self.assertTrue(admin.has_group("erm_verzuim.group_erm_budget_admin"))
        self.assertFalse(admin.has_group("erm_verzuim.group_erm_employee"))
        Claim = self.env["erm.budget.claim"]
        # every claim but the drafts, which stay the employee's own until submitted
        self.assertEqual(Claim.with_user(admin).search_count([]),
                         len(self.claims.filtered(lambda c: c.state != "draft")))
        hr = self.env.ref("erm_demo.user_hr")
        self.assertFalse(Claim.with_user(hr).search([]))
        usage = self.env["erm.budget.usage"].with_user(hr).search([])
        self.assertEqual(usage.mapped("employee_count"), [6])
        self.assertEqual(usage.date_quarter, date(2026, 7, 1))

    def test_budget_idempotent(self):
        again = generate_budget(self.env, today=TODAY)
        self.assertEqual(again["created"], 0)
        self.assertEqual(self.env["erm.budget.claim"].search_count([]), len(self.claims))
