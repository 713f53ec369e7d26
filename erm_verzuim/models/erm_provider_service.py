# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SERVICE_PHASES = [
    ("prevention", "Prevention"),
    ("absence", "Absence guidance"),
    ("first_track", "Reintegration first track"),
    ("second_track", "Reintegration second track"),
]


class ErmProviderService(models.Model):
    """A service of a provider: what it delivers, in which phase and at what price."""

    _name = "erm.provider.service"
    _description = "Provider Service"
    _order = "provider_id, phase, name, id"

    provider_id = fields.Many2one(
        "erm.provider", required=True, index=True, ondelete="cascade",
    )
    provider_kind = fields.Selection(related="provider_id.kind", store=True, string="Kind")
    company_id = fields.Many2one(related="provider_id.company_id", store=True, index=True)
    name = fields.Char(string="Service", required=True)
    phase = fields.Selection(SERVICE_PHASES, required=True, default="absence")
    price = fields.Monetary(currency_field="currency_id")
    price_unit = fields.Selection(
        [("hour", "Per hour"), ("trajectory", "Per trajectory")], string="Price per",
        required=True, default="trajectory",
    )
    # The price is in the company's currency, like the interventions' cost (a shared
    # provider's in the current company's), never in a currency of its own.
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id",
    )
    description = fields.Text(help="What the service holds, in work terms.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("price_positive", "CHECK (price >= 0)", "A price cannot be negative."),
    ]

    @api.depends("company_id.currency_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for service in self:
            service.currency_id = (service.company_id.currency_id
                                   or self.env.company.currency_id)

    @api.depends("provider_id.name")
    def _compute_display_name(self):
        for service in self:
            service.display_name = (
                f"{service.name} ({service.provider_id.name})" if service.provider_id
                else service.name
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._(
                "Services are never deleted: archive the service instead, so that the "
                "interventions on cases keep their history."
            ))
