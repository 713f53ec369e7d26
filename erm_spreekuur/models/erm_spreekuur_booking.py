# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A booked consultation: one slot, one employee, for his absence case or preventive.

A preventive booking (open spreekuur) is known only to the employee and the professional;
a case consultation follows the case's need-to-know rules. The purpose is a closed list:
never a medical reason.
"""

from odoo import api, fields, models

BOOKING_KINDS = [("case", "Absence consultation"), ("preventive", "Preventive consultation")]
PURPOSES = [
    ("probleemanalyse", "Problem analysis"),
    ("bijstelling", "Adjustment of the plan"),
    ("werkhervatting", "Return to work"),
    ("preventief", "Preventive"),
    ("other", "Other"),
]
BOOKING_STATES = [
    ("booked", "Booked"),
    ("attended", "Attended"),
    ("no_show", "No-show"),
    ("cancelled", "Cancelled"),
]
CANCEL_REASONS = [
    ("employee", "The employee cannot come"),
    ("professional", "The professional cannot come"),
    ("recovered", "The employee has recovered"),
    ("session", "The session was cancelled"),
    ("other", "Other"),
]
ACTIVE_STATES = ("booked", "attended", "no_show")


class ErmSpreekuurBooking(models.Model):
    _name = "erm.spreekuur.booking"
    _description = "Consultation booking"
    _inherit = ["mail.thread"]
    _order = "start desc, id desc"
    _check_company_auto = True

    slot_id = fields.Many2one(
        "erm.spreekuur.slot", required=True, index=True, ondelete="restrict", tracking=True
    )
    session_id = fields.Many2one(related="slot_id.session_id", store=True, index=True)
    professional_id = fields.Many2one(related="slot_id.professional_id", store=True, index=True)
    location_id = fields.Many2one(related="slot_id.location_id", store=True, index=True)
    start = fields.Datetime(related="slot_id.start", store=True, index=True)
    stop = fields.Datetime(related="slot_id.stop", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    case_id = fields.Many2one("erm.absence.case", index=True, check_company=True)
    kind = fields.Selection(BOOKING_KINDS, required=True, default="case")
    purpose = fields.Selection(PURPOSES, required=True, default="probleemanalyse", tracking=True)
    state = fields.Selection(
        BOOKING_STATES, required=True, default="booked", index=True, tracking=True
    )
    cancel_reason = fields.Selection(CANCEL_REASONS, tracking=True)
    cancelled_by_id = fields.Many2one("res.users", string="Cancelled by", readonly=True)
    calendar_event_id = fields.Many2one(
        "calendar.event", string="Calendar event", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        bookings = super().create(vals_list)
        bookings.slot_id.sudo().write({"state": "booked"})
        return bookings
