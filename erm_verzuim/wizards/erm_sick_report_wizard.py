# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The sick report (ziekmelding): everything the employer may register on the day of the
report, contact data included, in one form (domain.md §5). Confirming it creates the case
and its private record as the reporting user, so the access rules apply."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine import wvp
from ..models.erm_absence_case import EXPECTED_DURATION

# Who reports for all employees of his companies; a manager reports for his team.
COMPANY_WIDE_GROUPS = (
    "erm_verzuim.group_erm_hr", "erm_verzuim.group_erm_coach", "erm_verzuim.group_erm_admin",
)
CASE_FIELDS = (
    "employee_id", "date_reported", "date_start", "expected_duration",
    "date_expected_return", "ongoing_work", "date_employment_end", "work_accident",
    "contact_phone", "care_street", "care_zip", "care_city", "vangnet", "vangnet_regime",
    "third_party_liable",
)


class ErmSickReportWizard(models.TransientModel):
    _name = "erm.sick.report.wizard"
    _description = "Sick Report"

    employee_id = fields.Many2one(
        "hr.employee", required=True, domain=lambda self: self._erm_employee_domain(),
    )
    date_reported = fields.Date(
        string="Reported on", required=True, default=fields.Date.context_today,
    )
    date_start = fields.Date(
        string="First sick day", required=True, default=fields.Date.context_today,
    )
    contact_phone = fields.Char(string="Phone during absence")
    care_street = fields.Char(string="Care address street")
    care_zip = fields.Char(string="Care address postcode")
    care_city = fields.Char(string="Care address city")
    expected_duration = fields.Selection(
        EXPECTED_DURATION, string="Expected duration", default="unknown",
    )
    date_expected_return = fields.Date(string="Expected return")
    ongoing_work = fields.Text(
        string="Ongoing appointments and work",
        help="Appointments and work that colleagues must take over. Work only: no "
        "information about the illness.",
    )
    vangnet = fields.Boolean(
        string="Safety net (Ziektewet vangnet) applies",
        help="Only whether a safety net applies. Which one it is may not be registered.",
    )
    vangnet_regime = fields.Selection(
        list(wvp.VANGNET_REGIME_LABELS.items()), string="UWV reporting term",
        help="The term within which UWV must be informed. It names the term, not the ground.",
    )
    date_employment_end = fields.Date(
        string="Last working day",
        help="Needed when the employment ends during the absence: UWV must then be "
        "informed on the last working day.",
    )
    work_accident = fields.Boolean(string="Work accident")
    third_party_liable = fields.Boolean(string="Third party liable (recourse)")

    @api.model
    def _erm_employee_domain(self):
        """The picker's domain, per user (evaluated when the form is loaded)."""
        if self._erm_reports_company_wide():
            return "[('company_id', 'in', allowed_company_ids)]"
        return [("id", "in", self._erm_reportable_employees().ids)]

    @api.model
    def _erm_reports_company_wide(self):
        user = self.env.user
        return self.env.su or any(user.has_group(group) for group in COMPANY_WIDE_GROUPS)

    @api.model
    def _erm_reportable_employees(self):
        """The employees the current user may report sick: HR, coaches and administrators
        those of their companies; a manager his team, i.e. the employees whose manager
        chain or department managers include him (as the case's manager_user_ids)."""
        user = self.env.user
        # sudo: the employees the reporter may report sick for, from the org chart
        Employee = self.env["hr.employee"].sudo()
        companies = self.env.companies
        if self._erm_reports_company_wide():
            return Employee.search([("company_id", "in", companies.ids)])
        if not user.has_group("erm_verzuim.group_erm_manager"):
            return Employee.browse()
        own = Employee.search([("user_id", "=", user.id)])
        if not own:
            return Employee.browse()
        Department = Employee.env["hr.department"]
        departments = Department.search(
            [("id", "child_of", Department.search([("manager_id", "in", own.ids)]).ids)]
        )
        return Employee.search([
            ("company_id", "in", companies.ids),
            ("user_id", "!=", user.id),
            "|", ("id", "child_of", own.ids), ("department_id", "in", departments.ids),
        ]) - own

    @api.onchange("vangnet")
    def _onchange_vangnet(self):
        if not self.vangnet:
            self.vangnet_regime = False

    def action_confirm(self):
        """Create the case (and its contact data) as the reporting user and open it."""
        self.ensure_one()
        # sudo: the employee's name in the messages
        employee_name = self.employee_id.sudo().name
        if self.employee_id not in self._erm_reportable_employees():
            raise UserError(self.env._(
                "You cannot report %(employee)s sick: a manager reports the employees of "
                "his own team; HR, the absence coach and the administrator report the "
                "employees of their companies.",
                employee=employee_name,
            ))
        vals = {}
        for name in CASE_FIELDS:
            value = self[name]
            vals[name] = value.id if name == "employee_id" else value
        try:
            with self.env.cr.savepoint():
                case = self.env["erm.absence.case"].create(vals)
        except AccessError as exc:
            raise UserError(self.env._(
                "You cannot report %(employee)s sick in the current ERM model: ask the "
                "employee's manager, the absence coach of the case or HR.",
                employee=employee_name,
            )) from exc
        return {
            "type": "ir.actions.act_window",
            "res_model": "erm.absence.case",
            "res_id": case.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "main",
        }
