# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Manager competences and caremanagement in the demo organisation, after the
absence history (data/demo_history.py):

* ERM competence levels for every department head: most at the required level (vaardig,
  some expert), the ``leidinggevende`` of Zorg below it in half of them, so that his open
  cases warn him and ``hr`` (not the process guardian), and he is listed under
  *Managers with development points*;
* care contacts on every open case, logged by the employee's own manager in the company's
  rhythm (also in the Facilitair model IV pilot, where the coach directs), with the next
  agreed contact;
* one case whose rhythm is not kept (``case_zorg_analysis``: the last contact lies three
  weeks back), so the alert job gives the ``leidinggevende`` a *Care contact* activity.

Idempotent: every contact has an xml id in ``erm_demo`` and is made only when missing; an
employee who already has ERM competences keeps them. Returns {"managers": n, "contacts": n,
"created": n}.

    from data.demo_care import generate_care
    generate_care(env); env.cr.commit()
"""

from datetime import date, timedelta

MODULE = "erm_demo"
CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
           "mail_create_nosubscribe": True}
NOT_KEPT = "case_zorg_analysis"
KINDS = ("phone", "visit", "phone", "video", "message")
NOTES = (
    "Gebeld: bijgepraat over het werk, wil graag op de hoogte blijven van het team.",
    "Langs geweest met een bos bloemen namens de afdeling.",
    "Kort belcontact, afgesproken volgende week weer te bellen.",
    "Videogesprek: gesproken over het rooster na terugkeer.",
    "Appje gestuurd; medewerker bedankt voor de aandacht van het team.",
)
LEVELS = {
    "none": "erm_verzuim.hr_skill_level_erm_none",
    "basis": "erm_verzuim.hr_skill_level_erm_training",
    "vaardig": "erm_verzuim.hr_skill_level_erm_mastered",
    "expert": "erm_verzuim.hr_skill_level_erm_expert",
}


def _competences(env, skill_type, heads, below):
    """Levels for the department heads without ERM competences yet; `below` is the one
    under the required level. Returns the number of heads given levels."""
    Skill = env["hr.employee.skill"]
    rated = set(Skill.search([("skill_type_id", "=", skill_type.id),
                              ("employee_id", "in", heads.ids)]).employee_id.ids)
    level = {key: env.ref(xmlid) for key, xmlid in LEVELS.items()}
    skills = skill_type.skill_ids.sorted("sequence")
    vals_list = []
    for index, head in enumerate(heads.sorted("id")):
        if head.id in rated:
            continue
        for position, skill in enumerate(skills):
            if head == below:
                key = "basis" if position % 2 else "vaardig"
                if position % 7 == 3:
                    key = "none"
            else:
                key = "expert" if (position + index) % 5 == 0 else "vaardig"
            vals_list.append({
                "employee_id": head.id, "skill_type_id": skill_type.id,
                "skill_id": skill.id, "skill_level_id": level[key].id,
            })
    if vals_list:
        Skill.create(vals_list)
    return len({vals["employee_id"] for vals in vals_list})


def _contact_days(case, today, company):
    """The days of the contacts in the company's rhythm, from the report to today (at most
    the last twelve): the last one keeps the rhythm."""
    weeks = company.erm_care_weeks_early
    early = company.erm_care_interval_early or 7
    late = company.erm_care_interval_late or 14
    switch = case.date_start + timedelta(days=7 * weeks)
    day = max(case.date_start, case.date_reported) + timedelta(days=1)
    days = []
    while day < today:
        days.append(day)
        day += timedelta(days=early if day < switch else late)
    return days[-12:]


def generate_care(env, today=None):
    env = env(su=True, context={**env.context, **CONTEXT})
    today = today or date.today()
    result = {"managers": 0, "contacts": 0, "created": 0}
    skill_type = env.ref("erm_verzuim.hr_skill_type_erm", raise_if_not_found=False)
    company = env.ref(f"{MODULE}.company_1", raise_if_not_found=False)
    if not skill_type or not company:
        return result
    heads = env["hr.department"].search([]).manager_id
    leidinggevende = env.ref(f"{MODULE}.user_leidinggevende", raise_if_not_found=False)
    below = heads.filtered(lambda e: leidinggevende and e.user_id == leidinggevende)[:1]
    result["managers"] = _competences(env, skill_type, heads, below)

    data = env["ir.model.data"]
    case_names = dict(data.search([
        ("module", "=", MODULE), ("model", "=", "erm.absence.case"),
    ]).mapped(lambda d: (d.res_id, d.name)))
    cases = env["erm.absence.case"].browse(list(case_names)).filtered(
        lambda c: c.active and not c.date_recovered and c.erm_care_user_id
    )
    existing = set(data.search([
        ("module", "=", MODULE), ("model", "=", "erm.care.contact"),
    ]).mapped("name"))
    Contact = env["erm.care.contact"]
    for case in cases.sorted("id"):
        name = case_names[case.id]
        days = _contact_days(case, today, case.company_id)
        if name == NOT_KEPT:
            days = [day for day in days if day <= today - timedelta(days=21)][-3:]
        for index, day in enumerate(days):
            xmlid = f"care_{name}_{index}"
            result["contacts"] += 1
            if xmlid in existing:
                continue
            following = days[index + 1] if index + 1 < len(days) else None
            contact = Contact.with_user(case.erm_care_user_id).sudo().create({
                "case_id": case.id, "date": day, "kind": KINDS[index % len(KINDS)],
                "user_id": case.erm_care_user_id.id, "note": NOTES[index % len(NOTES)],
                "date_next": following or day + timedelta(days=7),
            })
            data._update_xmlids([{
                "xml_id": f"{MODULE}.{xmlid}", "record": contact, "noupdate": True,
            }])
            result["created"] += 1
    env.flush_all()
    # the reminders of today, as the daily job would raise them (the contacts above have
    # completed those of the cases whose rhythm is kept)
    env["erm.alert.manager"]._run_deadline_alerts()
    return result
