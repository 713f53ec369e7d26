# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class ErmAbsenceRecoveryWizard(models.TransientModel):
    """Reports the recovery of a case (the case director's path, also taken when he
    confirms the employee's own report), or rejects the employee's report with a reason
    (its own view, erm_absence_recovery_wizard_view_form_reject)."""

    _name = "erm.absence.recovery.wizard"
    _description = "Report Recovery"

    case_id = fields.Many2one("erm.absence.case", required=True, ondelete="cascade")
    date_recovered = fields.Date(
        string="Fit for work from", required=True, default=fields.Date.context_today,
        help="The first day the employee is fully fit again.",
    )
    request_status = fields.Char(
        string="Recovery report", related="case_id.erm_recovery_request_status",
    )
    reject_reason = fields.Text(
        string="Reason",
        help="Why the report is not confirmed, in terms of work and agreements: the "
        "employee reads it.",
    )

    def action_confirm(self):
        self.ensure_one()
        # a second report (a double click, a colleague at the same moment: Odoo retries
        # the loser of the race on a fresh snapshot) would move the first one's date
        if self.case_id.date_recovered:
            raise UserError(_(
                "%(case)s was already reported recovered on %(date)s: nothing changed. "
                "Reopen the case to correct the recovery date.",
                case=self.case_id.display_name,
                date=format_date(self.env, self.case_id.date_recovered),
            ))
        if self.date_recovered <= self.case_id.date_start:
            raise ValidationError(_("The recovery date must come after the first sick day."))
        # as for the first sick day: at most one day ahead; a later date is an expected
        # return, never an early close of the case and its deadlines
        if self.date_recovered > fields.Date.context_today(self) + timedelta(days=1):
            raise ValidationError(_(
                "The recovery date (%(date)s) lies in the future: recovery can be reported "
                "at most one day ahead. Note the date as the expected return on the case "
                "and report the recovery when the employee is back at work.",
                date=format_date(self.env, self.date_recovered),
            ))
        # the employee's own pending report is answered by this recovery
        self.case_id._close_recovery_request(_("Recovery reported"))
        self.case_id.write({"date_recovered": self.date_recovered})
        # the deadlines' activities close at commit; the week-8 signal has no deadline
        self.case_id._erm_close_late_intervention_signals()
        return {"type": "ir.actions.act_window_close"}

    def action_reject_request(self):
        self.ensure_one()
        self.case_id._reject_recovery(self.reject_reason)
        return {"type": "ir.actions.act_window_close"}
