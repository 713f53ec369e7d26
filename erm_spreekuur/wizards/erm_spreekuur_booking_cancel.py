# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cancel a booking from the backend, with a reason from the list."""

from odoo import fields, models

from ..models.erm_spreekuur_booking import CANCEL_REASONS


class ErmSpreekuurBookingCancel(models.TransientModel):
    _name = "erm.spreekuur.booking.cancel"
    _description = "Cancel a consultation"

    booking_id = fields.Many2one("erm.spreekuur.booking", required=True, ondelete="cascade")
    reason = fields.Selection(CANCEL_REASONS, required=True, default="employee")

    def action_confirm(self):
        self.ensure_one()
        self.booking_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
