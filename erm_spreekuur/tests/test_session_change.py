# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Changing or cancelling a session that has bookings: the planner decides, the bookings are
moved or cancelled through the booking's own methods, nothing disappears silently."""

import unittest
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import MockEmail

from ..engine import slots as engine
from .session_common import SpreekuurSessionCommon

TZ = "Europe/Amsterdam"


@tagged("post_install", "-at_install")
class TestSessionChange(SpreekuurSessionCommon, MockEmail):
    def setUp(self):
        super().setUp()
        # Odoo's test mode sends force_send mails at once and deletes the sent ones: keep
        # them, so the test reads the same mail.mail under both runners
        self.enterContext(self.mock_mail_gateway())

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Booking = cls.env["erm.spreekuur.booking"]
        if not hasattr(Booking, "action_reschedule"):
            raise unittest.SkipTest("the booking flows (reschedule, cancel) are missing")
        cls.session = cls.make_session(kind="both")  # Tuesday 9:00-12:00 local, 6 slots
        cls.booking_a = cls.book(cls.session.slot_ids[1])  # 9:30, Jan Jansen
        cls.booking_b = cls.book(cls.session.slot_ids[4], employee=cls.colleague)  # 11:00

    def wizard(self, mode="change", user=None, **vals):
        Wizard = self.env["erm.spreekuur.session.change"]
        if user:
            Wizard = Wizard.with_user(user)
        form = Form(Wizard.with_context(default_session_id=self.session.id, default_mode=mode))
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def local_hhmm(self, booking):
        return engine.to_local(booking.start, TZ).strftime("%H:%M")

    def test_move_later_keeps_places(self):
        wizard = self.wizard(
            new_start=datetime(2030, 1, 8, 9, 0), new_stop=datetime(2030, 1, 8, 12, 0),
        )
        self.assertEqual(wizard.booking_count, 2)
        wizard.with_user(self.user_hr).action_apply()
        self.assertEqual((self.booking_a | self.booking_b).mapped("state"), ["booked"] * 2)
        # 9:30 (2nd place) -> 10:30 (2nd place); 11:00 still fits and stays
        self.assertEqual(self.local_hhmm(self.booking_a), "10:30")
        self.assertEqual(self.local_hhmm(self.booking_b), "11:00")
        # the calendar events moved with them
        self.assertEqual(self.booking_a.calendar_event_id.start, self.booking_a.start)
        # the session's slots are exactly the new ones: 10:00-13:00, two taken
        slots = self.session.slot_ids
        self.assertEqual(len(slots), 6)
        self.assertEqual(slots[0].start, datetime(2030, 1, 8, 9, 0))
        self.assertEqual(slots.mapped("state").count("booked"), 2)
        self.assertEqual(self.session.free_slot_count, 4)
        note = self.session.message_ids[:1]
        self.assertIn("Bookings moved: 1, cancelled: 0", note.body)
        self.assertNotIn("Jansen", note.body, "no names in the session's chatter")

    def test_move_earlier_and_shorter_cancels_what_does_not_fit(self):
        # 8:30-10:00 local with 30-minute slots: 3 slots; 9:30 still fits and stays, the
        # 11:00 booking has no place at 11:00 and gets the first free slot left, 8:30
        self.wizard(
            new_start=datetime(2030, 1, 8, 7, 30), new_stop=datetime(2030, 1, 8, 9, 0),
        ).action_apply()
        self.assertEqual(self.local_hhmm(self.booking_a), "09:30")
        self.assertEqual(self.local_hhmm(self.booking_b), "08:30")
        self.assertEqual(self.session.slot_ids.filtered(lambda s: s.state != "blocked").mapped(
            lambda s: engine.to_local(s.start, TZ).strftime("%H:%M")
        ), ["08:30", "09:00", "09:30"])
        # one slot (8:30-9:00) for two bookings: the 9:30 one must be cancelled, with mails
        self.wizard(
            new_start=datetime(2030, 1, 8, 7, 30), new_stop=datetime(2030, 1, 8, 8, 0),
        ).action_apply()
        self.assertEqual(self.booking_b.state, "booked")
        cancelled = self.booking_a
        self.assertEqual(cancelled.state, "cancelled")
        self.assertEqual(cancelled.cancel_reason, "session")
        self.assertFalse(cancelled.calendar_event_id.active)
        self.assertIn("Bookings moved: 0, cancelled: 1", self.session.message_ids[:1].body)
        # the slot of the cancelled booking stays (blocked), for its history
        self.assertIn(cancelled.slot_id, self.session.slot_ids)
        self.assertEqual(cancelled.slot_id.state, "blocked")
        self.assertFalse(self.Slot.search_free_slots(self.doctor.ids))

    def test_change_and_cancel_bookings(self):
        # 10:00-13:00: the 9:30 booking no longer fits and is cancelled; 11:00 still fits
        self.wizard(
            new_start=datetime(2030, 1, 8, 9, 0), new_stop=datetime(2030, 1, 8, 12, 0),
            booking_action="cancel",
        ).action_apply()
        self.assertEqual(self.booking_a.state, "cancelled")
        self.assertEqual(self.booking_b.state, "booked")
        self.assertEqual(self.session.free_slot_count, 5)

    def test_slot_length_change_moves_bookings(self):
        self.wizard(new_slot_minutes=60).action_apply()
        self.assertEqual(self.local_hhmm(self.booking_a), "09:00")
        self.assertEqual(self.local_hhmm(self.booking_b), "11:00")
        self.assertEqual(self.booking_a.stop - self.booking_a.start, timedelta(hours=1))

    def test_room_change_keeps_bookings(self):
        self.wizard(new_location_id=self.room_2).action_apply()
        self.assertEqual(self.booking_a.state, "booked")
        self.assertEqual(self.booking_a.location_id, self.room_2)
        self.assertIn("Kamer 2", self.booking_a.calendar_event_id.location)

    def test_cancel_session_cancels_bookings(self):
        action = self.session.with_user(self.user_hr).action_cancel()
        wizard = self.env[action["res_model"]].with_user(self.user_hr).with_context(
            **action["context"]
        ).create({})
        self.assertEqual(wizard.mode, "cancel")
        self.assertEqual(wizard.booking_count, 2)
        wizard.action_apply()
        self.assertEqual(self.session.state, "cancelled")
        self.assertEqual((self.booking_a | self.booking_b).mapped("state"), ["cancelled"] * 2)
        self.assertEqual(self.booking_a.cancel_reason, "session")
        self.assertEqual(set(self.session.slot_ids.mapped("state")), {"blocked"})
        self.assertIn("Bookings cancelled: 2", self.session.message_ids[:1].body)

    def test_series_following(self):
        first = self.make_session(
            datetime(2030, 1, 15, 8, 0), datetime(2030, 1, 15, 11, 0), kind="both",
            recurrence="weekly", recurrence_count=3,
        )
        first.action_open_series()
        series = self.Session.search([("series_id", "=", first.id)])
        booking = self.book(series[2].slot_ids[0])
        wizard = self.env["erm.spreekuur.session.change"].create({
            "session_id": series[1].id, "mode": "change", "scope": "following",
            "new_start": series[1].start + timedelta(hours=1),
            "new_stop": series[1].stop + timedelta(hours=1),
        })
        self.assertTrue(wizard.in_series)
        self.assertEqual(wizard.booking_count, 1)
        wizard.action_apply()
        self.assertEqual(series[0].start, datetime(2030, 1, 15, 8, 0), "earlier: untouched")
        self.assertEqual(
            [engine.to_local(s.start, TZ).hour for s in series], [9, 10, 10]
        )
        self.assertEqual(self.local_hhmm(booking), "10:00")
        cancel = self.env["erm.spreekuur.session.change"].create({
            "session_id": series[1].id, "mode": "cancel", "scope": "following",
        })
        cancel.action_apply()
        self.assertEqual(series.mapped("state"), ["open", "cancelled", "cancelled"])
        self.assertEqual(booking.state, "cancelled")

    def test_preventive_bookings_moved_by_hr(self):
        # HR cannot read a preventive booking, yet its planner must be able to move it
        self.assertFalse(
            self.env["erm.spreekuur.booking"].with_user(self.user_hr).search(
                [("id", "=", self.booking_a.id)]
            )
        )
        self.wizard(
            user=self.user_hr,
            new_start=datetime(2030, 1, 8, 9, 0), new_stop=datetime(2030, 1, 8, 12, 0),
        ).action_apply()
        self.assertEqual(self.local_hhmm(self.booking_a), "10:30")

    def test_taken_place_cannot_change(self):
        self.booking_a.sudo().state = "attended"
        with self.assertRaises(UserError):
            self.wizard(new_slot_minutes=60).action_apply()
        self.assertEqual(self.session.slot_minutes, 30)

    def test_mails_to_attendees(self):
        Mail = self.env["mail.mail"].sudo()
        before = Mail.search([])
        self.wizard(mode="cancel").action_apply()
        mails = Mail.search([]) - before
        recipients = mails.recipient_ids | mails.partner_ids
        self.assertIn(self.doctor.partner_id, recipients)
        self.assertIn(self.user_employee.partner_id, recipients)
        # a room change is told too
        session = self.make_session(datetime(2030, 1, 9, 8, 0), datetime(2030, 1, 9, 11, 0),
                                    kind="both")
        booking = self.book(session.slot_ids[0])
        before = Mail.search([])
        self.env["erm.spreekuur.session.change"].create({
            "session_id": session.id, "new_location_id": self.room_2.id,
        }).action_apply()
        self.assertIn("Kamer 2", booking.calendar_event_id.location)
        mails = Mail.search([]) - before
        self.assertTrue(mails)
        self.assertIn(self.doctor.partner_id.email, " ".join(mails.mapped("email_to")))
