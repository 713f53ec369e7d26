# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: a preventive consultation on the portal, in the browser (spreekuur_portal_tour.js).

The employee books one on /my/spreekuur and moves it; his manager and HR see the time only as
taken (a busy slot and a private "Bezet" block in his calendar, never who sits with whom);
then he cancels it after a confirmation and the time is free again."""

from datetime import date, datetime, time, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourSpreekuurPortal(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        location, cls.professional = cls.make_doctor_at_the_office()
        # open consultation hours the day after tomorrow, 9:00-11:00 in Amsterdam
        start = datetime.combine(date.today() + timedelta(days=2), time(8, 0))
        cls.consultation_hours = cls.env["erm.spreekuur.session"].create({
            "professional_id": cls.professional.id, "location_id": location.id,
            "company_id": cls.company.id, "start": start, "stop": start + timedelta(hours=2),
            "slot_minutes": 30, "kind": "open",
        })
        cls.consultation_hours.action_open()
        cls.slots = cls.consultation_hours.slot_ids.sorted("start")

    def test_book_move_cancel(self):
        Booking = self.env["erm.spreekuur.booking"]
        self.run_tour("erm_spreekuur_portal_book", self.user_employee, url="/my/spreekuur")
        booking = Booking.search([("employee_id", "=", self.employee.id)])
        self.assertEqual(len(booking), 1)
        self.assertEqual(
            (booking.kind, booking.purpose, booking.state, booking.slot_id, booking.create_uid),
            ("preventive", "preventief", "booked", self.slots[1], self.user_employee),
        )
        self.assertEqual((self.slots[0].state, self.slots[1].state), ("free", "booked"))
        event = booking.calendar_event_id
        self.assertEqual((event.start, event.privacy, event.show_as),
                         (self.slots[1].start, "private", "busy"))

        # the manager and HR: the time is taken, by whom and with whom they cannot learn
        for user in (self.user_manager, self.user_hr):
            with self.subTest(user=user.login):
                self.assertFalse(Booking.with_user(user).search(
                    [("employee_id", "=", self.employee.id)]))
                with self.assertRaises(AccessError):
                    booking.with_user(user).read(["employee_id"])
                slot = self.slots[1].with_user(user)
                self.assertEqual(slot.state, "booked")
                self.assertNotIn("employee_id", slot.read()[0])
                as_user = event.with_user(user)
                self.assertEqual(as_user.read(["name", "partner_ids", "location"])[0] | {
                    "id": event.id}, {"id": event.id, "name": "Bezet", "partner_ids": [],
                                      "location": False})
                self.assertEqual(as_user.display_name, "Bezet")
                self.assertFalse(self.env["calendar.attendee"].with_user(user).search(
                    [("event_id", "=", event.id)]))

        self.run_tour("erm_spreekuur_portal_cancel", self.user_employee, url="/my/spreekuur")
        self.assertEqual(
            (booking.state, booking.cancel_reason, booking.cancelled_by_role),
            ("cancelled", "employee", "employee"))
        self.assertEqual(self.slots[1].state, "free")
        self.assertFalse(event.active)

    def test_book_in_the_backend(self):
        """An employee with a backend user: Spreekuur > Vrije tijdsloten opens (read only),
        Spreekuur > Boeken books a preventive consultation for himself."""
        self.run_tour("erm_spreekuur_backend_book", self.user_employee)
        booking = self.env["erm.spreekuur.booking"].search(
            [("employee_id", "=", self.employee.id)])
        self.assertEqual(
            (booking.kind, booking.purpose, booking.state, booking.slot_id, booking.create_uid),
            ("preventive", "preventief", "booked", self.slots[0], self.user_employee),
        )
