# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal employee's own absence, after the consultation hours
(data/demo_spreekuur.py made the portal login ``portaal``) and the providers:

* an open case of about ten weeks: the company doctor's problem analysis (issued, 50% from
  then on), a plan of action agreed by the employer whose employee's view is still open
  (he writes it at /my/verzuim/plan/<id>), a proposed intervention;
* a past case of about three months, a year ago: its advice, a completed plan of action
  with both views and a finished intervention;
* access-log lines on both (the case director, HR and the company doctor read them), so
  that "Who read my case?" has something to show.

A case is placed where the employee's history (data/demo_history.py) leaves room. Idempotent:
every record has an xml id in ``erm_demo`` and is made only when missing; returns
{"cases": n, "created": n}.

    from data.demo_portal import generate_portal
    generate_portal(env); env.cr.commit()
"""

from datetime import date, datetime, time, timedelta

try:  # run as a script (data/ on the path) or imported as data.<module>
    from .demo_records import QUIET_CONTEXT, DemoRecords
    from .demo_spreekuur import PORTAL_LOGIN
except ImportError:
    from demo_records import QUIET_CONTEXT, DemoRecords
    from demo_spreekuur import PORTAL_LOGIN

# (xml id suffix, days ago of the first sick day, days ago of the recovery or None)
# the past one first: a case is made open and closed after its interventions
CASES = (("past", 400, 310), ("open", 70, None))


class _Portal(DemoRecords):
    def day(self, days_ago):
        return self.today - timedelta(days=days_ago)

    def case(self, employee, key, start_ago, recovered_ago):
        """(case, recovery day or None): the case erm_demo.case_portal_<key>, its first
        sick day moved later when the employee's history is in the way (no overlap). It is
        made open: its interventions are recorded before the recovery closes it."""
        name = f"case_portal_{key}"
        if self.ref(name):
            return self.ref(name), None
        Case = self.env["erm.absence.case"]
        start = self.day(start_ago)
        end = self.day(recovered_ago) if recovered_ago is not None else self.today
        for other in Case.search([("employee_id", "=", employee.id)], order="date_start"):
            other_end = other.date_recovered or self.today
            if other.date_start <= end and other_end >= start:
                start = other_end + timedelta(days=1)
        if start > end - timedelta(days=14):
            return Case, None  # no room in this history: leave it out
        vals = {"employee_id": employee.id, "date_start": start, "date_reported": start}
        return self.ensure(name, Case, lambda: vals), \
            (end if recovered_ago is not None else None)

    def extras(self, case, key, doctor, service, recovered):
        start, end = case.date_start, case.date_recovered or recovered or self.today
        age = (end - start).days
        advice = self.ensure(f"portal_advice_{key}", "erm.ba.advice", lambda: {
            "case_id": case.id, "advice_type": "probleemanalyse",
            "doctor_user_id": doctor.id,
            "date_advice": start + timedelta(days=min(38, age // 2)),
            "expected_duration": "long", "hours_per_day": 4.0, "hours_per_week": 16.0,
            "incapacity_pct": 50.0,
            "incapacity_date_from": start + timedelta(days=min(38, age // 2)),
            "possibilities": "Kan licht administratief werk doen, in eigen tempo en met "
                             "pauzes. Niet langer dan twee uur achter elkaar beeldschermwerk.",
            "adjustments": "Een rustige werkplek; tijdelijk geen klantcontact aan de balie.",
            "intervention_advice": "Coaching gericht op werkhervatting.",
        })
        if advice.state == "draft":
            advice.action_issue()
        done = key != "open"
        casemanager = self.ref("user_coach") or case.regievoerder_user_id
        self.ensure(f"portal_plan_{key}", "erm.reintegration.plan", lambda: {
            "case_id": case.id, "kind": "plan_van_aanpak", "goal": "own_work",
            "casemanager_id": casemanager.id,
            # the open plan is not agreed yet: it waits for the employee's own view
            "date_done": start + timedelta(days=min(50, age - 1)) if done else False,
            "agreements": "Opbouw in eigen werk: twee ochtenden per week, elke twee weken "
                          "uitbreiden in overleg met de leidinggevende.",
            "view_employer": "De werkgever ondersteunt de opbouw en past het rooster aan.",
            # written in week 6: the open plan's missing view is a reminder for its director
            "view_employer_date": start + timedelta(days=min(40, max(age - 10, 0))),
            "view_employee": "Ik kan mij vinden in de afspraken." if done else False,
        })
        plan = self.ref(f"portal_plan_{key}")
        if done and plan.state != "done":
            plan.action_done()
        if service:
            vals = {"case_id": case.id, "service_id": service.id, "advised_by": "ba",
                    "ba_advice_id": advice.id,
                    "requested_by_id": (case.regievoerder_user_id or self.env.user).id}
            intervention, created = self.ensure_created(
                f"portal_intervention_{key}", "erm.intervention", lambda: vals)
            if created and done:
                # history: approved, run and finished back then
                intervention.sudo().write({
                    "state": "done", "date_start": start + timedelta(days=45),
                    "date_end": start + timedelta(days=min(80, age)),
                    "approved_by_id": (case.regievoerder_user_id or self.env.user).id,
                    "date_approved": start + timedelta(days=42), "outcome": "own_work",
                })
                intervention._erm_close_approval_activities(unlink=True)
        if recovered:
            case.date_recovered = recovered
        self.access_log(case, advice)

    def access_log(self, case, advice):
        """Who read the case and the advice, back then (written as the mixin does)."""
        Log = self.env["erm.access.log"]
        if Log.search_count([("case_id", "=", case.id)]):
            return
        readers = [
            (case.regievoerder_user_id, "erm.absence.case", case.id, "read", 2),
            (self.ref("user_hr"), "erm.absence.case", case.id, "list", 5),
            (self.ref("user_bedrijfsarts"), "erm.ba.advice", advice.id, "read", 9),
            (case.procesbewaker_user_id, "erm.absence.case", case.id, "export", 20),
        ]
        end = case.date_recovered or self.today
        vals_list = []
        for user, model, res_id, kind, days in readers:
            if not user:
                continue
            day = max(case.date_start, end - timedelta(days=days))
            vals_list.append({
                "user_id": user.id, "res_model": model, "res_id": res_id,
                "case_id": case.id, "kind": kind,
                "channel": "export" if kind == "export" else "backend",
                "date": datetime.combine(day, time(9 + days % 7, 15)),
            })
        Log.create(vals_list)
        self.created += len(vals_list)


def generate_portal(env, today=None):
    """Create the portal employee's demo absence; see the module docstring."""
    env = env(su=True, context={**env.context, **QUIET_CONTEXT})
    demo = _Portal(env, today or date.today())
    user = demo.ref(f"user_{PORTAL_LOGIN}")
    doctor = demo.ref("user_bedrijfsarts")
    employee = env["hr.employee"].search([("user_id", "=", user.id)], limit=1) if user \
        else env["hr.employee"]
    if not employee or not doctor:
        return {"cases": 0, "created": 0}
    Service = env["erm.provider.service"]
    service = Service.search([("phase", "=", "first_track")], order="id", limit=1) \
        or Service.search([("phase", "!=", "prevention")], order="id", limit=1)
    cases = env["erm.absence.case"]
    for key, start_ago, recovered_ago in CASES:
        case, recovered = demo.case(employee, key, start_ago, recovered_ago)
        if case:
            demo.extras(case, key, doctor, service, recovered)
            cases |= case
    return {"cases": len(cases), "created": demo.created}
