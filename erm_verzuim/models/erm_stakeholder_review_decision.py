# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A decision taken in a quarterly stakeholder review: one line each, so that the next
reviews can look back on what was agreed."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class ErmStakeholderReviewDecision(models.Model):
    _name = "erm.stakeholder.review.decision"
    _description = "Quarterly Review Decision"
    _order = "review_id, sequence, id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "erm.stakeholder.review", required=True, ondelete="cascade", index=True,
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Decision", required=True)
    owner_id = fields.Many2one("res.users", domain="[('share', '=', False)]")

    def _check_not_approved(self):
        if not self.env.su and any(d.review_id.state == "approved" for d in self):
            raise UserError(self.env._(
                "The minutes are approved and can no longer be changed."
            ))

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        decisions._check_not_approved()
        return decisions

    def write(self, vals):
        self._check_not_approved()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_approved(self):
        self._check_not_approved()
