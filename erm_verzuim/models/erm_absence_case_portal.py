# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the employee's own case page in the portal (/my/verzuim) needs from the case,
as a helper of erm.absence.case (the model stays one class in erm_absence_case.py)."""

DUTY_FIELDS = ("regievoerder_user_id", "procesbewaker_user_id")


def duty_contacts(case):
    """Who directs and who guides the process of `case`, and how to reach them at work:
    [{"roles": [label], "name", "phone", "email"}], one entry per person.

    A portal user may not read hr.employee, where the work phone and e-mail live; the
    user may read the case (checked first), so he may learn how to reach its duty
    holders. Only their names and work contact details leave this function."""
    case.ensure_one()
    case.check_access("read")
    env = case.env
    sudo_case = case.sudo()
    users = sudo_case.regievoerder_user_id | sudo_case.procesbewaker_user_id
    employees = env["hr.employee"].sudo().search([("user_id", "in", users.ids)], order="id")
    by_user = {}
    for employee in employees:
        # a user with employees in several companies: the case's company first
        if employee.user_id.id not in by_user or employee.company_id == sudo_case.company_id:
            by_user[employee.user_id.id] = employee
    contacts = {}
    for fname in DUTY_FIELDS:
        user = sudo_case[fname]
        if not user:
            continue
        label = case._fields[fname]._description_string(env)
        if user.id in contacts:
            contacts[user.id]["roles"].append(label)
            continue
        employee = by_user.get(user.id)
        contacts[user.id] = {
            "roles": [label],
            "name": user.name,
            "phone": (employee and (employee.work_phone or employee.mobile_phone))
            or user.partner_id.phone or "",
            "email": (employee and employee.work_email) or user.email or "",
        }
    return list(contacts.values())
