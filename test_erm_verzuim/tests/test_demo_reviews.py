# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quarterly stakeholder reviews of the demo organisation (data/demo_reviews.py), made
by generate_demo: the last four quarters held (three with approved minutes), actions done
and open, and the current quarter's review planned with its meeting and agenda."""

from datetime import date

from data.demo_reviews import generate_reviews

TODAY = date(2026, 11, 22)


class DemoReviewsChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reviews_result = cls.demo["reviews"]
        cls.company = cls.env.ref("erm_demo.company_1")
        cls.reviews = cls.env["erm.stakeholder.review"].search(
            [("company_id", "=", cls.company.id)], order="date_quarter_start")

    def test_five_quarters(self):
        self.assertEqual(self.reviews_result["reviews"], 5)
        self.assertEqual(self.reviews.mapped("date_quarter_start"), [
            date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1),
            date(2026, 10, 1),
        ])
        self.assertEqual(self.reviews.mapped("state"),
                         ["approved", "approved", "approved", "held", "planned"])
        self.assertEqual(set(self.reviews.organiser_id.mapped("login")), {"hr"})
        self.assertTrue(all(self.reviews.mapped("snapshot_html")))
        self.assertTrue(all(self.reviews.mapped("calendar_event_id")))
        held = self.reviews.filtered(lambda r: r.state != "planned")
        self.assertTrue(all(held.mapped("minutes")))
        self.assertTrue(all(len(r.decision_ids) == 2 for r in held))
        self.assertEqual(set(held.filtered(lambda r: r.state == "approved")
                             .approved_user_id.mapped("login")), {"directie"})

    def test_actions_done_and_open_carried_over(self):
        actions = self.reviews.action_activity_ids
        self.assertTrue(actions.filtered(lambda a: not a.active))
        self.assertTrue(actions.filtered("active"))
        planned = self.reviews[-1]
        self.assertEqual(planned.carried_activity_ids, actions.filtered("active"))
        rows = planned.snapshot["sections"]["open_actions"]["rows"]
        self.assertEqual(len(rows), len(planned.carried_activity_ids))

    def test_planned_meeting(self):
        planned = self.reviews[-1]
        event = planned.calendar_event_id
        self.assertGreater(event.start.date(), TODAY)
        self.assertLess(event.start.date(), date(2027, 1, 1))
        self.assertIn(self.ref("review_partner_insurer"), event.partner_ids)
        self.assertIn(self.ref("user_directie").partner_id, event.partner_ids)

    def test_roles_see_their_reviews(self):
        Review = self.env["erm.stakeholder.review"]
        for login in ("directie", "hr", "coach", "leidinggevende", "bedrijfsarts"):
            user = self.ref(f"user_{login}")
            self.assertEqual(len(Review.with_user(user).search(
                [("company_id", "=", self.company.id)])), 5, login)
        other_manager = self.env["res.users"].search(
            [("login", "=like", "leidinggevende.%")], limit=1)
        self.assertFalse(Review.with_user(other_manager).search([]))

    def test_reviews_idempotent(self):
        again = generate_reviews(self.env, today=TODAY)
        self.assertEqual(again, {"reviews": 5, "created": 0})

    def test_board_sees_small_departments_as_the_xlsx_does(self):
        """As directie (board, and head of the department above Financiën and Facilitair,
        whose cases she may not open): the dashboard gives each department the cells the
        XLSX's departments give, "< 5" for the small ones."""
        directie = self.ref("user_directie")
        kpi = self.env["erm.kpi"].with_user(directie).with_context(
            allowed_company_ids=self.company.ids)
        for period in ("last_month", "last_quarter"):
            rows = {row["department_id"]: row for row in kpi.figures_by_department(
                *kpi.period_bounds(period), company_id=self.company.id)}
            for code in ("financien", "facilitair"):
                department = self.ref(f"department_1_{code}")
                data = kpi.dashboard_data(period, self.company.id, department.id)
                self.assertTrue(data["current"]["suppressed"], (period, code))
                self.assertIsNone(data["current"]["nulverzuim"], (period, code))
                self.assertTrue(rows[department.id]["suppressed"], (period, code))
                self.assertFalse(data["can_drill"])
