# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The portal employee's own absence (data/demo_portal.py), made by generate_demo: an open
and a past case with advice, plan, intervention and access-log lines, all readable by the
``portaal`` login through the portal rules, and nothing of his colleagues."""

from datetime import date

from data.demo_portal import generate_portal

TODAY = date(2026, 11, 22)


class DemoPortalChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_result = cls.demo["portal"]

    def test_cases_of_the_portal_employee(self):
        self.assertEqual(self.portal_result["cases"], 2)
        user = self.ref("user_portaal")
        self.assertTrue(user.share)
        open_case, past_case = self.ref("case_portal_open"), self.ref("case_portal_past")
        self.assertFalse(open_case.date_recovered)
        self.assertTrue(past_case.date_recovered)
        env = self.env(user=user)
        Case = env["erm.absence.case"]
        self.assertEqual(Case.search([]), open_case | past_case)
        for case in (open_case, past_case):
            self.assertTrue(env["erm.reintegration.plan"].search([("case_id", "=", case.id)]))
            self.assertTrue(env["erm.ba.advice"].search(
                [("case_id", "=", case.id), ("state", "=", "issued")]))
            self.assertTrue(env["erm.intervention"].search([("case_id", "=", case.id)]))
            self.assertGreaterEqual(
                env["erm.access.log"].search_count([("case_id", "=", case.id)]), 2)
        # his open plan waits for his own view
        self.assertFalse(self.ref("portal_plan_open").view_employee)
        # ... and its director has the reminder (the employer's view is weeks old)
        plan = self.ref("portal_plan_open")
        reminder = self.env["mail.activity"].search([
            ("res_model", "=", "erm.reintegration.plan"), ("res_id", "=", plan.id),
            ("erm_alert_kind", "=", "missing_view")])
        self.assertEqual(reminder.user_id, plan.case_id.regievoerder_user_id)
        self.assertEqual(self.ref("portal_plan_past").state, "done")
        # nothing of a colleague through the portal rules
        self.assertEqual(env["erm.access.log"].search([]).case_id, open_case | past_case)
        self.assertTrue(env["erm.provider.service"].search([("phase", "=", "prevention")]))

    def test_portal_idempotent(self):
        again = generate_portal(self.env, today=TODAY)
        self.assertEqual(again, {"cases": 2, "created": 0})
