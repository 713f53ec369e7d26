# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reschedule a booking from the backend to another free slot of its professional."""

from odoo import api, fields, models


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
