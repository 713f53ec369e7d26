# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The preconditions checklist of the demo organisation (data/demo_preconditions.py), made by
generate_demo: a mix of states per company and one passed review date with its activity."""

from datetime import date

from data.demo_preconditions import generate_preconditions

TODAY = date(2026, 11, 22)


class DemoPreconditionsChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.preconditions_result = cls.demo["preconditions"]
        cls.company = cls.env.ref("erm_demo.company_1")

    def test_checklists(self):
        Precondition = self.env["erm.precondition"]
        lines = Precondition.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(lines), 19)
        self.assertEqual(
            set(lines.mapped("state")),
            {"not_started", "in_progress", "in_place", "not_applicable"},
        )
        self.assertTrue(all(lines.mapped("owner_id")))
        budget = lines.filtered(lambda line: line.code == "budget")
        self.assertTrue(budget.reason_not_applicable)
        score = Precondition._erm_readiness(self.company)[self.company.id]["score"]
        self.assertTrue(0 < score < 100)
        self.assertEqual(self.preconditions_result["lines"], 19 + 3)
        # the automatic evidence of the demo: its policy, its alerts, its consultation rooms
        evidence = Precondition._erm_auto_evidence(self.company)
        self.assertIn((self.company.id, "tbv"), evidence)
        self.assertIn((self.company.id, "procedures"), evidence)

    def test_review_activity(self):
        hr = self.env.ref("erm_demo.user_hr")
        activities = self.env["mail.activity"].search([("res_model", "=", "erm.precondition")])
        self.assertEqual(len(activities), 1)
        line = self.env["erm.precondition"].browse(activities.res_id)
        self.assertEqual((line.code, line.owner_id, activities.user_id),
                         ("work_agreements", hr, hr))
        self.assertLess(line.date_review, TODAY)
        # the line is hr's to work on
        self.assertIn(line, self.env["erm.precondition"].with_user(hr).search([]))

    def test_preconditions_idempotent(self):
        again = generate_preconditions(self.env, today=TODAY)
        self.assertEqual(again["created"], 0)
        self.assertEqual(again["lines"], self.preconditions_result["lines"])
        self.assertEqual(again["activities"], 1)
