# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: HR finds the case at risk of a wage sanction in *Dossiers met loonsanctierisico*,
opens it, reads the reasons in Dutch and has it checked again
(test_erm_verzuim/static/src/tours/sanction_risk_tour.js)."""
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourSanctionRisk(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.user_hr)
        # nine weeks without a problem analysis: red
        cls.red = cls.make_case(start=today - timedelta(days=63))
        cls.green = cls.make_case(cls.colleague, start=today - timedelta(days=2))
        cls.Risk = cls.env["erm.sanction.risk"]
        cls.Risk._refresh_cases(cls.red | cls.green, today=today - timedelta(days=1))

    def test_hr_reads_why_a_case_is_red(self):
        red = self.Risk.search([("case_id", "=", self.red.id)])
        self.assertEqual(red.level, "rood")
        self.assertEqual(self.Risk.search([("case_id", "=", self.green.id)]).level, "groen")
        self.run_tour("erm_sanction_risk", self.user_hr)
        red.invalidate_recordset()
        # "Toets nu" checked it again today
        self.assertEqual(red.date_checked, fields.Date.context_today(self.user_hr))
        self.assertEqual(red.level, "rood")
