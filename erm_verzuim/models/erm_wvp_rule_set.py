# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The versions of the WvP timeline as data (domain.md §3a): a rule set applies to the cases
whose chain starts on or after its start date. Set 1 is seeded from the engine's table
(engine/milestones.py) by data/erm_wvp_rule_set_data.xml; the administrator adds a set for a
change of the law in Verzuim > Configuratie, without code."""

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..engine import milestones


class ErmWvpRuleSet(models.Model):
    _name = "erm.wvp.rule.set"
    _description = "WvP Rule Set"
    _inherit = ["mail.thread"]
    _order = "date_start desc, version desc"

    name = fields.Char(required=True, tracking=True)
    version = fields.Integer(required=True, tracking=True)
    date_start = fields.Date(
        string="Applies from", required=True, tracking=True,
        help="The rules apply to cases whose first sick day (of the chain) is on or after "
        "this date.",
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text(help="The law or regulation this version follows.")
    rule_ids = fields.One2many("erm.wvp.rule", "rule_set_id", string="Milestones", copy=True)

    _sql_constraints = [
        ("version_uniq", "UNIQUE(version)", "Each version number is used once."),
    ]

    @api.constrains("rule_ids")
    def _check_rules(self):
        for rule_set in self:
            codes = rule_set.rule_ids.mapped("code")
            if len(codes) != len(set(codes)):
                raise ValidationError(self.env._(
                    "A rule set holds each milestone once (%(name)s).", name=rule_set.name))
            for rule in rule_set.rule_ids:
                refs = {rule.after, rule.early_after_code} - {False}
                if refs - set(codes):
                    raise ValidationError(self.env._(
                        "Milestone %(code)s of %(name)s counts from a milestone the set does "
                        "not hold.", code=rule.code, name=rule_set.name))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    @api.model
    def _engine_rule_sets(self):
        """The active sets as engine RuleSets (plain data), read once per worker."""
        return self._engine_rule_sets_cached()

    @tools.ormcache()
    def _engine_rule_sets_cached(self):
        # sudo: the timeline is configuration every user's deadlines follow
        sets = self.sudo().search([])
        result = tuple(
            milestones.build_rule_set(rule_set.version, rule_set.date_start, [
                rule._engine_line() for rule in rule_set.rule_ids
            ]) for rule_set in sets
        )
        return result or milestones.RULE_SETS

    @api.model
    def _rule_set_for(self, first_sick_day):
        return milestones.rule_set_for(first_sick_day, self._engine_rule_sets())
