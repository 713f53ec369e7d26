# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Caremanagement (domain.md §7), as plain functions the case, the contact log
and the alert job call: whatever the ERM model, the employee's own manager keeps in touch
with his absent employee (care and attention, not case direction) in a rhythm the company
sets (default every 7 days in weeks 1-6, then every 14 days)."""

from collections import defaultdict
from datetime import timedelta

from ..engine.milestones import _lt

ADMIN_GROUP = "erm_verzuim.group_erm_admin"
MANAGER_GROUP = "erm_verzuim.group_erm_manager"
CARE_KIND = "care_rhythm"
CARE_LOGGED_FEEDBACK = _lt("Contact logged on %(date)s.")
CARE_OBSOLETE_FEEDBACK = _lt("Lapsed: the case is closed.")


def rhythm(company):
    """(weeks with the short interval, short interval, later interval) in days."""
    return (
        company.erm_care_weeks_early if company.erm_care_weeks_early is not None else 6,
        company.erm_care_interval_early or 7,
        company.erm_care_interval_late or 14,
    )


def rhythm_start(date_start, date_reported):
    """The rhythm runs from the day the employer knew of the absence: the first sick day,
    or the report when it came later (nobody missed a contact before the report)."""
    return max(date_start, date_reported or date_start)


def missed_due_date(date_start, reference, today, weeks_early, early, late):
    """The last day a contact was due and did not happen, or None when the rhythm is kept.

    The rhythm runs from `reference` (the last contact, else rhythm_start): the next
    contact is due `early` days later while the absence is in its first `weeks_early`
    weeks, else `late` days later; a due day passes without a contact when it lies before
    `today`. Each due day that passed is one missed period (the alert job raises one
    activity for it)."""
    if not reference:
        return None
    switch = date_start + timedelta(days=7 * weeks_early) if date_start else reference
    missed = None
    due = reference
    while True:
        due = due + timedelta(days=early if due < switch else late)
        if due >= today:
            return missed
        missed = due


def compute_case_dates(cases):
    """The last and next agreed contact of `cases`, as the user may read the contacts, and
    whether the user may log one (the rules of erm.care.contact, in plain terms)."""
    env = cases.env
    user = env.user
    last = {}
    nxt = {}
    real = cases.filtered("id")
    if real:
        contacts = env["erm.care.contact"].search_fetch(
            [("case_id", "in", real.ids)], ["case_id", "date", "date_next"],
            order="date desc, id desc",
        )
        for contact in contacts:
            if contact.case_id.id not in last:
                last[contact.case_id.id] = contact.date
                nxt[contact.case_id.id] = contact.date_next
    admin = user.has_group(ADMIN_GROUP)
    manager = user.has_group(MANAGER_GROUP)
    for case, sudo_case in zip(cases, cases.sudo(), strict=True):
        case.erm_care_last_date = last.get(case.id, False)
        case.erm_care_next_date = nxt.get(case.id, False)
        holders = (sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
                   | sudo_case.erm_care_user_id | sudo_case.plan_ids.casemanager_id)
        case.erm_care_can_log = bool(case.id) and sudo_case.active and (
            admin or user in holders or (manager and user in sudo_case.manager_user_ids)
        )


def log_contact_action(case):
    return {
        "type": "ir.actions.act_window",
        "name": case.env._("Log a contact"),
        "res_model": "erm.care.contact",
        "view_mode": "form",
        "views": [(False, "form")],
        "target": "new",
        "context": {"default_case_id": case.id, "default_user_id": case.env.uid},
    }


def close_care_activities(env, case_ids, contact_dates=None):
    """Complete the open caremanagement activities of `case_ids`: a logged contact (its
    date in `contact_dates`, {case id: date}) or a closed case. Feedback in the assignee's
    language; one action_feedback per language and text."""
    if not case_ids:
        return
    Activity = env["mail.activity"].sudo()
    activities = Activity.search([
        ("res_model", "=", "erm.absence.case"), ("res_id", "in", list(case_ids)),
        ("erm_alert_kind", "=", CARE_KIND), ("active", "=", True),
    ])
    if not activities:
        return
    manager = env["erm.alert.manager"].sudo()
    langs = manager._user_langs(activities.user_id.ids)
    texts = {}
    by_feedback = defaultdict(lambda: Activity.browse())
    for activity in activities:
        text = manager._texts(langs.get(activity.user_id.id), texts)
        day = (contact_dates or {}).get(activity.res_id)
        feedback = (text.t(CARE_LOGGED_FEEDBACK, date=text.date(day)) if day
                    else text.t(CARE_OBSOLETE_FEEDBACK))
        by_feedback[text.lang, feedback] |= activity
    # Odoo's "done" message around the feedback in the same language
    for (lang, feedback), group in by_feedback.items():
        group.with_context(erm_alert_closing=True, lang=lang).action_feedback(
            feedback=feedback)
