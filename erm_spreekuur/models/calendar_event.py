# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The calendar event of a consultation: private and neutral (see the booking)."""

from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    erm_spreekuur = fields.Boolean(
        string="Consultation", readonly=True, copy=False, groups="base.group_system",
        help="The event of a consultation booking: its invitation is the consultation's "
        "own neutral mail. Only for administrators: nobody may find out which busy block "
        "is a consultation.",
    )
