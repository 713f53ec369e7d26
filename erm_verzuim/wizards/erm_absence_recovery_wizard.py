# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import ValidationError


class ErmAbsenceRecoveryWizard(models.TransientModel):
    _name = "erm.absence.recovery.wizard"
    _description = "Report Recovery"

    case_id = fields.Many2one("erm.absence.case", required=True, ondelete="cascade")
    date_recovered = fields.Date(
        string="Fit for work from", required=True, default=fields.Date.context_today,
        help="The first day the employee is fully fit again.",
    )

    def action_confirm(self):
        self.ensure_one()
        if self.date_recovered <= self.case_id.date_start:
            raise ValidationError(_("The recovery date must come after the first sick day."))
        self.case_id.write({"date_recovered": self.date_recovered})
        return {"type": "ir.actions.act_window_close"}
