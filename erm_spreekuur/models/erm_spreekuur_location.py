# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A consultation room at one of the organisation's own addresses."""

from odoo import api, fields, models


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
    session_count = fields.Integer(compute="_compute_session_count", string="Sessions")

    @api.depends("name", "partner_id.name")
    def _compute_display_name(self):
        for location in self:
            location.display_name = (
                f"{location.name} ({location.partner_id.name})"
                if location.partner_id.name else location.name or ""
            )

    def _compute_session_count(self):
        counts = dict(self.env["erm.spreekuur.session"]._read_group(
            [("location_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["location_id"], ["__count"],
        ))
        for location in self:
            location.session_count = counts.get(location, 0)

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_spreekuur.erm_spreekuur_session_location_action"
        )
        action["domain"] = [("location_id", "=", self.id)]
        action["context"] = {"default_location_id": self.id}
        return action

    def action_view_free_slots(self):
        self.ensure_one()
        return self.env["erm.spreekuur.slot"]._action_free_slots(
            domain=[("location_id", "=", self.id)]
        )
