# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

DIGEST_FIELDS = ["erm_deadline_digest"]


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

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + DIGEST_FIELDS

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + DIGEST_FIELDS
