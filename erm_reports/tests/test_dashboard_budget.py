# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget's use on the dashboard: amount and uptake of the
period for HR and the board, company-wide only, and only the fact that it was used when
fewer than five employees used it."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.erm_verzuim.engine.aggregate_guard import DEFAULT_MINIMUM as MIN_GROUP

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestDashboardBudget(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Claim = cls.env["erm.budget.claim"]
        cls.company.write({"erm_budget_amount": 500.0, "erm_budget_services": "free"})
        cls.people = cls.anna | cls.bram | cls.chris | cls.dirk | cls.employee | cls.colleague

    def claims(self, employees, state="paid", day=date(2026, 2, 10), amount=100.0):
        # as the superuser: the claim flow itself is tested in erm_verzuim
        return self.Claim.create([{
            "employee_id": employee.id, "amount": amount, "date": day, "state": state,
            "provider_name": "Loopbaanpraktijk Rijnland", "description": "Loopbaangesprek",
        } for employee in employees])

    def budget(self, user, department=None):
        return self.Kpi.with_user(user)._erm_budget(
            self.company, date(2026, 1, 1), date(2026, 3, 31), 20,
        ) if department is None else self.Kpi.with_user(user).dashboard_data(
            period="last_quarter", company_id=self.company.id, department_id=department.id,
        )["budget"]

    def test_totals_for_hr_and_board(self):
        self.claims(self.people[:MIN_GROUP])
        self.claims(self.people[:1], amount=50.0)
        self.claims(self.people[5:6], state="rejected")  # not spent
        self.claims(self.people[5:6], day=date(2026, 4, 2))  # another quarter
        for user in (self.user_hr, self.user_board):
            data = self.budget(user)
            self.assertEqual(data["employees"], MIN_GROUP)
            self.assertEqual(data["amount"], 100.0 * MIN_GROUP + 50.0)
            self.assertAlmostEqual(data["uptake_pct"], 100.0 * MIN_GROUP / 20)
        for user in (self.user_manager, self.user_coach, self.user_doctor, self.user_employee):
            self.assertFalse(self.budget(user), user.login)

    def test_small_group_not_shown(self):
        self.claims(self.people[:MIN_GROUP - 1])
        data = self.budget(self.user_hr)
        self.assertTrue(data["suppressed"])
        self.assertNotIn("amount", data)
        self.assertNotIn("employees", data)

    def test_not_per_department(self):
        self.claims(self.people[:MIN_GROUP])
        self.assertFalse(self.budget(self.user_hr, department=self.quality))
