# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wage-sanction risk of the demo's open cases (domain.md §5b), after everything else
of the demo exists (plans, advice, care contacts): one file per level at least, so that HR
and the process guardians find *Dossiers met loonsanctierisico* filled:

* rood: ``case_overdue``, eight weeks without a problem analysis;
* oranje: ``case_partial``, whose last evaluation lacks the employee's own view;
* groen: ``case_team``, reported three days ago.

Idempotent (the check stores one result per case); the caller commits.
"""

from datetime import date

MODULE = "erm_demo"


def generate_sanction_risk(env, today=None):
    """Check every open case; return {level: number of cases}."""
    today = today or date.today()
    env = env(su=True)
    partial = env.ref(f"{MODULE}.case_partial", raise_if_not_found=False)
    if partial:
        # the employer wrote his view in the last evaluation; the employee has not yet
        last = partial.plan_ids.filtered(lambda p: p.kind == "evaluatie").sorted(
            "date_done")[-1:]
        if last.view_employee:
            last.write({"view_employee": False, "view_employer_date": last.date_done})
    cases = env["erm.absence.case"].search(
        [("active", "=", True), ("date_recovered", "=", False)])
    env["erm.sanction.risk"]._refresh_cases(cases, today=today)
    return env["erm.sanction.risk"]._count_per_level(cases)
