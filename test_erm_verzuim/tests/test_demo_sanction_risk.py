# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wage-sanction risk in the demo (data/demo_sanction_risk.py), made by generate_demo:
a file per level, HR sees them all and the coach the cases she guards, the manager of Zorg
(who directs but does not guard) none."""

from datetime import date

from data.demo_sanction_risk import generate_sanction_risk

TODAY = date(2026, 11, 22)


class DemoSanctionRiskChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    def risk(self, case_name):
        return self.env["erm.sanction.risk"].search(
            [("case_id", "=", self.ref(case_name).id)])

    def test_sanction_risk_per_level(self):
        counts = self.demo["sanction_risk"]
        self.assertTrue(all(counts[level] for level in ("groen", "oranje", "rood")), counts)
        self.assertEqual(self.risk("case_overdue").level, "rood")
        self.assertEqual(self.risk("case_partial").level, "oranje")
        self.assertEqual(self.risk("case_team").level, "groen")
        Risk = self.env["erm.sanction.risk"]
        hr_levels = set(Risk.with_user(self.ref("user_hr")).search([]).mapped("level"))
        self.assertEqual(hr_levels, {"groen", "oranje", "rood"})
        coach = self.ref("user_coach")
        self.assertTrue(Risk.with_user(coach).search([]))
        self.assertEqual(Risk.with_user(coach).search([]).procesbewaker_user_id, coach)
        self.assertFalse(Risk.with_user(self.ref("user_leidinggevende")).search(
            [("case_id", "=", self.ref("case_overdue").id)]))
        # idempotent: checking again changes no count
        self.assertEqual(generate_sanction_risk(self.env, today=TODAY), counts)
