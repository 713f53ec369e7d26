# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One rule of the wage-sanction check on one case: its status, level and dates. The rule's
description, legal source and the reason are the engine's texts (engine/sanction_risk.py),
shown in the reader's language."""

from odoo import api, fields, models
from odoo.tools import format_date

from ..engine import sanction_risk as risk
from .erm_sanction_risk import LEVEL_SELECTION, translator

STATUS_SELECTION = [
    (risk.OK, "In order"), (risk.LATE, "Late"), (risk.MISSING, "Missing"),
    (risk.NOT_DUE, "Not yet due"),
]


class ErmSanctionRiskLine(models.Model):
    _name = "erm.sanction.risk.line"
    _description = "Wage-Sanction Risk Rule"
    _order = "risk_id, sequence, id"

    risk_id = fields.Many2one(
        "erm.sanction.risk", required=True, ondelete="cascade", index=True, readonly=True,
    )
    case_id = fields.Many2one(related="risk_id.case_id")
    sequence = fields.Integer(readonly=True)
    code = fields.Selection(
        [(rule.code, rule.description) for rule in risk.RULES], string="Rule", required=True,
        readonly=True,
    )
    status = fields.Selection(STATUS_SELECTION, required=True, readonly=True)
    level = fields.Selection(LEVEL_SELECTION, required=True, readonly=True)
    date_due = fields.Date(string="Due", readonly=True)
    date_done = fields.Date(string="Done on", readonly=True)
    rule_description = fields.Char(compute="_compute_texts", string="Requirement")
    legal_source = fields.Char(compute="_compute_texts", string="Legal source")
    message = fields.Char(compute="_compute_texts", string="Finding")

    _sql_constraints = [
        ("risk_code_uniq", "UNIQUE(risk_id, code)", "A case's check has one line per rule."),
    ]

    @api.depends("code", "status", "date_due", "date_done")
    @api.depends_context("lang")
    def _compute_texts(self):
        t = translator(self.env)
        for line in self:
            rule = risk.BY_CODE.get(line.code)
            line.rule_description = t(rule.description) if rule else line.code
            line.legal_source = t(rule.source) if rule else False
            if not line.status:
                line.message = False
                continue
            if line.date_due:
                args = {"due": format_date(self.env, line.date_due),
                        "done": format_date(self.env, line.date_done) if line.date_done
                        else "-"}
                text = t(risk.MESSAGES[line.status]) % args
            else:
                text = t(risk.MESSAGE_NO_DATE[line.status])
            line.message = text
