# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Change or cancel a session that has bookings: the planner decides what happens to them.

Nobody's booking disappears silently: every booking of the session is either moved to the
new times (the booking's own ``action_reschedule``: the calendar event moves, both attendees
are told) or cancelled with the reason "the session was cancelled" (``action_cancel``: the
event is cancelled, both are told). The session's chatter records what was done, as counts
only (a preventive booking's name must not reach the session's readers).
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import slots as slot_engine
from ..models.erm_spreekuur_session import SKIP_GUARD

SESSION_CANCEL_REASON = "session"


class ErmSpreekuurSessionChange(models.TransientModel):
    _name = "erm.spreekuur.session.change"
    _description = "Change or cancel a consultation session"

    session_id = fields.Many2one("erm.spreekuur.session", required=True, ondelete="cascade")
    mode = fields.Selection(
        [("change", "Change times or room"), ("cancel", "Cancel the session")],
        required=True, default="change",
    )
    scope = fields.Selection(
        [("this", "This session only"), ("following", "This and the later sessions of the series")],
        required=True, default="this",
    )
    in_series = fields.Boolean(compute="_compute_in_series")
    # One compute per field: a field given at create must not stop the others' computing.
    new_start = fields.Datetime(
        string="New start", compute="_compute_new_start", store=True, readonly=False
    )
    new_stop = fields.Datetime(
        string="New end", compute="_compute_new_stop", store=True, readonly=False
    )
    new_location_id = fields.Many2one(
        "erm.spreekuur.location", string="New location",
        compute="_compute_new_location_id", store=True, readonly=False,
    )
    new_slot_minutes = fields.Integer(
        string="New slot length (minutes)", compute="_compute_new_slot_minutes", store=True,
        readonly=False,
    )
    booking_action = fields.Selection(
        [
            ("move", "Move them to the new times"),
            ("cancel", "Cancel them and notify the attendees"),
        ],
        string="Bookings that no longer fit", required=True, default="move",
        help="Bookings whose time still fits the changed session stay where they are.",
    )
    booking_count = fields.Integer(compute="_compute_booking_count", string="Bookings affected")

    @api.depends("session_id")
    def _compute_in_series(self):
        for wizard in self:
            wizard.in_series = wizard.session_id.series_count > 1

    @api.depends("session_id")
    def _compute_new_start(self):
        for wizard in self:
            wizard.new_start = wizard.session_id.start

    @api.depends("session_id")
    def _compute_new_stop(self):
        for wizard in self:
            wizard.new_stop = wizard.session_id.stop

    @api.depends("session_id")
    def _compute_new_location_id(self):
        for wizard in self:
            wizard.new_location_id = wizard.session_id.location_id

    @api.depends("session_id")
    def _compute_new_slot_minutes(self):
        for wizard in self:
            wizard.new_slot_minutes = wizard.session_id.slot_minutes

    @api.depends("session_id", "scope")
    def _compute_booking_count(self):
        for wizard in self:
            wizard.booking_count = len(wizard._sessions()._holding_bookings(("booked",)))

    def _sessions(self):
        """The sessions the wizard acts on, in time order (cancelled ones left out)."""
        self.ensure_one()
        sessions = self.session_id
        if self.scope == "following":
            sessions = sessions._series_from_here()
        return sessions.filtered(lambda s: s.state != "cancelled").sorted("start")

    def action_apply(self):
        self.ensure_one()
        sessions = self._sessions()
        if not sessions:
            raise UserError(self.env._("The session is already cancelled."))
        if self.mode == "cancel":
            self._cancel(sessions)
        else:
            self._change(sessions)
        return {"type": "ir.actions.act_window_close"}

    # ------------------------------------------------------------------ cancel
    def _cancel(self, sessions):
        for session in sessions:
            bookings = session._holding_bookings(("booked",))
            if bookings:
                bookings.action_cancel(SESSION_CANCEL_REASON)
            session._do_cancel(note=Markup("%s") % self.env._(
                "Session cancelled. Bookings cancelled: %(count)s; the attendees were notified.",
                count=len(bookings),
            ))

    # ------------------------------------------------------------------ change
    def _change(self, sessions):
        if not self.new_start or not self.new_stop or self.new_stop <= self.new_start:
            raise ValidationError(self.env._("A session must end after it starts."))
        first = self.session_id
        tz = first._tz()
        # The change is made in wall-clock time, so that later sessions of a series keep
        # the same local hours on both sides of a DST change.
        shift = slot_engine.to_local(self.new_start, tz) - slot_engine.to_local(first.start, tz)
        duration = slot_engine.to_local(self.new_stop, tz) - slot_engine.to_local(
            self.new_start, tz
        )
        for session in sessions:
            if session._holding_bookings(("attended", "no_show")):
                raise UserError(self.env._(
                    "Session %(session)s already took place; it cannot be changed.",
                    session=session.display_name,
                ))
            local_start = slot_engine.to_local(session.start, tz) + shift
            values = {
                "start": slot_engine.to_utc(local_start, tz),
                "stop": slot_engine.to_utc(local_start + duration, tz),
                "location_id": self.new_location_id.id,
                "slot_minutes": self.new_slot_minutes,
            }
            bookings = session._holding_bookings(("booked",))
            offsets = {booking.id: booking.start - session.start for booking in bookings}
            new_room = session.location_id != self.new_location_id
            session.with_context(**{SKIP_GUARD: True}).write(values)
            moved, cancelled = self._rehouse(session, bookings, offsets, shift)
            if new_room:
                # Bookings that keep their time are told about the other room.
                self._tell_new_room(bookings.filtered(lambda b: b.state == "booked") - moved)
            session._sync_slots()
            session.message_post(
                body=Markup("%s") % self.env._(
                    "Session changed. Bookings moved: %(moved)s, cancelled: %(cancelled)s; "
                    "the attendees were notified.",
                    moved=len(moved), cancelled=cancelled,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _rehouse(self, session, bookings, offsets, shift):
        """Move (or cancel) the bookings whose slot no longer fits the session. A booking
        keeps its place in the session (the 3rd slot stays the 3rd) when that slot exists,
        else it gets the first free slot left, else it is cancelled. Returns the moved
        bookings and the number cancelled."""
        if not bookings:
            return bookings, 0
        layout = set(session._slot_intervals())
        to_place = bookings.filtered(
            lambda b: (b.slot_id.start, b.slot_id.stop) not in layout
        )
        if self.booking_action == "cancel" or session.state != "open":
            if to_place:
                to_place.action_cancel(SESSION_CANCEL_REASON)
            return bookings.browse(), len(to_place)
        free = session.slot_ids.filtered(lambda slot: slot.state == "free").sorted("start")
        by_start = {slot.start: slot for slot in free}
        targets, used = {}, set()
        for booking in to_place:
            slot = by_start.get(session.start + offsets[booking.id])
            if slot and slot.id not in used:
                targets[booking.id] = slot
                used.add(slot.id)
        for booking in to_place:
            if booking.id not in targets:
                slot = next((s for s in free if s.id not in used), None)
                if slot:
                    targets[booking.id] = slot
                    used.add(slot.id)
        # Later bookings first when the session moves later (and the other way round), so
        # that a booking never lands on a time another one still holds.
        ordered = to_place.sorted("start", reverse=shift.total_seconds() > 0)
        moved, cancelled = bookings.browse(), 0
        for booking in ordered:
            if booking.id in targets:
                booking.action_reschedule(targets[booking.id])
                moved |= booking
            else:
                booking.action_cancel(SESSION_CANCEL_REASON)
                cancelled += 1
        return moved, cancelled

    def _tell_new_room(self, bookings):
        """Bookings that keep their time in another room: their copy of the room (the
        booking keeps the slot's place and time as its own columns, which the database's
        exclusion constraints check) and their calendar event follow, and the attendees get
        Odoo's "event updated" mail."""
        if not bookings:
            return
        # as superuser: the session's bookings come from _holding_bookings; their attendees
        # are told (the mail is sent for the professional who changed the room)
        Booking = bookings.env["erm.spreekuur.booking"]
        for booking in bookings:
            if hasattr(Booking, "_slot_values"):
                booking.write(Booking._slot_values(booking.slot_id))
            room = booking.slot_id.location_id
            address = room.partner_id._display_address(without_company=False)
            address = ", ".join(line for line in address.split("\n") if line.strip())
            booking.calendar_event_id.write(
                {"location": f"{room.name}, {address}" if address else room.name}
            )
        template = Booking.env.ref("calendar.calendar_template_meeting_update",
                                   raise_if_not_found=False)
        if template:
            for event in bookings.calendar_event_id:
                template.send_mail(event.id, force_send=True)
