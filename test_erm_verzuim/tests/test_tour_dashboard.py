# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: HR opens *Rapportage > Managementinformatie > Dashboard*, chooses a department and
downloads its XLSX from the dashboard; the board (directie) sees the same dashboard with
aggregates only and "< 5" for a department of two.

The browser cannot read a download: afterwards the test renders the XLSX the tour asked for
(the export wizard HR filled in) through the same report action, as HR and as the board,
and reads its cells."""

import io
from datetime import timedelta

import openpyxl

from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourDashboard(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # last month as the users in Amsterdam see it
        cls.date_from, cls.date_to = cls.env["erm.kpi"].with_context(
            tz="Europe/Amsterdam").period_bounds("last_month")
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.noord = Department.create({"name": "Thuiszorg Noord", "company_id": cls.company.id})
        cls.staf = Department.create({"name": "Staf", "company_id": cls.company.id})
        noord = Employee.create([
            {"name": f"Noord {index}", "company_id": cls.company.id,
             "department_id": cls.noord.id}
            for index in range(1, 7)
        ])
        staf = Employee.create([
            {"name": f"Staf {index}", "company_id": cls.company.id,
             "department_id": cls.staf.id}
            for index in range(1, 3)
        ])
        # Noord: six people, one of them sick (100 %) the whole month: 1/6 = 16,7 %.
        cls.make_case(noord[0], start=cls.date_from - timedelta(days=10))
        # Staf: two people, one sick for five days in the month.
        cls.make_case(staf[0], start=cls.date_from + timedelta(days=2),
                      recovered=cls.date_from + timedelta(days=7))
        # Zorg (the common department) has three people: 11 in the company, so the board
        # sees the company and Noord (11 - 6 = 5 is no small group either), not Staf or Zorg.

    def render_xlsx(self, user, wizard=None, **values):
        """The workbook of the export wizard, rendered as the web client's download does."""
        if wizard is None:
            wizard = self.env["erm.kpi.export.wizard"].with_user(user).create({
                "period": "last_month", "date_from": self.date_from, "date_to": self.date_to,
                "company_id": self.company.id, **values,
            })
        wizard = wizard.with_user(user)
        action = wizard.with_context(lang="nl_NL").action_export()
        self.assertEqual(action["report_name"], "erm_reports.management_xlsx")
        content, kind = self.env["ir.actions.report"].with_user(user).with_context(
            lang="nl_NL", allowed_company_ids=self.company.ids,
        )._render_xlsx(action["report_name"], wizard.ids, {})
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    @staticmethod
    def rows(sheet):
        return {row[0].value: [cell.value for cell in row[1:]]
                for row in sheet.iter_rows(min_row=2) if row[0].value}

    def test_hr_filters_a_department_and_downloads_its_xlsx(self):
        self.run_tour("erm_dashboard", self.user_hr)
        # the wizard the dashboard's export button opened, as HR filled it in
        wizard = self.env["erm.kpi.export.wizard"].search(
            [("create_uid", "=", self.user_hr.id)], order="id desc", limit=1,
        )
        self.assertTrue(wizard, "the tour did not export from the dashboard")
        self.assertEqual(wizard.department_id, self.noord)
        self.assertEqual(wizard.period, "last_month")
        self.assertEqual((wizard.date_from, wizard.date_to), (self.date_from, self.date_to))
        book = self.render_xlsx(self.user_hr, wizard)
        self.assertEqual(book.sheetnames, [
            "Toelichting", "Organisatie", "Afdelingen", "Medewerkers", "WvP-termijnen",
            "Verloop",
        ])
        group = book["Organisatie"]
        self.assertEqual(group["A2"].value, "Thuiszorg Noord")
        self.assertAlmostEqual(group["B2"].value, 100 / 6)
        self.assertEqual(book["Toelichting"]["B5"].value, "Thuiszorg Noord")
        # HR reads the people behind the figures
        employees = self.rows(book["Medewerkers"])
        self.assertEqual(len(employees), 6)
        self.assertEqual(employees["Noord 1"][0], "Thuiszorg Noord")
        self.assertAlmostEqual(employees["Noord 1"][3], 100.0)  # sick all month
        self.assertAlmostEqual(employees["Noord 2"][3], 0.0)

    def test_board_sees_aggregates_and_a_small_department_below_five(self):
        self.run_tour("erm_dashboard_board", self.user_board)
        # the export dialog of the menu, filled in by the board for Staf
        wizard = self.env["erm.kpi.export.wizard"].search(
            [("create_uid", "=", self.user_board.id)], order="id desc", limit=1)
        self.assertEqual(wizard.department_id, self.staf)
        # the same board in the XLSX of the whole company: no people, small groups "< 5"
        book = self.render_xlsx(self.user_board)
        self.assertNotIn("Medewerkers", book.sheetnames)
        departments = self.rows(book["Afdelingen"])
        self.assertEqual(set(departments["Staf"][:7]), {"< 5"})
        self.assertEqual(set(departments["Zorg"][:7]), {"< 5"})
        self.assertAlmostEqual(departments["Thuiszorg Noord"][0], 100 / 6)
        self.assertEqual(departments["Thuiszorg Noord"][6], 6)  # headcount
        company = self.rows(book["Organisatie"])["Zorggroep Test B.V."]
        self.assertIsInstance(company[0], float)
        # the small department the board exported through the menu: every figure "< 5"
        book = self.render_xlsx(self.user_board, wizard)
        self.assertEqual(set(self.rows(book["Organisatie"])["Staf"][:8]), {"< 5"})
        self.assertNotIn("Medewerkers", book.sheetnames)
