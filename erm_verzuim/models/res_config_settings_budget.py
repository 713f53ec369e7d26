# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # employability budget (issue 13), see res_company_budget.py
    erm_budget_amount = fields.Monetary(
        related="company_id.erm_budget_amount", readonly=False,
        currency_field="erm_company_currency_id",  # res_config_settings.py
    )
    erm_budget_prorate = fields.Boolean(related="company_id.erm_budget_prorate", readonly=False)
    erm_budget_services = fields.Selection(
        related="company_id.erm_budget_services", readonly=False,
    )
    erm_budget_carry_over = fields.Boolean(
        related="company_id.erm_budget_carry_over", readonly=False,
    )
