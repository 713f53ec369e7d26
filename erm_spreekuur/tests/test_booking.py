# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Booking rules and their errors, the calendar event and its mails, and the flows:
reschedule, cancel, attended, no-show."""

from datetime import date, datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .booking_common import SpreekuurBookingCommon

TAKEN = "This time has just been taken"


@tagged("post_install", "-at_install", "erm_spreekuur")
class TestBookingRules(SpreekuurBookingCommon):
    def test_case_booking(self):
        slot = self.session.slot_ids[0]
        booking = self.book_case(slot)
        self.assertEqual(booking.state, "booked")
        self.assertEqual(slot.state, "booked")
        self.assertEqual(booking.professional_id, self.doctor)
        self.assertEqual(booking.location_id, self.location)
        self.assertEqual((booking.start, booking.stop), (slot.start, slot.stop))
        self.assertEqual(booking.company_id, self.company)
        self.assertEqual(self.case.spreekuur_booking_count, 1)
        self.assertEqual(self.case.spreekuur_booking_ids, booking)

    def test_database_constraints_exist(self):
        self.env.cr.execute("""
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = 'erm_spreekuur_booking'::regclass AND contype = 'x'
        """)
        constraints = dict(self.env.cr.fetchall())
        self.assertEqual(set(constraints), {
            "erm_spreekuur_booking_slot_excl", "erm_spreekuur_booking_professional_excl",
            "erm_spreekuur_booking_location_excl",
        })
        for definition in constraints.values():
            self.assertIn("USING gist", definition)
            self.assertIn("<> 'cancelled'", definition)
        self.assertIn("tsrange(start, stop) WITH &&",
                      constraints["erm_spreekuur_booking_professional_excl"])
        self.assertIn("tsrange(start, stop) WITH &&",
                      constraints["erm_spreekuur_booking_location_excl"])

    def test_slot_taken(self):
        slot = self.session.slot_ids[0]
        self.book_case(slot)
        with self.assertRaisesRegex(ValidationError, TAKEN):
            self.book_preventive(slot)

    @mute_logger("odoo.sql_db")
    def test_slot_taken_database(self):
        """The slot still looks free (another worker's booking not seen yet): the database
        refuses, with the same error, and nothing is half-written."""
        slot = self.session.slot_ids[0]
        first = self.book_case(slot)
        slot.sudo().state = "free"
        self.env.flush_all()
        bookings_before = self.Booking.sudo().search_count([])
        events_before = self.env["calendar.event"].sudo().search_count([])
        with self.assertRaisesRegex(ValidationError, TAKEN):
            self.book_preventive(slot)
        self.assertEqual(self.Booking.sudo().search_count([]), bookings_before)
        self.assertEqual(self.env["calendar.event"].sudo().search_count([]), events_before)
        self.assertEqual(first.state, "booked")

    @mute_logger("odoo.sql_db")
    def test_professional_and_room_overlap_database(self):
        """Two slots at the same time for one professional (or one room): the database
        refuses the second active booking. Sessions cannot be planned to overlap, so the
        twins are planned a day later and moved in SQL: the database is the last guard."""
        other = self.overlapping_session(self.doctor, self.location_2)
        twin = self.env["erm.spreekuur.slot"].sudo().create({
            "session_id": other.id, "start": self.session.slot_ids[0].start,
            "stop": self.session.slot_ids[0].stop,
        })
        self.book_case(self.session.slot_ids[0])
        with self.assertRaisesRegex(ValidationError, TAKEN):
            self.book_preventive(twin)
        # one room, two professionals
        self.expert.location_ids = [(4, self.location.id)]
        room = self.overlapping_session(self.expert, self.location)
        room_slot = self.env["erm.spreekuur.slot"].sudo().create({
            "session_id": room.id, "start": self.session.slot_ids[0].start,
            "stop": self.session.slot_ids[0].stop,
        })
        with self.assertRaisesRegex(ValidationError, TAKEN):
            self.book_preventive(room_slot)
        # a cancelled booking frees the time
        self.session.slot_ids[0].sudo().state = "free"
        self.Booking.sudo().search([("slot_id", "=", self.session.slot_ids[0].id)]).action_cancel(
            "other")
        self.assertTrue(self.book_preventive(room_slot))

    def overlapping_session(self, professional, location):
        session = self.Session.sudo().create({
            "professional_id": professional.id, "location_id": location.id,
            "company_id": self.company.id, "start": self.session.start + timedelta(days=1),
            "stop": self.session.stop + timedelta(days=1), "slot_minutes": 30,
            "kind": "both", "state": "open",
        })
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE erm_spreekuur_session SET start = %s, stop = %s WHERE id = %s",
            [self.session.start, self.session.stop, session.id],
        )
        session.invalidate_recordset()
        return session

    def test_past(self):
        past = self.make_session(self.doctor, self.location, date.today() - timedelta(days=2))
        with self.assertRaisesRegex(ValidationError, "in the past"):
            self.book_case(past.slot_ids[0])

    def test_cancelled_session(self):
        self.session.sudo().state = "cancelled"
        with self.assertRaisesRegex(ValidationError, "has been cancelled"):
            self.book_case(self.session.slot_ids[0])

    def test_session_not_open(self):
        draft = self.make_session(
            self.doctor, self.location_2, self.day + timedelta(days=1), open_it=False
        )
        slot = self.env["erm.spreekuur.slot"].sudo().create({
            "session_id": draft.id, "start": draft.start,
            "stop": draft.start + timedelta(minutes=30),
        })
        with self.assertRaisesRegex(ValidationError, "not open for booking"):
            self.book_case(slot)

    def test_outside_session(self):
        slot = self.session.slot_ids[0]
        slot.sudo().state = "blocked"
        with self.assertRaisesRegex(ValidationError, "outside the consultation session"):
            self.book_case(slot)
        stray = self.env["erm.spreekuur.slot"].sudo().create({
            "session_id": self.session.id, "start": self.session.stop,
            "stop": self.session.stop + timedelta(minutes=30),
        })
        with self.assertRaisesRegex(ValidationError, "outside the consultation session"):
            self.book_case(stray)

    def test_professional_not_at_location(self):
        self.doctor.location_ids = [(3, self.location.id)]
        with self.assertRaisesRegex(ValidationError, "does not hold consultations at Kamer 1"):
            self.book_case(self.session.slot_ids[0])

    def test_case_not_writable(self):
        slot = self.session.slot_ids[0]
        for user in (self.user_employee, self.user_board, self.user_doctor):
            with self.subTest(user=user.login), self.assertRaisesRegex(
                ValidationError, "You may not plan consultations for this case"
            ):
                self.book_case(slot, user=user)
        self.assertEqual(slot.state, "free")
        # HR plans for every case of its companies (domain.md §6), the administrator too
        # (he may write every case)
        self.assertTrue(self.book_case(slot, user=self.user_hr))
        self.assertTrue(self.book_case(
            self.session.slot_ids[1], user=self.user_admin, purpose="werkhervatting"))

    def test_case_of_other_employee(self):
        with self.assertRaisesRegex(ValidationError, "belongs to another employee"):
            self.Booking.with_user(self.user_manager).create({
                "slot_id": self.session.slot_ids[0].id, "employee_id": self.colleague.id,
                "case_id": self.case.id, "kind": "case",
            })

    def test_case_booking_needs_case_and_case_session(self):
        with self.assertRaisesRegex(ValidationError, "needs the case"):
            self.Booking.with_user(self.user_manager).create({
                "slot_id": self.session.slot_ids[0].id, "employee_id": self.employee.id,
                "kind": "case",
            })
        open_only = self.make_session(self.expert, self.location_2, self.day, kind="open")
        with self.assertRaisesRegex(ValidationError, "open consultations only"):
            self.book_case(open_only.slot_ids[0])

    def test_preventive_rules(self):
        slot = self.session.slot_ids[0]
        with self.assertRaisesRegex(ValidationError, "booked by the employee himself"):
            self.book_preventive(slot, user=self.user_hr)
        with self.assertRaisesRegex(ValidationError, "booked by the employee himself"):
            self.book_preventive(slot, employee=self.colleague)
        with self.assertRaisesRegex(ValidationError, "not linked to a case"):
            self.Booking.with_user(self.user_employee).create({
                "slot_id": slot.id, "employee_id": self.employee.id, "kind": "preventive",
                "case_id": self.case.id,
            })
        case_only = self.make_session(self.expert, self.location_2, self.day, kind="case")
        with self.assertRaisesRegex(ValidationError, "absence consultations only"):
            self.book_preventive(case_only.slot_ids[0])
        booking = self.book_preventive(slot)
        self.assertEqual((booking.kind, booking.purpose), ("preventive", "preventief"))

    def test_second_booking_same_purpose_same_day(self):
        slots = self.session.slot_ids
        self.book_case(slots[0])
        with self.assertRaisesRegex(ValidationError, "already has a consultation for this "
                                                      "purpose on this day"):
            self.book_case(slots[2])
        # another purpose the same day, or the same purpose another day: fine
        self.assertTrue(self.book_case(slots[3], purpose="werkhervatting"))
        later = self.make_session(self.doctor, self.location, self.day + timedelta(days=1))
        self.assertTrue(self.book_case(later.slot_ids[0]))
        # a cancelled booking does not count
        self.book_preventive(slots[4])
        self.Booking.search([("slot_id", "=", slots[4].id)]).with_user(
            self.user_employee).action_cancel("employee")
        self.assertTrue(self.book_preventive(slots[5]))

    def test_errors_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        slot = self.session.slot_ids[0]
        self.book_case(slot)
        with self.assertRaisesRegex(ValidationError, "zojuist"):
            self.Booking.with_user(self.user_employee).with_context(lang="nl_NL").create({
                "slot_id": slot.id, "employee_id": self.employee.id, "kind": "preventive",
                "purpose": "preventief",
            })

    def test_protected_fields(self):
        booking = self.book_preventive(self.session.slot_ids[0])
        for vals in ({"state": "attended"}, {"slot_id": self.session.slot_ids[1].id},
                     {"employee_id": self.colleague.id}, {"kind": "case"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                booking.with_user(self.user_employee).write(vals)
        with self.assertRaisesRegex(ValidationError, "purpose Preventive"):
            booking.with_user(self.user_employee).write({"purpose": "bijstelling"})
        case_booking = self.book_case(self.session.slot_ids[2])
        with self.assertRaisesRegex(ValidationError, "purpose Preventive"):
            case_booking.write({"purpose": "preventief"})
        case_booking.write({"purpose": "bijstelling"})
        self.assertEqual(case_booking.purpose, "bijstelling")


@tagged("post_install", "-at_install", "erm_spreekuur")
class TestBookingCalendar(SpreekuurBookingCommon, MockEmail):
    def setUp(self):
        super().setUp()
        # Odoo's test mode sends force_send mails at once and deletes the sent ones: keep
        # them, so the test reads the same mail.mail under both runners
        self.enterContext(self.mock_mail_gateway())

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_partner = cls.user_employee.partner_id
        cls.doctor_partner = cls.user_doctor.partner_id
        # English mails and names here; test_event_name_in_employee_language checks Dutch
        (cls.employee_partner | cls.doctor_partner | cls.expert_partner
         | cls.user_manager.partner_id).lang = "en_US"

    def mails_to(self, partner, since_ids=()):
        return self.env["mail.mail"].sudo().search([
            ("recipient_ids", "in", partner.ids), ("id", "not in", list(since_ids)),
        ])

    def test_event_and_invitations(self):
        before = self.env["mail.mail"].sudo().search([]).ids
        booking = self.book_case(self.session.slot_ids[0])
        event = booking.calendar_event_id.sudo()
        self.assertEqual(len(event), 1)
        self.assertEqual(
            self.env["calendar.event"].sudo().search_count([("id", "=", event.id)]), 1)
        self.assertEqual(event.partner_ids, self.employee_partner | self.doctor_partner)
        self.assertEqual(event.attendee_ids.partner_id, self.employee_partner | self.doctor_partner)
        self.assertEqual((event.start, event.stop), (booking.start, booking.stop))
        self.assertEqual(event.privacy, "private")
        self.assertFalse(event.user_id)
        self.assertFalse(event.res_id)
        self.assertEqual(event.name, "Consultation")
        self.assertIn("Kamer 1", event.location)
        self.assertIn("Leiden", event.location)
        for partner in (self.employee_partner, self.doctor_partner):
            mails = self.mails_to(partner, before)
            self.assertEqual(len(mails), 1, partner.name)
            self.assertIn("Invitation", mails.subject)
            self.assertEqual(mails.model, "calendar.event")
            for word in ("Problem analysis", "probleemanalyse", "Probleemanalyse"):
                self.assertNotIn(word, mails.subject)
                self.assertNotIn(word, mails.body_html)

    def test_preventive_event_neutral(self):
        before = self.env["mail.mail"].sudo().search([]).ids
        booking = self.book_preventive(self.session.slot_ids[0])
        event = booking.calendar_event_id.sudo()
        self.assertEqual(event.name, "Appointment")
        self.assertEqual(event.partner_ids, self.employee_partner | self.doctor_partner)
        self.assertFalse(event.res_model)
        # the employee booked himself: he is told too
        self.assertEqual(len(self.mails_to(self.employee_partner, before)), 1)
        self.assertEqual(len(self.mails_to(self.doctor_partner, before)), 1)
        self.assertNotIn("activity_ids", booking._fields)

    def test_event_name_in_employee_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.employee_partner.lang = "nl_NL"
        self.doctor_partner.lang = "nl_NL"
        before = self.env["mail.mail"].sudo().search([]).ids
        booking = self.book_preventive(self.session.slot_ids[0])
        self.assertEqual(booking.calendar_event_id.sudo().name, "Afspraak")
        self.assertIn("Uitnodiging", self.mails_to(self.employee_partner, before).subject)
        booking.action_cancel("other")
        self.assertIn("Geannuleerd", self.mails_to(self.employee_partner, before).filtered(
            lambda m: "Uitnodiging" not in m.subject).subject)

    def test_external_professional(self):
        before = self.env["mail.mail"].sudo().search([]).ids
        session = self.make_session(self.expert, self.location_2, self.day)
        booking = self.book_case(session.slot_ids[0], purpose="bijstelling")
        event = booking.calendar_event_id.sudo()
        self.assertEqual(event.partner_ids, self.employee_partner | self.expert_partner)
        self.assertEqual(len(self.mails_to(self.expert_partner, before)), 1)

    def test_reschedule(self):
        slots = self.session.slot_ids
        booking = self.book_preventive(slots[0])
        event = booking.calendar_event_id
        before = self.env["mail.mail"].sudo().search([]).ids
        booking.with_user(self.user_employee).action_reschedule(slots[3])
        self.assertEqual(booking.slot_id, slots[3])
        self.assertEqual((slots[0].state, slots[3].state), ("free", "booked"))
        self.assertEqual(booking.calendar_event_id, event)
        self.assertEqual((event.sudo().start, event.sudo().stop), (slots[3].start, slots[3].stop))
        for partner in (self.employee_partner, self.doctor_partner):
            mails = self.mails_to(partner, before)
            self.assertEqual(len(mails), 1, partner.name)
            self.assertIn("date updated", mails.subject.lower())
        # the freed slot can be booked again; the taken one cannot be moved onto
        other = self.book_case(slots[0])
        with self.assertRaisesRegex(ValidationError, TAKEN):
            other.action_reschedule(slots[3])
        self.assertEqual(other.slot_id, slots[0])

    def test_reschedule_rules(self):
        booking = self.book_preventive(self.session.slot_ids[0])
        past = self.make_session(self.doctor, self.location_2, date.today() - timedelta(days=1))
        with self.assertRaisesRegex(ValidationError, "in the past"):
            booking.with_user(self.user_employee).action_reschedule(past.slot_ids[0])
        with self.assertRaisesRegex(UserError, "You may not change this consultation"):
            booking.with_user(self.user_hr).action_reschedule(self.session.slot_ids[1])

    def test_cancel(self):
        slot = self.session.slot_ids[0]
        booking = self.book_case(slot)
        event = booking.calendar_event_id
        before = self.env["mail.mail"].sudo().search([]).ids
        booking.action_cancel("professional")
        self.assertEqual(booking.state, "cancelled")
        self.assertEqual(booking.cancel_reason, "professional")
        self.assertEqual(booking.cancelled_by_id, self.user_manager)
        self.assertEqual(booking.cancelled_by_role, "organisation")
        self.assertEqual(slot.state, "free")
        self.assertFalse(event.sudo().active)
        for partner in (self.employee_partner, self.doctor_partner):
            mails = self.mails_to(partner, before)
            self.assertEqual(len(mails), 1, partner.name)
            self.assertIn("Cancelled", mails.subject)
            self.assertNotIn("Problem analysis", mails.body_html)
        with self.assertRaisesRegex(UserError, "Only a booked consultation"):
            booking.action_cancel("other")
        with self.assertRaisesRegex(UserError, "reason from the list"):
            self.book_case(slot).action_cancel("because")

    def test_cancel_by_employee(self):
        booking = self.book_preventive(self.session.slot_ids[0])
        booking.with_user(self.user_employee).action_cancel("employee")
        self.assertEqual(booking.cancelled_by_role, "employee")
        # the wizard
        booking = self.book_preventive(self.session.slot_ids[1])
        wizard = self.env["erm.spreekuur.booking.cancel"].with_user(self.user_employee).create(
            {"booking_id": booking.id, "reason": "employee"})
        wizard.action_confirm()
        self.assertEqual(booking.state, "cancelled")

    def test_no_show_case_raises_activity(self):
        booking = self.book_case(self.session.slot_ids[0])
        booking.with_user(self.user_doctor).action_no_show()
        self.assertEqual(booking.state, "no_show")
        activity = self.case.activity_ids.filtered(
            lambda a: a.summary == "Consultation not attended")
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.case.regievoerder_user_id)
        self.assertNotIn("Problem analysis", activity.note or "")

    def test_no_show_preventive_tells_nobody(self):
        booking = self.book_preventive(self.session.slot_ids[0])
        activities = self.env["mail.activity"].sudo().search_count([])
        mails = self.env["mail.mail"].sudo().search_count([])
        booking.with_user(self.user_doctor).action_no_show()
        self.assertEqual(booking.state, "no_show")
        self.assertEqual(self.env["mail.activity"].sudo().search_count([]), activities)
        self.assertEqual(self.env["mail.mail"].sudo().search_count([]), mails)
        self.assertFalse(self.case.activity_ids.filtered(
            lambda a: a.summary == "Consultation not attended"))

    def test_only_professional_marks(self):
        booking = self.book_case(self.session.slot_ids[0])
        for user in (self.user_employee, self.user_manager, self.user_hr):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                booking.with_user(user).action_attended()
        self.assertEqual(booking.state, "booked")
        # the administrator corrects a case consultation, never a preventive one
        preventive = self.book_preventive(self.session.slot_ids[1])
        with self.assertRaises(UserError):
            preventive.with_user(self.user_admin).action_no_show()
        self.assertEqual(preventive.state, "booked")
        booking.with_user(self.user_admin).action_no_show()
        self.assertEqual(booking.state, "no_show")

    def test_attended_problem_analysis_proposes_advice(self):
        booking = self.book_case(self.session.slot_ids[0])
        action = booking.with_user(self.user_doctor).action_attended()
        self.assertEqual(booking.state, "attended")
        self.assertEqual(action["res_model"], "erm.ba.advice")
        self.assertEqual(action["context"]["default_case_id"], self.case.id)
        self.assertEqual(action["context"]["default_advice_type"], "probleemanalyse")
        activity = self.case.activity_ids.filtered(lambda a: a.user_id == self.user_doctor)
        self.assertEqual(len(activity), 1)
        self.assertIn("problem analysis", activity.summary)
        # the doctor records the advice from the proposed form
        advice = self.env["erm.ba.advice"].with_user(self.user_doctor).with_context(
            **action["context"]).create({})
        self.assertEqual((advice.case_id, advice.advice_type), (self.case, "probleemanalyse"))

    def test_attended_other_purpose(self):
        booking = self.book_case(self.session.slot_ids[0], purpose="werkhervatting")
        self.assertTrue(booking.with_user(self.user_doctor).action_attended())
        self.assertFalse(self.case.activity_ids.filtered(lambda a: a.user_id == self.user_doctor))

    def test_plan_from_case(self):
        action = self.case.with_user(self.user_manager).action_plan_spreekuur()
        self.assertEqual(action["res_model"], "erm.spreekuur.booking")
        self.assertEqual(action["context"]["erm_plan_professional_id"], self.doctor.id)
        Booking = self.Booking.with_user(self.user_manager).with_context(**action["context"])
        new = Booking.new({})
        self.assertEqual(new.plan_professional_id, self.doctor)
        booking = Booking.create({"slot_id": self.session.slot_ids[0].id})
        self.assertEqual((booking.case_id, booking.kind, booking.employee_id),
                         (self.case, "case", self.employee))
        view = self.case.with_user(self.user_manager).action_view_spreekuur_bookings()
        self.assertEqual(self.Booking.with_user(self.user_manager).search(view["domain"]),
                         booking)
        # the company's doctor comes first, even when other professionals sort before him
        self.expert.sequence = 1
        action = self.case.with_user(self.user_manager).action_plan_spreekuur()
        self.assertEqual(action["context"]["erm_plan_professional_id"], self.doctor.id)

    def test_case_form_and_views_load(self):
        for view in ("erm_spreekuur.erm_spreekuur_booking_view_form",
                     "erm_spreekuur.erm_spreekuur_booking_view_form_plan",
                     "erm_spreekuur.erm_spreekuur_booking_view_kanban",
                     "erm_spreekuur.erm_spreekuur_booking_view_calendar",
                     "erm_spreekuur.erm_spreekuur_booking_view_list"):
            view = self.env.ref(view)
            arch = self.Booking.with_user(self.user_doctor).get_view(view.id, view.type)["arch"]
            self.assertTrue(arch.startswith(f"<{view.type}"), view.xml_id)
        arch = self.case.with_user(self.user_manager).get_view(
            self.env.ref("erm_verzuim.erm_absence_case_view_form").id, "form")["arch"]
        # the spreekuur addon's button, smart button and tab on the case form
        for name in ("action_plan_spreekuur", "action_view_spreekuur_bookings",
                     "spreekuur_booking_ids"):
            self.assertIn(f'name="{name}"', arch)

    def test_today_kanban_for_professional(self):
        booking = self.book_case(self.session.slot_ids[0])
        action = self.env.ref("erm_spreekuur.erm_spreekuur_booking_action_today")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        mine = self.env.ref("erm_spreekuur.erm_spreekuur_booking_action_mine")
        found = self.Booking.with_user(self.user_doctor).search(
            [("professional_id.user_id", "=", self.user_doctor.id)])
        self.assertEqual(found, booking)
        self.assertIn("professional_id.user_id", mine.domain)
        self.assertTrue(datetime.now() < booking.start)


@tagged("post_install", "-at_install", "erm_spreekuur")
class TestBookingPortal(SpreekuurBookingCommon):
    """An employee without an internal user books through the ORM as his portal user:
    the same rules; he sees his own preventive bookings and the open spreekuur only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env["res.users"].create({
            "name": "Portal Medewerker", "login": "erm_portal_employee",
            "email": "portal.medewerker@example.com", "company_id": cls.company.id,
            "company_ids": [(6, 0, cls.company.ids)],
            "groups_id": [(6, 0, cls.env.ref("base.group_portal").ids)],
        })
        cls.colleague.user_id = cls.portal_user
        cls.case_session = cls.make_session(cls.expert, cls.location_2, cls.day, kind="case")

    def test_portal_books_sees_cancels(self):
        Booking = self.Booking.with_user(self.portal_user)
        Slot = self.env["erm.spreekuur.slot"].with_user(self.portal_user)
        visible = Slot.search([("id", "in", (self.session | self.case_session).slot_ids.ids)])
        self.assertEqual(visible, self.session.slot_ids)  # the open spreekuur only
        booking = self.book_preventive(self.session.slot_ids[0], user=self.portal_user,
                                       employee=self.colleague)
        self.assertEqual(Booking.search([]), booking)
        self.assertEqual(booking.with_user(self.portal_user).read(["state"])[0]["state"],
                         "booked")
        event = booking.sudo().calendar_event_id
        self.assertEqual(event.partner_ids,
                         self.portal_user.partner_id | self.user_doctor.partner_id)
        # another employee's booking stays invisible to him, and his to the others
        other = self.book_preventive(self.session.slot_ids[1])
        self.assertFalse(Booking.search([("id", "=", other.id)]))
        self.assertFalse(self.Booking.with_user(self.user_hr).search([("id", "=", booking.id)]))
        with self.assertRaisesRegex(ValidationError, "booked by the employee himself"):
            self.book_preventive(self.session.slot_ids[2], user=self.portal_user)
        booking.with_user(self.portal_user).action_reschedule(self.session.slot_ids[3])
        self.assertEqual(booking.slot_id, self.session.slot_ids[3])
        booking.with_user(self.portal_user).action_cancel("employee")
        self.assertEqual((booking.state, booking.cancelled_by_role), ("cancelled", "employee"))
        with self.assertRaises(UserError):
            other.with_user(self.portal_user).action_cancel("employee")
