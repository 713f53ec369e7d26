# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Manager competences (domain.md §2): the ERM factsheet's tasks and skills of a
manager who directs absence cases, as the hr_skills skill type ERM-competenties with the
levels basis / vaardig / expert, and the level each company requires per ERM model.

Plain functions over a batch (a few queries whatever the number of employees or cases),
used by hr.employee (coverage, the "Leidinggevenden met ontwikkelpunten" list, the
overview for the model-choice wizard) and by the case's competence warning. Everything is
read as superuser: the callers decide who gets to see the result (groups= on the fields,
the director and HR for the warning)."""

from collections import defaultdict

from odoo import fields

SKILL_TYPE = "erm_verzuim.hr_skill_type_erm"
COMPETENCE_LEVELS = [
    ("none", "No requirement"),
    ("basis", "Basic"),
    ("vaardig", "Skilled"),
    ("expert", "Expert"),
]
# The level records behind the keys (xml ids kept from the first version of the data).
LEVEL_XMLIDS = {
    "basis": "erm_verzuim.hr_skill_level_erm_training",
    "vaardig": "erm_verzuim.hr_skill_level_erm_mastered",
    "expert": "erm_verzuim.hr_skill_level_erm_expert",
}
# The company field holding the required level per ERM model.
MODEL_FIELDS = {
    "I": "erm_competence_level_i",
    "II": "erm_competence_level_ii",
    "III": "erm_competence_level_iii",
    "IV": "erm_competence_level_iv",
}
DIRECTING_MODELS = ("I", "II", "III")


def skill_type(env):
    return env.ref(SKILL_TYPE, raise_if_not_found=False)


def level_progress(env):
    """{level key: progress}; "none" requires nothing. A level the administrator removed
    falls back to its original progress."""
    defaults = {"basis": 33, "vaardig": 67, "expert": 100}
    result = {"none": 0}
    for key, xmlid in LEVEL_XMLIDS.items():
        level = env.ref(xmlid, raise_if_not_found=False)
        result[key] = level.sudo().level_progress if level else defaults[key]
    return result


def level_names(env):
    """{level key: name of the hr.skill.level}, for the texts."""
    labels = dict(COMPETENCE_LEVELS)
    result = {}
    for key, xmlid in LEVEL_XMLIDS.items():
        level = env.ref(xmlid, raise_if_not_found=False)
        result[key] = level.sudo().name if level else labels[key]
    return result


def required_level(company, model):
    """The level `company` requires of a case director under `model` ("none": nothing)."""
    return company[MODEL_FIELDS.get(model or "I", "erm_competence_level_i")] or "none"


def strictest(keys, progress):
    keys = [key for key in keys if key and key != "none"]
    return max(keys, key=lambda key: progress[key]) if keys else "none"


def employee_levels(env, employees):
    """{employee id: {skill id: progress}} of the ERM competences, one search."""
    stype = skill_type(env)
    result = defaultdict(dict)
    if not stype or not employees:
        return result
    lines = env["hr.employee.skill"].sudo().search([
        ("employee_id", "in", employees.ids), ("skill_type_id", "=", stype.id),
    ])
    for line in lines:
        result[line.employee_id.id][line.skill_id.id] = line.skill_level_id.level_progress
    return result


def gaps(skills, levels, needed):
    """The skills of `skills` below the progress `needed` in `levels` ({skill id:
    progress})."""
    return skills.filtered(lambda skill: levels.get(skill.id, 0) < needed)


def models_of(env, employees):
    """{employee id: set of ERM models} under which each employee acts as manager today:
    the models in force for the departments he manages and the models of the open cases he
    directs; without either, the model of his own department (or his company's default)."""
    employees = employees.sudo()
    today = fields.Date.context_today(env["hr.employee"])
    Policy = env["erm.model.policy"]
    by_scope = Policy._policies_by_scope(employees.company_id)
    departments = env["hr.department"].sudo().search([("manager_id", "in", employees.ids)])
    result = defaultdict(set)
    for department in departments:
        policy = Policy._policy_for(by_scope, department.company_id, department, today)
        result[department.manager_id.id].add(policy.erm_model or "I")
    users = employees.user_id
    if users:
        groups = env["erm.absence.case"].sudo()._read_group(
            [("regievoerder_user_id", "in", users.ids), ("date_recovered", "=", False)],
            ["regievoerder_user_id", "erm_model"], ["__count"],
        )
        by_user = defaultdict(set)
        for user, model, _count in groups:
            if model:
                by_user[user.id].add(model)
        for employee in employees:
            if employee.user_id:
                result[employee.id] |= by_user[employee.user_id.id]
    for employee in employees:
        if not result[employee.id]:
            policy = Policy._policy_for(
                by_scope, employee.company_id, employee.department_id, today,
            )
            result[employee.id].add(policy.erm_model or "I")
    return result


def competence_data(env, employees):
    """{employee id: {"required": level key, "coverage": 0..100, "gaps": hr.skill}} for
    `employees`, in a few queries: the strictest level required by the models he works
    under, and the share of the ERM competences he holds at or above it."""
    stype = skill_type(env)
    skills = stype.sudo().skill_ids if stype else env["hr.skill"]
    progress = level_progress(env)
    models = models_of(env, employees)
    levels = employee_levels(env, employees)
    result = {}
    for employee in employees.sudo():
        required = strictest(
            [required_level(employee.company_id, model) for model in models[employee.id]],
            progress,
        )
        missing = (gaps(skills, levels[employee.id], progress[required])
                   if required != "none" else skills.browse())
        coverage = 100.0 * (len(skills) - len(missing)) / len(skills) if skills else 100.0
        result[employee.id] = {"required": required, "coverage": coverage, "gaps": missing}
    return result
