# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from . import erm_competence as competence

DIGEST_FIELDS = ["erm_deadline_digest"]
# A manager reads his own ERM competence figures on his profile; others need HR (groups=).
COMPETENCE_FIELDS = [
    "erm_competence_coverage", "erm_competence_required_level", "erm_competence_gaps",
]


class ResUsers(models.Model):
    _inherit = "res.users"

    erm_deadline_digest = fields.Boolean(
        string="Weekly absence deadline digest", default=True,
        help="Receive every week an e-mail with the deadlines of your absence cases for the "
        "coming two weeks (board members: the counts of their companies).",
    )
    erm_digest_last_sent = fields.Date(
        string="Absence digest last sent", readonly=True, copy=False,
        help="Set by the weekly digest job: a user gets at most one digest a week, also when "
        "the job is interrupted and runs again.",
    )

    erm_competence_coverage = fields.Float(
        string="ERM competence coverage (%)", compute="_compute_erm_competence",
        digits=(5, 1), groups="erm_verzuim.group_erm_hr",
    )
    erm_competence_required_level = fields.Selection(
        competence.COMPETENCE_LEVELS, string="Required competence level",
        compute="_compute_erm_competence", groups="erm_verzuim.group_erm_hr",
    )
    erm_competence_gaps = fields.Char(
        string="Development points", compute="_compute_erm_competence",
        groups="erm_verzuim.group_erm_hr",
    )

    def _compute_erm_competence(self):
        # sudo: a user's own HR data (his skills), readable by himself and HR only (the
        # fields' groups and SELF_READABLE_FIELDS)
        employees = self.sudo().employee_id
        data = competence.competence_data(self.env, employees)
        for user in self:
            values = data.get(user.sudo().employee_id.id)
            user.erm_competence_coverage = values["coverage"] if values else 0.0
            user.erm_competence_required_level = values["required"] if values else False
            user.erm_competence_gaps = (
                ", ".join(values["gaps"].mapped("name")) if values else False
            )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + DIGEST_FIELDS + COMPETENCE_FIELDS

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + DIGEST_FIELDS
