# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    erm_pay_pct_year1 = fields.Float(related="company_id.erm_pay_pct_year1", readonly=False)
    erm_pay_pct_year2 = fields.Float(related="company_id.erm_pay_pct_year2", readonly=False)
    erm_pay_top_up_pct = fields.Float(related="company_id.erm_pay_top_up_pct", readonly=False)
    erm_wage_cost_factor = fields.Float(
        related="company_id.erm_wage_cost_factor", readonly=False
    )
    erm_currency_id = fields.Many2one(related="company_id.currency_id")
    erm_replacement_cost_per_day = fields.Monetary(
        related="company_id.erm_replacement_cost_per_day", readonly=False,
        currency_field="erm_currency_id",
    )
    erm_target_rate = fields.Float(related="company_id.erm_target_rate", readonly=False)
    erm_duration_classes = fields.Char(
        related="company_id.erm_duration_classes", readonly=False
    )
    erm_no_contract_policy = fields.Selection(
        related="company_id.erm_no_contract_policy", readonly=False
    )
