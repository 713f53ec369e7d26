# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A professional who holds consultation hours: the bedrijfsarts or another provider.

Either an Odoo user (the company doctor, an in-house coach) or an external partner without a
login (an arbeidsdeskundige of the provider network): the partner is what calendar events
and mails use, the user (if any) is who sees his own consultations in Odoo.
"""

from odoo import api, fields, models

PROFESSIONAL_KINDS = [
    ("bedrijfsarts", "Company doctor"),
    ("arbeidsdeskundige", "Labour expert"),
    ("psycholoog", "Psychologist"),
    ("fysiotherapeut", "Physiotherapist"),
    ("casemanager", "Registered case manager"),
    ("verzuimcoach", "Absence coach"),
    ("other", "Other"),
]


class ErmSpreekuurProfessional(models.Model):
    _name = "erm.spreekuur.professional"
    _description = "Consultation professional"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(PROFESSIONAL_KINDS, required=True, default="bedrijfsarts")
    user_id = fields.Many2one(
        "res.users",
        index=True,
        help="Leave empty for an external professional without a login.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        help="Receives the invitations; for a user, his own contact.",
    )
    location_ids = fields.Many2many(
        "erm.spreekuur.location",
        "erm_spreekuur_professional_location_rel",
        "professional_id",
        "location_id",
        string="Locations",
        check_company=True,
    )
    color = fields.Integer()

    @api.model_create_multi
    def create(self, vals_list):
        # A professional with a login is reached at his own contact unless told otherwise.
        users = self.env["res.users"].browse(
            [vals["user_id"] for vals in vals_list if vals.get("user_id")]
        )
        partners = {user.id: user.partner_id.id for user in users}
        for vals in vals_list:
            if vals.get("user_id") and not vals.get("partner_id"):
                vals["partner_id"] = partners[vals["user_id"]]
        return super().create(vals_list)

    @api.onchange("user_id")
    def _onchange_user_id(self):
        for professional in self.filtered("user_id"):
            professional.partner_id = professional.user_id.partner_id
            professional.name = professional.name or professional.user_id.name
    session_count = fields.Integer(compute="_compute_session_count", string="Sessions")

    def _compute_session_count(self):
        counts = dict(self.env["erm.spreekuur.session"]._read_group(
            [("professional_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["professional_id"], ["__count"],
        ))
        for professional in self:
            professional.session_count = counts.get(professional, 0)

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_spreekuur.erm_spreekuur_session_action"
        )
        action["domain"] = [("professional_id", "=", self.id)]
        action["context"] = {"default_professional_id": self.id}
        return action

    def action_view_free_slots(self):
        self.ensure_one()
        return self.env["erm.spreekuur.slot"]._action_free_slots(
            domain=[("professional_id", "=", self.id)]
        )
