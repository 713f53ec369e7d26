# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    erm_case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", index="btree_not_null", readonly=True,
        copy=False, ondelete="set null", groups="hr_holidays.group_hr_holidays_user",
    )
