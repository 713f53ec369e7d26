# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, models


class HrLeave(models.Model):
    _inherit = "hr.leave"

    def _prepare_holidays_meeting_values(self):
        """hr_holidays creates each time-off meeting as the employee's own user; a portal
        user (an employee without an internal user, issue 13) may not create calendar
        events, so his absence's meeting is created as superuser (he stays its attendee)."""
        result = super()._prepare_holidays_meeting_values()
        portal_ids = [
            uid for uid in result
            if uid and self.env["res.users"].browse(uid).sudo().share
        ]
        for uid in portal_ids:
            result[SUPERUSER_ID].extend(result.pop(uid))
        return result
