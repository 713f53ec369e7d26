# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class ErmBaAdvice(models.Model):
    """The company doctor proposes a service of the provider network in his advice; the
    case's duty holders turn it into a proposed intervention."""

    _inherit = "erm.ba.advice"

    proposed_service_id = fields.Many2one(
        "erm.provider.service", string="Proposed service", tracking=True,
        help="A service of the provider network the company doctor advises.",
    )

    def action_erm_propose_intervention(self):
        """Open a new intervention, proposed from this advice."""
        self.ensure_one()
        if self.state != "issued":
            raise UserError(self.env._("Issue the advice before proposing an intervention."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "erm.intervention",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_case_id": self.case_id.id,
                "default_ba_advice_id": self.id,
                "default_advised_by": "ba",
                "default_service_id": self.proposed_service_id.id,
                "default_cost": self.proposed_service_id.price,
            },
        }
