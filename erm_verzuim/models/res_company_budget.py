# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The company's employability budget (inzetbaarheidsbudget, domain.md §5); see
erm_budget_claim.py. Its own file: the settings of other features live in res_company.py."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    erm_budget_amount = fields.Monetary(
        string="Employability budget per year", currency_field="currency_id",
        help="The yearly amount each employee may spend on services for his employability. "
        "Zero: no budget.",
    )
    erm_budget_prorate = fields.Boolean(
        string="Prorate the budget",
        help="Prorate the yearly amount by the part-time factor and by the months employed "
        "in the year.",
    )
    erm_budget_services = fields.Selection(
        [("catalogue", "Prevention services of the provider catalogue"),
         ("free", "Any provider, with a free description")],
        string="Qualifying services", required=True, default="catalogue",
    )
    erm_budget_carry_over = fields.Boolean(
        string="Carry over one year",
        help="Unspent budget may be spent in the next year; after that it expires.",
    )

    @api.constrains("erm_budget_amount")
    def _check_erm_budget_amount(self):
        if any(company.erm_budget_amount < 0 for company in self):
            raise ValidationError(self.env._("The employability budget cannot be negative."))
