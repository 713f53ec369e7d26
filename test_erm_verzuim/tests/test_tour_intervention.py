# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: a manager proposes an intervention above his approval limit from Interventies >
Nieuw, HR approves it (test_erm_verzuim/static/src/tours/intervention_tour.js)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourIntervention(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.erm_intervention_limit_manager = 1500.0
        provider = cls.env["erm.provider"].create({
            "name": "Psychologenpraktijk De Linde", "kind": "psycholoog",
            "company_id": cls.company.id,
            "service_ids": [(0, 0, {"name": "Kortdurende begeleiding", "phase": "absence",
                                    "price": 950.0, "price_unit": "trajectory"})],
        })
        cls.service = provider.service_ids
        today = fields.Date.context_today(cls.env["erm.absence.case"])
        cls.case = cls.make_case(start=today - timedelta(days=20))

    def test_manager_proposes_above_his_limit_and_hr_approves(self):
        self.run_tour("erm_intervention_propose", self.user_manager)
        intervention = self.env["erm.intervention"].search([("case_id", "=", self.case.id)])
        self.assertEqual(len(intervention), 1)
        self.assertEqual(
            (intervention.state, intervention.cost, intervention.service_id),
            ("proposed", 5000.0, self.service),
        )
        self.assertEqual(intervention.requested_by_id, self.user_manager)
        self.assertEqual(intervention.approver_user_id, self.user_hr)
        self.assertEqual(intervention.approval_role, "hr")
        self.run_tour("erm_intervention_approve", self.user_hr)
        self.assertEqual(intervention.state, "approved")
        self.assertEqual(intervention.approved_by_id, self.user_hr)
        self.assertFalse(intervention.approver_user_id)
        self.assertEqual(intervention.committed_cost, 5000.0)
        self.assertEqual(self.case.intervention_cost, 5000.0)
