# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: every role's start screen opens without error on its own work, and an empty one
explains what to do first (test_erm_verzuim/static/src/tours/start_screen_tour.js)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourStartScreen(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["erm.absence.case"])
        # model II: the manager directs Jan's case, the coach guards its process
        cls.env["erm.model.policy"].create({
            "company_id": cls.company.id, "erm_model": "II",
            "date_from": today - timedelta(days=60),
            "coach_user_ids": [(6, 0, cls.user_coach.ids)],
        })
        cls.company.erm_doctor_user_ids = cls.user_doctor
        cls.case = cls.make_case(start=today - timedelta(days=20))
        cls.env["erm.ba.advice"].with_user(cls.user_doctor).create({
            "case_id": cls.case.id, "advice_type": "update",
        })

    def test_each_role_lands_on_its_own_work(self):
        self.assertEqual(self.case.procesbewaker_user_id, self.user_coach)
        for role in ("manager", "hr", "coach", "employee", "doctor", "board"):
            with self.subTest(role=role):
                self.run_tour(f"erm_start_{role}", getattr(self, f"user_{role}"))

    def test_empty_start_screen_says_what_to_do(self):
        newcomer = new_test_user(
            self.env, login="erm_new_manager", groups="erm_verzuim.group_erm_manager",
            company_id=self.company.id, lang="nl_NL", tz="Europe/Amsterdam",
        )
        self.run_tour("erm_start_empty", newcomer)
