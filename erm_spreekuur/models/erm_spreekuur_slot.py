# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A bookable slot of a session. Carries no name: whoever sees a taken slot sees *bezet*."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

SLOT_STATES = [("free", "Free"), ("booked", "Taken"), ("blocked", "Blocked")]
# Which session kinds a booking of a kind may use.
KIND_SESSIONS = {
    "case": ("case", "both"),
    "open": ("open", "both"),
    "preventive": ("open", "both"),
    "both": ("both",),
}


class ErmSpreekuurSlot(models.Model):
    _name = "erm.spreekuur.slot"
    _description = "Consultation slot"
    _order = "start, id"
    # Many2one fields pick a slot by name_search, which searches the _rec_name: without one
    # it finds nothing ("No records") and no slot can be chosen in a form.
    _rec_name = "start"

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

    # The free-slot search (search_free_slots), answered from these partial indexes alone
    # (index-only scans: the columns the search filters on and returns are in the index):
    # one professional (or several) over a period, and all professionals by time.
    FREE_INDEXES = {
        "erm_spreekuur_slot_free_idx": "(professional_id, start, id) INCLUDE (company_id, kind)",
        "erm_spreekuur_slot_free_start_idx":
            "(start, id) INCLUDE (professional_id, company_id, kind)",
    }

    def init(self):
        for name, columns in self.FREE_INDEXES.items():
            self.env.cr.execute(SQL(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", name,
            ))
            row = self.env.cr.fetchone()
            if row and "INCLUDE" in row[0]:
                continue
            # an older definition (without the covered columns) is replaced
            self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
            self.env.cr.execute(SQL(
                "CREATE INDEX %s ON %s %s WHERE state = 'free'",
                SQL.identifier(name), SQL.identifier(self._table), SQL(columns),
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

    # ------------------------------------------------------------------ free-slot search
    @api.model
    def _free_slot_domain(self, professional_ids=None, date_from=None, date_to=None, kind=None):
        """The domain of the free-slot search. A slot is free only in an open session (slots
        exist only once a session is opened; cancelling blocks them), so the partial index
        on ``state = 'free'`` answers it without a join."""
        now = fields.Datetime.now()
        date_from = fields.Datetime.to_datetime(date_from) or now
        domain = [("state", "=", "free"), ("start", ">", max(date_from, now))]
        if professional_ids is not None:
            ids = [professional_ids] if isinstance(professional_ids, int) else professional_ids
            domain.append(("professional_id", "in", list(getattr(ids, "ids", ids))))
        if date_to:
            domain.append(("start", "<", fields.Datetime.to_datetime(date_to)))
        if kind:
            domain.append(("kind", "in", KIND_SESSIONS[kind]))
        return domain

    @api.model
    def search_free_slots(
        self, professional_ids=None, date_from=None, date_to=None, kind=None, limit=None
    ):
        """Free slots of open sessions that start after now (and after ``date_from``, before
        ``date_to``), for the given professionals (all when None), of sessions that take
        bookings of ``kind`` (``case``, or ``open``/``preventive``). One query whatever the
        number of professionals or days (the index erm_spreekuur_slot_free_idx)."""
        return self.search(
            self._free_slot_domain(professional_ids, date_from, date_to, kind),
            limit=limit, order="start, id",
        )

    @api.model
    def _action_free_slots(self, domain=None, context=None):
        """The free-slot calendar: its domain holds the current time, so that no past slot
        is offered (a window action's domain cannot compute it itself)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "erm_spreekuur.erm_spreekuur_slot_free_action"
        )
        action["domain"] = self._free_slot_domain() + list(domain or [])
        action["context"] = dict(context or {})
        return action

    # ------------------------------------------------------------------ blocking
    def action_block(self):
        """Take free slots out of the offer (e.g. the room is needed otherwise)."""
        if self.filtered(lambda slot: slot.state == "booked"):
            raise UserError(self.env._(
                "A taken slot cannot be blocked; change or cancel its session instead."
            ))
        self.filtered(lambda slot: slot.state == "free").write({"state": "blocked"})
        return True

    def action_unblock(self):
        """Offer blocked slots again, if their session is open, they still fit its times
        and nothing holds them."""
        layouts = {
            session.id: set(session._slot_intervals())
            for session in self.session_id.filtered(lambda s: s.state == "open")
        }
        blocked = self.filtered(
            lambda slot: slot.state == "blocked"
            and (slot.start, slot.stop) in layouts.get(slot.session_id.id, ())
        )
        # sudo: whether the slot holds a booking, counted only
        held = self.env["erm.spreekuur.booking"].sudo().search(
            [("slot_id", "in", blocked.ids), ("state", "!=", "cancelled")]
        ).slot_id
        (blocked - held).write({"state": "free"})
        return True
