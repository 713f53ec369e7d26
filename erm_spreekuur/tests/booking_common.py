# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A company with the company doctor's consultation hours next week, an absence case of the
employee (model I: his manager directs it) and helpers to book."""

from datetime import date, datetime, time, timedelta

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon


class SpreekuurBookingCommon(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.write({"tz": "Europe/Amsterdam", "street": "Hoofdstraat 1",
                                      "zip": "2311 AB", "city": "Leiden"})
        cls.company.erm_doctor_user_ids = cls.user_doctor
        cls.Location = cls.env["erm.spreekuur.location"]
        cls.Professional = cls.env["erm.spreekuur.professional"]
        cls.Session = cls.env["erm.spreekuur.session"]
        cls.Booking = cls.env["erm.spreekuur.booking"]
        cls.location = cls.Location.create({
            "name": "Kamer 1", "partner_id": cls.company.partner_id.id,
            "company_id": cls.company.id,
        })
        cls.location_2 = cls.Location.create({
            "name": "Kamer 2", "partner_id": cls.company.partner_id.id,
            "company_id": cls.company.id,
        })
        cls.doctor = cls.Professional.create({
            "name": "Dr. Arts", "user_id": cls.user_doctor.id,
            "partner_id": cls.user_doctor.partner_id.id, "company_id": cls.company.id,
            "location_ids": [(6, 0, (cls.location | cls.location_2).ids)],
        })
        cls.expert_partner = cls.env["res.partner"].create({
            "name": "A. Deskundige", "email": "deskundige@example.com",
        })
        cls.expert = cls.Professional.create({
            "name": "A. Deskundige", "kind": "arbeidsdeskundige",
            "partner_id": cls.expert_partner.id, "company_id": cls.company.id,
            "location_ids": [(6, 0, cls.location_2.ids)],
        })
        cls.day = date.today() + timedelta(days=7)
        cls.session = cls.make_session(cls.doctor, cls.location, cls.day, kind="both")
        cls.case = cls.make_case(start=date.today() - timedelta(days=20))

    @classmethod
    def make_session(cls, professional, location, day, kind="both", hours=(8, 11),
                     open_it=True):
        """A session from hours[0] to hours[1] UTC on `day`, 30-minute slots."""
        session = cls.Session.create({
            "professional_id": professional.id, "location_id": location.id,
            "company_id": cls.company.id,
            "start": datetime.combine(day, time(hours[0])),
            "stop": datetime.combine(day, time(hours[1])),
            "slot_minutes": 30, "kind": kind,
        })
        if open_it:
            session.action_open()
        return session

    def book_case(self, slot, user=None, purpose="probleemanalyse", case=None):
        case = case or self.case
        return self.Booking.with_user(user or self.user_manager).create({
            "slot_id": slot.id, "employee_id": case.employee_id.id, "case_id": case.id,
            "kind": "case", "purpose": purpose,
        })

    def book_preventive(self, slot, user=None, employee=None):
        return self.Booking.with_user(user or self.user_employee).create({
            "slot_id": slot.id, "employee_id": (employee or self.employee).id,
            "kind": "preventive", "purpose": "preventief",
        })
