# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo organisation generator (data/demo_org.py) keeps its promises."""

import logging
import time
from datetime import date

from odoo.exceptions import AccessDenied
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from data.demo_org import (
    MODULE,
    REFERENCE_DATE,
    ROLES,
    configure_demo,
    generate_organisation,
    plan_organisation,
)

_logger = logging.getLogger(__name__)

ERM_CATEGORY = "erm_verzuim.module_category_verzuim"


class DemoCase(TransactionCase):
    def demo_records(self, model):
        """The records of ``model`` that carry an erm_demo xml id."""
        data = self.env["ir.model.data"].search([("module", "=", MODULE), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def demo(self, name):
        return self.env.ref(f"{MODULE}.{name}")


@tagged("post_install", "-at_install", "erm_demo")
class TestDemoOrganisation(DemoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.result = generate_organisation(cls.env, employees=60, seed=42, companies=2)
        cls.plan = plan_organisation(employees=60, seed=42, companies=2)
        cls.companies = cls.env["res.company"].browse(
            cls.env.ref(f"{MODULE}.{c.key}").id for c in cls.plan.companies
        )

    def test_counts(self):
        expected = {"companies": 2, "departments": 12, "employees": 60, "contracts": 60,
                    "users": 7, "calendars": 6}
        self.assertEqual({k: self.result[k] for k in expected}, expected)
        self.assertEqual(self.result["logins"], [login for login, _group in ROLES])
        self.assertEqual(len(self.demo_records("hr.employee")), 60)
        self.assertEqual(len(self.demo_records("hr.department")), 12)
        self.assertEqual(len(self.demo_records("res.users")), 7)

    def test_one_running_contract_per_employee(self):
        employees = self.demo_records("hr.employee")
        contracts = self.demo_records("hr.contract")
        self.assertEqual(len(contracts), 60)
        self.assertEqual(contracts.employee_id, employees)
        for employee in employees:
            with self.subTest(employee=employee.name):
                contract = employee.contract_ids
                self.assertEqual(len(contract), 1)
                self.assertEqual(employee.contract_id, contract)
                self.assertEqual(contract.state, "open")
                self.assertFalse(employee.contract_warning)
                self.assertTrue(2500 <= contract.wage <= 6500, contract.wage)
                self.assertGreaterEqual(
                    (contract.date_start - employee.birthday).days, 18 * 365)
                self.assertLess(contract.date_start, REFERENCE_DATE)
                self.assertEqual(employee.first_contract_date, contract.date_start)
                self.assertEqual(contract.resource_calendar_id, employee.resource_calendar_id)
                self.assertIn(contract.resource_calendar_id.name,
                              ("Voltijd 36 uur", "Deeltijd 32 uur", "Deeltijd 24 uur"))
        # start dates spread over many years
        self.assertGreater(len({c.date_start.year for c in contracts}), 10)

    def test_departments_have_managers(self):
        departments = self.demo_records("hr.department")
        for department in departments:
            with self.subTest(department=department.complete_name):
                manager = department.manager_id
                self.assertTrue(manager)
                self.assertEqual(manager.department_id, department)
                # a manager reports to the manager of the parent department, never to himself
                self.assertEqual(manager.parent_id, department.parent_id.manager_id)
        staff = self.demo_records("hr.employee") - departments.manager_id
        for employee in staff:
            self.assertEqual(employee.parent_id, employee.department_id.manager_id)
        names = set(departments.mapped("name"))
        self.assertTrue({"Directie", "Zorg", "Facilitair", "Financiën", "ICT", "HR"} <= names)
        for company in self.companies:
            tree = departments.filtered(lambda d, c=company: d.company_id == c)
            self.assertEqual(len(tree.filtered(lambda d: not d.parent_id)), 1)

    def test_role_users(self):
        erm_groups = self.env["res.groups"].search(
            [("category_id", "=", self.env.ref(ERM_CATEGORY).id)]
        )
        lang = "nl_NL" if self.env["res.lang"]._lang_get("nl_NL") else "en_US"
        for login, group_xmlid in ROLES:
            with self.subTest(login=login):
                user = self.demo(f"user_{login}")
                group = self.env.ref(group_xmlid)
                self.assertEqual(user.login, login)
                # exactly the promised role: its group and what that group implies
                self.assertEqual(user.groups_id & erm_groups,
                                 (group | group.trans_implied_ids) & erm_groups)
                self.assertIn(self.env.ref("base.group_user"), user.groups_id)
                self.assertNotIn(self.env.ref("base.group_system"), user.groups_id)
                self.assertEqual(user.tz, "Europe/Amsterdam")
                self.assertEqual(user.lang, lang)
                self.assertEqual(user.company_id, self.companies[0])
                self.assertLessEqual(self.companies, user.company_ids)
                # password = login
                self.env["res.users"].with_user(user)._check_credentials(
                    {"type": "password", "login": login, "password": login},
                    {"interactive": False},
                )
                with self.assertRaises(AccessDenied):
                    self.env["res.users"].with_user(user)._check_credentials(
                        {"type": "password", "login": login, "password": login + "x"},
                        {"interactive": False},
                    )

    def test_role_employees(self):
        def employee_of(login):
            return self.env["hr.employee"].search([("user_id", "=", self.demo(f"user_{login}").id)])

        zorg = self.demo("department_1_zorg")
        medewerker, leidinggevende = employee_of("medewerker"), employee_of("leidinggevende")
        self.assertEqual(len(medewerker), 1)
        self.assertEqual(medewerker.department_id, zorg)
        self.assertNotEqual(medewerker, zorg.manager_id)
        self.assertEqual(leidinggevende, zorg.manager_id)
        self.assertEqual(medewerker.parent_id, leidinggevende)
        self.assertEqual(employee_of("directie"), self.demo("department_1_directie").manager_id)
        self.assertEqual(employee_of("hr").department_id, self.demo("department_1_hr"))
        self.assertEqual(employee_of("coach").job_title, "Verzuimcoach")
        self.assertEqual(len(employee_of("beheerder")), 1)
        # the bedrijfsarts works for an external arbodienst: a user without an employee
        self.assertFalse(employee_of("bedrijfsarts"))
        for login in ("medewerker", "leidinggevende", "hr", "coach", "directie", "beheerder"):
            employee, user = employee_of(login), self.demo(f"user_{login}")
            self.assertEqual(employee.company_id, self.companies[0])
            self.assertEqual(employee.work_contact_id, user.partner_id)
            self.assertEqual(employee.name, user.name)
            self.assertEqual(employee.work_email, user.email)

    def test_companies_are_respected(self):
        main_company = self.env.ref("base.main_company")
        self.assertNotIn(main_company, self.companies)
        self.assertEqual(self.companies[0].name, "Zorggroep Rijnland B.V.")
        for company in self.companies:
            self.assertEqual(company.country_id, self.env.ref("base.nl"))
            self.assertEqual(company.currency_id, self.env.ref("base.EUR"))
            self.assertEqual(company.resource_calendar_id.name, "Voltijd 36 uur")
        for employee in self.demo_records("hr.employee"):
            with self.subTest(employee=employee.name):
                company = employee.company_id
                self.assertIn(company, self.companies)
                self.assertEqual(employee.department_id.company_id, company)
                self.assertEqual(employee.contract_id.company_id, company)
                self.assertEqual(employee.resource_calendar_id.company_id, company)
                if employee.parent_id:
                    self.assertEqual(employee.parent_id.company_id, company)
        # both companies are staffed, the demo company most
        counts = [self.env["hr.employee"].search_count([("company_id", "=", c.id)])
                  for c in self.companies]
        self.assertEqual(counts, [40, 20])

    def test_calendars(self):
        for company in self.companies:
            calendars = self.demo_records("resource.calendar").filtered(
                lambda c, company=company: c.company_id == company
            )
            hours = {c.name: sum(a.hour_to - a.hour_from for a in c.attendance_ids)
                     for c in calendars}
            self.assertEqual({k: round(v, 2) for k, v in hours.items()},
                             {"Voltijd 36 uur": 36, "Deeltijd 32 uur": 32, "Deeltijd 24 uur": 24})
            self.assertEqual(set(calendars.mapped("full_time_required_hours")), {36})

    def test_dutch_people(self):
        employees = self.demo_records("hr.employee")
        self.assertTrue(any(" van " in n or " de " in n for n in employees.mapped("name")))
        self.assertTrue(set(employees.mapped("gender")) >= {"female", "male"})
        self.assertEqual(len(set(employees.mapped("work_email"))), 60)
        for employee in employees:
            self.assertTrue(employee.birthday)
            self.assertRegex(employee.work_email, r"^[a-z0-9.]+@[a-z-]+\.nl$")

    def test_deterministic(self):
        # the plan is a pure function of its arguments
        self.assertEqual(plan_organisation(employees=60, seed=42, companies=2), self.plan)
        other = plan_organisation(employees=60, seed=43, companies=2)
        self.assertNotEqual([e.name for e in other.employees],
                            [e.name for e in self.plan.employees])
        # and the database holds exactly the plan
        for spec in self.plan.employees:
            employee = self.demo(spec.key)
            self.assertEqual(
                (employee.name, employee.department_id, employee.contract_id.wage),
                (spec.name, self.demo(spec.department), spec.wage),
            )

    def test_idempotent(self):
        employees_before = self.env["hr.employee"].search_count([])
        xmlids_before = self.env["ir.model.data"].search_count([("module", "=", MODULE)])
        again = generate_organisation(self.env, employees=60, seed=42, companies=2)
        self.assertEqual(again["created"], {})
        for key in ("companies", "departments", "employees", "contracts", "users", "logins"):
            self.assertEqual(again[key], self.result[key])
        self.assertEqual(self.env["hr.employee"].search_count([]), employees_before)
        self.assertEqual(
            self.env["ir.model.data"].search_count([("module", "=", MODULE)]), xmlids_before
        )
        self.assertEqual(self.env["res.users"].search_count(
            [("login", "in", self.result["logins"])]), 7)

    def test_users_added_later_are_linked(self):
        """A run without users, then one with users, links the role users to the employees."""
        medewerker = self.demo("user_medewerker")
        employee = self.env["hr.employee"].search([("user_id", "=", medewerker.id)])
        self.assertEqual(len(employee), 1)
        employee.user_id = False
        medewerker.unlink()
        again = generate_organisation(self.env, employees=60, seed=42, companies=2)
        self.assertEqual(again["created"], {"res.users": 1})
        self.assertEqual(employee.user_id, self.demo("user_medewerker"))


@tagged("post_install", "-at_install", "erm_demo")
class TestDemoErmSetup(DemoCase):
    """configure_demo: the company doctor, the department heads' logins and the four ERM
    models, so that every role has work in the demo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        generate_organisation(cls.env, employees=60, seed=42, companies=2)
        cls.today = date(2026, 11, 22)
        cls.result = configure_demo(cls.env, today=cls.today)

    def test_company_doctor_configured(self):
        doctor = self.demo("user_bedrijfsarts")
        self.assertEqual(self.result["doctor"], doctor)
        for key in ("company_1", "company_2"):
            self.assertIn(doctor, self.demo(key).erm_doctor_user_ids)
        # the administrator opens the demo company, where the cases are
        self.assertEqual(self.env.ref("base.user_admin").company_id, self.demo("company_1"))

    def test_four_models(self):
        Policy = self.env["erm.model.policy"]
        company = self.demo("company_1")
        default = Policy._company_default(company, self.today)
        self.assertEqual(default, self.demo("policy_1_default"))
        self.assertEqual((default.erm_model, default.hr_user_ids),
                         ("III", self.demo("user_hr")))
        ict = self.demo("policy_1_ict")
        self.assertEqual((ict.erm_model, ict.department_id, ict.coach_user_ids),
                         ("II", self.demo("department_1_ict"), self.demo("user_coach")))
        pilot = self.demo("policy_1_facilitair_pilot")
        self.assertEqual((pilot.erm_model, pilot.department_id, pilot.coach_user_ids),
                         ("IV", self.demo("department_1_facilitair"), self.demo("user_coach")))
        # a dated pilot: started in the past, ends in the future, and says why
        self.assertLess(pilot.date_from, self.today)
        self.assertGreater(pilot.date_to, self.today)
        self.assertIn("casemanager", pilot.note)
        # the second company has no policy: model I
        self.assertFalse(Policy.search([("company_id", "=", self.demo("company_2").id)]))
        self.assertEqual(self.result["policies"], 3)

    def test_department_heads_have_logins(self):
        """Every department head runs his own team's cases; none falls to the director."""
        departments = self.demo_records("hr.department")
        for department in departments:
            with self.subTest(department=department.complete_name):
                self.assertTrue(department.manager_id.user_id)
        for user in self.demo_records("res.users").filtered(
                lambda u: u.login.startswith("leidinggevende.")):
            self.assertTrue(user.has_group("erm_verzuim.group_erm_manager"))
        facilitair = self.demo("user_manager_department_1_facilitair")
        self.assertEqual(facilitair.login, "leidinggevende.facilitair")
        self.env["res.users"].with_user(facilitair)._check_credentials(
            {"type": "password", "login": facilitair.login, "password": facilitair.login},
            {"interactive": False},
        )

    def test_idempotent(self):
        users, policies = (self.env["res.users"].search_count([]),
                           self.env["erm.model.policy"].search_count([]))
        again = configure_demo(self.env, today=self.today)
        self.assertEqual(again["policies"], 3)
        self.assertEqual(self.env["res.users"].search_count([]), users)
        self.assertEqual(self.env["erm.model.policy"].search_count([]), policies)


@tagged("post_install", "-at_install", "erm_demo")
class TestDemoOrganisationScale(DemoCase):
    def test_2000_employees(self):
        started = time.perf_counter()
        result = generate_organisation(
            self.env, employees=2000, seed=1, companies=3, with_users=False
        )
        elapsed = time.perf_counter() - started
        _logger.info(f"demo organisation, 2000 employees: {elapsed:.1f} s")
        self.assertEqual(
            {k: result[k] for k in ("companies", "employees", "contracts", "users")},
            {"companies": 3, "employees": 2000, "contracts": 2000, "users": 0},
        )
        employees = self.demo_records("hr.employee")
        self.assertEqual(len(employees), 2000)
        self.assertEqual(len(employees.contract_id.filtered(lambda c: c.state == "open")), 2000)
        departments = self.demo_records("hr.department")
        # the big company is split in teams, each with its own manager
        self.assertEqual(len(departments), result["departments"])
        self.assertGreater(len(departments), 3 * 6)
        self.assertFalse(departments.filtered(lambda d: not d.manager_id))
        self.assertFalse(employees.filtered(lambda e: e.parent_id == e))
        self.assertLess(elapsed, 120)
