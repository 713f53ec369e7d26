# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures for the employee's side (portal, book wizard, figures): a room, a professional
with open consultation hours two weeks ahead, and employees with a portal or internal user."""

from datetime import datetime, time, timedelta

from odoo import Command, fields


class SpreekuurEmployeeSideMixin:
    @classmethod
    def _setup_spreekuur(cls, kind="open"):
        env = cls.env
        cls.company = env.company
        cls.company.partner_id.tz = "Europe/Amsterdam"
        address = env["res.partner"].create({
            "name": "Hoofdlocatie", "street": "Stationsweg 1", "city": "Leiden",
            "zip": "2312 AV", "parent_id": cls.company.partner_id.id, "type": "other",
        })
        cls.location = env["erm.spreekuur.location"].create({
            "name": "Spreekkamer 1", "partner_id": address.id, "company_id": cls.company.id,
        })
        cls.doctor_partner = env["res.partner"].create({
            "name": "Dr. A. Arts", "email": "arts@example.com",
        })
        cls.professional = env["erm.spreekuur.professional"].create({
            "name": "Dr. A. Arts", "kind": "bedrijfsarts", "partner_id": cls.doctor_partner.id,
            "location_ids": [Command.link(cls.location.id)], "company_id": cls.company.id,
        })
        # two weeks ahead, 8:00-11:00 UTC: six half-hour slots
        day = fields.Date.today() + timedelta(days=14)
        cls.spreekuur_session = cls._open_session(datetime.combine(day, time(8, 0)), kind)

    @classmethod
    def _open_session(cls, start, kind, hours=3, professional=None):
        session = cls.env["erm.spreekuur.session"].create({
            "professional_id": (professional or cls.professional).id,
            "location_id": cls.location.id,
            "company_id": cls.company.id,
            "start": start,
            "stop": start + timedelta(hours=hours),
            "slot_minutes": 30,
            "kind": kind,
        })
        session.action_open()
        return session

    @classmethod
    def _employee(cls, name, user=None):
        return cls.env["hr.employee"].create({
            "name": name, "company_id": cls.company.id,
            "user_id": user.id if user else False,
        })

    @classmethod
    def _portal_user(cls, login):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login.capitalize(), "login": login, "password": login + "-pw1",
            "email": f"{login}@example.com", "tz": "Europe/Amsterdam", "lang": "en_US",
            "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
        })
