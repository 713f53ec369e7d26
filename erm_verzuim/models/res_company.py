# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Company-level absence policy (domain.md §2-§3). The ERM model choice and its
    # per-department overrides live in erm.model.assignment records.
    erm_frequent_absence_threshold = fields.Integer(
        string="Frequent absence: reports",
        default=3,
        help="Number of sick reports in a rolling window that raises a frequent-absence "
        "signal (a signal for a conversation, never a sanction).",
    )
    erm_frequent_absence_window_days = fields.Integer(
        string="Frequent absence: window (days)",
        default=365,
    )
    erm_early_doctor = fields.Boolean(
        string="Early company doctor",
        help="Adds two milestones: the company doctor maps possibilities and limitations in "
        "week 1 and advises on interventions by week 4.",
    )

    @api.constrains("erm_frequent_absence_threshold", "erm_frequent_absence_window_days")
    def _check_erm_frequent_absence(self):
        for company in self:
            if company.erm_frequent_absence_threshold < 1:
                raise ValidationError(
                    self.env._("The frequent-absence threshold must be at least 1.")
                )
            if company.erm_frequent_absence_window_days < 1:
                raise ValidationError(
                    self.env._("The frequent-absence window must be at least 1 day.")
                )
