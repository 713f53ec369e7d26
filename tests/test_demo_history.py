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
