# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Self-reporting (issue 13): per company setting the employee reports himself sick and
reports his recovery in the portal. The report takes the manager's own code path (the sick
report wizard, the recovery wizard, a course line) with only what the employee may give, is
logged in the case's chatter as reported by the employee and asks the case's regievoerder to
confirm it (an activity). These narrow, checked methods write on the employee's behalf as
superuser; reading stays with the ORM rules."""

# pylint: disable=consider-merging-classes-inherited
# (self-reporting is its own concern, apart from the portal pages' erm_absence_case_portal.py)

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .erm_absence_case import EXPECTED_DURATION
from .erm_absence_period import format_number

# What the employee himself gives in a sick report: the AP's list for the employer minus the
# employer's own administration (safety net, work accident, recourse, employment end).
PORTAL_SICK_FIELDS = (
    "date_start", "contact_phone", "care_street", "care_zip", "care_city",
    "expected_duration", "date_expected_return", "ongoing_work",
)


class ErmAbsenceCase(models.Model):
    _inherit = "erm.absence.case"

    @api.model
    def _erm_portal_own_employee(self):
        """The employee record of the current user (identity only)."""
        return self.env["hr.employee"].sudo().search([("user_id", "=", self.env.uid)], limit=1)

    @api.model
    def _erm_portal_open_case(self, employee):
        """The employee's open case, if any (identity check, not for display)."""
        return self.sudo().search(
            [("employee_id", "=", employee.id), ("date_recovered", "=", False)], limit=1
        )

    @api.model
    def _erm_portal_may_report_sick(self):
        employee = self._erm_portal_own_employee()
        return bool(employee and employee.company_id.erm_portal_sick_report
                    and not self._erm_portal_open_case(employee))

    def _erm_portal_may_report_recovery(self):
        """Whether the current user may report the recovery of self (his own open case)."""
        self.ensure_one()
        case = self.sudo()
        return bool(case.active and not case.date_recovered
                    and case.employee_id.user_id == self.env.user
                    and case.company_id.erm_portal_recovery_report)

    @api.model
    def erm_portal_report_sick(self, vals):
        """Report the current user sick, as the sick report wizard would; returns the case."""
        employee = self._erm_portal_own_employee()
        if not employee:
            raise AccessError(self.env._("Only an employee can report himself sick."))
        if not employee.company_id.erm_portal_sick_report:
            raise UserError(self.env._(
                "Your employer does not take sick reports in the portal: call your manager "
                "to report sick, as your absence protocol describes."
            ))
        if self._erm_portal_open_case(employee):
            raise UserError(self.env._(
                "You are reported sick already. Report your recovery on your open case."
            ))
        wizard_vals = {name: vals[name] for name in PORTAL_SICK_FIELDS if vals.get(name)}
        if wizard_vals.get("expected_duration") not in dict(EXPECTED_DURATION):
            wizard_vals.pop("expected_duration", None)
        for name in ("date_start", "date_expected_return"):
            if name in wizard_vals:
                wizard_vals[name] = self._erm_portal_date(wizard_vals[name])
        wizard_vals.update(
            employee_id=employee.id, date_reported=fields.Date.context_today(self),
        )
        # the manager's code path, as superuser: the employee may not create cases himself;
        # he does not follow his own case's chatter (notes of his duty holders)
        wizard = self.env["erm.sick.report.wizard"].sudo().with_context(
            mail_create_nosubscribe=True,
        ).create(wizard_vals)
        case = self.browse(wizard.action_confirm()["res_id"])
        case._erm_portal_log_report(self.env._("Reported sick by the employee via the portal."))
        return case

    def erm_portal_report_recovery(self, date_recovered, working_pct=None):
        """Report (partial) recovery of the current user's own case as the recovery wizard
        (full) or a course line (partial) would. `working_pct`: the percentage he works
        again from `date_recovered`; None or 100 is full recovery."""
        self.ensure_one()
        case = self.sudo()
        if case.employee_id.user_id != self.env.user:
            raise AccessError(self.env._("You can only report the recovery of your own absence."))
        if not case.company_id.erm_portal_recovery_report:
            raise UserError(self.env._(
                "Your employer does not take recovery reports in the portal: tell your "
                "manager that you are fit again."
            ))
        if case.date_recovered or not case.active:
            raise UserError(self.env._("This absence is closed already."))
        date_recovered = self._erm_portal_date(date_recovered)
        if not date_recovered:
            raise UserError(self.env._("Give the date from which you work again."))
        if working_pct is None or working_pct >= 100:
            self.env["erm.absence.recovery.wizard"].sudo().create({
                "case_id": case.id, "date_recovered": date_recovered,
            }).action_confirm()
            body = self.env._(
                "Full recovery from %(date)s reported by the employee via the portal.",
                date=format_date(self.env, date_recovered),
            )
        else:
            if working_pct <= 0:
                raise UserError(self.env._(
                    "Give the percentage you work again: more than 0 and less than 100 "
                    "(100 is full recovery)."
                ))
            Period = self.env["erm.absence.period"].sudo()
            pct = 100.0 - working_pct
            line = Period.search(
                [("case_id", "=", case.id), ("date_from", "=", date_recovered)], limit=1
            )
            if line:
                line.write({"incapacity_pct": pct})
            else:
                Period.create(
                    {"case_id": case.id, "date_from": date_recovered, "incapacity_pct": pct}
                )
            body = self.env._(
                "Partial recovery reported by the employee via the portal: working "
                "%(pct)s%% from %(date)s.",
                pct=format_number(self.env, working_pct),
                date=format_date(self.env, date_recovered),
            )
        case._erm_portal_log_report(body)
        return True

    @api.model
    def _erm_portal_date(self, value):
        """A date typed in a portal form; a clear error instead of a crash on bad input."""
        try:
            return fields.Date.to_date(value)
        except ValueError as exc:
            raise UserError(self.env._("Give the dates as they are asked for.")) from exc

    def _erm_portal_log_report(self, body):
        """The chatter line and the regievoerder's activity to confirm (superuser: the
        employee may not write on his case)."""
        activity_type = self.env.ref("erm_verzuim.mail_activity_type_erm_portal_report")
        for case in self.sudo():
            case._message_log(body=body, author_id=self.env.user.partner_id.id)
            user = case.regievoerder_user_id or case.procesbewaker_user_id
            if user and user.active:
                summary = self.with_context(lang=user.lang or "en_US").env._(
                    "Confirm what the employee reported in the portal"
                )
                case.activity_schedule(
                    activity_type_id=activity_type.id, summary=summary, note=body,
                    user_id=user.id,
                )
