# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the manager reports an employee of his team sick and logs a care contact
(test_erm_verzuim/static/src/tours/sick_report_tour.js)."""
from odoo import fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourSickReport(ErmTourCase):
    def test_manager_reports_sick_and_keeps_in_touch(self):
        self.assertNotIn("reason", self.env["erm.sick.report.wizard"]._fields)
        self.run_tour("erm_sick_report", self.user_manager)
        case = self.Case.search([("employee_id", "=", self.colleague.id)])
        self.assertEqual(len(case), 1)
        today = fields.Date.context_today(case.with_user(self.user_manager))
        self.assertEqual(case.date_start, today)
        self.assertEqual(case.expected_duration, "short")
        self.assertEqual(case.sudo().private_ids.contact_phone, "06 12345678")
        self.assertEqual(case.regievoerder_user_id, self.user_manager)
        self.assertLessEqual(
            {"probleemanalyse", "plan_van_aanpak"}, set(case.milestone_ids.mapped("code")),
        )
        contact = case.erm_care_contact_ids
        self.assertEqual(len(contact), 1)
        self.assertEqual(contact.user_id, self.user_manager)
        self.assertEqual(contact.kind, "phone")
        self.assertIn("Gebeld", contact.note)
        self.assertEqual(case.erm_care_last_date, contact.date)
