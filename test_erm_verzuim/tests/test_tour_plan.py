# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the plan of action (week 8) and its evaluation, made by the case director, with the
employee's own signed view from the portal, recorded as agreed
(test_erm_verzuim/static/src/tours/plan_tour.js)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourPlan(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Europe/Amsterdam"
        today = fields.Date.context_today(cls.env["res.users"].with_user(cls.user_manager))
        cls.today = today
        # week 8 of the absence; the problem analysis was done: the plan of action is due
        cls.case = cls.make_case(start=today - timedelta(days=50))
        pa = cls.case.milestone_ids.filtered(lambda m: m.code == "probleemanalyse")
        pa.write({"date_done": today - timedelta(days=4)})
        cls.env.flush_all()
        cls.env["erm.alert.manager"]._run_deadline_alerts()

    def milestone(self, code, sequence=0):
        return self.case.milestone_ids.filtered(
            lambda m: m.code == code and m.sequence == sequence
        )

    def open_activities(self, milestone):
        return self.env["mail.activity"].search([("erm_milestone_id", "=", milestone.id)])

    def test_plan_and_evaluation(self):
        plan_milestone = self.milestone("plan_van_aanpak")
        self.assertTrue(self.open_activities(plan_milestone), "the plan of action is due")

        # the case director makes the plan of action from the case
        self.run_tour("erm_plan_make", self.user_manager)
        self.env.invalidate_all()
        plan = self.case.plan_ids
        self.assertEqual(len(plan), 1)
        self.assertRecordValues(plan, [{
            "kind": "plan_van_aanpak", "casemanager_id": self.user_coach.id,
            "goal": "own_work", "state": "draft", "view_employee": False,
        }])
        self.assertIn("Drie ochtenden", plan.agreements)
        self.assertIn("haalbaar", plan.view_employer)

        # the employee writes and signs his own view on the portal
        self.run_tour("erm_plan_employee_view", self.user_employee, url="/my/verzuim")
        self.env.invalidate_all()
        self.assertIn("drie ochtenden", plan.view_employee)
        self.assertEqual(plan.view_employee_signed_by, self.user_employee)

        # the director records it as agreed, and makes the evaluation from the menu
        self.run_tour("erm_plan_agree_and_evaluate", self.user_manager)
        self.env.invalidate_all()
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.date_done, self.today)
        self.assertEqual(plan_milestone.date_done, self.today)
        self.assertFalse(self.open_activities(plan_milestone), "its activity is closed")
        evaluation = self.case.plan_ids - plan
        self.assertRecordValues(evaluation, [{"kind": "evaluatie", "state": "draft"}])

        # the same for the evaluation
        self.run_tour("erm_plan_employee_view", self.user_employee, url="/my/verzuim")
        self.env.invalidate_all()
        self.assertEqual(evaluation.view_employee_signed_by, self.user_employee)
        evaluation_milestone = self.milestone("evaluatie", 1)
        self.run_tour("erm_plan_agree", self.user_manager)
        self.env.invalidate_all()
        self.assertEqual(evaluation.state, "done")
        self.assertEqual(evaluation.milestone_id, evaluation_milestone)
        self.assertEqual(evaluation_milestone.date_done, self.today)
        self.assertFalse(self.open_activities(evaluation_milestone))
