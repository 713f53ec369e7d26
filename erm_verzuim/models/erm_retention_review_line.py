# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ErmRetentionReviewLine(models.Model):
    _name = "erm.retention.review.line"
    _description = "Retention Review Line"
    _order = "review_id, date_due, id"

    review_id = fields.Many2one(
        "erm.retention.review", required=True, index=True, ondelete="cascade",
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    state = fields.Selection(related="review_id.state")
    case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", required=True, index=True,
        ondelete="cascade",
    )
    employee_id = fields.Many2one(related="case_id.employee_id", string="Employee")
    date_start = fields.Date(related="case_id.date_start")
    date_recovered = fields.Date(related="case_id.date_recovered")
    action = fields.Selection(
        [("dossier", "Anonymise the re-integration dossier"),
         ("full", "Anonymise fully (employment ended)")],
        required=True, readonly=True,
    )
    reason = fields.Selection(
        [("dossier", "Re-integration dossier term passed"),
         ("erdzw", "ERD-ZW (safety net) term passed"),
         ("admin", "Term after the end of employment passed")],
        required=True, readonly=True,
    )
    date_due = fields.Date(string="Term passed on", required=True, readonly=True)
    keep = fields.Boolean(
        string="Keep for now",
        help="Keep this case back, e.g. for a pending dispute with UWV. It returns on the "
        "next review.",
    )
    keep_reason = fields.Char(string="Why kept")
    done = fields.Boolean(string="Anonymised", readonly=True)

    @api.constrains("keep", "keep_reason")
    def _check_keep_reason(self):
        for line in self:
            if line.keep and not line.keep_reason:
                raise ValidationError(self.env._(
                    "Say why %(case)s is kept back: the retention term has passed.",
                    case=line.case_id.display_name,
                ))

    def write(self, vals):
        if not self.env.su and {"keep", "keep_reason"} & set(vals) and any(
            line.review_id.state != "draft" for line in self
        ):
            raise ValidationError(self.env._("A confirmed review cannot be changed."))
        return super().write(vals)
