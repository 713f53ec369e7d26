# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .erm_absence_case import PHASES

# Fields whose change moves who directs, guards and sees a case.
ORG_CHART_FIELDS = {"parent_id", "department_id", "user_id", "company_id", "active"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def init(self):
        # Indexed: the need-to-know rules and the duty resolution walk the org chart
        # (child_of on parent_id, employees of a department) and hr finds an employee by his
        # work contact on every user change; without an index each of those lookups scans
        # every employee (quadratic when a 100,000-employee organisation is built or
        # reorganised). Indexes, not redefined fields: the fields keep hr's labels.
        for column in ("parent_id", "department_id", "work_contact_id"):
            self.env.cr.execute(SQL(
                "CREATE INDEX IF NOT EXISTS %s ON hr_employee (%s) WHERE %s IS NOT NULL",
                SQL.identifier(f"hr_employee__erm_{column}_index"), SQL.identifier(column),
                SQL.identifier(column),
            ))

    # HR-only fields (hr.employee is only readable by hr.group_hr_user; others read
    # hr.employee.public, which must not learn that someone is sick).
    erm_case_ids = fields.One2many(
        "erm.absence.case", "employee_id", string="Absence cases", groups="hr.group_hr_user",
    )
    erm_case_count = fields.Integer(
        string="Number of absence cases", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )
    erm_case_state = fields.Selection(
        PHASES, string="Absence status", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )
    erm_frequent_absence = fields.Boolean(
        string="Frequent absence signal", compute="_compute_erm_cases",
        groups="hr.group_hr_user",
    )

    @api.depends("erm_case_ids.state", "erm_case_ids.date_recovered")
    def _compute_erm_cases(self):
        Case = self.env["erm.absence.case"]
        counts = dict(Case._read_group(
            [("employee_id", "in", self.ids)], ["employee_id"], ["__count"],
        ))
        open_cases = Case.search(
            [("employee_id", "in", self.ids), ("date_recovered", "=", False)]
        )
        open_by_employee = {case.employee_id: case for case in open_cases}
        for employee in self:
            case = open_by_employee.get(employee)
            employee.erm_case_count = counts.get(employee, 0)
            employee.erm_case_state = case.state if case else False
            employee.erm_frequent_absence = bool(case and case.frequent_absence)

    def write(self, vals):
        """An org-chart change moves the duties and the need-to-know of the cases of the
        employee and of everyone reporting to him (erm.absence.case._erm_refresh_duties)."""
        if not ORG_CHART_FIELDS & set(vals):
            return super().write(vals)
        Case = self.env["erm.absence.case"]
        cases = Case._erm_cases_of_subtree(self)
        snapshot = cases._erm_duty_snapshot()
        res = super().write(vals)
        (cases | Case._erm_cases_of_subtree(self))._erm_refresh_duties(snapshot)
        return res

    def action_open_erm_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_verzuim.erm_absence_case_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id, "active_test": False}
        return action
