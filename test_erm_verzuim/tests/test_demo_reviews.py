# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quarterly stakeholder reviews of the demo organisation (data/demo_reviews.py), made
by generate_demo: the last four quarters held (three with approved minutes), actions done
and open, and the current quarter's review planned with its meeting and agenda."""

import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError

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
            # ... and the XLSX she exports for the same period: "< 5" in every cell of both
            wizard = self.env["erm.kpi.export.wizard"].with_user(directie).with_context(
                allowed_company_ids=self.company.ids).create(
                {"period": period, "company_id": self.company.id})
            wizard.action_export()
            content, _kind = self.env["ir.actions.report"].with_user(directie).with_context(
                lang="en_US", allowed_company_ids=self.company.ids)._render_xlsx(
                "erm_reports.management_xlsx", wizard.ids, {})
            sheet = openpyxl.load_workbook(io.BytesIO(content))["Departments"]
            cells = {row[0].value: [cell.value for cell in row[1:]]
                     for row in sheet.iter_rows(min_row=2)}
            for code in ("financien", "facilitair"):
                name = self.ref(f"department_1_{code}").name
                rows = [row for key, row in cells.items() if str(key).endswith(name)]
                self.assertEqual(len(rows), 1, (period, code, list(cells)))
                values = [value for value in rows[0] if value not in (None, "")]
                self.assertTrue(values, (period, code))
                self.assertTrue(all(value == "< 5" for value in values), (period, code, values))

    def test_manager_derives_no_safety_net(self):
        """As leidinggevende: no figure tells which of his employees is a safety-net case
        (the demo's Gerda de Haan): the analysis has no split he can read, the dashboard's
        absence rate without safety net and the safety-net report in its compliance are
        left out, and he finds neither the safety-net record, nor its milestone, nor its
        activity."""
        manager = self.ref("user_leidinggevende")
        vangnet_cases = self.env["erm.absence.case.vangnet"].search(
            [("vangnet", "=", True), ("company_id", "=", self.company.id)]).case_id
        self.assertTrue(vangnet_cases)
        Report = self.env["erm.absence.report"].with_user(manager).with_context(
            allowed_company_ids=self.company.ids)
        self.assertTrue(Report.search_count([]))
        self.assertNotIn("sick_days_excl_vangnet", Report.fields_get())
        self.assertNotIn("verzuimpercentage_excl_vangnet", Report.fields_get())
        with self.assertRaises(AccessError):
            Report.read_group([], ["sick_days_excl_vangnet:sum"], ["employee_id"])
        kpi = self.env["erm.kpi"].with_user(manager).with_context(
            allowed_company_ids=self.company.ids)
        for period in ("last_month", "last_quarter", "year"):
            data = kpi.dashboard_data(period, self.company.id, None)
            self.assertIsNone(data["current"]["verzuimpercentage_excl_vangnet"], period)
            self.assertNotIn("uwv_vangnet", [row["code"] for row in data["compliance"]])
        for model in ("erm.absence.case.vangnet", "erm.wvp.milestone", "mail.activity"):
            Model = self.env[model].with_user(manager).with_context(
                allowed_company_ids=self.company.ids)
            domain = {
                "erm.absence.case.vangnet": [("vangnet", "=", True)],
                "erm.wvp.milestone": [("code", "=", "uwv_vangnet")],
                "mail.activity": [("erm_milestone_id.code", "=", "uwv_vangnet")],
            }[model]
            mine = self.env[model].search(domain).filtered(
                lambda r: manager in r.sudo().mapped("case_id.procesbewaker_user_id")
                if "case_id" in r._fields else manager == r.user_id)
            self.assertEqual(Model.search(domain), mine.with_user(manager), model)
