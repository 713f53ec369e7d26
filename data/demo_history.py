#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""About two years of absence history for the demo organisation (data/demo_org.py), so that
every view has something real in it and every role has work on screen:

* short absences spread over two years for many employees (recovered);
* a chain: two cases less than 28 fit days apart;
* open cases in every phase under each ERM model (data/demo_org.py, ``configure_demo``):
  Zorg on the company default model III (the ``leidinggevende`` directs, ``hr`` guards),
  ICT on model II (the ``coach`` guards), Facilitair in a model IV pilot (the ``coach``
  runs the cases) and the second company on model I: just reported, problem analysis due,
  plan of action due, re-integration with evaluations, first-year evaluation, second year;
* partial recovery: an open case whose course went from 100% to 50%;
* a safety-net (vangnet) case with its UWV reporting deadline;
* an overdue milestone (no problem analysis after eight weeks);
* frequent absence (three reports in twelve months);
* the company doctor's advice (``bedrijfsarts``): issued ones that completed problem
  analyses and changed the course, and drafts still to finish;
* plans of action naming the ``coach`` as casemanager;
* the deadline activities: the alert job runs at the end.

Deterministic for a seed and a reference day (default: today), and idempotent: each case
gets an xml id in the pseudo-module ``erm_demo`` and is created only when missing.

    python data/demo_history.py --config .erm/odoo.conf -d DB

or, from an Odoo shell (``bin/erm shell``) started in the repository root::

    from data.demo_history import generate_demo
    generate_demo(env); env.cr.commit()
