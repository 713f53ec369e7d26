# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sessions: recurrence in wall-clock time, slot generation, life cycle, guards."""

from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..engine import slots as engine
from .session_common import SpreekuurSessionCommon

TZ = "Europe/Amsterdam"


def local(dt):
    return engine.to_local(dt, TZ)


@tagged("post_install", "-at_install")
class TestSessionRecurrence(SpreekuurSessionCommon):
    def test_weekly_series_over_dst_start(self):
        # Tuesday 16 March 2027 9:00-12:00 (UTC+1), weekly 4 times: 23/3 (UTC+1),
        # 30/3 and 6/4 (UTC+2 after 28 March)
        first = self.make_session(
            datetime(2027, 3, 16, 8, 0), datetime(2027, 3, 16, 11, 0), open_it=False,
            recurrence="weekly", recurrence_count=4,
        )
        series = self.Session.search([("series_id", "=", first.id)])
        self.assertEqual(len(series), 4)
        self.assertEqual(first.series_id, first)
        self.assertEqual(first.series_count, 4)
        self.assertEqual([s.start.hour for s in series], [8, 8, 7, 7])
        self.assertEqual({(local(s.start).hour, local(s.stop).hour) for s in series}, {(9, 12)})
        self.assertEqual([local(s.start).date() for s in series], [
            date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6),
        ])
        self.assertEqual(set(series.mapped("state")), {"draft"})
        self.assertFalse(series.slot_ids, "slots come when a session is opened")

    def test_weekly_series_over_dst_end_until(self):
        first = self.make_session(
            datetime(2027, 10, 19, 7, 0), datetime(2027, 10, 19, 10, 0), open_it=False,
            recurrence="weekly", recurrence_until=date(2027, 11, 2), slot_minutes=20,
        )
        series = self.Session.search([("series_id", "=", first.id)])
        self.assertEqual([s.start.hour for s in series], [7, 7, 8])
        first.action_open_series()
        self.assertEqual(set(series.mapped("state")), {"open"})
        for session in series:
            slots = session.slot_ids
            self.assertEqual(len(slots), 9)
            self.assertEqual(local(slots[0].start).strftime("%H:%M"), "09:00")
            self.assertEqual(local(slots[-1].stop).strftime("%H:%M"), "12:00")

    def test_monthly_and_biweekly(self):
        monthly = self.make_session(
            datetime(2030, 1, 8, 8, 0), datetime(2030, 1, 8, 11, 0), open_it=False,
            recurrence="monthly", recurrence_count=3, professional=self.expert,
            location=self.room_2,
        )
        series = self.Session.search([("series_id", "=", monthly.id)])
        # 2nd Tuesday of January, February, March 2030
        self.assertEqual([local(s.start).date() for s in series], [
            date(2030, 1, 8), date(2030, 2, 12), date(2030, 3, 12),
        ])
        biweekly = self.make_session(
            datetime(2030, 1, 9, 8, 0), datetime(2030, 1, 9, 11, 0), open_it=False,
            recurrence="biweekly", recurrence_count=3,
        )
        series = self.Session.search([("series_id", "=", biweekly.id)])
        self.assertEqual([local(s.start).date() for s in series], [
            date(2030, 1, 9), date(2030, 1, 23), date(2030, 2, 6),
        ])

    def test_recurrence_needs_an_end(self):
        with self.assertRaises(ValidationError):
            self.make_session(open_it=False, recurrence="weekly")

    def test_series_open_from_here(self):
        first = self.make_session(open_it=False, recurrence="weekly", recurrence_count=3)
        series = self.Session.search([("series_id", "=", first.id)])
        series[1].action_open_series()
        self.assertEqual(series.mapped("state"), ["draft", "open", "open"])


@tagged("post_install", "-at_install")
class TestSessionSlots(SpreekuurSessionCommon):
    def test_break_and_buffer(self):
        session = self.make_session(break_from=10.5, break_to=11.0)
        self.assertEqual(
            [local(s.start).strftime("%H:%M") for s in session.slot_ids],
            ["09:00", "09:30", "10:00", "11:00", "11:30"],
        )
        session = self.make_session(
            datetime(2030, 1, 9, 8, 0), datetime(2030, 1, 9, 10, 0), slot_minutes=25,
            buffer_minutes=5,
        )
        self.assertEqual(
            [local(s.start).strftime("%H:%M") for s in session.slot_ids],
            ["09:00", "09:30", "10:00", "10:30"],
        )
        self.assertEqual(session.free_slot_count, 4)
        self.assertEqual(session.slot_count, 4)

    def test_open_is_idempotent(self):
        session = self.make_session()
        session.action_open()
        session._generate_slots()
        self.assertEqual(len(session.slot_ids), 6)
        self.assertIn("6", session.message_ids[:1].body)

    def test_edit_without_bookings_rebuilds_slots(self):
        session = self.make_session()
        first_slot = session.slot_ids[0]
        session.slot_ids[-1].action_block()
        session.write({"stop": datetime(2030, 1, 8, 12, 0)})
        self.assertEqual(len(session.slot_ids), 8)
        self.assertIn(first_slot, session.slot_ids, "slots that still fit are kept")
        self.assertEqual(session.slot_ids.filtered(lambda s: s.state == "blocked").stop,
                         datetime(2030, 1, 8, 11, 0), "a blocked slot stays blocked")
        session.write({"slot_minutes": 60})
        self.assertEqual(len(session.slot_ids), 4)
        self.assertNotIn(first_slot.id, session.slot_ids.ids)
        self.assertFalse(first_slot.exists(), "a slot nobody booked is deleted")

    def test_location_and_professional_follow_on_slots(self):
        session = self.make_session()
        session.location_id = self.room_2
        self.assertEqual(set(session.slot_ids.mapped("location_id")), {self.room_2})

    def test_block_and_unblock(self):
        session = self.make_session()
        slot = session.slot_ids[0]
        slot.action_block()
        self.assertEqual(slot.state, "blocked")
        slot.action_unblock()
        self.assertEqual(slot.state, "free")
        self.book(session.slot_ids[1])
        with self.assertRaises(UserError):
            session.slot_ids[1].action_block()


