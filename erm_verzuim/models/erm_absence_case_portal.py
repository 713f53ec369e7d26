# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the employee's own case page in the portal (/my/verzuim) needs from the case."""

from odoo import models

DUTY_FIELDS = ("regievoerder_user_id", "procesbewaker_user_id")


class ErmAbsenceCase(models.Model):
    _inherit = "erm.absence.case"

    def _erm_portal_contacts(self):
        """Who directs and who guards the case, and how to reach them at work:
        [{"roles": [label], "name", "phone", "email"}], one entry per person.

        A portal user may not read hr.employee, where the work phone and e-mail live; the
        employee may read the case (checked first), so he may learn how to reach its duty
        holders. Only their names and work contact details leave this method."""
        self.ensure_one()
        self.check_access("read")
        case = self.sudo()
        users = case.regievoerder_user_id | case.procesbewaker_user_id
        employees = self.env["hr.employee"].sudo().search(
            [("user_id", "in", users.ids)], order="id"
        )
        by_user = {}
        for employee in employees:
            # a user with employees in several companies: the case's company first
            if employee.user_id.id not in by_user or employee.company_id == case.company_id:
                by_user[employee.user_id.id] = employee
        contacts = {}
        for fname in DUTY_FIELDS:
            user = case[fname]
            if not user:
                continue
            label = self._fields[fname]._description_string(self.env)
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
