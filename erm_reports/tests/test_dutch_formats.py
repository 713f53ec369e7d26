# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The management information the Dutch way: the quarterly review's agenda, the
dashboard's data and the XLSX show dates as dd-mm-jjjj (never ISO) and amounts with the
company's currency symbol."""

import io
import re
from datetime import date

import openpyxl
from freezegun import freeze_time
from lxml import etree

from odoo.tests import tagged
from odoo.tools import file_path, html2plaintext
from odoo.tools.safe_eval import safe_eval, time

from .common import KpiCommon

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@tagged("post_install", "-at_install", "erm_reports", "erm_locale")
class TestDutchFormats(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        euro = cls.env.ref("base.EUR")
        euro.active = True
        cls.company.currency_id = euro
        cls.company.erm_min_group_size = 3  # the smallest the guard allows
        cls.company.erm_review_organiser_id = cls.user_hr
        cls.nl = {"lang": "nl_NL", "tz": "Europe/Amsterdam"}

    def assert_no_iso(self, text, where):
        self.assertFalse(ISO_DATE.search(text or ""), f"{where}: an ISO date in {text!r}")

    @freeze_time("2026-05-10 10:00:00")
    def test_review_agenda(self):
        Review = self.env["erm.stakeholder.review"].with_context(**self.nl)
        earlier = Review.create({
            "company_id": self.company.id, "date_quarter_start": date(2026, 1, 1),
            "participant_user_ids": [(6, 0, self.user_board.ids)],
        })
        earlier._erm_add_action("Cijfers bespreken", self.user_hr, date(2026, 3, 20))
        review = Review.create({
            "company_id": self.company.id, "date_quarter_start": date(2026, 4, 1),
            "participant_user_ids": [(6, 0, self.user_board.ids)],
        })
        review.with_user(self.user_hr).with_context(**self.nl).action_make_agenda()
        html = str(review.snapshot_html)
        text = html2plaintext(html)
        self.assert_no_iso(text, "agenda")
        self.assertIn("(01-01-2026 - 31-03-2026)", text)
        self.assertNotIn("B.V..", text)  # the company is "Zorggroep Test B.V."
        self.assertIn("Zorggroep Test B.V.: alleen totalen.", text)
        self.assertIn("20-03-2026", text, "the open action's deadline")
        cost = next(row for row in review.snapshot["sections"]["figures"]["rows"]
                    if row[0] == "Schadelast")
        self.assertTrue(all("€" in cell for cell in cost[1:] if cell is not None), cost)
        # the time it was made: today, without seconds
        arch = self.env["erm.stakeholder.review"].get_view(view_type="form")["arch"]
        self.assertRegex(arch, r'name="date_snapshot"[^>]*show_seconds')
        self.assertEqual(review.date_snapshot.date(), date(2026, 5, 10))

    @freeze_time("2026-12-07 10:00:00")
    def test_dashboard_data(self):
        data = self.Kpi.with_user(self.user_hr).with_context(**self.nl).dashboard_data(
            "last_month", company_id=self.company.id)
        self.assertEqual(data["period"]["label"], "01-11-2026 - 30-11-2026")
        self.assertEqual(data["currency_symbol"], "€")
        self.assertEqual(data["currency_position"], self.company.currency_id.position)

    def test_xlsx_period_and_file_name(self):
        wizard = self.env["erm.kpi.export.wizard"].with_user(self.user_hr).with_context(
            **self.nl).create({
                "period": "custom", "date_from": date(2026, 11, 1),
                "date_to": date(2026, 11, 30), "company_id": self.company.id,
            })
        report = self.env.ref("erm_reports.erm_management_xlsx")
        name = safe_eval(report.print_report_name, {"object": wizard, "time": time})
        self.assertEqual(name, "Verzuimcijfers 01-11-2026_30-11-2026")
        content, _kind = self.env["ir.actions.report"].with_user(self.user_hr).with_context(
            **self.nl)._render_xlsx("erm_reports.management_xlsx", wizard.ids, {})
        sheet = openpyxl.load_workbook(io.BytesIO(content))["Toelichting"]
        rows = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
        self.assertEqual(rows["Periode"], "01-11-2026 - 30-11-2026")
        for label, value in rows.items():
            if isinstance(value, str):
                self.assert_no_iso(value, label)

    def test_dashboard_template_keeps_spaces(self):
        """OWL drops whitespace that holds a line break: a value followed by a line break
        and a word in an element reads "18toepasselijke" on screen. A value and the word
        after it stay on one line."""
        path = file_path("erm_reports/static/src/dashboard/erm_dashboard.xml")
        tree = etree.parse(path)
        for node in tree.iter():
            if not isinstance(node.tag, str) or not (
                    node.get("t-esc") or node.get("t-out")):
                continue
            following = node.getnext()
            tail = node.tail or ""
            glued = (following is not None and not tail.strip() and "\n" in tail
                     and following.tag in ("span", "strong", "t", "em")
                     and not following.get("t-if"))
            self.assertFalse(glued, f"line {node.sourceline}: a value glued to the next word")
