# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Locations, professionals and sessions for the session and slot tests."""

from datetime import datetime

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon


class SpreekuurSessionCommon(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Amsterdam"
        cls.address = cls.env["res.partner"].create({
            "name": "Hoofdkantoor", "company_id": cls.company.id, "is_company": True,
        })
        Location = cls.env["erm.spreekuur.location"]
        cls.room_1 = Location.create({
            "name": "Kamer 1", "partner_id": cls.address.id, "company_id": cls.company.id,
        })
        cls.room_2 = Location.create({
            "name": "Kamer 2", "partner_id": cls.address.id, "company_id": cls.company.id,
        })
        Professional = cls.env["erm.spreekuur.professional"]
        cls.doctor = Professional.create({
            "name": "Dr. Jansen", "user_id": cls.user_doctor.id, "company_id": cls.company.id,
            "location_ids": [(6, 0, (cls.room_1 | cls.room_2).ids)],
        })
        cls.expert = Professional.create({
            "name": "A. Deskundige", "kind": "arbeidsdeskundige",
            "partner_id": cls.env["res.partner"].create({"name": "A. Deskundige"}).id,
            "company_id": cls.company.id, "location_ids": [(6, 0, cls.room_2.ids)],
        })
        cls.Session = cls.env["erm.spreekuur.session"]
        cls.Slot = cls.env["erm.spreekuur.slot"]

    @classmethod
    def make_session(cls, start=datetime(2030, 1, 8, 8, 0), stop=datetime(2030, 1, 8, 11, 0),
                     professional=None, location=None, open_it=True, **vals):
        """A session (UTC times; 2030-01-08 8:00-11:00 UTC = Tuesday 9:00-12:00 local)."""
        session = cls.Session.create(dict(
            vals,
            professional_id=(professional or cls.doctor).id,
            location_id=(location or cls.room_1).id,
            company_id=cls.company.id,
            start=start, stop=stop,
        ))
        if open_it:
            session.action_open()
        return session

    @classmethod
    def book(cls, slot, employee=None):
        """A booking as the booking model makes it (as superuser: the booking rules are
        tested with the booking model): preventive when the session takes them, else for a
        new case of the employee."""
        employee = employee or cls.employee
        kind = "case" if slot.session_id.kind == "case" else "preventive"
        vals = {
            "slot_id": slot.id,
            "employee_id": employee.id,
            "company_id": cls.company.id,
            "kind": kind,
            "purpose": "preventief" if kind == "preventive" else "probleemanalyse",
        }
        if kind == "case":
            vals["case_id"] = cls.make_case(employee).id
        return cls.env["erm.spreekuur.booking"].sudo().create(vals)
