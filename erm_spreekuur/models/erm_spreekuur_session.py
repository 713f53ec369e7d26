# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A consultation session: one professional, one room, one block of time, split into slots.

A recurring session ("every Tuesday 9:00-12:00") is a series of sessions, one per occurrence,
linked by ``series_id``; each occurrence keeps the wall-clock times of the first in the
company's time zone. Slots are generated when a session is opened for booking.

Nobody's booking disappears silently: the times, room and slot layout of a session that has
bookings change only through the change/cancel wizard (erm.spreekuur.session.change), which
moves or cancels each booking through the booking's own methods (mails, calendar event).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import slots as slot_engine

SESSION_KINDS = [
    ("case", "Absence consultation"),
    ("open", "Open consultation"),
    ("both", "Absence and open consultation"),
]
SESSION_STATES = [
    ("draft", "Draft"),
    ("open", "Open for booking"),
    ("cancelled", "Cancelled"),
]
RECURRENCES = [
    ("none", "Once"),
    ("weekly", "Weekly"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Monthly (same weekday)"),
]
DEFAULT_TZ = "Europe/Amsterdam"
# Fields that decide the slots: changing one on a session with bookings goes through the
# wizard (the bookings must be moved or cancelled, never silently dropped).
SLOT_FIELDS = (
    "start", "stop", "slot_minutes", "buffer_minutes", "break_from", "break_to",
    "location_id", "professional_id",
)
# Bookings that hold a slot (the booking model's ACTIVE_STATES).
HOLDING_STATES = ("booked", "attended", "no_show")
SKIP_GUARD = "erm_spreekuur_bookings_handled"


class ErmSpreekuurSession(models.Model):
    _name = "erm.spreekuur.session"
    _description = "Consultation session"
    _inherit = ["mail.thread"]
    _order = "start, id"
    _check_company_auto = True

    professional_id = fields.Many2one(
        "erm.spreekuur.professional", required=True, index=True, check_company=True,
        tracking=True,
    )
    location_id = fields.Many2one(
        "erm.spreekuur.location", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    start = fields.Datetime(required=True, tracking=True)
    stop = fields.Datetime(required=True, tracking=True)
    slot_minutes = fields.Integer(string="Slot length (minutes)", required=True, default=30)
    buffer_minutes = fields.Integer(string="Buffer after each slot (minutes)", default=0)
    break_from = fields.Float(string="Break from", help="Local time, e.g. 10:30.")
    break_to = fields.Float(string="Break until")
    kind = fields.Selection(SESSION_KINDS, required=True, default="case", tracking=True)
    state = fields.Selection(
        SESSION_STATES, required=True, default="draft", tracking=True, index=True
    )
    recurrence = fields.Selection(RECURRENCES, required=True, default="none")
    recurrence_count = fields.Integer(string="Number of sessions")
    recurrence_until = fields.Date(string="Repeat until")
    series_id = fields.Many2one(
        "erm.spreekuur.session", index=True, ondelete="set null", copy=False
    )
    slot_ids = fields.One2many("erm.spreekuur.slot", "session_id", string="Slots", copy=False)
    # Counts only (a slot carries no name): safe to show to every Verzuim user.
    slot_count = fields.Integer(compute="_compute_slot_counts", string="Slots offered")
    free_slot_count = fields.Integer(compute="_compute_slot_counts", string="Free slots")
    booked_slot_count = fields.Integer(compute="_compute_slot_counts", string="Taken slots")
    series_count = fields.Integer(compute="_compute_series_count", string="Sessions in series")

    @api.constrains("start", "stop", "slot_minutes", "buffer_minutes", "break_from", "break_to")
    def _check_times(self):
        for session in self:
            if session.stop <= session.start:
                raise ValidationError(self.env._("A session must end after it starts."))
            if session.slot_minutes <= 0:
                raise ValidationError(self.env._("The slot length must be positive."))
            if session.buffer_minutes < 0:
                raise ValidationError(self.env._("The buffer cannot be negative."))
            if session.break_to and session.break_to <= session.break_from:
                raise ValidationError(self.env._("A break must end after it starts."))

    @api.constrains("professional_id", "location_id")
    def _check_professional_location(self):
        for session in self:
            if session.location_id not in session.professional_id.location_ids:
                raise ValidationError(self.env._(
                    "%(professional)s does not hold consultations at %(location)s: add the "
                    "location to the professional first.",
                    professional=session.professional_id.name,
                    location=session.location_id.display_name,
                ))

    @api.constrains("start", "stop", "professional_id", "location_id", "state")
    def _check_overlap(self):
        """No professional in two sessions at once, no room holding two sessions at once
        (cancelled sessions do not count). One query for the whole batch."""
        self.flush_model(["start", "stop", "professional_id", "location_id", "state"])
        self.env.cr.execute(SQL(
            """
            SELECT s.id, o.id, s.professional_id = o.professional_id
              FROM erm_spreekuur_session s
              JOIN erm_spreekuur_session o
                ON o.id <> s.id AND o.state <> 'cancelled'
               AND (o.professional_id = s.professional_id OR o.location_id = s.location_id)
               AND o.start < s.stop AND s.start < o.stop
             WHERE s.id IN %s AND s.state <> 'cancelled'
             LIMIT 1
            """,
            tuple(self.ids),
        ))
        row = self.env.cr.fetchone()
        if row:
            # sudo: an overlapping session of another professional, named in the error
            other = self.browse(row[1]).sudo()
            if row[2]:
                message = self.env._(
                    "%(professional)s already has a session at that time (%(other)s).",
                    professional=other.professional_id.name, other=other.display_name,
                )
            else:
                message = self.env._(
                    "Room %(location)s already has a session at that time (%(other)s).",
                    location=other.location_id.display_name, other=other.display_name,
                )
            raise ValidationError(message)

    @api.depends("professional_id", "location_id", "start")
    def _compute_display_name(self):
        for session in self:
            when = ""
            if session.start:
                start = fields.Datetime.context_timestamp(session, session.start)
                when = start.strftime(" %d-%m-%Y %H:%M")
            session.display_name = (
                f"{session.professional_id.name or ''} - {session.location_id.name or ''}{when}"
            )

    def _compute_slot_counts(self):
        # free and taken slots of a session its readers may see (booking needs it)
        counts = {
            (session.id, state): count
            for session, state, count in self._slots()._read_group(
                [("session_id", "in", self.ids)], ["session_id", "state"], ["__count"]
            )
        }
        for session in self:
            free = counts.get((session.id, "free"), 0)
            booked = counts.get((session.id, "booked"), 0)
            session.free_slot_count = free
            session.booked_slot_count = booked
            session.slot_count = free + booked

    def _compute_series_count(self):
        counts = dict(self._read_group(
            [("series_id", "in", self.series_id.ids)], ["series_id"], ["__count"]
        ))
        for session in self:
            session.series_count = counts.get(session.series_id, 0)

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        firsts = sessions.filtered(lambda s: s.recurrence != "none" and not s.series_id)
        if firsts:
            firsts._expand_series()
        return sessions

    def _expand_series(self):
        """Create the later occurrences of recurring sessions (one create for all), each at
        the first one's wall-clock times in the company's time zone."""
        values = []
        for first in self:
            if not first.recurrence_count and not first.recurrence_until:
                raise ValidationError(self.env._(
                    "A recurring session needs an end: a number of sessions or a date."
                ))
            tz = first._tz()
            pairs = slot_engine.occurrences(
                slot_engine.to_local(first.start, tz), slot_engine.to_local(first.stop, tz),
                first.recurrence, count=first.recurrence_count or None,
                until=first.recurrence_until or None,
            )
            first.series_id = first
            common = first.copy_data({"series_id": first.id})[0]
            for local_start, local_stop in pairs[1:]:
                values.append(dict(
                    common,
                    start=slot_engine.to_utc(local_start, tz),
                    stop=slot_engine.to_utc(local_stop, tz),
                ))
        return self.create(values) if values else self.browse()

    def write(self, vals):
        changing = [name for name in SLOT_FIELDS if name in vals]
        cancelling = vals.get("state") == "cancelled"
        if (changing or cancelling) and not self.env.context.get(SKIP_GUARD):
            held = self._holding_bookings(HOLDING_STATES if changing else ("booked",))
            if held:
                raise UserError(self.env._(
                    "Session %(session)s has bookings. Use 'Change' or 'Cancel session' on "
                    "the session to decide what happens to them.",
                    session=held.session_id[:1].display_name,
                ))
        result = super().write(vals)
        if changing or vals.get("state") == "open":
            self.filtered(lambda s: s.state == "open")._sync_slots()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_booked(self):
        # sudo: whether bookings exist, counted only
        bookings = self.env["erm.spreekuur.booking"].sudo().search_count(
            [("session_id", "in", self.ids)], limit=1
        )
        if bookings:
            raise UserError(self.env._(
                "A session that has (had) bookings cannot be deleted; cancel it instead."
            ))

    # ------------------------------------------------------------------ helpers
    def _slots(self):
        """erm.spreekuur.slot as superuser."""
        # sudo: the slots are derived from the sessions: counted for their readers (no
        # booking, no person) and written with them by their own changes
        return self.env["erm.spreekuur.slot"].sudo()

    def _tz(self):
        self.ensure_one()
        # The company's time zone, not the user's: everyone must get the same wall-clock times.
        return self.company_id.partner_id.tz or DEFAULT_TZ

    def _holding_bookings(self, states=HOLDING_STATES):
        """The bookings that hold a slot of these sessions, as superuser: moving or cancelling
        them is the organisation's duty even for preventive bookings it may not read."""
        if not self.ids:
            return self.env["erm.spreekuur.booking"]
        # sudo: moving or cancelling them is the organisation's duty
        return self.env["erm.spreekuur.booking"].sudo().search(
            [("session_id", "in", self.ids), ("state", "in", list(states))], order="start, id"
        )

    def _slot_intervals(self):
        """The (start, stop) UTC pairs of this session's slots (pure engine, one session)."""
        self.ensure_one()
        tz = self._tz()
        local_start = slot_engine.to_local(self.start, tz)
        local_stop = slot_engine.to_local(self.stop, tz)
        breaks = []
        if self.break_to > self.break_from:
            day = local_start.date()
            breaks.append(
                (slot_engine.combine(day, self.break_from), slot_engine.combine(day, self.break_to))
            )
        return slot_engine.day_slots(
            local_start, local_stop, tz, self.slot_minutes, self.buffer_minutes, breaks
        )

    def _generate_slots(self):
        """Create the slots of open sessions (kept for callers of the skeleton's name)."""
        return self._sync_slots()

    def _sync_slots(self):
        """Make the slots of open sessions match their times: keep the slots that still fit
        (free, taken or blocked), create the missing ones (one create for all), delete the
        ones that no longer fit unless a booking refers to them (then they are blocked, the
        booking keeps its history). Returns the created slots."""
        Slot = self._slots()
        sessions = self.filtered(lambda s: s.state == "open")
        if not sessions:
            return Slot
        existing = Slot.search([("session_id", "in", sessions.ids)])
        by_key = {(slot.session_id.id, slot.start, slot.stop): slot for slot in existing}
        values, keep = [], set()
        for session in sessions:
            for start, stop in session._slot_intervals():
                key = (session.id, start, stop)
                if key in by_key:
                    keep.add(by_key[key].id)
                else:
                    values.append({"session_id": session.id, "start": start, "stop": stop})
        extra = existing.filtered(lambda slot: slot.id not in keep)
        if extra:
            referred = {
                slot.id: states
                # as superuser (Slot's env): the bookings' states per slot, counted only
                for slot, states in Slot.env["erm.spreekuur.booking"]._read_group(
                    [("slot_id", "in", extra.ids)], ["slot_id"], ["state:array_agg"]
                )
            }
            extra.filtered(lambda slot: slot.id not in referred).unlink()
            # A booking still holding an old slot is being moved by the wizard: leave it.
            extra.filtered(
                lambda slot: slot.id in referred
                and not set(referred[slot.id]) & set(HOLDING_STATES)
            ).write({"state": "blocked"})
        return Slot.create(values)

    def _post_note(self, body):
        for session in self:
            session.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------ actions
    def action_open(self):
        """Open draft sessions for booking and generate their slots."""
        if self.filtered(lambda s: s.state == "cancelled"):
            raise UserError(self.env._("A cancelled session cannot be opened again."))
        drafts = self.filtered(lambda s: s.state == "draft")
        drafts.write({"state": "open"})
        drafts._sync_slots()
        for session in drafts:
            session._post_note(Markup("%s") % self.env._(
                "Opened for booking: %(count)s slots.", count=len(session.slot_ids)
            ))
        return True

    def action_open_series(self):
        """Open this session and every later draft session of its series."""
        return self._series_from_here().filtered(lambda s: s.state == "draft").action_open()

    def _series_from_here(self):
        """These sessions and the later ones of their series."""
        later = self.search([
            ("series_id", "in", self.series_id.ids), ("start", ">=", min(self.mapped("start"))),
        ]) if self.series_id else self.browse()
        return self | later

    def action_cancel(self):
        """Cancel sessions without bookings at once; with bookings, ask what to do."""
        if self._holding_bookings(("booked",)):
            return self._open_change_wizard("cancel")
        self._do_cancel()
        return True

    def action_change(self):
        """Open the wizard that changes times or room and moves or cancels the bookings."""
        return self._open_change_wizard("change")

    def _open_change_wizard(self, mode):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel session") if mode == "cancel" else self.env._(
                "Change session"
            ),
            "res_model": "erm.spreekuur.session.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_session_id": self.id, "default_mode": mode},
        }

    def _do_cancel(self, note=None):
        """Cancel sessions whose bookings were dealt with: their slots can no longer be
        booked (kept, blocked, for the figures and the bookings' history)."""
        if self._holding_bookings(("booked",)):
            raise UserError(self.env._("Cancel or move the bookings of the session first."))
        sessions = self.filtered(lambda s: s.state != "cancelled")
        sessions.write({"state": "cancelled"})
        # the slots are derived from the session, cancelled with it
        self._slots().search(
            [("session_id", "in", sessions.ids), ("state", "=", "free")]
        ).write({"state": "blocked"})
        sessions._post_note(note or self.env._("Session cancelled."))
        return True

    def action_view_series(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Series"),
            "res_model": self._name,
            "view_mode": "list,form,calendar",
            "domain": [("series_id", "=", self.series_id.id)],
        }

    def action_view_free_slots(self):
        return self.env["erm.spreekuur.slot"]._action_free_slots(
            domain=[("session_id", "in", self.ids)]
        )
