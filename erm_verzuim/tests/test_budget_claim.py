# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget's claim flow, limits and balance (domain.md §5)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .budget_common import ErmBudgetCommon


@tagged("post_install", "-at_install", "erm_budget")
@freeze_time("2026-11-22 10:00:00")
class TestBudgetClaim(ErmBudgetCommon):
    def balance(self, employee=None, year=2026):
        return self.Claim.with_user(self.user_employee)._erm_budget_balance(
            employee or self.employee, year)

    def test_flow_submit_approve_pay(self):
        claim = self.make_claim(amount=120.0)
        self.assertEqual(claim.state, "submitted")
        self.assertEqual(claim.company_id, self.company)
        self.assertEqual(claim.service_kind, "loopbaancoach")
        self.assertEqual(self.balance()["available"], 380.0)
        as_admin = claim.with_user(self.user_budget)
        as_admin.action_approve()
        as_admin.action_paid()
        self.assertEqual(claim.state, "paid")
        self.assertEqual(self.balance()["spent"], 120.0)

    def test_reject_needs_a_reason_and_frees_the_budget(self):
        claim = self.make_claim(amount=200.0).with_user(self.user_budget)
        with self.assertRaisesRegex(UserError, "reason"):
            claim.action_reject()
        claim.reject_reason = "Geen factuur van een erkende aanbieder."
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")
        self.assertEqual(self.balance()["available"], 500.0)
        # the employee alone is told, with the reason
        message = claim.message_ids.filtered(lambda m: "rejected" in (m.body or ""))
        self.assertEqual(message.partner_ids, self.user_employee.partner_id)

    def test_claim_above_the_balance_is_refused(self):
        self.make_claim(amount=450.0)
        with self.assertRaisesRegex(UserError, "above your remaining employability budget"):
            self.make_claim(amount=60.0)
        self.make_claim(amount=50.0)  # exactly what is left
        self.assertEqual(self.balance()["available"], 0.0)

    def test_only_the_budget_admin_decides(self):
        claim = self.make_claim().with_user(self.user_employee)
        for action in (claim.action_approve, claim.action_paid, claim.action_reject):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            claim.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.Claim.with_user(self.user_employee).create({
                "employee_id": self.employee.id, "amount": 10.0, "state": "paid",
                "service_id": self.service.id,
            })

    def test_drafts_are_the_employees_own(self):
        """A draft is not shown to the budget administrator until it is submitted."""
        draft = self.make_claim(amount=40.0, submit=False)
        submitted = self.make_claim(amount=50.0)
        as_admin = self.Claim.with_user(self.user_budget)
        self.assertEqual(as_admin.search([("id", "in", (draft | submitted).ids)]), submitted)
        with self.assertRaises(AccessError):
            draft.with_user(self.user_budget).read(["amount"])
        # the employee keeps seeing and changing it
        as_employee = draft.with_user(self.user_employee)
        self.assertEqual(self.Claim.with_user(self.user_employee).search(
            [("id", "=", draft.id)]), draft)
        as_employee.write({"amount": 45.0})
        as_employee.action_submit()
        self.assertIn(draft, as_admin.search([]))

    def test_catalogue_service_names_its_provider(self):
        claim = self.make_claim(submit=False)
        self.assertEqual(claim.provider_id, self.provider)

    def test_title_in_the_users_date_format(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        claim = self.make_claim(date=date(2026, 11, 2)).with_context(lang="nl_NL")
        self.assertIn("02-11-2026", claim.display_name)
        self.assertNotIn("2026-11-02", claim.display_name)

    def test_submitted_claim_is_locked_for_the_employee(self):
        claim = self.make_claim().with_user(self.user_employee)
        with self.assertRaisesRegex(UserError, "no longer be changed"):
            claim.write({"amount": 1.0})

    def test_no_claim_for_another_employee(self):
        with self.assertRaises(AccessError):
            self.Claim.with_user(self.user_employee).create({
                "employee_id": self.colleague.id, "amount": 10.0,
                "service_id": self.service.id,
            })
        with self.assertRaises(AccessError):
            self.Claim.with_user(self.user_employee)._erm_budget_balance(self.colleague)

    def test_qualifying_services(self):
        with self.assertRaisesRegex(ValidationError, "prevention"):
            self.make_claim(service_id=self.absence_service.id)
        with self.assertRaisesRegex(ValidationError, "catalogue"):
            self.make_claim(service_id=False, provider_name="Sportschool", description="Fitness")
        self.company.erm_budget_services = "free"
        claim = self.make_claim(service_id=False, provider_name="Sportschool",
                                description="Fitnessabonnement")
        self.assertEqual(claim.service_kind, "other")
        with self.assertRaisesRegex(ValidationError, "describe"):
            self.make_claim(service_id=False, provider_name="Sportschool")

    def test_proration_by_part_time_factor_and_departure(self):
        self.company.erm_budget_prorate = True
        self.company.resource_calendar_id.full_time_required_hours = 40.0
        half = self.env["resource.calendar"].create({
            "name": "20 uur", "company_id": self.company.id,
            "attendance_ids": [(0, 0, {"name": f"dag {day}", "dayofweek": str(day),
                                       "hour_from": 8.0, "hour_to": 12.0,
                                       "day_period": "morning"}) for day in range(5)],
        })
        self.employee.resource_calendar_id = half
        self.assertEqual(self.balance()["entitlement"], 250.0)
        self.employee.departure_date = date(2026, 6, 15)
        self.assertEqual(self.balance()["entitlement"], 125.0)
        self.company.erm_budget_prorate = False
        self.assertEqual(self.balance()["entitlement"], 500.0)

    def test_carry_over_one_year(self):
        self.make_claim(amount=100.0, date=date(2025, 3, 1)).with_user(
            self.user_budget).action_approve()
        self.assertEqual(self.balance()["available"], 500.0)
        self.company.erm_budget_carry_over = True
        # employed for years: 2025's claim was paid from what 2024 carried (first in, first
        # out), so 2025's own 500 carries into 2026, and only one year's worth
        result = self.balance()
        self.assertEqual((result["carried"], result["available"]), (500.0, 1000.0))
        self.make_claim(amount=700.0)  # 500 of the carry, 200 of 2026's own
        self.assertEqual(self.balance()["available"], 300.0)
        self.assertEqual(self.balance(year=2027)["carried"], 300.0)
        self.assertEqual(self.balance(year=2028)["carried"], 500.0)  # 2026's is gone

    def test_usage_aggregates_suppress_small_groups(self):
        self.company.erm_budget_services = "free"
        Employee = self.env["hr.employee"]
        staff = Employee.create([
            {"name": f"Medewerker {n}", "company_id": self.company.id} for n in range(6)
        ])
        for n, employee in enumerate(staff):
            self.Claim.create({
                "employee_id": employee.id, "amount": 100.0, "service_id": self.service.id,
                "date": date(2026, 2, 1), "state": "approved",
            })
            if n < 4:  # only four used another kind in that quarter: suppressed
                self.Claim.create({
                    "employee_id": employee.id, "amount": 40.0, "date": date(2026, 2, 2),
                    "provider_name": "Sportschool", "description": "Fitness",
                    "state": "paid",
                })
        self.env.flush_all()
        Usage = self.env["erm.budget.usage"].with_user(self.user_hr)
        rows = Usage.search([("company_id", "=", self.company.id)])
        self.assertEqual(rows.mapped("service_kind"), ["loopbaancoach"])
        self.assertEqual((rows.employee_count, rows.amount, rows.claim_count), (6, 600.0, 6))
        with self.assertRaises(AccessError):
            self.env["erm.budget.usage"].with_user(self.user_manager).search([])
        # the quarterly review's agenda: aggregates only
        section = self.env["erm.stakeholder.review"]._erm_snapshot_budget(
            self.company, date(2026, 1, 1))
        # no total: with the group of four it would show that group by difference
        self.assertEqual([row[2] for row in section["rows"]], [6])
        self.Claim.search([("service_kind", "=", "other")]).state = "rejected"
        section = self.env["erm.stakeholder.review"]._erm_snapshot_budget(
            self.company, date(2026, 1, 1))
        self.assertEqual([row[0] for row in section["rows"]][-1], "Total")
        self.assertNotIn("Medewerker", str(section))
