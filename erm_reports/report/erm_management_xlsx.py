# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The XLSX management report: definitions, the group, its departments, its employees
(only for whom may read them), and the 13-month trend with a line chart.

Written row by row in xlsxwriter's constant_memory mode, so a report of 100,000 employees
keeps a flat memory use."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import models

from odoo.addons.erm_verzuim.engine.milestones import _lt
from odoo.addons.erm_verzuim.models.erm_format import fmt_period

# the column headers: English sources marked for extraction, translated where written
FIGURES = (
    ("verzuimpercentage", _lt("Absence rate (%)"), "pct"),
    ("verzuimpercentage_excl_vangnet", _lt("Absence rate without safety net (%)"), "pct"),
    ("meldingsfrequentie", _lt("Report frequency"), "num"),
    ("gemiddelde_verzuimduur", _lt("Average duration (days)"), "num"),
    ("nulverzuim", _lt("Zero absence (%)"), "pct"),
    ("schadelast", _lt("Cost of absence"), "money"),
    ("headcount", _lt("Headcount"), "int"),
    ("reports", _lt("Sick reports"), "int"),
)


class ErmManagementXlsx(models.AbstractModel):
    _name = "report.erm_reports.management_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Absence management report (XLSX)"

    def get_workbook_options(self):
        return {"constant_memory": True}

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        _ = self.env._
        kpi = self.env["erm.kpi"]
        company = wizard.company_id
        department = wizard.department_id
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "head": workbook.add_format({"bold": True, "bg_color": "#E8E0E6", "border": 1}),
            "bold": workbook.add_format({"bold": True}),
            "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
            "pct": workbook.add_format({"num_format": "0.00"}),
            "num": workbook.add_format({"num_format": "0.00"}),
            "int": workbook.add_format({"num_format": "0"}),
            "money": workbook.add_format(
                {"num_format": self._report_xlsx_currency_format(company.currency_id)}
            ),
            "date": workbook.add_format({"num_format": "dd-mm-yyyy"}),
        }
        departments = None
        if department:
            figures = kpi.figures(wizard.date_from, wizard.date_to, company.id, department.id)
        else:
            # the company and its departments from the same sums (one load)
            both = kpi.figures_with_departments(wizard.date_from, wizard.date_to, company.id)
            figures, departments = both["company"], both["departments"]
            if figures is None:  # a manager: figures() refuses him the whole company
                figures = kpi.figures(wizard.date_from, wizard.date_to, company.id)
        self._sheet_definitions(workbook, styles, wizard, figures)
        self._sheet_group(workbook, styles, wizard, figures)
        # figures() above has checked access to the group; the sheets below read as the user
        self._sheet_departments(workbook, styles, wizard, departments)
        if kpi._erm_can_drill(company, department.id or None):
            self._sheet_employees(workbook, styles, wizard)
        self._sheet_compliance(workbook, styles, wizard)
        self._sheet_trend(workbook, styles, wizard)

    # ------------------------------------------------------------------ sheets
    def _sheet_definitions(self, workbook, styles, wizard, figures):
        _ = self.env._
        sheet = workbook.add_worksheet(_("Explanation"))
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 90)
        sheet.write(0, 0, _("Absence figures"), styles["title"])
        rows = [
            (_("Period"), fmt_period(self.env, wizard.date_from, wizard.date_to)),
            (_("Company"), wizard.company_id.name),
            (_("Department"), wizard.department_id.complete_name or _("Whole company")),
            (_("Made by"), self.env.user.name),
            (_("Employees without a contract"), figures["employees_without_contract"] or 0),
            ("", ""),
            (_("Absence rate"), _(
                "100 × the sum of sick calendar days × part-time factor × incapacity, "
                "divided by the sum of employed calendar days × part-time factor."
            )),
            (_("Absence rate without safety net"), _(
                "The same, leaving out sickness under the Ziektewet safety net."
            )),
            (_("Report frequency"), _(
                "New sick reports in the period per average head (weighted by days "
                "employed), per year."
            )),
            (_("Average duration"), _(
                "Mean calendar duration, from the first sick day to recovery, of the cases "
                "that ended in the period."
            )),
            (_("Zero absence"), _(
                "Share of the employees employed in the period without a sick day in it."
            )),
            (_("Cost of absence"), _(
                "Wage cost of the sick days × incapacity × continued-pay percentage per year "
                "of sickness, plus replacement and intervention costs."
            )),
            (_("Small groups"), _(
                "The board never sees a group of fewer than %(minimum)s people, nor a figure "
                "from which such a group can be derived: those cells read < %(minimum)s.",
                minimum=wizard.company_id.erm_min_group_size,
            )),
        ]
        for index, (label, value) in enumerate(rows, start=2):
            sheet.write(index, 0, label, styles["bold"])
            sheet.write(index, 1, value, styles["wrap"])

    def _figure_headers(self):
        return [self.env._(label) for _key, label, _style in FIGURES]

    def _write_figures(self, sheet, row, col, values, styles, minimum):
        for offset, (key, _label, style) in enumerate(FIGURES):
            value = values.get(key)
            if values.get("suppressed"):
                sheet.write(row, col + offset, f"< {minimum}")
            elif value is None:
                sheet.write_blank(row, col + offset, None)
            else:
                sheet.write_number(row, col + offset, value, styles[style])

    def _sheet_group(self, workbook, styles, wizard, figures):
        _ = self.env._
        sheet = workbook.add_worksheet(_("Organisation"))
        headers = [_("Group")] + self._figure_headers()
        sheet.write_row(0, 0, headers, styles["head"])
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, len(headers), 18)
        name = wizard.department_id.complete_name or wizard.company_id.name
        sheet.write(1, 0, name)
        self._write_figures(sheet, 1, 1, figures, styles, wizard.company_id.erm_min_group_size)
        row = 3
        sheet.write(row, 0, _("Duration class (days)"), styles["head"])
        sheet.write(row, 1, _("Cases"), styles["head"])
        sheet.write(row, 2, _("Sick days"), styles["head"])
        for klass in figures["duration_classes"]:
            row += 1
            sheet.write(row, 0, f"{klass['from']} - {klass['to']}")
            sheet.write_number(row, 1, klass["cases"], styles["int"])
            sheet.write_number(row, 2, klass["days"], styles["int"])

    def _sheet_departments(self, workbook, styles, wizard, rows=None):
        _ = self.env._
        if rows is None:
            rows = self.env["erm.kpi"].figures_by_department(
                wizard.date_from, wizard.date_to, wizard.company_id.id
            )
        if wizard.department_id:
            # the department tree as ids, to keep the rows figures_by_department returned
            allowed = set(self.env["erm.kpi"]._erm_departments().search(
                [("id", "child_of", wizard.department_id.id)]
            ).ids)
            rows = [row for row in rows if row["department_id"] in allowed]
        sheet = workbook.add_worksheet(_("Departments"))
        headers = [_("Department")] + self._figure_headers()
        sheet.write_row(0, 0, headers, styles["head"])
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(headers), 18)
        for index, values in enumerate(rows, start=1):
            sheet.write(index, 0, values["name"])
            self._write_figures(
                sheet, index, 1, values, styles, wizard.company_id.erm_min_group_size
            )

    def _sheet_employees(self, workbook, styles, wizard):
        _ = self.env._
        rows = self.env["erm.kpi"].employee_rows(
            wizard.date_from, wizard.date_to, wizard.company_id.id,
            wizard.department_id.id or None,
        )
        sheet = workbook.add_worksheet(_("Employees"))
        headers = [
            _("Employee"), _("Department"), _("Employed days (DTF)"),
            _("Sick days (DTF × incapacity)"), _("Absence rate (%)"), _("Sick reports"),
        ]
        sheet.write_row(0, 0, headers, styles["head"])
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 1, 32)
        sheet.set_column(2, 5, 18)
        for index, row in enumerate(rows, start=1):
            sheet.write(index, 0, row["name"])
            sheet.write(index, 1, row["department"])
            sheet.write_number(index, 2, row["employed_days"], styles["num"])
            sheet.write_number(index, 3, row["sick_days"], styles["num"])
            if row["verzuimpercentage"] is None:
                sheet.write_blank(index, 4, None)
            else:
                sheet.write_number(index, 4, row["verzuimpercentage"], styles["pct"])
            sheet.write_number(index, 5, row["reports"], styles["int"])

    def _sheet_compliance(self, workbook, styles, wizard):
        _ = self.env._
        rows = self.env["erm.kpi"].wvp_compliance(
            wizard.date_from, wizard.date_to, wizard.company_id.id,
            wizard.department_id.id or None,
        )
        sheet = workbook.add_worksheet(_("WvP deadlines"))
        headers = [_("Step"), _("Responsible"), _("Due in the period"), _("On time"),
                   _("Late"), _("Open"), _("Overdue"), _("Done on time (%)")]
        sheet.write_row(0, 0, headers, styles["head"])
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 44)
        sheet.set_column(1, 7, 16)
        for index, line in enumerate(rows, start=1):
            sheet.write(index, 0, line["label"])
            sheet.write(index, 1, line["role_label"])
            for col, key in enumerate(("total", "on_time", "late", "open", "overdue"), start=2):
                sheet.write_number(index, col, line[key], styles["int"])
            if line["on_time_pct"] is None:
                sheet.write_blank(index, 7, None)
            else:
                sheet.write_number(index, 7, line["on_time_pct"], styles["pct"])

    def _sheet_trend(self, workbook, styles, wizard):
        _ = self.env._
        kpi = self.env["erm.kpi"]
        sheet = workbook.add_worksheet(_("Trend"))
        headers = [_("Month"), _("Absence rate (%)"), _("Same month a year earlier (%)")]
        sheet.write_row(0, 0, headers, styles["head"])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 2, 26)
        last = wizard.date_to.replace(day=1)
        department_id = wizard.department_id.id or None
        months = [last - relativedelta(months=offset) for offset in range(12, -1, -1)]
        periods = [
            (start + relativedelta(years=years),
             start + relativedelta(years=years, months=1) - timedelta(days=1))
            for start in months for years in (0, -1)
        ]
        # all 26 months in one load (the same figures as figures() per month)
        results = kpi._erm_figures_periods(
            periods, wizard.company_id.id, department_id, full=0  # the absence rate only
        )
        for row, start in enumerate(months, start=1):
            now, before = results[2 * row - 2], results[2 * row - 1]
            sheet.write_datetime(row, 0, start, styles["date"])
            for col, values in ((1, now), (2, before)):
                if values["verzuimpercentage"] is None:
                    sheet.write_blank(row, col, None)
                else:
                    sheet.write_number(row, col, values["verzuimpercentage"], styles["pct"])
        chart = workbook.add_chart({"type": "line"})
        for col, name in ((1, headers[1]), (2, headers[2])):
            chart.add_series({
                "name": name,
                "categories": [sheet.name, 1, 0, 13, 0],
                "values": [sheet.name, 1, col, 13, col],
            })
        chart.set_title({"name": _("Absence rate, last 13 months")})
        chart.set_y_axis({"name": "%"})
        sheet.insert_chart(1, 4, chart, {"x_scale": 1.6, "y_scale": 1.3})
