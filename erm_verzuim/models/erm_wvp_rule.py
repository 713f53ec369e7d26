# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One milestone of a version of the WvP timeline (see erm_wvp_rule_set.py). What a milestone
is (its label, alert text, privacy) stays the engine's; a set says when it falls."""

from odoo import api, fields, models

from ..engine import milestones

ANCHOR_LABELS = {
    milestones.WEEK: "End of sick week",
    milestones.WERKDAG_AFTER_WEEK: "First working day after sick week",
    milestones.AFTER: "Days after another milestone",
    milestones.EVERY: "Every so many days",
    milestones.BEFORE_END: "Days before the end of the waiting time",
    milestones.WAITING_TIME_END: "End of the waiting time",
    milestones.VANGNET: "By the safety-net regime",
}
CONDITION_LABELS = {
    milestones.EARLY_DOCTOR: "Early consultation of the company doctor",
    milestones.VANGNET_CASE: "Safety-net case",
}


class ErmWvpRule(models.Model):
    _name = "erm.wvp.rule"
    _description = "WvP Rule"
    _order = "rule_set_id, sequence, id"

    rule_set_id = fields.Many2one(
        "erm.wvp.rule.set", required=True, ondelete="cascade", index=True,
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True)
    code = fields.Selection(milestones.SELECTION, string="Milestone", required=True)
    anchor = fields.Selection(list(ANCHOR_LABELS.items()), required=True)
    offset = fields.Integer(
        required=True, help="Week number or number of days, as the anchor says.",
    )
    role = fields.Selection(
        [(milestones.REGIEVOERDER, "Case director"),
         (milestones.PROCESBEWAKER, "Process guardian")], required=True,
    )
    after = fields.Selection(
        milestones.SELECTION, string="Counts from",
        help="The milestone a 'days after' or 'every' anchor counts from.",
    )
    early_after_code = fields.Selection(
        milestones.SELECTION, string="Earlier after",
        help="The deadline falls earlier when this milestone is done (e.g. the plan of "
        "action 14 days after the problem analysis).",
    )
    early_after_days = fields.Integer(string="Days after it")
    window_day = fields.Integer(
        string="Window opens on sick day", help="First sick day of the sensible window.",
    )
    condition = fields.Selection(list(CONDITION_LABELS.items()), string="Applies only to")
    lead_days = fields.Integer(
        string="Default lead time", help="Days before the deadline its alert is raised.",
    )
    private = fields.Boolean(
        compute="_compute_private",
        help="Only HR and the process guardian may know this milestone (docs/privacy.md).",
    )

    @api.depends("code")
    def _compute_sequence(self):
        rank = {code: index for index, code in enumerate(milestones.MILESTONE_CODES)}
        for rule in self:
            rule.sequence = rank.get(rule.code, 0)

    @api.depends("code")
    def _compute_private(self):
        for rule in self:
            rule.private = rule.code in milestones.PRIVATE_CODES

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()  # erm.wvp.rule.set._engine_rule_sets
        return rules

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    def _engine_line(self):
        self.ensure_one()
        return {
            "code": self.code, "anchor": self.anchor, "offset": self.offset, "role": self.role,
            "after": self.after or None, "window_day": self.window_day or None,
            "condition": self.condition or None, "lead_days": self.lead_days or None,
            "early_after_code": self.early_after_code or None,
            "early_after_days": self.early_after_days,
        }
