# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consultation invitations through Odoo's calendar mail machinery, with a neutral template
(Odoo's own names an organiser, and a consultation has none)."""

from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _send_invitation_emails(self):
        # sudo: whether the event is a consultation (others' private events)
        spreekuur = self.sudo().filtered("event_id.erm_spreekuur").with_env(self.env)
        if spreekuur:
            spreekuur._send_mail_to_attendees(
                self.env.ref("erm_spreekuur.calendar_template_spreekuur_invitation"),
                force_send=True,
            )
        return super(CalendarAttendee, self - spreekuur)._send_invitation_emails()
