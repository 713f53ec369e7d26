# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consultation hours (erm_spreekuur) in the demo organisation, after the absence history
(data/demo_history.py):

* two rooms at the first company's main address;
* the company doctor (``bedrijfsarts``) holds a weekly spreekuur there on Tuesday morning,
  for case consultations and open (preventive) ones, from eight weeks ago to twelve weeks
  ahead; an external arbeidsdeskundige without a login holds a monthly one (case
  consultations) on the first Thursday afternoon;
* bookings in the past (attended, no-show, cancelled by the employee or the organisation)
  and in the future, for open absence cases and preventive;
* an employee whose user is a portal user (``portaal`` / ``portaal``), who books his
  preventive consultations at /my/spreekuur and has one past and one coming.

Bookings are made through the booking model's own rules, which refuse a time in the past:
a past consultation is booked at a free future time and then moved, as superuser, to its
real time, as an import of the agenda's history would. No mail leaves (no invitations for
history). Idempotent: every record has an xml id in ``erm_demo`` and is made only when
missing; returns {"sessions": n, "bookings": n, "created": n}.

    from data.demo_spreekuur import generate_spreekuur
    generate_spreekuur(env); env.cr.commit()
"""

from datetime import date, datetime, timedelta

from odoo import Command

try:  # run as a script (data/ on the path) or imported as data.<module>
    from .demo_records import MODULE, QUIET_CONTEXT, TZ, DemoRecords, amsterdam_utc
except ImportError:
    from demo_records import MODULE, QUIET_CONTEXT, TZ, DemoRecords, amsterdam_utc

PORTAL_LOGIN = "portaal"
ARBEIDSDESKUNDIGE = ("drs. M. (Marloes) Verbeek", "m.verbeek@arbeidsdeskundigen-rijnland.nl")

# (xml id, professional, case xml id or None for preventive, purpose, weeks from today's
# session (negative: past), slot index in the session, outcome). Preventive bookings name
# an employee by role: "portal" is the portal employee, "staff:N" the N-th other staff member.
BOOKINGS = (
    # the company doctor's past consultations
    ("zorg_plan_pa", "ba", "case_zorg_plan", "probleemanalyse", -2, 0, "attended"),
    ("partial_bijstelling", "ba", "case_partial", "bijstelling", -6, 1, "attended"),
    ("pilot_plan_pa", "ba", "case_pilot_plan", "probleemanalyse", -2, 2, "attended"),
    ("zorg_uwv_bijstelling", "ba", "case_zorg_uwv", "bijstelling", -3, 0, "no_show"),
    ("overdue_pa_cancelled", "ba", "case_overdue", "probleemanalyse", -4, 3, "employee"),
    ("ict_pa_cancelled", "ba", "case_ict_analysis", "probleemanalyse", -1, 1, "professional"),
    ("prev_portal_past", "ba", "portal", "preventief", -5, 4, "attended"),
    ("prev_staff_1_past", "ba", "staff:1", "preventief", -3, 5, "attended"),
    ("prev_staff_2_past", "ba", "staff:2", "preventief", -2, 5, "no_show"),
    ("prev_staff_3_past", "ba", "staff:3", "preventief", -1, 4, "employee"),
    # the company doctor's coming consultations
    ("zorg_analysis_pa", "ba", "case_zorg_analysis", "probleemanalyse", 1, 0, "booked"),
    ("overdue_pa", "ba", "case_overdue", "probleemanalyse", 1, 1, "booked"),
    ("pilot_analysis_pa", "ba", "case_pilot_analysis", "probleemanalyse", 1, 3, "booked"),
    ("chain_other", "ba", "case_chain_2", "other", 2, 0, "booked"),
    ("partial_werkhervatting", "ba", "case_partial", "werkhervatting", 3, 2, "booked"),
    ("prev_portal_future", "ba", "portal", "preventief", 2, 4, "booked"),
    ("prev_staff_1_future", "ba", "staff:1", "preventief", 1, 5, "booked"),
    ("prev_staff_4_future", "ba", "staff:4", "preventief", 3, 5, "booked"),
    # the arbeidsdeskundige (monthly; the weeks count in months here)
    ("long_werkhervatting", "ad", "case_long", "werkhervatting", -2, 0, "attended"),
    ("first_year_bijstelling", "ad", "case_zorg_first_year", "bijstelling", -1, 1, "attended"),
    ("uwv_werkhervatting", "ad", "case_zorg_uwv", "werkhervatting", 1, 0, "booked"),
)


class _Spreekuur(DemoRecords):
    def __init__(self, env, today):
        super().__init__(env, today)
        self.now = datetime.now().replace(microsecond=0)

    utc = staticmethod(amsterdam_utc)

    # ----------------------------------------------------------------- planning
    def plan(self, company, doctor):
        env = self.env
        if not company.partner_id.tz:
            company.partner_id.tz = TZ
        rooms = [
            self.ensure(f"spreekuur_location_{index}", "erm.spreekuur.location", lambda n=name: {
                "name": n, "partner_id": company.partner_id.id, "company_id": company.id,
            })
            for index, name in ((1, "Spreekkamer 1 (begane grond)"), (2, "Spreekkamer 2"))
        ]
        ba = self.ensure("spreekuur_professional_bedrijfsarts", "erm.spreekuur.professional",
                         lambda: {
                             "name": doctor.name, "kind": "bedrijfsarts", "user_id": doctor.id,
                             "partner_id": doctor.partner_id.id, "company_id": company.id,
                             "location_ids": [Command.set([rooms[0].id])], "sequence": 1,
                         })
        ad_partner = self.ensure("spreekuur_partner_arbeidsdeskundige", "res.partner", lambda: {
            "name": ARBEIDSDESKUNDIGE[0], "email": ARBEIDSDESKUNDIGE[1], "lang": "nl_NL"
            if env["res.lang"]._lang_get("nl_NL") else "en_US", "tz": TZ,
        })
        ad = self.ensure("spreekuur_professional_arbeidsdeskundige",
                         "erm.spreekuur.professional", lambda: {
                             "name": ARBEIDSDESKUNDIGE[0], "kind": "arbeidsdeskundige",
                             "partner_id": ad_partner.id, "company_id": company.id,
                             "location_ids": [Command.set([rooms[1].id])], "sequence": 5,
                         })
        # the weekly series: Tuesdays 9:00-12:00, from eight weeks ago to twelve weeks ahead
        first_tuesday = self.today - timedelta(weeks=8)
        first_tuesday += timedelta(days=(1 - first_tuesday.weekday()) % 7)
        weekly = self.ensure("spreekuur_session_bedrijfsarts", "erm.spreekuur.session", lambda: {
            "professional_id": ba.id, "location_id": rooms[0].id, "company_id": company.id,
            "start": self.utc(first_tuesday, 9), "stop": self.utc(first_tuesday, 12),
            "slot_minutes": 30, "kind": "both", "recurrence": "weekly",
            "recurrence_until": self.today + timedelta(weeks=12),
        })
        # the monthly series: first Thursday 13:00-16:00, three months back and ahead
        month = (self.today.replace(day=1) - timedelta(days=85)).replace(day=1)
        first_thursday = month + timedelta(days=(3 - month.weekday()) % 7)
        monthly = self.ensure("spreekuur_session_arbeidsdeskundige", "erm.spreekuur.session",
                              lambda: {
                                  "professional_id": ad.id, "location_id": rooms[1].id,
                                  "company_id": company.id,
                                  "start": self.utc(first_thursday, 13),
                                  "stop": self.utc(first_thursday, 16),
                                  "slot_minutes": 45, "buffer_minutes": 15, "kind": "case",
                                  "recurrence": "monthly", "recurrence_count": 7,
                              })
        sessions = env["erm.spreekuur.session"].search([
            ("series_id", "in", (weekly | monthly).series_id.ids or (weekly | monthly).ids),
        ]) | weekly | monthly
        sessions.filtered(lambda s: s.state == "draft").action_open()
        return {"ba": (ba, sessions.filtered(lambda s: s.professional_id == ba)),
                "ad": (ad, sessions.filtered(lambda s: s.professional_id == ad))}

    # ----------------------------------------------------------------- portal employee
    def portal_user(self, company, staff):
        """The portal login of an ordinary employee without an internal user."""
        user = self.ref(f"user_{PORTAL_LOGIN}")
        if user:
            return user, self.env["hr.employee"].search([("user_id", "=", user.id)], limit=1)
        employee = staff[-1:] if staff else self.env["hr.employee"]
        if not employee:
            return user, employee
        lang = "nl_NL" if self.env["res.lang"]._lang_get("nl_NL") else "en_US"
        Users = self.env["res.users"].with_context(no_reset_password=True)
        user = self.ensure(f"user_{PORTAL_LOGIN}", Users, lambda: {
            "name": employee.name, "login": PORTAL_LOGIN, "password": PORTAL_LOGIN,
            "email": employee.work_email or f"{PORTAL_LOGIN}@example.com", "lang": lang,
            "tz": TZ, "company_id": company.id, "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
        })
        employee.user_id = user
        return user, employee

    # ----------------------------------------------------------------- bookings
    def book(self, name, session, slot_index, employee, case, purpose, outcome):
        if self.ref(f"spreekuur_booking_{name}"):
            return None
        slots = session.slot_ids.sorted("start").filtered(lambda s: s.state == "free")
        if not slots:
            return None
        slot = slots[min(slot_index, len(slots) - 1)]
        Booking = self.env["erm.spreekuur.booking"]
        values = {
            "employee_id": employee.id, "case_id": case.id or False,
            "kind": "case" if case else "preventive", "purpose": purpose,
            "company_id": session.company_id.id,
        }
        past = slot.start <= self.now
        if past:
            # booked at a free future time of a session of the same kind, then moved back
            stand_in = self.env["erm.spreekuur.slot"].search_free_slots(
                kind="case" if case else "open", limit=1)
            if not stand_in:
                return None
            booking = Booking.create(dict(values, slot_id=stand_in.id))
            booking.write(Booking._slot_values(slot))
            stand_in.state = "free"
            slot.state = "booked"
            booking.calendar_event_id.write({"start": booking.start, "stop": booking.stop})
        else:
            booking = Booking.create(dict(values, slot_id=slot.id))
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": f"{MODULE}.spreekuur_booking_{name}", "record": booking,
            "noupdate": True,
        }])
        self.created += 1
        if outcome in ("employee", "professional"):
            # history: written directly, so that no cancellation mail leaves
            by_employee = outcome == "employee" and employee.user_id
            values = {"state": "cancelled", "cancel_reason": outcome,
                      "cancelled_by_id": (employee.user_id if by_employee
                                          else self.env.ref("base.user_admin")).id}
            if "cancelled_by_role" in booking._fields:
                values["cancelled_by_role"] = "employee" if by_employee else "organisation"
            booking.write(values)
            booking.slot_id.state = "free"
            booking.calendar_event_id.active = False
        elif outcome in ("attended", "no_show"):
            # history: no activities or advice proposals for what happened long ago
            booking.write({"state": outcome})
        # the booking was made one to three weeks before the consultation
        lead = timedelta(days=7 + (booking.id % 15))
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE erm_spreekuur_booking SET create_date = LEAST(%s, start - %s) WHERE id = %s",
            [self.now, lead, booking.id],
        )
        booking.invalidate_recordset(["create_date"])
        return booking


def _session_at(sessions, today, offset):
    """The session ``offset`` weeks (months) from today's: 1 = the next one, -1 = the
    last one before today."""
    ordered = sessions.sorted("start")
    past = ordered.filtered(lambda s: s.start.date() < today)
    future = ordered - past
    pick = future[offset - 1: offset] if offset > 0 else past[offset: offset + 1 or None]
    return pick


def generate_spreekuur(env, today=None):
    """Create the demo consultation hours; see the module docstring."""
    if "erm.spreekuur.session" not in env:
        return {"sessions": 0, "bookings": 0, "created": 0}
    env = env(su=True, context={**env.context, **QUIET_CONTEXT})
    today = today or date.today()
    demo = _Spreekuur(env, today)
    company = demo.ref("company_1")
    doctor = demo.ref("user_bedrijfsarts")
    if not company or not doctor:
        return {"sessions": 0, "bookings": 0, "created": 0}
    planning = demo.plan(company, doctor)
    heads = env["hr.department"].search([]).manager_id
    staff = env["hr.employee"].search([
        ("company_id", "=", company.id), ("user_id", "=", False),
        ("id", "not in", heads.ids),
        ("id", "not in", env["erm.absence.case"].search(
            [("date_recovered", "=", False)]).employee_id.ids),
    ], order="id")
    _user, portal_employee = demo.portal_user(company, staff)
    staff -= portal_employee
    for name, who, subject, purpose, offset, slot_index, outcome in BOOKINGS:
        professional, sessions = planning[who]
        session = _session_at(sessions, today, offset)
        case = env["erm.absence.case"]
        if subject == "portal":
            employee = portal_employee
        elif subject.startswith("staff:"):
            index = int(subject.split(":")[1])
            employee = staff[index: index + 1]
        else:
            case = demo.ref(subject) or case
            employee = case.employee_id
        if not session or not employee or (case and case.date_recovered):
            continue
        demo.book(name, session, slot_index, employee, case, purpose, outcome)
    env.flush_all()
    bookings = env["ir.model.data"].search_count(
        [("module", "=", MODULE), ("model", "=", "erm.spreekuur.booking")])
    sessions = env["erm.spreekuur.session"].search_count(
        [("company_id", "=", company.id)])
    return {"sessions": sessions, "bookings": bookings, "created": demo.created}
