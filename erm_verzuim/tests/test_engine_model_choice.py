# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The model-choice recommendation (engine/model_choice.py), without the ORM."""

from odoo.addons.erm_verzuim.engine.model_choice import (
    Answers,
    competence_level,
    recommend,
)

from .engine_case import EngineCase, parametrize


class TestModelChoice(EngineCase):
    def test_small_competent_no_coach_is_model_i(self):
        advice = recommend(Answers(
            manager_competence="high", hr_capacity="limited", coach="none", employees=30,
            spread="single", keep_manager=True, readiness=80.0,
        ))
        self.assertEqual(advice.model, "I")
        self.assertEqual(advice.reasons, ["small_competent"])

    def test_no_coach_strong_hr_is_model_iii(self):
        advice = recommend(Answers(
            manager_competence="medium", hr_capacity="strong", coach="none", employees=400,
            spread="single", readiness=70.0,
        ))
        self.assertEqual(advice.model, "III")
        self.assertIn("hr_guards", advice.reasons)

    def test_weak_managers_internal_coach_is_model_iv(self):
        advice = recommend(Answers(
            manager_competence="low", hr_capacity="limited", coach="internal", employees=400,
            spread="multiple", readiness=20.0,
        ))
        self.assertEqual(advice.model, "IV")
        self.assertEqual(advice.reasons[:2], ["managers_weak", "internal_coach_all_in"])
        self.assertIn("multiple_locations", advice.reasons)
        self.assertIn("preconditions_first", advice.reasons)

    @parametrize("answers, model", [
        ({"coach": "external"}, "II"),
        ({"coach": "internal", "manager_competence": "high"}, "II"),
        ({"keep_manager": False, "coach": "internal"}, "IV"),
        ({"keep_manager": False, "coach": "external"}, "II"),
        ({"manager_competence": "low", "hr_capacity": "strong"}, "III"),
        ({"manager_competence": "low"}, "II"),
        ({"manager_competence": "high", "employees": 500}, "I"),
        ({"manager_competence": "high", "employees": 20, "spread": "multiple",
          "hr_capacity": "strong"}, "III"),
    ])
    def test_other_answers(self, answers, model):
        self.assertEqual(recommend(Answers(**answers)).model, model)

    def test_competence_level(self):
        self.assertEqual(competence_level(90), "high")
        self.assertEqual(competence_level(60), "medium")
        self.assertEqual(competence_level(10), "low")

    def test_bad_answers(self):
        with self.assertRaises(ValueError):
            Answers(coach="sometimes")
        with self.assertRaises(ValueError):
            Answers(employees=-1)