@tagged("post_install", "-at_install")
class TestSessionRules(SpreekuurSessionCommon):
    def test_times(self):
        with self.assertRaises(ValidationError):
            self.make_session(stop=datetime(2030, 1, 8, 7, 0))
        with self.assertRaises(ValidationError):
            self.make_session(slot_minutes=0)
        with self.assertRaises(ValidationError):
            self.make_session(break_from=11.0, break_to=10.0)

    def test_professional_must_be_at_location(self):
        with self.assertRaises(ValidationError):
            self.make_session(professional=self.expert, location=self.room_1)

    def test_no_overlap_for_professional_or_room(self):
        self.make_session()
        with self.assertRaises(ValidationError) as caught:
            self.make_session(
                datetime(2030, 1, 8, 10, 0), datetime(2030, 1, 8, 12, 0), location=self.room_2
            )
        self.assertIn("Dr. Jansen already has a session", str(caught.exception))
        self.expert.location_ids |= self.room_1
        with self.assertRaises(ValidationError) as caught:
            self.make_session(
                datetime(2030, 1, 8, 10, 0), datetime(2030, 1, 8, 12, 0),
                professional=self.expert,
            )
        self.assertIn("Room Kamer 1", str(caught.exception))
        # back to back is fine, and so is another room
        self.make_session(datetime(2030, 1, 8, 11, 0), datetime(2030, 1, 8, 12, 0))
        self.make_session(
            datetime(2030, 1, 8, 8, 0), datetime(2030, 1, 8, 11, 0), professional=self.expert,
            location=self.room_2,
        )

    def test_cancelled_session_frees_the_time(self):
        session = self.make_session()
        session.action_cancel()
        again = self.make_session()
        self.assertEqual((session.state, again.state), ("cancelled", "open"))
        self.assertEqual(self.Slot.search_free_slots(self.doctor.ids), again.slot_ids)

    def test_cancel_without_bookings(self):
        session = self.make_session()
        session.slot_ids[0].action_block()
        self.assertTrue(session.action_cancel())
        self.assertEqual(session.state, "cancelled")
        self.assertEqual(set(session.slot_ids.mapped("state")), {"blocked"})
        self.assertFalse(self.Slot.search_free_slots(self.doctor.ids))
        self.assertIn("cancelled", session.message_ids[:1].body)
        with self.assertRaises(UserError):
            session.action_open()

    def test_draft_cancel(self):
        session = self.make_session(open_it=False)
        session.action_cancel()
        self.assertEqual(session.state, "cancelled")
        self.assertFalse(session.slot_ids)

    def test_bookings_never_disappear_silently(self):
        session = self.make_session()
        self.book(session.slot_ids[2])
        self.assertEqual(session.booked_slot_count, 1)
        with self.assertRaises(UserError):
            session.write({"start": datetime(2030, 1, 8, 9, 0)})
        with self.assertRaises(UserError):
            session.write({"slot_minutes": 15})
        with self.assertRaises(UserError):
            session.write({"state": "cancelled"})
        with self.assertRaises(UserError):
            session._do_cancel()
        with self.assertRaises(UserError):
            session.unlink()
        action = session.action_cancel()
        self.assertEqual(action["res_model"], "erm.spreekuur.session.change")
        self.assertEqual(action["context"]["default_mode"], "cancel")
        self.assertEqual(session.state, "open")
        # what does not touch the slots is free to change
        session.kind = "both"

    def test_unlink_without_bookings(self):
        session = self.make_session()
        slots = session.slot_ids
        session.unlink()
        self.assertFalse(slots.exists())

    def test_hr_plans_employee_reads(self):
        session = self.make_session(open_it=False)
        session.with_user(self.user_hr).action_open()
        self.assertEqual(session.state, "open")
        as_employee = session.with_user(self.user_employee)
        self.assertEqual(as_employee.free_slot_count, 6)
        self.assertTrue(as_employee.display_name)
        with self.assertRaises(UserError):
            as_employee.write({"kind": "open"})

    def test_counts_on_location_and_professional(self):
        self.make_session()
        self.make_session(datetime(2030, 1, 9, 8, 0), datetime(2030, 1, 9, 11, 0)).action_cancel()
        self.assertEqual(self.doctor.session_count, 1)
        self.assertEqual(self.room_1.session_count, 1)
        self.assertEqual(self.room_1.display_name, "Kamer 1 (Hoofdkantoor)")
        action = self.doctor.action_view_free_slots()
        self.assertEqual(action["res_model"], "erm.spreekuur.slot")
        self.assertEqual(len(self.Slot.search(action["domain"])), 6)
        self.assertEqual(self.doctor.action_view_sessions()["res_model"], "erm.spreekuur.session")
        self.assertTrue(self.room_1.action_view_sessions()["domain"])
        self.assertEqual(self.doctor.partner_id, self.user_doctor.partner_id)
