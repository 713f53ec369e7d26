# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Open absence cases at scale, in batch, on top of the demo organisation (data/demo_org.py):
for benchmarks and load tests. The demo's hand-made case history is
data/demo_history.py; this module is only about volume.

    from data.demo_org import generate_organisation
    from data.demo_cases import create_cases, ensure_manager_users

    generate_organisation(env, employees=11000, seed=1, companies=3, with_users=False)
    ensure_manager_users(env)                     # duty holders need logins
    cases = create_cases(env, employees, seed=1)  # one open case per employee

Deterministic for a seed and a reference day: the ages of the cases follow AGE_PROFILE
(most absences are short, a fifth is in its first or second year), and the milestones whose
deadline has passed are marked done on time for `done_share` of them (the others stay
overdue, as in a real organisation). Runs as superuser in the caller's transaction without
chatter tracking; the caller commits.
"""

import random
from datetime import timedelta

from odoo import Command, fields
from odoo.tools import split_every

from .demo_org import CREATE_CONTEXT

# (share of the cases, youngest, oldest age in days of the first sick day)
AGE_PROFILE = ((0.55, 0, 41), (0.25, 42, 181), (0.20, 182, 700))
DONE_LAG_DAYS = 3  # milestones due at least this long ago count as "past"
TZ = "Europe/Amsterdam"


def ensure_manager_users(env, chunk_size=500):
    """Give a login (group Leidinggevende) to every employee who manages others or a
    department and has none yet, so that cases resolve their duty holders. The user reuses
    the employee's work contact. Returns the users created."""
    env = env(su=True, context={**env.context, **CREATE_CONTEXT})
    Employee = env["hr.employee"]
    managers = Employee.search([("child_ids", "!=", False), ("user_id", "=", False)])
    managers |= env["hr.department"].search([]).manager_id.filtered(lambda e: not e.user_id)
    groups = [env.ref("base.group_user").id, env.ref("erm_verzuim.group_erm_manager").id]
    created = env["res.users"]
    for chunk in split_every(chunk_size, managers.ids):
        batch = Employee.browse(chunk)
        users = env["res.users"].create([{
            "name": employee.name,
            "login": employee.work_email or f"manager.{employee.id}",
            "partner_id": employee.work_contact_id.id or False,
            "company_id": employee.company_id.id,
            "company_ids": [Command.set(employee.company_id.ids)],
            "groups_id": [Command.set(groups)],
            "tz": TZ,
        } for employee in batch])
        for employee, user in zip(batch, users, strict=True):
            employee.user_id = user
        created |= users
    env.flush_all()
    return created


def _draw_age(rng):
    pick = rng.random()
    for share, youngest, oldest in AGE_PROFILE:
        if pick < share:
            return rng.randint(youngest, oldest)
        pick -= share
    return AGE_PROFILE[-1][2]


def create_cases(env, employees, seed=1, today=None, done_share=0.9, vangnet_share=0.02,
                 chunk_size=1000, time_off=False):
    """One open absence case per employee of `employees` that has no case yet, created in
    chunks of `chunk_size`; returns the cases created.

    `done_share` of the milestones whose deadline has passed are marked done on time (a
    few rounds: a done plan of action makes the first evaluation appear, and so on).
    `time_off=False` skips the Time Off leaves of the cases (they cost more than the cases
    and matter to no benchmark of the timeline)."""
    rng = random.Random(seed)
    env = env(su=True, context={**env.context, **CREATE_CONTEXT,
                                "erm_skip_time_off": not time_off})
    today = today or fields.Date.context_today(env["erm.absence.case"])
    Case = env["erm.absence.case"]
    taken = set(Case.with_context(active_test=False).search(
        [("employee_id", "in", employees.ids)]).employee_id.ids)
    cases = Case.browse()
    for chunk in split_every(chunk_size, [e for e in employees.ids if e not in taken]):
        vals_list = []
        for employee_id in chunk:
            start = today - timedelta(days=_draw_age(rng))
            vals = {"employee_id": employee_id, "date_start": start, "date_reported": start}
            if rng.random() < vangnet_share:
                vals.update(vangnet=True, vangnet_regime="six_weeks")
            vals_list.append(vals)
        cases |= Case.create(vals_list)
        env.flush_all()
    if done_share and cases:
        _complete_past_milestones(cases, seed, today, done_share, chunk_size)
    return cases


def _complete_past_milestones(cases, seed, today, done_share, chunk_size):
    """Mark past milestones done on time, for `done_share` of them, in rounds."""
    env = cases.env
    Milestone = env["erm.wvp.milestone"].with_context(
        erm_wvp_sync=True,  # one timeline recompute per round, not one per milestone
        erm_alert_closing=True,  # there are no activities to close yet
    )
    decided = set()
    for _round in range(30):
        milestones = Milestone.search([
            ("case_id", "in", cases.ids), ("date_done", "=", False),
            ("state", "!=", "cancelled"), ("code", "!=", "einde_wachttijd"),
            ("date_deadline", "<", today - timedelta(days=DONE_LAG_DAYS)),
        ]).filtered(lambda m: m.id not in decided)
        if not milestones:
            break
        changed = set()
        for milestone in milestones:
            decided.add(milestone.id)
            rng = random.Random(
                f"{seed}:{milestone.chain_root_id.id}:{milestone.code}:{milestone.sequence}"
            )
            if rng.random() < done_share:
                done = milestone.date_deadline - timedelta(days=rng.randint(0, 10))
                # written per record, flushed as one UPDATE by the ORM
                milestone.date_done = max(done, milestone.case_id.date_start)
                changed.add(milestone.case_id.id)
        for chunk in split_every(chunk_size, sorted(changed)):
            cases.browse(chunk)._recompute_wvp()
        env.flush_all()
