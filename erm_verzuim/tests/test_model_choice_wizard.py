# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The model-choice wizard "Welk model kiest u?": recommendation, the explicit
confirmation, and the policies it creates for the company or a department pilot."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import ErmTestCommon


@freeze_time("2026-06-01")
class TestModelChoiceWizard(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Wizard = cls.env["erm.model.choice.wizard"].with_company(cls.company)
        cls.Policy = cls.env["erm.model.policy"]

    def wizard(self, user=None, **vals):
        wizard = self.Wizard.with_user(user or self.user_admin)
        return wizard.create(dict({"company_id": self.company.id}, **vals))

    def test_defaults(self):
        wizard = self.wizard()
        self.assertEqual(wizard.employee_count, 3)
        self.assertEqual(wizard.spread, "single")
        self.assertEqual(wizard.coach, "none")
        self.assertEqual(wizard.readiness, 0.0)
        self.assertIn(wizard.manager_competence, ("low", "medium", "high"))
        self.assertIn("o_erm_model_comparison", wizard.comparison_html)
        self.assertEqual(wizard.comparison_html.count("<tr>"), 8)

    def test_recommendations(self):
        small = self.wizard(manager_competence="high", hr_capacity="limited", coach="none")
        self.assertEqual(small.recommended_model, "I")
        hr = self.wizard(manager_competence="medium", hr_capacity="strong", coach="none",
                         employee_count=300)
        self.assertEqual(hr.recommended_model, "III")
        self.assertIn("HR", hr.recommendation_html)
        weak = self.wizard(manager_competence="low", coach="internal")
        self.assertEqual(weak.recommended_model, "IV")
        self.assertIn("<li>", weak.recommendation_html)

    def test_apply_to_company_after_confirmation(self):
        wizard = self.wizard(
            manager_competence="medium", hr_capacity="strong", coach="none",
            employee_count=300, date_from=date(2026, 7, 1),
            hr_user_ids=[(6, 0, self.user_hr.ids)],
        )
        # nothing is applied before the confirmation step
        action = wizard.action_confirm()
        self.assertEqual(wizard.step, "confirm")
        self.assertEqual(action["res_model"], wizard._name)
        self.assertFalse(self.Policy.search([("company_id", "=", self.company.id)]))
        self.assertIn("III", wizard.summary)
        action = wizard.action_confirm()
        policy = self.Policy.browse(action["res_id"])
        self.assertEqual(
            (policy.erm_model, policy.department_id, policy.date_from, policy.date_to),
            ("III", self.env["hr.department"], date(2026, 7, 1), False),
        )
        self.assertEqual(policy.hr_user_ids, self.user_hr)

    def test_department_pilot(self):
        self.Policy.create({
            "company_id": self.company.id, "erm_model": "III", "date_from": date(2026, 1, 1),
            "hr_user_ids": [(6, 0, self.user_hr.ids)],
        })
        wizard = self.wizard(
            manager_competence="low", coach="internal", scope="department",
            department_id=self.department.id, date_from=date(2026, 7, 1),
            date_to=date(2026, 12, 31), coach_user_ids=[(6, 0, self.user_coach.ids)],
        )
        self.assertEqual(wizard.recommended_model, "IV")
        wizard.action_to_confirm()
        self.assertIn(self.department.name, wizard.summary)
        policy = self.Policy.browse(wizard.action_confirm()["res_id"])
        self.assertEqual(
            (policy.erm_model, policy.department_id, policy.date_from, policy.date_to),
            ("IV", self.department, date(2026, 7, 1), date(2026, 12, 31)),
        )
        self.assertEqual(policy.coach_user_ids, self.user_coach)
        # the company default stays in force
        default = self.Policy._company_default(self.company, date(2026, 8, 1))
        self.assertEqual((default.erm_model, default.date_to), ("III", False))

    def test_bad_pilot(self):
        wizard = self.wizard(
            coach="internal", scope="department", department_id=self.department.id,
            date_from=date(2026, 7, 1), coach_user_ids=[(6, 0, self.user_coach.ids)],
        )
        with self.assertRaises(ValidationError) as error:
            wizard.with_context(lang="nl_NL").action_to_confirm()
        if self.env["res.lang"]._lang_get("nl_NL").active:
            self.assertIn("einddatum", str(error.exception))
        wizard.date_to = date(2026, 6, 30)
        with self.assertRaises(ValidationError):
            wizard.action_to_confirm()
        self.assertEqual(wizard.step, "questions")
        self.assertFalse(self.Policy.search([("department_id", "=", self.department.id)]))

    def test_hr_applies_the_model(self):
        """HR sets the policy (domain.md §1): the wizard's apply buttons are his too, so the
        form never offers him an "Apply" part he cannot use."""
        wizard = self.wizard(user=self.user_hr, manager_competence="high", coach="none")
        self.assertEqual(wizard.recommended_model, "I")
        wizard.chosen_model = "II"
        wizard.coach_user_ids = self.user_coach
        wizard.action_to_confirm()
        policy = self.Policy.browse(wizard.action_confirm()["res_id"])
        self.assertEqual((policy.erm_model, policy.coach_user_ids), ("II", self.user_coach))
        arch = self.env["erm.model.choice.wizard"].with_user(self.user_hr).get_views(
            [(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_to_confirm"', arch)
        self.assertIn('name="action_confirm"', arch)
        for user in (self.user_manager, self.user_board):
            with self.assertRaises(AccessError):
                self.wizard(user=user)