"""

import argparse
import random
import sys
from datetime import date, timedelta

import odoo

try:  # run as a script (bin/erm) or imported as data.demo_history (tests, shell)
    from .demo_budget import generate_budget
    from .demo_care import generate_care
    from .demo_org import configure_demo, describe_logins, dutch_env, generate_organisation
    from .demo_portal import generate_portal
    from .demo_preconditions import generate_preconditions
    from .demo_providers import generate_providers
    from .demo_reviews import generate_reviews
    from .demo_sanction_risk import generate_sanction_risk
    from .demo_spreekuur import generate_spreekuur
except ImportError:
    from demo_budget import generate_budget
    from demo_care import generate_care
    from demo_org import configure_demo, describe_logins, dutch_env, generate_organisation
    from demo_portal import generate_portal
    from demo_preconditions import generate_preconditions
    from demo_providers import generate_providers
    from demo_reviews import generate_reviews
    from demo_sanction_risk import generate_sanction_risk
    from demo_spreekuur import generate_spreekuur

MODULE = "erm_demo"
# Notification mails wait in Odoo's outgoing queue, which its mail cron sends, as usual:
# not sent one by one while the demo is built (under the test runner each would be sent and
# deleted on the spot, a large part of a build).
QUEUE_MAILS = {"mail_notify_force_send": False}
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
           **QUEUE_MAILS}


class _History:
    def __init__(self, env, today, seed):
        self.env = env
        self.today = today
        self.random = random.Random(seed)
        self.created = 0
        self.doctor = env.ref(f"{MODULE}.user_bedrijfsarts", raise_if_not_found=False)

    def ref(self, name):
        return self.env.ref(f"{MODULE}.{name}", raise_if_not_found=False)

    def case(self, name, employee, start, recovered=None, **vals):
        """(case, created): the case with xml id erm_demo.<name>, created when missing."""
        existing = self.ref(name)
        if existing or not employee:  # a smaller organisation lacks some scenarios
            return existing or self.env["erm.absence.case"], False
        vals.update(employee_id=employee.id, date_start=start,
                    date_reported=min(start, self.today))
        if recovered:
            vals["date_recovered"] = recovered
        case = self.env["erm.absence.case"].create(vals)
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": f"{MODULE}.{name}", "record": case, "noupdate": True,
        }])
        self.created += 1
        return case, True

    def day(self, days_ago):
        return self.today - timedelta(days=days_ago)

    def done(self, case, code, days_ago):
        milestone = case.milestone_ids.filtered(lambda m: m.code == code and not m.date_done)[:1]
        if milestone:
            milestone.date_done = self.day(days_ago)

    def plan(self, case, kind, days_ago, casemanager=None):
        plan = self.env["erm.reintegration.plan"].create({
            "case_id": case.id, "kind": kind, "date_done": self.day(days_ago),
            "casemanager_id": casemanager.id if casemanager else False,
            "goal": "own_work",
            "agreements": "Opbouw in eigen werk: start met drie ochtenden per week, "
                          "elke twee weken uitbreiden in overleg.",
            "view_employer": "Werkgever staat achter de opbouw en past het rooster aan.",
            "view_employee": "Werknemer kan zich vinden in de afspraken.",
        })
        plan.action_done()
        return plan

    def advice(self, case, advice_type, days_ago, pct=None, draft=False):
        """The company doctor's advice of `days_ago`; issued (completing the milestone of
        its type, and with `pct` = (percentage, from days ago) changing the course) unless
        `draft`."""
        vals = {
            "case_id": case.id, "advice_type": advice_type, "doctor_user_id": self.doctor.id,
            "date_advice": self.day(days_ago), "expected_duration": "long",
            "fml_personal": "normal", "fml_social": "normal", "fml_environment": "limited",
            "fml_dynamic": "strongly_limited", "fml_static": "limited", "fml_hours": "limited",
            "hours_per_day": 4.0, "hours_per_week": 12.0,
            "possibilities": "Kan licht werk doen in wisselende houding, niet tillen boven "
                             "vijf kilo. Korte werkdagen, met pauzes.",
            "adjustments": "Tijdelijk geen nachtdiensten; een hoog-laagbureau.",
            "intervention_advice": "Werkplekonderzoek door de ergonoom; opbouw in uren "
                                   "onder begeleiding van de casemanager.",
        }
        if pct:
            vals.update(incapacity_pct=pct[0], incapacity_date_from=self.day(pct[1]))
        advice = self.env["erm.ba.advice"].create(vals)
        if not draft:
            advice.action_issue()
        return advice

    def reintegration(self, case, age, evaluations, casemanager, pct=None):
        """A case of `age` days in re-integration: problem analysis in week 6 (with the
        course change `pct`), the plan of action two weeks later, then `evaluations`
        (days ago)."""
        self.advice(case, "probleemanalyse", age - 38, pct=pct)
        self.plan(case, "plan_van_aanpak", age - 50, casemanager)
        for days_ago in evaluations:
            self.plan(case, "evaluatie", days_ago)


def _company_employees(env, company_key):
    """The demo employees of one demo company, in xml id order (deterministic)."""
    company = env.ref(f"{MODULE}.{company_key}", raise_if_not_found=False)
    data = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "hr.employee")], order="name")
    return env["hr.employee"].browse(data.mapped("res_id")).exists().filtered(
        lambda e: e.company_id == company)


def _model_iii_cases(history, medewerker, zorg, coach):
    """Zorg, on the company default model III: the leidinggevende directs, hr guards."""
    (team_emp, chain_emp, partial_emp, long_emp, vangnet_emp, overdue_emp, frequent_emp,
     zorg_pa_emp, zorg_plan_emp, zorg_uwv_emp, zorg_year_emp) = zorg
    # --- the medewerker: a short case last year and an open one now, in his manager's team
    history.case("case_medewerker_1", medewerker, history.day(300), history.day(291))
    history.case("case_medewerker_2", medewerker, history.day(9),
                 expected_duration="medium", contact_phone="06 12345678")
    history.case("case_team", team_emp, history.day(3), expected_duration="short")

    # --- a chain: 12 sick days, 20 fit days, then again (still open, week 5)
    history.case("case_chain_1", chain_emp, history.day(66), history.day(54))
    history.case("case_chain_2", chain_emp, history.day(34))

    # --- problem analysis due, plan of action due, UWV report due,
    # first-year evaluation due
    case, new = history.case("case_zorg_analysis", zorg_pa_emp, history.day(30),
                             expected_duration="medium")
    if new:
        history.advice(case, "probleemanalyse", 1, draft=True)
    case, new = history.case("case_zorg_plan", zorg_plan_emp, history.day(48),
                             expected_duration="long")
    if new:
        history.advice(case, "probleemanalyse", 10)
    case, new = history.case("case_zorg_uwv", zorg_uwv_emp, history.day(280),
                             expected_duration="long")
    if new:
        history.reintegration(case, 280, (188, 146, 104, 62, 20), coach, pct=(50.0, 242))
    case, new = history.case("case_zorg_first_year", zorg_year_emp, history.day(340),
                             expected_duration="long")
    if new:
        history.reintegration(case, 340, (248, 206, 164, 122, 80, 38), coach, pct=(40.0, 302))
        history.done(case, "uwv_42", 50)

    # --- partial recovery, five months in: problem analysis, plan and evaluations done
    partial, new = history.case("case_partial", partial_emp, history.day(150),
                                expected_duration="long")
    if new:
        history.advice(partial, "probleemanalyse", 112, pct=(50.0, 108))
        history.plan(partial, "plan_van_aanpak", 100, coach)
        history.plan(partial, "evaluatie", 58)
        history.plan(partial, "evaluatie", 16)

    # --- a long case in its second year: the first year's steps done
    long_case, new = history.case("case_long", long_emp, history.day(430),
                                  expected_duration="long")
    if new:
        history.advice(long_case, "probleemanalyse", 392)
        history.plan(long_case, "plan_van_aanpak", 380, coach)
        history.advice(long_case, "update", 300, pct=(60.0, 300))
        for days_ago in (338, 296, 254, 212, 170, 128, 86, 44):
            history.plan(long_case, "evaluatie", days_ago)
        history.done(long_case, "uwv_42", 136)
        history.plan(long_case, "eerstejaars", 75)

    # --- a safety-net case: report to UWV within 6 weeks
    history.case("case_vangnet", vangnet_emp, history.day(20), vangnet=True,
                 vangnet_regime="six_weeks", expected_duration="long")

    # --- eight weeks without a problem analysis: an overdue milestone
    history.case("case_overdue", overdue_emp, history.day(57), work_accident=True)

    # --- frequent absence: three short reports in twelve months
    for index, days_ago in enumerate((320, 190, 40), start=1):
        history.case(f"case_frequent_{index}", frequent_emp, history.day(days_ago),
                     history.day(days_ago - 3))

    return zorg


def _other_model_cases(history, facilitair, ict, coach, heads):
    """Facilitair (model IV pilot), ICT (model II) and the second company (model I)."""
    env = history.env
    fac_pa_emp, fac_plan_emp, fac_reint_emp = facilitair
    ict_new_emp, ict_pa_emp = ict
    # --- Facilitair, model IV pilot: the coach runs these cases as casemanager
    case, new = history.case("case_pilot_analysis", fac_pa_emp, history.day(33))
    if new:
        history.advice(case, "probleemanalyse", 0, draft=True)
    case, new = history.case("case_pilot_plan", fac_plan_emp, history.day(47),
                             expected_duration="long")
    if new:
        history.advice(case, "probleemanalyse", 9)
    case, new = history.case("case_pilot_reintegration", fac_reint_emp, history.day(87),
                             expected_duration="long")
    if new:
        history.reintegration(case, 87, (), coach, pct=(50.0, 49))

    # --- ICT, model II: the manager directs, the coach guards the process
    history.case("case_ict_reported", ict_new_emp, history.day(4), expected_duration="short")
    history.case("case_ict_analysis", ict_pa_emp, history.day(35), expected_duration="medium")

    # --- the second company has no ERM policy: model I, the manager does everything
    other = _company_employees(env, "company_2")
    other_staff = other.filtered(lambda e: not e.user_id and e not in heads)
    if len(other_staff) >= 2:
        history.case("case_model1_analysis", other_staff[0], history.day(36))
        case, new = history.case("case_model1_reintegration", other_staff[1],
                                 history.day(100), expected_duration="long")
        if new:
            history.reintegration(case, 100, (8,), coach)

    return facilitair + ict


def _short_absences(history, employees, used):
    # --- short absences spread over two years for about half of the others
    for employee in employees:
        if employee in used or history.random.random() < 0.45:
            continue
        days_ago = 730
        for index in range(1, 4):
            days_ago -= history.random.randint(60, 300)
            length = history.random.choice((1, 2, 3, 3, 4, 5, 7, 10, 14, 21))
            if days_ago - length < 10:
                break
            history.case(f"case_short_{employee.id}_{index}", employee,
                         history.day(days_ago), history.day(days_ago - length))


def generate_history(env, today=None, seed=42, alerts=True):
    """Create the demo absence history; return {'cases': n, 'created': n}.

    Runs ``configure_demo`` first (doctor, department heads' logins, ERM policies) and,
    with ``alerts``, the deadline alert job at the end, so that the duty holders find
    their activities."""
    today = today or date.today()
    configure_demo(env, today=today)
    env = env(su=True, context={**env.context, **CONTEXT})
    history = _History(env, today, seed)
    employees = _company_employees(env, "company_1")
    if len(employees) < 20:
        raise ValueError("Generate the demo organisation first (data/demo_org.py).")
    ref = history.ref
    # res.users.employee_ids lists only the current company's employees: search instead
    medewerker = env["hr.employee"].search(
        [("user_id", "=", ref("user_medewerker").id)], limit=1
    ) or employees[0]
    coach = ref("user_coach")
    # Open cases only for staff (never a department head: his case would be run by the
    # general director) and never for a role login other than the medewerker.
    heads = env["hr.department"].search([]).manager_id
    staff = employees.filtered(lambda e: not e.user_id and e not in heads)

    def pick(department, count):
        chosen = staff.filtered(lambda e: e.department_id == ref(department))[:count]
        return list(chosen) + [env["hr.employee"]] * (count - len(chosen))

    used = {medewerker}
    used.update(_model_iii_cases(history, medewerker, pick("department_1_zorg", 11), coach))
    used.update(_other_model_cases(history, pick("department_1_facilitair", 3),
                                   pick("department_1_ict", 2), coach, heads))
    _short_absences(history, employees, used)

    env.flush_all()
    if alerts:
        # the deadline activities of today, as the daily job would create them
        env["erm.alert.manager"]._run_deadline_alerts()
    count = env["ir.model.data"].search_count(
        [("module", "=", MODULE), ("model", "=", "erm.absence.case")]
    )
    heads = env["res.users"].search([("login", "=like", "leidinggevende.%")], order="login")
    return {"cases": count, "created": history.created, "heads": heads.mapped("login")}


def generate_demo(env, today=None, seed=42, employees=60, companies=2):
    """The whole demo in one call (what ``bin/erm run`` does in two scripts): the
    organisation, its ERM set-up, the absence history and the consultation hours
    (data/demo_spreekuur.py). Idempotent; the caller commits.
    """
    env = dutch_env(env)
    env = env(context={**env.context, **QUEUE_MAILS})
    generate_organisation(env, employees=employees, seed=seed, companies=companies)
    result = generate_history(env, today=today, seed=seed)
    result["spreekuur"] = generate_spreekuur(env, today=today)
    result["providers"] = generate_providers(env, today=today)
    # before the care contacts: the portal employee's open case gets its contacts too
    result["portal"] = generate_portal(env, today=today)
    result["care"] = generate_care(env, today=today)
    result["preconditions"] = generate_preconditions(env, today=today)
    # before the reviews: their agendas count the budget's use
    result["budget"] = generate_budget(env, today=today)
    # after the care contacts and plans (what it checks), before the reviews (they count it)
    result["sanction_risk"] = generate_sanction_risk(env, today=today)
    result["reviews"] = generate_reviews(env, today=today)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description="Create the ERM Verzuim demo absence history.")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=warn"], setup_logging=True)
    from odoo.modules.registry import Registry  # needs the parsed configuration

    with Registry(args.database).cursor() as cr:
        env = dutch_env(odoo.api.Environment(cr, odoo.SUPERUSER_ID, dict(QUEUE_MAILS)))
        result = generate_history(env, seed=args.seed)
        spreekuur = generate_spreekuur(env)
        generate_providers(env)
        generate_portal(env)
        generate_care(env)
        generate_preconditions(env)
        generate_budget(env)
        generate_reviews(env)
        portal_logins = [line for line in describe_logins(env) if "portaal" in line]
    print(f"Demo absence history in {args.database}: {result['cases']} cases "
          f"({result['created']} created now)")
    if result.get("heads"):
        print("Department heads (password = login): " + ", ".join(result["heads"]))
    if spreekuur["sessions"]:
        print(f"Consultation hours: {spreekuur['sessions']} sessions, "
              f"{spreekuur['bookings']} bookings ({spreekuur['created']} records created now)")
    if portal_logins:
        print("Portal login (password = login; /my/verzuim, /my/spreekuur):\n"
              + "\n".join(portal_logins))
    return 0


if __name__ == "__main__":
    sys.exit(main())
