# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The XLSX management report, opened with openpyxl."""

import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KpiCommon


@tagged("post_install", "-at_install")
class TestManagementXlsx(KpiCommon):
    def export(self, user, lang="en_US", **values):
        values.setdefault("company_id", self.company.id)
        wizard = self.env["erm.kpi.export.wizard"].with_user(user).create({
            "period": "custom", "date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31),
            **values,
        })
        wizard.action_export()
        # as the web client calls it, with a language in the context
        report = self.env["ir.actions.report"].with_user(user).with_context(lang=lang)
        content, kind = report._render_xlsx(
            "erm_reports.management_xlsx", wizard.ids, {}
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_hr_gets_every_sheet_with_figures_and_chart(self):
        book = self.export(self.user_hr, department_id=self.quality.id)
        self.assertEqual(
            book.sheetnames,
            ["Explanation", "Organisation", "Departments", "Employees", "WvP deadlines", "Trend"],
        )
        group = book["Organisation"]
        self.assertEqual(group["A1"].value, "Group")
        self.assertEqual(group["B1"].value, "Absence rate (%)")
        self.assertEqual(group["A2"].value, "Kwaliteit")
        self.assertAlmostEqual(group["B2"].value, 100 * 23 / 96.7)
        self.assertEqual(group.freeze_panes, "B2")
        employees = book["Employees"]
        names = [row[0].value for row in employees.iter_rows(min_row=2)]
        self.assertEqual(names, ["Anna", "Bram", "Chris", "Dirk"])
        anna = next(employees.iter_rows(min_row=2, max_row=2))
        self.assertAlmostEqual(anna[2].value, 31.0)
        self.assertAlmostEqual(anna[3].value, 7.5)
        self.assertEqual(anna[5].value, 1)
        departments = book["Departments"]
        self.assertEqual(departments["A2"].value, "Kwaliteit")
        trend = book["Trend"]
        self.assertEqual(trend.max_row, 14)
        self.assertEqual(len(trend._charts), 1)
        explanation = book["Explanation"]
        self.assertEqual(explanation["B5"].value, "Kwaliteit")

    def test_board_gets_no_employees_and_suppressed_cells(self):
        book = self.export(self.user_board)  # the whole company
        self.assertNotIn("Employees", book.sheetnames)
        departments = book["Departments"]
        rows = {row[0].value: row[1].value for row in departments.iter_rows(min_row=2)}
        self.assertEqual(rows["Kwaliteit"], "< 5")

    def test_dutch_headers_for_a_dutch_user(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        book = self.export(self.user_hr, lang="nl_NL", department_id=self.quality.id)
        self.assertEqual(book["Toelichting"]["A1"].value, "Verzuimcijfers")
        self.assertEqual(book["Organisatie"]["B1"].value, "Verzuimpercentage (%)")

    def test_period_gives_the_dates_without_the_form(self):
        wizard = self.env["erm.kpi.export.wizard"].with_user(self.user_hr).create({
            "period": "last_month", "company_id": self.company.id,
        })
        self.assertEqual((wizard.date_from, wizard.date_to),
                         self.env["erm.kpi"].period_bounds("last_month"))

    def test_employee_cannot_export(self):
        with self.assertRaises(AccessError):
            self.export(self.user_employee)
