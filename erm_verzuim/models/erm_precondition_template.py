# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The preconditions of the ERM factsheet, shipped as data (data/erm_precondition_data.xml):
one template per precondition; every company gets one checklist line per template
(erm.precondition)."""

from odoo import fields, models


class ErmPreconditionTemplate(models.Model):
    _name = "erm.precondition.template"
    _description = "ERM Precondition Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Stable key of the precondition (automatic evidence, overrides).",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    evidence_action = fields.Char(
        string="Evidence action",
        help="XML id of the window that shows what proves this precondition, if any.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A precondition code is unique."),
    ]
