# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A bookable slot of a session. Carries no name: whoever sees a taken slot sees *bezet*."""

from odoo import api, fields, models
from odoo.tools import SQL

SLOT_STATES = [("free", "Free"), ("booked", "Taken"), ("blocked", "Blocked")]


class ErmSpreekuurSlot(models.Model):
    _name = "erm.spreekuur.slot"
    _description = "Consultation slot"
    _order = "start, id"

    session_id = fields.Many2one(
        "erm.spreekuur.session", required=True, index=True, ondelete="cascade"
    )
    professional_id = fields.Many2one(
        related="session_id.professional_id", store=True, index=True
    )
    location_id = fields.Many2one(related="session_id.location_id", store=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    kind = fields.Selection(related="session_id.kind", store=True)
    start = fields.Datetime(required=True)
    stop = fields.Datetime(required=True)
    state = fields.Selection(SLOT_STATES, required=True, default="free", index=True)

    def init(self):
        # The free-slot search: one professional (or all) over a period, free slots only.
        self.env.cr.execute(SQL(
            "CREATE INDEX IF NOT EXISTS erm_spreekuur_slot_free_idx ON %s "
            "(professional_id, start) WHERE state = 'free'",
            SQL.identifier(self._table),
        ))

    @api.depends("start", "stop")
    def _compute_display_name(self):
        for slot in self:
            if not slot.start:
                slot.display_name = ""
                continue
            start = fields.Datetime.context_timestamp(slot, slot.start)
            stop = fields.Datetime.context_timestamp(slot, slot.stop)
            slot.display_name = f"{start:%d-%m-%Y %H:%M}-{stop:%H:%M}"
