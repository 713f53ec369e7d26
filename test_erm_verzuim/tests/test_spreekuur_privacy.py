# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy of consultations, table-driven like Odoo's
calendar/tests/test_access_rights.py: every role of the test organisation x every channel.

A preventive booking is seen by the employee and the professional only; everybody else
(another employee, the manager, the coach, HR, the board, even the Verzuim administrator)
sees the slot as taken and nothing else, in every channel: search, read, search_read,
read_group, export, web_search_read (ORM and JSON-RPC), mail.activity, the chatter, the
calendar event and its attendees. A case consultation follows the case's need-to-know."""

import logging
from datetime import date, datetime, time, timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import HttpCase, JsonRpcException

from .erm_access_common import ErmAccessCommon, capabilities

_logger = logging.getLogger(__name__)

ROLES = ("employee", "other_employee", "manager", "coach", "hr", "doctor", "board", "admin")
# who sees the preventive booking: the employee and the professional (the doctor)
PREVENTIVE_SEES = {"employee", "doctor"}
MODEL = "II"  # the manager directs, the coach guards the process


def sees_case(role):
    return role != "other_employee" and capabilities(role, MODEL)["read"]


@tagged("post_install", "-at_install", "erm_access", "erm_spreekuur")
class TestSpreekuurPrivacy(HttpCase, ErmAccessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user_other = new_test_user(
            env, login="erm_other_employee", groups="erm_verzuim.group_erm_employee",
            company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)],
            name="Erm Other Employee",
        )
        cls.user_other.groups_id = [(4, env.ref("base.group_allow_export").id)]
        cls.colleague.user_id = cls.user_other
        cls.users = dict(cls.users, other_employee=cls.user_other)
        cls.set_model(MODEL)
        cls.company.partner_id.tz = "Europe/Amsterdam"
        location = env["erm.spreekuur.location"].create({
            "name": "Kamer 1", "partner_id": cls.company.partner_id.id,
            "company_id": cls.company.id,
        })
        cls.professional = env["erm.spreekuur.professional"].create({
            "name": "Dr. Arts", "user_id": cls.user_doctor.id,
            "partner_id": cls.user_doctor.partner_id.id, "company_id": cls.company.id,
            "location_ids": [(6, 0, location.ids)],
        })
        day = date.today() + timedelta(days=5)
        session = env["erm.spreekuur.session"].create({
            "professional_id": cls.professional.id, "location_id": location.id,
            "company_id": cls.company.id, "kind": "both", "slot_minutes": 30,
            "start": datetime.combine(day, time(8)), "stop": datetime.combine(day, time(10)),
        })
        session.action_open()
        cls.slots = session.slot_ids
        cls.case = cls.make_case(start=date.today() - timedelta(days=20))
        Booking = env["erm.spreekuur.booking"]
        cls.preventive = Booking.with_user(cls.user_employee).create({
            "slot_id": cls.slots[0].id, "employee_id": cls.employee.id,
            "kind": "preventive", "purpose": "preventief",
        })
        cls.case_booking = Booking.with_user(cls.user_manager).create({
            "slot_id": cls.slots[1].id, "employee_id": cls.employee.id,
            "case_id": cls.case.id, "kind": "case", "purpose": "probleemanalyse",
        })
        # something in the chatter of the preventive booking, and its no-show: neither
        # may reach anyone else
        cls.preventive.sudo().message_post(body="erm-preventive-marker",
                                           message_type="comment",
                                           subtype_xmlid="mail.mt_note")
        cls.event = cls.preventive.sudo().calendar_event_id
        cls.event_name = cls.event.name  # "Busy" (in the reader's language) for others
        cls.attendees = cls.event.attendee_ids

    # ------------------------------------------------------------------ ORM channels
    def preventive_cells(self, role):
        """{channel: True when the user sees the preventive booking (or its details)}."""
        user = self.users[role]
        # a fresh cache, as in a request of its own (the cache is shared between users)
        self.env.invalidate_all()
        Booking = self.env["erm.spreekuur.booking"].with_user(user)
        booking = self.preventive.with_user(user)
        event = self.event.with_user(user)
        cells = {}
        cells["search"] = bool(Booking.search([("id", "=", booking.id)]))
        cells["search on the employee"] = bool(Booking.search(
            [("employee_id.name", "ilike", "Jan Jansen"), ("kind", "=", "preventive")]))
        cells["search_count"] = bool(Booking.search_count([("kind", "=", "preventive")]))
        try:
            values = booking.read(["employee_id", "purpose", "professional_id"])
            cells["read"] = values[0]["employee_id"][0] == self.employee.id
        except AccessError:
            cells["read"] = False
        cells["search_read"] = bool(Booking.search_read([("id", "=", booking.id)],
                                                        ["employee_id"]))
        groups = Booking.read_group([], ["kind"], ["kind", "employee_id"], lazy=False)
        cells["read_group"] = any(
            g["kind"] == "preventive" or (g["employee_id"] and g["employee_id"][0]
                                          == self.employee.id and g["__count"] > 1)
            for g in groups
        )
        cells["_read_group"] = bool(Booking._read_group([("kind", "=", "preventive")], [],
                                                        ["__count"])[0][0])
        rows = Booking.search([]).export_data(["employee_id/name", "kind"])["datas"]
        cells["export_data"] = any(row[1] == "Preventive consultation" for row in rows)
        result = Booking.web_search_read([("id", "=", booking.id)],
                                         {"employee_id": {"fields": {"display_name": {}}}})
        cells["web_search_read"] = bool(result["records"])
        Message = self.env["mail.message"].with_user(user)
        cells["chatter (mail.message search)"] = bool(Message.search(
            [("model", "=", "erm.spreekuur.booking"), ("res_id", "=", booking.id)]))
        cells["chatter (body search)"] = bool(Message.search(
            [("body", "ilike", "erm-preventive-marker")]))
        Activity = self.env["mail.activity"].with_user(user)
        cells["mail.activity"] = bool(Activity.search([
            "|", "&", ("res_model", "=", "erm.spreekuur.booking"), ("res_id", "=", booking.id),
            "&", ("res_model", "=", "calendar.event"), ("res_id", "=", event.id),
        ]))
        # the calendar event: a non-attendee sees "Busy" and nothing else
        values = event.read(["name", "partner_ids", "location", "attendee_ids"])[0]
        cells["calendar.event name"] = values["name"] == self.event_name
        cells["calendar.event partners"] = bool(values["partner_ids"])
        cells["calendar.event location"] = bool(values["location"])
        cells["calendar.event display_name"] = event.display_name == self.event_name
        listed = self.env["calendar.event"].with_user(user).search_read(
            [("partner_ids", "in", self.user_employee.partner_id.ids),
             ("id", "=", event.id)], ["name", "partner_ids"])
        cells["employee's calendar shows the name"] = bool(
            listed and listed[0]["name"] == self.event_name)
        Attendee = self.env["calendar.attendee"].with_user(user)
        cells["calendar.attendee search"] = bool(Attendee.search([("event_id", "=", event.id)]))
        try:
            cells["calendar.attendee read"] = bool(
                self.attendees.with_user(user).read(["partner_id"]))
        except AccessError:
            cells["calendar.attendee read"] = False
        cells["calendar messages"] = bool(Message.search(
            [("model", "=", "calendar.event"), ("res_id", "=", event.id)]))
        return cells

    def test_preventive_matrix(self):
        mismatches, count = [], 0
        for role in ROLES:
            expected = role in PREVENTIVE_SEES
            for channel, got in self.preventive_cells(role).items():
                count += 1
                want = expected
                if channel in ("chatter (mail.message search)", "chatter (body search)",
                               "calendar messages", "mail.activity"):
                    # the note is the employee's and professional's; activities never exist
                    want = expected if channel.startswith("chatter") else False
                    if channel == "calendar messages":
                        want = got if expected else False
                if got != want:
                    mismatches.append(f"{role} / {channel}: expected {want}, got {got}")
        _logger.info(f"[spreekuur privacy, ORM] {count} cells; {len(mismatches)} mismatches")
        self.assertFalse(mismatches, "\n".join(mismatches))

    def test_slot_reads_taken_for_everyone(self):
        for role in ROLES:
            self.env.invalidate_all()
            slot = self.slots[0].with_user(self.users[role])
            values = slot.read(["state", "start", "display_name"])[0]
            self.assertEqual(values["state"], "booked", role)
            self.assertNotIn("Jan", values["display_name"])

    def test_no_show_preventive_tells_nobody(self):
        activities = self.env["mail.activity"].sudo().search_count([])
        self.preventive.with_user(self.user_doctor).action_no_show()
        self.assertEqual(self.env["mail.activity"].sudo().search_count([]), activities)

    def test_case_booking_matrix(self):
        mismatches = []
        for role in ROLES:
            user = self.users[role]
            self.env.invalidate_all()
            Booking = self.env["erm.spreekuur.booking"].with_user(user)
            want = sees_case(role)
            got = {
                "search": bool(Booking.search([("id", "=", self.case_booking.id)])),
                "read_group": bool(Booking._read_group(
                    [("kind", "=", "case")], [], ["__count"])[0][0]),
            }
            if want:
                got["case tab"] = self.case_booking in self.case.with_user(
                    user).spreekuur_booking_ids
            for channel, value in got.items():
                expect = want
                if value != expect:
                    mismatches.append(f"{role} / {channel}: expected {expect}, got {value}")
        self.assertFalse(mismatches, "\n".join(mismatches))

    # ------------------------------------------------------------------ JSON-RPC
    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": args,
            "kwargs": dict(kwargs or {}, context={"lang": "en_US"}),
        })

    def test_json_rpc(self):
        mismatches = []
        for role in ROLES:
            user = self.users[role]
            self.authenticate(user.login, user.login)
            want = role in PREVENTIVE_SEES
            result = self.call_kw("erm.spreekuur.booking", "web_search_read", [], {
                "domain": [["kind", "=", "preventive"]],
                "specification": {"employee_id": {"fields": {"display_name": {}}},
                                  "purpose": {}},
            })
            cells = {"web_search_read": bool(result["records"])}
            try:
                self.call_kw("erm.spreekuur.booking", "read",
                             [[self.preventive.id], ["employee_id"]])
                cells["read"] = True
            except JsonRpcException:
                cells["read"] = False
            groups = self.call_kw("erm.spreekuur.booking", "web_read_group", [], {
                "domain": [], "fields": ["kind"], "groupby": ["kind"],
            })
            cells["web_read_group"] = any(g["kind"] == "preventive" for g in groups["groups"])
            events = self.call_kw("calendar.event", "web_search_read", [], {
                "domain": [["id", "=", self.event.id]],
                "specification": {"name": {}, "partner_ids": {}},
            })["records"]
            cells["calendar.event"] = bool(events and events[0]["name"] == self.event_name
                                           and events[0]["partner_ids"])
            attendees = self.call_kw("calendar.attendee", "search_read", [], {
                "domain": [["event_id", "=", self.event.id]], "fields": ["partner_id"],
            })
            cells["calendar.attendee"] = bool(attendees)
            for channel, got in cells.items():
                if got != want:
                    mismatches.append(f"{role} / {channel}: expected {want}, got {got}")
        self.assertFalse(mismatches, "\n".join(mismatches))
