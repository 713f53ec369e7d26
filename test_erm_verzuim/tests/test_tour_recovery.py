# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the employee reports her recovery on the portal, the case stays open with its
deadlines until her case director confirms the report on the case; then it is closed and
its deadlines and their activities are gone
(test_erm_verzuim/static/src/tours/recovery_tour.js)."""
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .tour_common import ErmTourCase


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourRecovery(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Petra Portaal", "login": "petra_portaal", "password": "petra_portaal",
            "email": "petra@example.com", "lang": "nl_NL", "tz": "Europe/Amsterdam",
            "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
        })
        cls.portal_employee = cls.env["hr.employee"].create({
            "name": "Petra Portaal", "company_id": cls.company.id,
            "department_id": cls.department.id, "parent_id": cls.manager.id,
            "user_id": cls.portal_user.id,
        })
        cls.company.resource_calendar_id.tz = "Europe/Amsterdam"
        today = fields.Date.context_today(cls.user_manager)
        cls.case = cls.make_case(employee=cls.portal_employee, start=today - timedelta(days=50))

    def open_deadline_activities(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", self.case.id),
            ("erm_alert_kind", "=", "deadline"),
        ])

    def test_portal_recovery_confirmed_by_the_case_director(self):
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        activities = self.open_deadline_activities()
        self.assertTrue(activities)
        self.assertEqual(self.case.regievoerder_user_id, self.user_manager)

        self.start_tour("/my/verzuim", "erm_recovery", login=self.portal_user.login,
                        timeout=180)
        # a request: the case, its deadlines and their activities stay
        self.case.invalidate_recordset()
        today = fields.Date.context_today(self.case.with_user(self.user_manager))
        self.assertFalse(self.case.date_recovered)
        self.assertNotEqual(self.case.state, "hersteld")
        self.assertEqual(self.case.erm_recovery_request_date, today)
        self.assertEqual(self.open_deadline_activities(), activities)
        self.assertTrue(self.case.milestone_ids.filtered(
            lambda m: m.state not in ("done", "cancelled")))

        self.run_tour("erm_recovery_confirm", self.user_manager)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.date_recovered, today)
        self.assertEqual(self.case.state, "hersteld")
        self.assertFalse(self.case.erm_recovery_request_date)
        # no deadline ahead left (a missed one stays as history), and no activity either
        self.assertTrue(self.case.milestone_ids)
        self.assertFalse(self.case.milestone_ids.filtered(
            lambda m: m.date_deadline >= today and m.state not in ("done", "cancelled")))
        self.assertFalse(self.open_deadline_activities())
        self.assertFalse(self.case.activity_ids)
        # she is told, in Dutch
        told = self.case.message_ids.filtered(
            lambda m: self.portal_user.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn("is bevestigd door", told.body)
