# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class ErmTestCommon(TransactionCase):
    """One company, a department with a manager, an employee, and one user per role of
    domain.md §1. Dates in tests are explicit; tests that depend on today freeze time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env["res.company"].create({"name": "Zorggroep Test B.V."})
        cls.company_2 = cls.env["res.company"].create({"name": "Thuiszorg Test B.V."})
        companies = cls.company | cls.company_2

        def user(login, groups, company=cls.company):
            return new_test_user(
                cls.env, login=login, groups=groups, company_id=company.id,
                company_ids=[(6, 0, companies.ids)], name=login.replace("_", " ").title(),
            )

        cls.user_employee = user("erm_employee", "erm_verzuim.group_erm_employee")
        cls.user_manager = user("erm_manager", "erm_verzuim.group_erm_manager")
        cls.user_hr = user("erm_hr", "erm_verzuim.group_erm_hr")
        cls.user_coach = user("erm_coach", "erm_verzuim.group_erm_coach")
        cls.user_doctor = user("erm_doctor", "erm_verzuim.group_erm_doctor")
        cls.user_board = user("erm_board", "erm_verzuim.group_erm_board")
        cls.user_admin = user("erm_admin", "erm_verzuim.group_erm_admin")

        Employee = cls.env["hr.employee"]
        cls.manager = Employee.create({
            "name": "Marieke de Vries", "company_id": cls.company.id,
            "user_id": cls.user_manager.id,
        })
        cls.department = cls.env["hr.department"].create({
            "name": "Zorg", "company_id": cls.company.id, "manager_id": cls.manager.id,
        })
        cls.manager.department_id = cls.department
        cls.employee = Employee.create({
            "name": "Jan Jansen", "company_id": cls.company.id,
            "department_id": cls.department.id, "parent_id": cls.manager.id,
            "user_id": cls.user_employee.id,
        })
        cls.colleague = Employee.create({
            "name": "Fatima El Amrani", "company_id": cls.company.id,
            "department_id": cls.department.id, "parent_id": cls.manager.id,
        })
        cls.other_employee = Employee.create({
            "name": "Kees Bakker", "company_id": cls.company_2.id,
        })
        cls.Case = cls.env["erm.absence.case"]

    @classmethod
    def make_case(cls, employee=None, start=date(2026, 3, 2), recovered=None, **vals):
        vals.update(employee_id=(employee or cls.employee).id, date_start=start)
        if recovered:
            vals["date_recovered"] = recovered
        return cls.Case.create(vals)

    @staticmethod
    def deadlines(case):
        """{(code, sequence): date_deadline} of the case's chain, cancelled ones left out."""
        return {(m.code, m.sequence): m.date_deadline for m in case.milestone_ids}
