# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# TEMPORARY stand-in for helper A's search_free_slots until branch ws9a is merged.
from odoo import api, fields, models


class ErmSpreekuurSlot(models.Model):
    _inherit = "erm.spreekuur.slot"

    @api.model
    def search_free_slots(self, professional_ids=None, date_from=None, date_to=None,
                          kind=None, limit=None):
        domain = [("state", "=", "free"), ("session_id.state", "=", "open"),
                  ("start", ">", max(date_from or fields.Datetime.now(),
                                     fields.Datetime.now()))]
        if professional_ids:
            domain.append(("professional_id", "in", list(professional_ids)))
        if date_to:
            domain.append(("start", "<", date_to))
        if kind == "open":
            domain.append(("kind", "in", ("open", "both")))
        elif kind == "case":
            domain.append(("kind", "in", ("case", "both")))
        return self.search(domain, limit=limit)


class ErmSpreekuurBooking(models.Model):
    # TEMPORARY stand-ins for helper B's booking flows until branch ws9b is merged.
    _inherit = "erm.spreekuur.booking"

    def action_cancel(self, reason="other"):
        self.write({"state": "cancelled", "cancel_reason": reason,
                    "cancelled_by_id": self.env.uid})
        self.slot_id.sudo().write({"state": "free"})
        return True

    def action_reschedule(self, new_slot):
        old = self.slot_id
        self.write({"slot_id": new_slot.id})
        old.sudo().write({"state": "free"})
        new_slot.sudo().write({"state": "booked"})
        return True
