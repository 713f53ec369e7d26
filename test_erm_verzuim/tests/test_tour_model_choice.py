# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: HR applies model IV to one department as a dated pilot with the model-choice
wizard; a new case there goes to the absence coach
(test_erm_verzuim/static/src/tours/model_choice_tour.js)."""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourModelChoice(ErmTourCase):
    def test_hr_applies_model_iv_to_a_department_pilot(self):
        Policy = self.env["erm.model.policy"]
        self.assertFalse(Policy.search([("company_id", "=", self.company.id)]))
        self.run_tour("erm_model_choice", self.user_hr)
        today = fields.Date.context_today(Policy.with_user(self.user_hr))
        policy = Policy.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(policy), 1)
        self.assertEqual(
            (policy.erm_model, policy.department_id, policy.date_from, policy.date_to),
            ("IV", self.department, today, today + relativedelta(months=6)),
        )
        self.assertEqual(policy.coach_user_ids, self.user_coach)
        # a new case in the pilot's department goes to the coach, who runs it
        case = self.make_case(employee=self.colleague, start=today - timedelta(days=1))
        self.assertEqual(case.erm_model, "IV")
        self.assertEqual(case.regievoerder_user_id, self.user_coach)
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        self.assertEqual(case.erm_policy_id, policy)
        # outside the department the company's model (none: model I) stays
        other = self.make_case(employee=self.other_employee, start=today - timedelta(days=1))
        self.assertNotEqual(other.regievoerder_user_id, self.user_coach)
