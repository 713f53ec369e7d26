# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, fields, models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    erm_case_id = fields.Many2one(
        "erm.absence.case", string="Absence case", index="btree_not_null", readonly=True,
        copy=False, ondelete="set null", groups="hr_holidays.group_hr_holidays_user",
    )

    def _prepare_holidays_meeting_values(self):
        """hr_holidays creates each time-off meeting as the employee's own user; a portal
        user (an employee without an internal user) may not create calendar
        events, so his absence's meeting is created as superuser (he stays its attendee)."""
        result = super()._prepare_holidays_meeting_values()
        # sudo: whether an attendee is a portal user (share), an identity
        users = self.env["res.users"].sudo().browse([uid for uid in result if uid])
        for uid in users.filtered("share").ids:
            result[SUPERUSER_ID].extend(result.pop(uid))
        return result
