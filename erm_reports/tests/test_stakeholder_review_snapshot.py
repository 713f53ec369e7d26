# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The agenda of the quarterly stakeholder review with the management figures:
the quarter against the previous quarter and a year earlier, frozen when made, nothing for
a company below the minimum group size, and the PDF with the figures."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import KpiCommon

Q2 = date(2026, 4, 1)  # the review of Q2 discusses the figures of Q1 2026


@tagged("post_install", "-at_install", "erm_reports", "erm_review")
@freeze_time("2026-05-10 10:00:00")
class TestStakeholderReviewSnapshot(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.erm_review_organiser_id = cls.user_hr
        cls.Review = cls.env["erm.stakeholder.review"]

    def make_review(self, start=Q2):
        return self.Review.create({
            "company_id": self.company.id, "date_quarter_start": start,
            "participant_user_ids": [(6, 0, (self.user_board | self.user_coach).ids)],
        })

    def quarter_figures(self):
        return self.Kpi.with_user(self.user_hr).figures(
            date(2026, 1, 1), date(2026, 3, 31), self.company.id)

    def test_figures_frozen(self):
        self.company.erm_min_group_size = 3
        review = self.make_review()
        review.with_user(self.user_hr).action_make_agenda()
        sections = review.snapshot["sections"]
        figures = sections["figures"]
        self.assertEqual(figures["columns"][1:], ["Q1 2026", "Q4 2025", "Q1 2025"])
        expected = self.quarter_figures()
        rate = figures["rows"][0]
        self.assertAlmostEqual(rate[1], expected["verzuimpercentage"])
        self.assertGreater(rate[1], 0)
        self.assertIn("compliance", sections)
        self.assertIn("Verzuimpercentage (%)", review.snapshot_html)
        # a recalculation after the agenda was made does not change it
        self.make_case(self.chris, start=date(2026, 2, 2), recovered=date(2026, 3, 2))
        self.assertNotAlmostEqual(self.quarter_figures()["verzuimpercentage"], rate[1])
        self.assertEqual(review.snapshot["sections"]["figures"]["rows"][0], rate)
        # every participant reads the same snapshot, the board and a coach too
        for user in (self.user_board, self.user_coach):
            self.assertEqual(review.with_user(user).snapshot, review.snapshot)

    def test_small_company_suppressed(self):
        self.assertEqual(self.company.erm_min_group_size, 5)
        self.company.erm_min_group_size = 50
        review = self.make_review()
        review.action_make_agenda()
        sections = review.snapshot["sections"]
        self.assertNotIn("figures", sections)
        self.assertTrue(all(section["suppressed"] and not section["rows"]
                            for section in sections.values()))
        self.assertIn("50", review.snapshot_html)
        self.assertNotIn("<td", review.snapshot_html)

    def test_report_with_figures(self):
        self.company.erm_min_group_size = 3
        review = self.make_review()
        review.action_make_agenda()
        review.write({"minutes": "<p>Afspraak: training voor leidinggevenden.</p>"})
        review.action_mark_held()
        report = self.env.ref("erm_verzuim.action_report_erm_stakeholder_review")
        html, _kind = report._render_qweb_html(report.report_name, review.ids)
        html = html.decode()
        rate = review.with_context(lang="nl_NL")._erm_format_cell(
            review.snapshot["sections"]["figures"]["rows"][0][1])
        self.assertIn(rate, html)
        self.assertIn("Verzuimpercentage (%)", html)
        self.assertIn("Afspraak: training voor leidinggevenden.", html)
        self.assertIn("Verslag", html)  # the report's own texts in Dutch


@tagged("post_install", "-at_install", "erm_reports", "erm_review")
class TestStakeholderReviewPdf(KpiCommon, HttpCase):
    """An HttpCase without a frozen clock: wkhtmltopdf fetches the report's assets from the
    test server, which serves them within the test's transaction (a TransactionCase would
    deadlock on it, and a frozen clock stalls the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.erm_review_organiser_id = cls.user_hr

    def test_pdf(self):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() in ("install", "broken"):
            self.skipTest("wkhtmltopdf is not installed")
        self.company.erm_min_group_size = 3
        review = self.env["erm.stakeholder.review"].create({
            "company_id": self.company.id, "date_quarter_start": Q2,
            "participant_user_ids": [(6, 0, self.user_board.ids)],
        })
        review.action_make_agenda()
        report = self.env.ref("erm_verzuim.action_report_erm_stakeholder_review")
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, review.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
