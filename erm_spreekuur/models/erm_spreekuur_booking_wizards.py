# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cancel (with a reason from the list) and reschedule a booking from the backend."""

from odoo import api, fields, models

from .erm_spreekuur_booking import CANCEL_REASONS


class ErmSpreekuurBookingCancel(models.TransientModel):
    _name = "erm.spreekuur.booking.cancel"
    _description = "Cancel a consultation"

    booking_id = fields.Many2one("erm.spreekuur.booking", required=True, ondelete="cascade")
    reason = fields.Selection(CANCEL_REASONS, required=True, default="employee")

    def action_confirm(self):
        self.ensure_one()
        self.booking_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}


class ErmSpreekuurBookingReschedule(models.TransientModel):
    _name = "erm.spreekuur.booking.reschedule"
    _description = "Reschedule a consultation"

    booking_id = fields.Many2one("erm.spreekuur.booking", required=True, ondelete="cascade")
    professional_id = fields.Many2one(
        "erm.spreekuur.professional", compute="_compute_professional_id", store=True,
        readonly=False,
    )
    booking_kind = fields.Selection(related="booking_id.kind")
    slot_id = fields.Many2one(
        "erm.spreekuur.slot", string="New time", required=True,
        domain="[('professional_id', '=', professional_id), ('state', '=', 'free'),"
        " ('start', '>', context_today().strftime('%Y-%m-%d')),"
        " ('kind', 'in', ['open', 'both'] if booking_kind == 'preventive'"
        " else ['case', 'both'])]",
    )

    @api.depends("booking_id")
    def _compute_professional_id(self):
        for wizard in self:
            wizard.professional_id = wizard.booking_id.professional_id

    def action_confirm(self):
        self.ensure_one()
        self.booking_id.action_reschedule(self.slot_id)
        return {"type": "ir.actions.act_window_close"}
