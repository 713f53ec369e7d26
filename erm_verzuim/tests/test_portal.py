# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employee's own absence pages (/my/verzuim), as a portal user and as an internal
employee: his cases and what hangs off them, never a colleague's, not even by id."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_date


@tagged("post_install", "-at_install")
class TestVerzuimPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True,
                                             no_reset_password=True))
        cls.company = env["res.company"].create({"name": "Portaalzorg B.V."})
        cls.today = fields.Date.context_today(env["res.users"])

        def internal(login, groups):
            return new_test_user(env, login=login, groups=groups, company_id=cls.company.id,
                                 company_ids=[Command.set(cls.company.ids)],
                                 name=login.replace("_", " ").title(), lang="en_US")

        cls.manager_user = internal("portal_manager", "erm_verzuim.group_erm_manager")
        cls.doctor_user = internal("portal_doctor", "erm_verzuim.group_erm_doctor")
        cls.company.erm_doctor_user_ids = [Command.link(cls.doctor_user.id)]
        cls.intern_user = internal("portal_intern", "erm_verzuim.group_erm_employee")
        cls.portal_user = env["res.users"].create({
            "name": "Pim Portaal", "login": "pim_portaal", "password": "pim_portaal-pw1",
            "email": "pim@example.com", "lang": "en_US", "tz": "Europe/Amsterdam",
            "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(env.ref("base.group_portal").ids)],
        })

        Employee = env["hr.employee"]
        cls.manager = Employee.create({
            "name": "Marieke Manager", "company_id": cls.company.id,
            "user_id": cls.manager_user.id, "work_phone": "+31 71 555 0101",
            "work_email": "marieke.manager@example.com",
        })
        cls.department = env["hr.department"].create({
            "name": "Zorg", "company_id": cls.company.id, "manager_id": cls.manager.id,
        })

        def employee(name, user=None):
            return Employee.create({
                "name": name, "company_id": cls.company.id, "department_id": cls.department.id,
                "parent_id": cls.manager.id, "user_id": user.id if user else False,
            })

        cls.employee = employee("Pim Portaal", cls.portal_user)
        cls.intern = employee("Ilse Intern", cls.intern_user)
        cls.colleague = employee("Anna Ander")

        Case = env["erm.absence.case"]

        def case(emp, days_ago, recovered_days_ago=None):
            vals = {"employee_id": emp.id,
                    "date_start": cls.today - timedelta(days=days_ago),
                    "date_reported": cls.today - timedelta(days=days_ago)}
            if recovered_days_ago is not None:
                vals["date_recovered"] = cls.today - timedelta(days=recovered_days_ago)
            return Case.create(vals)

        cls.open_case = case(cls.employee, 60)
        cls.past_case = case(cls.employee, 300, 280)
        cls.intern_case = case(cls.intern, 20)
        cls.colleague_case = case(cls.colleague, 30)

        cls.plan = env["erm.reintegration.plan"].create({
            "case_id": cls.open_case.id, "kind": "plan_van_aanpak",
            "view_employer": "Employer view of the plan",
        })
        Advice = env["erm.ba.advice"]
        cls.advice = Advice.create({
            "case_id": cls.open_case.id, "doctor_user_id": cls.doctor_user.id,
            "advice_type": "update", "possibilities": "Light office work, four hours a day",
        })
        cls.advice.action_issue()
        cls.draft_advice = Advice.create({
            "case_id": cls.open_case.id, "doctor_user_id": cls.doctor_user.id,
            "advice_type": "update", "possibilities": "Draft text not yet issued",
        })
        Advice.create({
            "case_id": cls.colleague_case.id, "doctor_user_id": cls.doctor_user.id,
            "advice_type": "update", "possibilities": "Colleague advice text",
        }).action_issue()
        provider = env["erm.provider"].create({
            "name": "Vitaal Werk", "kind": "other", "company_id": cls.company.id,
        })
        Service = env["erm.provider.service"]
        cls.service = Service.create({
            "provider_id": provider.id, "name": "Workplace coaching", "phase": "absence",
        })
        cls.prevention = Service.create({
            "provider_id": provider.id, "name": "Vitality check", "phase": "prevention",
        })
        Intervention = env["erm.intervention"]
        Intervention.create({"case_id": cls.open_case.id, "service_id": cls.service.id})
        Intervention.create({"case_id": cls.colleague_case.id, "service_id": cls.service.id})
        # the manager opened the case; a colleague's case was read too
        env["erm.access.log"].create([
            {"user_id": cls.manager_user.id, "res_model": "erm.absence.case",
             "res_id": case.id, "case_id": case.id, "kind": "read"}
            for case in (cls.open_case, cls.colleague_case)
        ])

    def login(self, user):
        self.authenticate(user.login, "pim_portaal-pw1" if user == self.portal_user
                          else user.login + "x" * (8 - len(user.login)))

    def get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def assert_no_colleague(self, text):
        for secret in ("Anna Ander", "Colleague advice text", self.colleague_case.name):
            self.assertNotIn(secret, text)

    # ----------------------------------------------------------------- portal user
    def test_home_entry_and_counter(self):
        self.login(self.portal_user)
        self.assertIn('href="/my/verzuim"', self.get("/my/home"))
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["verzuim_count"]})
        self.assertEqual(counters["verzuim_count"], 1)
        # a portal user who is no employee (a customer) gets no entry and no page
        self.env["res.users"].create({
            "name": "Klant", "login": "klant_portaal", "password": "klant_portaal-pw1",
            "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
        })
        self.authenticate("klant_portaal", "klant_portaal-pw1")
        self.assertNotIn('href="/my/verzuim"', self.get("/my/home"))
        self.get("/my/verzuim", 404)
        self.get(f"/my/verzuim/case/{self.open_case.id}", 404)

    def test_overview_lists_own_cases(self):
        self.login(self.portal_user)
        page = self.get("/my/verzuim")
        for case in (self.open_case, self.past_case):
            self.assertIn(f'data-case-id="{case.id}"', page)
        self.assertNotIn(f'data-case-id="{self.intern_case.id}"', page)
        self.assertIn('href="/my/verzuim/prevention"', page)
        self.assert_no_colleague(page)

    def test_case_page(self):
        self.login(self.portal_user)
        page = self.get(f"/my/verzuim/case/{self.open_case.id}")
        self.assertIn(self.open_case.name, page)
        # my plan, linked to the page where I write my view
        self.assertIn(f'href="/my/verzuim/plan/{self.plan.id}"', page)
        # the issued advice, not the draft
        self.assertIn("Light office work, four hours a day", page)
        self.assertNotIn("Draft text not yet issued", page)
        self.assertIn("Workplace coaching", page)
        # who guides me and how to reach him
        director = self.open_case.regievoerder_user_id
        self.assertTrue(director)
        self.assertIn(director.name, page)
        if director == self.manager_user:
            self.assertIn("+31 71 555 0101", page)
            self.assertIn("marieke.manager@example.com", page)
        # the next steps with their dates
        next_open = self.open_case.milestone_ids.filtered(
            lambda m: not m.date_done and m.state != "cancelled")[:1]
        self.assertTrue(next_open)
        self.assertIn(f'data-milestone-id="{next_open.id}"', page)
        self.assertIn(f'href="/my/verzuim/case/{self.open_case.id}/log"', page)
        self.assert_no_colleague(page)
        # a past case opens too
        self.get(f"/my/verzuim/case/{self.past_case.id}")

    def test_advice_shows_its_own_date(self):
        """The advice is dated by its advice date, not by the day it was issued."""
        day = self.today - timedelta(days=12)
        advice = self.env["erm.ba.advice"].create({
            "case_id": self.open_case.id, "doctor_user_id": self.doctor_user.id,
            "advice_type": "update", "possibilities": "Advice of twelve days ago",
            "date_advice": day,
        })
        advice.action_issue()
        self.assertEqual(advice.date_issued, self.today)
        self.login(self.portal_user)
        page = self.get(f"/my/verzuim/case/{self.open_case.id}")
        card = page.split("Advice of twelve days ago")[0].rsplit("o_erm_portal_advice", 1)[1]
        self.assertIn(format_date(self.env, day, lang_code="en_US"), card)
        self.assertNotIn(format_date(self.env, self.today, lang_code="en_US"), card)

    def test_log_page(self):
        self.login(self.portal_user)
        page = self.get(f"/my/verzuim/case/{self.open_case.id}/log")
        self.assertIn("o_erm_portal_log_line", page)
        self.assertIn(self.manager_user.name, page)
        page = self.get(f"/my/verzuim/case/{self.past_case.id}/log")
        self.assertIn("o_erm_portal_log_none", page)

    def test_colleague_case_refused(self):
        self.login(self.portal_user)
        for case in (self.colleague_case, self.intern_case):
            self.get(f"/my/verzuim/case/{case.id}", 404)
            self.get(f"/my/verzuim/case/{case.id}/log", 404)
        self.get("/my/verzuim/case/999999999", 404)
        # nor through the ORM as the portal user
        env = self.env(user=self.portal_user)
        self.assertEqual(env["erm.absence.case"].search([]),
                         self.open_case | self.past_case)
        self.assertEqual(env["erm.ba.advice"].search([]), self.advice)
        self.assertEqual(env["erm.access.log"].search([]).case_id, self.open_case)
        self.assertEqual(env["erm.intervention"].search([]).case_id, self.open_case)

    def test_prevention_page(self):
        self.login(self.portal_user)
        page = self.get("/my/verzuim/prevention")
        self.assertIn("Vitality check", page)
        self.assertNotIn("Workplace coaching", page)

    # ----------------------------------------------------------------- internal users
    def test_internal_employee(self):
        self.login(self.intern_user)
        self.assertIn('href="/my/verzuim"', self.get("/my/home"))
        page = self.get("/my/verzuim")
        self.assertIn(f'data-case-id="{self.intern_case.id}"', page)
        self.assertNotIn(f'data-case-id="{self.open_case.id}"', page)
        self.assert_no_colleague(page)
        page = self.get(f"/my/verzuim/case/{self.intern_case.id}")
        self.assertIn(self.intern_case.name, page)
        self.get(f"/my/verzuim/case/{self.intern_case.id}/log")
        for case in (self.open_case, self.colleague_case):
            self.get(f"/my/verzuim/case/{case.id}", 404)
            self.get(f"/my/verzuim/case/{case.id}/log", 404)
        self.assertIn("Vitality check", self.get("/my/verzuim/prevention"))

    def test_manager_sees_only_his_own_here(self):
        """The manager reads his team's cases in the backend; his own page holds only his."""
        self.assertIn(self.colleague_case,
                      self.env["erm.absence.case"].with_user(self.manager_user).search([]))
        self.login(self.manager_user)
        page = self.get("/my/verzuim")
        self.assertIn("o_erm_portal_no_open", page)
        for case in (self.open_case, self.colleague_case):
            self.assertNotIn(f'data-case-id="{case.id}"', page)
            self.get(f"/my/verzuim/case/{case.id}", 404)
        self.assert_no_colleague(page)

    # ----------------------------------------------------------------- the access log
    def test_portal_reads_are_logged_and_printable(self):
        """The case page logs the case, its plans and the doctor's advice it shows, through
        the portal; the employee sees the channel and prints his overview as himself."""
        self.login(self.portal_user)
        self.get(f"/my/verzuim/case/{self.open_case.id}")
        Log = self.env["erm.access.log"]
        self.env.invalidate_all()
        own = Log.search([("user_id", "=", self.portal_user.id)])
        self.assertEqual(set(own.mapped("channel")), {"portal"})
        self.assertEqual({(log.res_model, log.res_id) for log in own}, {
            ("erm.absence.case", self.open_case.id),
            ("erm.reintegration.plan", self.plan.id),
            ("erm.ba.advice", self.advice.id),
        })
        page = self.get(f"/my/verzuim/case/{self.open_case.id}/log")
        # the channel of each line (English or Dutch, as the website speaks)
        self.assertRegex(page, r'o_erm_portal_log_channel"><span>(Portal|Portaal)</span>')
        self.assertIn(f"/my/verzuim/case/{self.open_case.id}/log/print", page)
        printed = self.get(f"/my/verzuim/case/{self.open_case.id}/log/print")
        self.assertIn(self.open_case.name, printed)
        self.assertIn(self.manager_user.name, printed)
        self.assertNotIn(self.colleague_case.name, printed)
        self.env.invalidate_all()
        log = Log.search([("user_id", "=", self.portal_user.id), ("channel", "=", "pdf")])
        self.assertEqual((log.case_id, log.kind), (self.open_case, "print"))
        # a colleague's overview is not found
        self.get(f"/my/verzuim/case/{self.colleague_case.id}/log/print", 404)
