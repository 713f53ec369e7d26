# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A consultation room at one of the organisation's own addresses."""

from odoo import fields, models


class ErmSpreekuurLocation(models.Model):
    _name = "erm.spreekuur.location"
    _description = "Consultation location"
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(string="Room", required=True, translate=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Address",
        required=True,
        help="The organisation's own address where the room is.",
    )
    # Optional: a room resource, so that one room cannot hold two consultations at once.
    resource_id = fields.Many2one(
        "resource.resource",
        string="Room resource",
        domain="[('resource_type', '=', 'material')]",
        check_company=True,
    )
    professional_ids = fields.Many2many(
        "erm.spreekuur.professional",
        "erm_spreekuur_professional_location_rel",
        "location_id",
        "professional_id",
        string="Professionals",
    )
