# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Verzuim > Spreekuur > Book: an employee books a preventive consultation for himself.

The booking is created as the user (no sudo), so the same rules apply as in the portal and
through JSON-RPC.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

# How far ahead the wizard offers free slots (as the portal).
BOOK_WEEKS = 12


class ErmSpreekuurBookWizard(models.TransientModel):
    _name = "erm.spreekuur.book.wizard"
    _description = "Book a preventive consultation"

    employee_id = fields.Many2one(
        "hr.employee", readonly=True,
        default=lambda self: self._default_employee(),
    )
    professional_id = fields.Many2one(
        "erm.spreekuur.professional",
        domain="[('id', 'in', available_professional_ids)]",
    )
    slot_id = fields.Many2one(
        "erm.spreekuur.slot", string="Time", domain="[('id', 'in', available_slot_ids)]",
    )
    available_professional_ids = fields.Many2many(
        "erm.spreekuur.professional", compute="_compute_available",
    )
    available_slot_ids = fields.Many2many(
        "erm.spreekuur.slot", compute="_compute_available",
    )
    location_id = fields.Many2one(related="slot_id.location_id", string="Location")

    @api.model
    def _default_employee(self):
        # the current company's employee of the user (res.users.employee_id)
        return self.env.user.employee_id

    def _free_slots(self, professional=None):
        now = fields.Datetime.now()
        return self.env["erm.spreekuur.slot"].search_free_slots(
            professional_ids=professional.ids if professional else None,
            date_from=now, date_to=now + timedelta(weeks=BOOK_WEEKS), kind="open",
        )

    @api.depends("professional_id")
    def _compute_available(self):
        free = self._free_slots()
        for wizard in self:
            wizard.available_professional_ids = free.professional_id
            wizard.available_slot_ids = free.filtered(
                lambda slot, w=wizard: slot.professional_id == w.professional_id
            ) if wizard.professional_id else free

    @api.onchange("professional_id")
    def _onchange_professional_id(self):
        if self.slot_id and self.slot_id.professional_id != self.professional_id:
            self.slot_id = False

    def action_book(self):
        self.ensure_one()
        if not self.employee_id:
            raise UserError(self.env._(
                "Your user is not linked to an employee of this company, so you cannot book "
                "a consultation for yourself."))
        if not self.slot_id:
            raise UserError(self.env._("Choose a time."))
        self.env["erm.spreekuur.booking"].create({
            "slot_id": self.slot_id.id,
            "employee_id": self.employee_id.id,
            "kind": "preventive",
            "purpose": "preventief",
            "company_id": self.employee_id.company_id.id,
        })
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Your consultation is booked. You will receive an invitation by e-mail."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
