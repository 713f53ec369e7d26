# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Duty following, as a plain function the case calls: when the duty holders of a case
change (policy or org-chart change), its open milestones, its own activities and its
followers move to the new holders (domain.md §2)."""

from collections import defaultdict


def follow_duties(cases, snapshot):
    """Let the open milestones, the case's own activities and the followers follow the
    duty holders of `cases` that changed since `snapshot` ({case id: (regie, proces)})."""
    env = cases.env
    changed = cases.filtered(lambda c: c.id in snapshot and snapshot[c.id] != (
        c.regievoerder_user_id, c.procesbewaker_user_id))
    if not changed:
        return
    # 1. open milestones go to the new holder of their duty (the alert job moves their
    #    deadline activities along with the responsible user)
    milestones = env["erm.wvp.milestone"].sudo().search([
        ("case_id", "in", changed.ids), ("date_done", "=", False),
        ("state", "!=", "cancelled"),
    ])
    by_user = defaultdict(lambda: env["erm.wvp.milestone"].sudo())
    for milestone in milestones:
        case = milestone.case_id
        holder = (case.regievoerder_user_id if milestone.responsible_role == "regievoerder"
                  else case.procesbewaker_user_id)
        if milestone.responsible_user_id != holder:
            by_user[holder.id] |= milestone
    for user_id, group in by_user.items():
        group.write({"responsible_user_id": user_id or False})
    # 2. the case's own activities held by someone who lost his duty
    Activity = env["mail.activity"].sudo()
    domain = [("res_model", "=", cases._name), ("res_id", "in", changed.ids)]
    if "erm_milestone_id" in Activity._fields:
        domain.append(("erm_milestone_id", "=", False))
        # caremanagement reminders follow the employee's manager, not the duties (the
        # alert job reassigns them)
        domain.append(("erm_alert_kind", "!=", "care_rhythm"))
    acts_by_user = defaultdict(lambda: Activity.browse())
    for activity in Activity.search(domain):
        case = changed.browse(activity.res_id)
        old_regie, old_proces = snapshot[case.id]
        if activity.user_id in (case.regievoerder_user_id | case.procesbewaker_user_id):
            continue
        if activity.user_id == old_proces and case.procesbewaker_user_id:
            acts_by_user[case.procesbewaker_user_id.id] |= activity
        elif activity.user_id == old_regie and case.regievoerder_user_id:
            acts_by_user[case.regievoerder_user_id.id] |= activity
    for user_id, group in acts_by_user.items():
        group.write({"user_id": user_id})
    # 3. followers: the new holders follow, who lost every duty no longer does
    moves = defaultdict(lambda: cases.browse())
    for case in changed:
        old = snapshot[case.id][0] | snapshot[case.id][1]
        new = case.regievoerder_user_id | case.procesbewaker_user_id
        key = (tuple(sorted((old - new).partner_id.ids)),
               tuple(sorted((new - old).partner_id.ids)))
        moves[key] |= case
    for (lost, gained), group in moves.items():
        if lost:
            group.sudo().message_unsubscribe(partner_ids=list(lost))
        if gained:
            group.sudo().message_subscribe(partner_ids=list(gained))
