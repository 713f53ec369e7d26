# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal pages (/my/spreekuur): an employee whose user is a portal user books, sees,
moves and cancels his own preventive consultations, with the same rules as the backend."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import format_date

from .employee_side_common import SpreekuurEmployeeSideMixin


@tagged("post_install", "-at_install")
class TestSpreekuurPortal(SpreekuurEmployeeSideMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_spreekuur()
        cls.portal_user = cls._portal_user("portaal_test")
        cls.employee = cls._employee("Pim Portaal", cls.portal_user)
        cls.other_user = cls._portal_user("portaal_ander")
        cls.other_employee = cls._employee("Anna Ander", cls.other_user)
        # a case-only session of the same professional: never offered in the portal
        cls.case_session = cls._open_session(
            cls.spreekuur_session.start + timedelta(days=1), "case")
        cls.slots = cls.spreekuur_session.slot_ids.sorted("start")

    def login(self, user):
        self.authenticate(user.login, user.login + "-pw1")

    def post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})

    def bookings(self, employee):
        return self.env["erm.spreekuur.booking"].search([("employee_id", "=", employee.id)])

    def test_home_entry(self):
        self.login(self.portal_user)
        page = self.url_open("/my/home")
        self.assertEqual(page.status_code, 200)
        self.assertIn('href="/my/spreekuur"', page.text)
        # the badge counts his coming consultations
        self.env["erm.spreekuur.booking"].with_user(self.portal_user).create({
            "slot_id": self.slots[0].id, "employee_id": self.employee.id,
            "kind": "preventive", "purpose": "preventief",
        })
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["spreekuur_count"]})
        self.assertEqual(counters["spreekuur_count"], 1)
        # a portal user who is no employee (a customer) gets no entry and no page
        customer = self._portal_user("klant_test")
        self.login(customer)
        self.assertNotIn('href="/my/spreekuur"', self.url_open("/my/home").text)
        self.assertEqual(self.url_open("/my/spreekuur").status_code, 404)

    def test_book_see_cancel(self):
        self.login(self.portal_user)
        page = self.url_open("/my/spreekuur")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_erm_spreekuur_none", page.text)
        # the only professional with open hours is preselected; case-only slots not offered
        page = self.url_open("/my/spreekuur/book")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.professional.name, page.text)
        for slot in self.slots:
            self.assertIn(f'data-slot-id="{slot.id}"', page.text)
        for slot in self.case_session.slot_ids:
            self.assertNotIn(f'data-slot-id="{slot.id}"', page.text)

        response = self.post("/my/spreekuur/book/submit", slot_id=self.slots[1].id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("message=booked", response.url)
        booking = self.bookings(self.employee)
        self.assertEqual(len(booking), 1)
        self.assertEqual(
            (booking.slot_id, booking.kind, booking.purpose, booking.state, booking.create_uid),
            (self.slots[1], "preventive", "preventief", "booked", self.portal_user),
        )
        self.assertEqual(self.slots[1].state, "booked")
        # he sees it, with where and when in his time zone
        page = self.url_open("/my/spreekuur")
        self.assertIn(f'data-booking-id="{booking.id}"', page.text)
        self.assertIn("Spreekkamer 1", page.text)
        self.assertIn("Stationsweg 1", page.text)
        local = self.slots[1].start.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Amsterdam"))
        self.assertIn(f"{local:%H:%M}-", page.text)
        # the taken slot is no longer offered
        page = self.url_open(f"/my/spreekuur/book?professional_id={self.professional.id}")
        self.assertNotIn(f'data-slot-id="{self.slots[1].id}"', page.text)

        # Cancel asks first: the confirmation page changes nothing
        page = self.url_open(f"/my/spreekuur/{booking.id}/cancel")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_erm_spreekuur_cancel_yes", page.text)
        booking.invalidate_recordset()
        self.assertEqual(booking.state, "booked")
        response = self.post(f"/my/spreekuur/{booking.id}/cancel")
        self.assertIn("message=cancelled", response.url)
        booking.invalidate_recordset()
        self.assertEqual((booking.state, booking.cancel_reason, booking.cancelled_by_role),
                         ("cancelled", "employee", "employee"))
        self.assertEqual(self.slots[1].state, "free")
        # it moves to the cancelled ones (not to the earlier ones: it is still ahead),
        # without the buttons
        page = self.url_open("/my/spreekuur")
        self.assertIn("o_erm_spreekuur_none", page.text)
        self.assertNotIn(f'data-booking-id="{booking.id}"', page.text)
        self.assertIn(f'data-cancelled-id="{booking.id}"', page.text)
        self.assertNotIn("Earlier", page.text)
        self.assertIn(self.professional.name, page.text)

    def test_reschedule(self):
        self.login(self.portal_user)
        self.post("/my/spreekuur/book/submit", slot_id=self.slots[0].id)
        booking = self.bookings(self.employee)
        page = self.url_open(f"/my/spreekuur/book?booking_id={booking.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'name="booking_id" value="{booking.id}"', page.text)
        response = self.post("/my/spreekuur/book/submit", slot_id=self.slots[3].id,
                             booking_id=booking.id)
        self.assertIn("message=rescheduled", response.url)
        booking.invalidate_recordset()
        self.assertEqual(booking.state, "booked")
        self.assertEqual(self.bookings(self.employee).filtered(
            lambda b: b.state == "booked").slot_id, self.slots[3])
        self.assertEqual(self.slots[0].state, "free")

    def test_taken_slot_refused_nothing_written(self):
        self.env["erm.spreekuur.booking"].create({
            "slot_id": self.slots[2].id, "employee_id": self.other_employee.id,
            "kind": "preventive", "purpose": "preventief", "company_id": self.company.id,
        })
        self.login(self.portal_user)
        response = self.post("/my/spreekuur/book/submit", slot_id=self.slots[2].id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_erm_spreekuur_error", response.text)
        self.assertFalse(self.bookings(self.employee))

    def test_case_slot_refused(self):
        self.login(self.portal_user)
        slot = self.case_session.slot_ids[:1]
        response = self.post("/my/spreekuur/book/submit", slot_id=slot.id)
        self.assertIn("o_erm_spreekuur_error", response.text)
        self.assertFalse(self.bookings(self.employee))
        self.assertEqual(slot.state, "free")

    def test_no_access_to_others(self):
        other = self.env["erm.spreekuur.booking"].create({
            "slot_id": self.slots[4].id, "employee_id": self.other_employee.id,
            "kind": "preventive", "purpose": "preventief", "company_id": self.company.id,
        })
        self.login(self.portal_user)
        page = self.url_open("/my/spreekuur")
        self.assertNotIn("Anna Ander", page.text)
        self.assertNotIn(f'data-booking-id="{other.id}"', page.text)
        self.assertEqual(self.post(f"/my/spreekuur/{other.id}/cancel").status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/spreekuur/book?booking_id={other.id}").status_code, 404)
        other.invalidate_recordset()
        self.assertEqual(other.state, "booked")
        # nor through the ORM as the portal user
        Booking = self.env["erm.spreekuur.booking"].with_user(self.portal_user)
        self.assertFalse(Booking.search([("id", "=", other.id)]))
        self.assertEqual(Booking.search_count([]), 0)


@tagged("post_install", "-at_install")
class TestSpreekuurPortalDutch(SpreekuurEmployeeSideMixin, HttpCase):
    """The portal pages in Dutch speak to the employee as "je", as the other portal pages,
    with dates the Dutch way (no capitals in day and month names)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls._setup_spreekuur()
        cls.portal_user = cls._portal_user("portaal_nl")
        cls.portal_user.lang = "nl_NL"
        cls.employee = cls._employee("Wilma van den Brink", cls.portal_user)
        cls.slots = cls.spreekuur_session.slot_ids.sorted("start")

    def post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})

    def test_je_and_dutch_dates(self):
        self.authenticate(self.portal_user.login, self.portal_user.login + "-pw1")
        page = self.url_open("/my/spreekuur").text
        self.assertIn("Je hebt geen komende afspraken.", page)
        self.assertIn("tussen jou en de professional", page)
        # the day headings: "dinsdag 8 december 2026", never "Dinsdag 8 December 2026"
        page = self.url_open(f"/my/spreekuur/book?professional_id={self.professional.id}").text
        self.assertNotIn("text-capitalize", page)
        day = self.slots[0].start.date()
        label = format_date(self.env(context={"lang": "nl_NL"}), day,
                            date_format="EEEE d MMMM y")
        self.assertEqual(label, label.lower())
        self.assertIn(label, page)

        page = self.post("/my/spreekuur/book/submit", slot_id=self.slots[0].id).text
        booking = self.env["erm.spreekuur.booking"].search(
            [("employee_id", "=", self.employee.id)])
        self.assertIn("Je afspraak is gemaakt.", page)
        for formal in ("Uw ", " uw ", "U heeft", " u "):
            self.assertNotIn(formal, page)
        # a second one the same day: the rule speaks to him, not about him
        page = self.post("/my/spreekuur/book/submit", slot_id=self.slots[2].id).text
        self.assertIn("Je hebt op deze dag al een spreekuurafspraak.", page)
        self.assertNotIn("Wilma van den Brink heeft", page)
        # cancelling asks first, in Dutch
        page = self.url_open(f"/my/spreekuur/{booking.id}/cancel").text
        self.assertIn("Je afspraak annuleren?", page)
        self.assertIn(label, page)
        page = self.post(f"/my/spreekuur/{booking.id}/cancel").text
        self.assertIn("Je afspraak is geannuleerd.", page)
        self.assertIn("Geannuleerd", page)
        self.assertNotIn("Eerder", page)
