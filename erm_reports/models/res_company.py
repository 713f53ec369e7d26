# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

NO_CONTRACT_POLICIES = [
    ("schedule", "Count with the working schedule of the employee"),
    ("full_time", "Count as full-time"),
    ("exclude", "Leave out"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    erm_pay_pct_year1 = fields.Float(
        string="Continued pay, year 1 (%)", default=100.0,
        help="Percentage of the wage paid on in the first 52 weeks of sickness (CAO).",
    )
    erm_pay_pct_year2 = fields.Float(
        string="Continued pay, year 2 (%)", default=70.0,
        help="Percentage of the wage paid on in weeks 53-104 (the law's minimum is 70 %).",
    )
    erm_pay_top_up_pct = fields.Float(
        string="Employer's top-up, year 2 (%)", default=0.0,
        help="Added to the year 2 percentage, e.g. as a reward for re-integration.",
    )
    erm_wage_cost_factor = fields.Float(
        string="Employer's charges (%)", default=0.0,
        help="Social charges and pension on top of the gross wage, as a percentage.",
    )
    erm_replacement_cost_per_day = fields.Monetary(
        string="Replacement cost per sick day", currency_field="currency_id",
        help="Optional: what a replacement costs per full sick day.",
    )
    erm_target_rate = fields.Float(
        string="Target absence rate (%)", default=4.0,
        help="The absence rate the company aims for; the dashboard compares with it.",
    )
    erm_duration_classes = fields.Char(
        string="Duration classes", default="14,91,365,730",
        help="Upper bounds in calendar days of the duration classes (Vernet: 14, 91, 365, "
        "730).",
    )
    erm_no_contract_policy = fields.Selection(
        NO_CONTRACT_POLICIES, string="Employees without a contract", default="schedule",
        required=True,
    )

    @api.constrains("erm_duration_classes")
    def _check_erm_duration_classes(self):
        for company in self:
            try:
                bounds = company._erm_duration_bounds()
            except ValueError:
                bounds = None
            if not bounds or bounds != sorted(set(bounds)) or bounds[0] < 1:
                raise ValidationError(self.env._(
                    "Duration classes: give increasing numbers of days separated by commas, "
                    "e.g. 14,91,365,730."
                ))

    def _erm_duration_bounds(self):
        self.ensure_one()
        return [int(part) for part in (self.erm_duration_classes or "").split(",") if part.strip()]

    def _erm_duration_classes(self):
        """The classes as (from, to) pairs: 14,91 -> (1, 14), (15, 91)."""
        bounds = self._erm_duration_bounds()
        return tuple(zip([1] + [b + 1 for b in bounds[:-1]], bounds, strict=True))
