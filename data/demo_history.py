#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""About two years of absence history for the demo organisation (data/demo_org.py), so that
every view has something real in it:

* short absences spread over two years for many employees (recovered);
* a chain: two cases less than 28 fit days apart;
* partial recovery: an open case whose course went from 100% to 50%, with its problem
  analysis, plan of action and an evaluation done;
* a long case in its second year (first-year evaluation done, second-track phase);
* a safety-net (vangnet) case with its UWV reporting deadline;
* an overdue milestone (no problem analysis after eight weeks);
* frequent absence (three reports in twelve months);
* a case for the `medewerker` login, in the `leidinggevende`'s team.

Deterministic for a seed and a reference day (default: today), and idempotent: each case
gets an xml id in the pseudo-module ``erm_demo`` and is created only when missing.

    python data/demo_history.py --config .erm/odoo.conf -d DB
"""

import argparse
import random
import sys
from datetime import date, timedelta

import odoo

MODULE = "erm_demo"
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


class _History:
    def __init__(self, env, today, seed):
        self.env = env
        self.today = today
        self.random = random.Random(seed)
        self.created = 0

    def ref(self, name):
        return self.env.ref(f"{MODULE}.{name}", raise_if_not_found=False)

    def case(self, name, employee, start, recovered=None, **vals):
        """(case, created): the case with xml id erm_demo.<name>, created when missing."""
        existing = self.ref(name)
        if existing:
            return existing, False
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


def generate_history(env, today=None, seed=42):
    """Create the demo absence history; return {'cases': n, 'created': n}."""
    env = env(su=True, context={**env.context, **CONTEXT})
    today = today or date.today()
    history = _History(env, today, seed)
    employees = env["hr.employee"].browse([
        data.res_id for data in env["ir.model.data"].search(
            [("module", "=", MODULE), ("model", "=", "hr.employee")], order="name")
    ]).exists().filtered(lambda e: e.company_id == env.ref(f"{MODULE}.company_1"))
    if len(employees) < 20:
        raise ValueError("Generate the demo organisation first (data/demo_org.py).")
    # res.users.employee_ids lists only the current company's employees: search instead
    medewerker = env["hr.employee"].search(
        [("user_id", "=", env.ref(f"{MODULE}.user_medewerker").id)], limit=1
    ) or employees[0]
    coach = env.ref(f"{MODULE}.user_coach", raise_if_not_found=False)
    # a colleague in the medewerker's team, so the leidinggevende sees two open cases
    team_emp = (medewerker.parent_id.child_ids & employees) - medewerker
    team_emp = team_emp[:1]
    special = [e for e in employees if e not in (medewerker, team_emp) and e.parent_id][:7]
    chain_emp, partial_emp, long_emp, vangnet_emp, overdue_emp, frequent_emp = special[:6]
    team_emp = team_emp or special[6]

    # --- the medewerker: a short case last year and an open one now, in his manager's team
    history.case("case_medewerker_1", medewerker, history.day(300), history.day(291))
    history.case("case_medewerker_2", medewerker, history.day(9),
                 expected_duration="medium", contact_phone="06 12345678")

    # --- a chain: 12 sick days, 20 fit days, then again (still open, week 5)
    history.case("case_chain_1", chain_emp, history.day(66), history.day(54))
    history.case("case_chain_2", chain_emp, history.day(34))

    # --- partial recovery, five months in: problem analysis, plan and one evaluation done
    partial, new = history.case("case_partial", partial_emp, history.day(150),
                                expected_duration="long")
    if new:
        history.done(partial, "probleemanalyse", 112)
        history.plan(partial, "plan_van_aanpak", 100, coach)
        env["erm.absence.period"].create({
            "case_id": partial.id, "date_from": history.day(108), "incapacity_pct": 50.0,
        })
        history.plan(partial, "evaluatie", 58)
        history.plan(partial, "evaluatie", 16)

    # --- a long case in its second year: the first year's steps done
    long_case, new = history.case("case_long", long_emp, history.day(430),
                                  expected_duration="long")
    if new:
        history.done(long_case, "probleemanalyse", 392)
        history.plan(long_case, "plan_van_aanpak", 380, coach)
        env["erm.absence.period"].create({
            "case_id": long_case.id, "date_from": history.day(300), "incapacity_pct": 60.0,
        })
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
    history.case("case_team", team_emp, history.day(3), expected_duration="short")

    # --- short absences spread over two years for about half of the others
    used = {medewerker, *special, team_emp}
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
    env.flush_all()
    count = env["ir.model.data"].search_count(
        [("module", "=", MODULE), ("model", "=", "erm.absence.case")]
    )
    return {"cases": count, "created": history.created}


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
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        result = generate_history(env, seed=args.seed)
    print(f"Demo absence history in {args.database}: {result['cases']} cases "
          f"({result['created']} created now)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
