# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The consultation hours of the demo organisation (data/demo_spreekuur.py), made by
generate_demo: sessions of the company doctor and the arbeidsdeskundige, bookings in the
past and the future, and an employee with a portal user."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from data.demo_org import describe_logins
from data.demo_spreekuur import generate_spreekuur

TODAY = date(2026, 11, 22)


class DemoSpreekuurChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.spreekuur_result = cls.demo["spreekuur"]

    def test_sessions(self):
        doctor = self.ref("spreekuur_professional_bedrijfsarts")
        self.assertEqual(doctor.user_id, self.ref("user_bedrijfsarts"))
        Session = self.env["erm.spreekuur.session"]
        weekly = Session.search([("professional_id", "=", doctor.id)], order="start")
        self.assertGreaterEqual(len(weekly), 20)
        self.assertEqual(set(weekly.mapped("state")), {"open"})
        self.assertEqual(set(weekly.mapped("kind")), {"both"})
        # Tuesday 9:00-12:00 in Amsterdam, also across the DST change in March
        amsterdam = ZoneInfo("Europe/Amsterdam")
        local = {
            (start.weekday(), start.hour, start.minute)
            for start in (s.start.replace(tzinfo=UTC).astimezone(amsterdam) for s in weekly)
        }
        self.assertEqual(local, {(1, 9, 0)})
        self.assertEqual({s.start.hour for s in weekly}, {7, 8})  # CEST and CET
        arbeidsdeskundige = self.ref("spreekuur_professional_arbeidsdeskundige")
        self.assertFalse(arbeidsdeskundige.user_id)
        monthly = Session.search([("professional_id", "=", arbeidsdeskundige.id)])
        self.assertEqual(len(monthly), 7)
        self.assertEqual(set(monthly.mapped("kind")), {"case"})
        self.assertTrue(all(slot_count for slot_count in monthly.mapped("slot_ids")))

    def test_bookings_past_and_future(self):
        Booking = self.env["erm.spreekuur.booking"]
        bookings = Booking.search([])
        self.assertGreaterEqual(len(bookings), 18)
        now = datetime(2026, 11, 22, 10, 0)
        past, future = (bookings.filtered(lambda b: b.start < now),
                        bookings.filtered(lambda b: b.start >= now))
        self.assertEqual(set(past.mapped("state")), {"attended", "no_show", "cancelled"})
        self.assertEqual(set(future.mapped("state")), {"booked"})
        for subset in (past, future):
            self.assertEqual(set(subset.mapped("kind")), {"case", "preventive"})
        self.assertTrue(all(b.case_id.employee_id == b.employee_id
                            for b in bookings.filtered("case_id")))
        self.assertFalse(bookings.filtered(lambda b: b.kind == "preventive" and b.case_id))
        # one calendar event per booking, the slots taken exactly by the active bookings
        self.assertEqual(len(bookings.calendar_event_id), len(bookings))
        active = bookings.filtered(lambda b: b.state != "cancelled")
        taken = self.env["erm.spreekuur.slot"].search([("state", "=", "booked")])
        self.assertEqual(taken, active.slot_id)
        self.assertTrue(all(b.create_date < b.start for b in active))
        # figures have something to show
        (row,) = Booking.spreekuur_figures(date(2026, 9, 1), date(2026, 11, 21),
                                           groupby="company")
        self.assertGreater(row["attended"], 0)
        self.assertGreater(row["no_show"], 0)
        self.assertGreater(row["cancelled_by_employee"], 0)
        self.assertGreater(row["cancelled_by_organisation"], 0)
        self.assertGreater(row["avg_lead_time_days"], 0)

    def test_portal_employee(self):
        user = self.ref("user_portaal")
        self.assertTrue(user.share)
        self.assertTrue(user.has_group("base.group_portal"))
        employee = self.env["hr.employee"].search([("user_id", "=", user.id)])
        self.assertEqual(len(employee), 1)
        own = self.env["erm.spreekuur.booking"].with_user(user).search([])
        self.assertEqual(set(own.mapped("kind")), {"preventive"})
        self.assertEqual(own.employee_id, employee)
        self.assertEqual(set(own.mapped("state")), {"attended", "booked"})
        self.assertTrue(any("portaal" in line for line in describe_logins(self.env)))

    def test_spreekuur_idempotent(self):
        again = generate_spreekuur(self.env, today=TODAY)
        self.assertEqual(again["created"], 0)
        self.assertEqual((again["sessions"], again["bookings"]),
                         (self.spreekuur_result["sessions"], self.spreekuur_result["bookings"]))
