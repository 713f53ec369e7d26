# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from data.demo_history import generate_history
from data.demo_org import generate_organisation


@tagged("post_install", "-at_install", "erm_demo")
@freeze_time("2026-11-22")
class TestDemoHistory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        generate_organisation(cls.env, employees=60, seed=42, companies=2)
        cls.result = generate_history(cls.env, today=date(2026, 11, 22), seed=42)

    def case(self, name):
        return self.env.ref(f"erm_demo.{name}")

    def test_every_view_has_something(self):
        self.assertGreaterEqual(self.result["cases"], 40)
        cases = self.env["erm.absence.case"].search([])
        self.assertGreater(min(cases.mapped("date_start")), date(2024, 11, 1))
        self.assertGreaterEqual(len(set(cases.mapped("state"))), 4)
        self.assertTrue(cases.filtered(lambda c: c.date_recovered))
        self.assertTrue(cases.filtered(lambda c: not c.date_recovered))

    def test_scenarios(self):
        self.assertEqual(self.case("case_chain_2").chain_root_id, self.case("case_chain_1"))
        partial = self.case("case_partial")
        self.assertFalse(partial.date_recovered)
        self.assertEqual(partial.incapacity_pct, 50.0)
        self.assertEqual(partial.state, "re_integratie")
        long_case = self.case("case_long")
        self.assertGreater(long_case.sick_day_number, 365)
        self.assertEqual(long_case.state, "tweede_spoor")
        vangnet = self.case("case_vangnet")
        self.assertIn("uwv_vangnet", vangnet.milestone_ids.mapped("code"))
        overdue = self.case("case_overdue")
        self.assertTrue(overdue.is_overdue)
        self.assertIn("overdue", overdue.milestone_ids.mapped("state"))
        self.assertTrue(self.case("case_frequent_3").frequent_absence)
        medewerker = self.env.ref("erm_demo.user_medewerker")
        self.assertEqual(self.case("case_medewerker_2").employee_id.user_id, medewerker)

    def test_idempotent(self):
        again = generate_history(self.env, today=date(2026, 11, 22), seed=42)
        self.assertEqual(again["created"], 0)
        self.assertEqual(again["cases"], self.result["cases"])

    def test_four_models_with_open_cases(self):
        open_cases = self.env["erm.absence.case"].search([("date_recovered", "=", False)])
        self.assertEqual(set(open_cases.mapped("erm_model")), {"I", "II", "III", "IV"})
        for model in ("I", "II", "III", "IV"):
            with self.subTest(model=model):
                states = set(open_cases.filtered(lambda c, m=model: c.erm_model == m)
                             .mapped("state"))
                self.assertGreaterEqual(len(states), 2 if model != "II" else 1, states)
        pilot = self.case("case_pilot_reintegration")
        coach = self.env.ref("erm_demo.user_coach")
        self.assertEqual((pilot.erm_model, pilot.regievoerder_user_id,
                          pilot.procesbewaker_user_id), ("IV", coach, coach))
        ict = self.case("case_ict_analysis")
        self.assertEqual(ict.procesbewaker_user_id, coach)
        self.assertEqual(ict.regievoerder_user_id,
                         self.env.ref("erm_demo.user_manager_department_1_ict"))
        zorg = self.case("case_zorg_plan")
        self.assertEqual((zorg.regievoerder_user_id, zorg.procesbewaker_user_id),
                         (self.env.ref("erm_demo.user_leidinggevende"),
                          self.env.ref("erm_demo.user_hr")))

    def test_director_runs_no_open_case(self):
        directie = self.env.ref("erm_demo.user_directie")
        self.assertFalse(self.env["erm.absence.case"].search_count([
            ("date_recovered", "=", False), "|", ("regievoerder_user_id", "=", directie.id),
            ("procesbewaker_user_id", "=", directie.id),
        ]))
        open_cases = self.env["erm.absence.case"].search([("date_recovered", "=", False)])
        self.assertFalse(open_cases.filtered(lambda c: not c.regievoerder_user_id))

    def test_every_role_sees_open_cases(self):
        """What each demo login finds on screen, through the ORM as that user."""
        for login in ("medewerker", "leidinggevende", "hr", "coach", "bedrijfsarts"):
            with self.subTest(login=login):
                user = self.env.ref(f"erm_demo.user_{login}")
                Case = self.env["erm.absence.case"].with_user(user)
                self.assertGreaterEqual(
                    Case.search_count([("date_recovered", "=", False)]), 1)

    def test_deadline_activities(self):
        Activity = self.env["mail.activity"]
        for login in ("leidinggevende", "hr", "coach"):
            with self.subTest(login=login):
                user = self.env.ref(f"erm_demo.user_{login}")
                activities = Activity.search([
                    ("user_id", "=", user.id), ("res_model", "=", "erm.absence.case"),
                ])
                self.assertTrue(activities)
                # and the user can open every case he has an activity for
                cases = self.env["erm.absence.case"].browse(activities.mapped("res_id"))
                self.assertEqual(cases.with_user(user)._filtered_access("read"), cases)

    def test_company_doctor_has_work(self):
        doctor = self.env.ref("erm_demo.user_bedrijfsarts")
        Advice = self.env["erm.ba.advice"]
        self.assertTrue(Advice.search([("state", "=", "issued")]))
        drafts = Advice.with_user(doctor).search([("state", "=", "draft")])
        self.assertTrue(drafts)
        self.assertEqual(drafts.doctor_user_id, doctor)
        # issued advice completed the problem analysis and set the course
        partial = self.case("case_partial")
        analysis = partial.milestone_ids.filtered(lambda m: m.code == "probleemanalyse")
        self.assertTrue(analysis.date_done)

    def test_plans_name_the_coach(self):
        coach = self.env.ref("erm_demo.user_coach")
        plans = self.env["erm.reintegration.plan"].search([("kind", "=", "plan_van_aanpak")])
        self.assertTrue(plans)
        self.assertEqual(plans.casemanager_id, coach)
