# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Manager competences and caremanagement in the demo organisation (data/demo_care.py),
made by generate_demo: the leidinggevende below the required level (his warning, HR's
list), care contacts on the open cases, one case whose rhythm is not kept."""

from datetime import date

from data.demo_care import NOT_KEPT, generate_care

TODAY = date(2026, 11, 22)


class DemoCareChecks:
    """Checks of TestDemo (tests/test_demo.py), which builds the demo once for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_result = cls.demo["care"]

    def test_competences(self):
        self.assertGreater(self.care_result["managers"], 3)
        leidinggevende, hr = self.ref("user_leidinggevende"), self.ref("user_hr")
        Employee = self.env["hr.employee"].with_user(hr)
        below = Employee.search([("erm_competence_below_required", "=", True)])
        self.assertEqual(below.user_id, leidinggevende)
        self.assertLess(below.erm_competence_coverage, 100.0)
        overview = self.env["hr.employee"]._erm_competence_overview(self.ref("company_1"))
        self.assertGreater(overview["managers"], 3)
        self.assertEqual(overview["below_required"], 1)
        # his open cases warn him and HR, not the coach
        case = self.ref(NOT_KEPT)
        self.assertEqual(case.regievoerder_user_id, leidinggevende)
        for user in (leidinggevende, hr):
            with self.subTest(user=user.login):
                self.env.invalidate_all()
                warning = self.env["erm.absence.case"].browse(case.id).with_user(
                    user).erm_competence_warning
                self.assertTrue(warning)
        coach = self.ref("user_coach")
        self.assertFalse(case.with_user(coach)._filtered_access("read"))

    def test_care_contacts_and_rhythm(self):
        Case = self.env["erm.absence.case"]
        open_cases = Case.search([("date_recovered", "=", False),
                                  ("erm_care_user_id", "!=", False)])
        self.assertTrue(all(case.erm_care_contact_ids for case in open_cases))
        self.assertGreater(self.care_result["contacts"], 20)
        reminders = self.env["mail.activity"].search([
            ("erm_alert_kind", "=", "care_rhythm"), ("res_model", "=", "erm.absence.case"),
        ])
        not_kept = self.ref(NOT_KEPT)
        self.assertEqual(Case.browse(reminders.mapped("res_id")), not_kept)
        self.assertEqual(reminders.user_id, self.ref("user_leidinggevende"))
        # the model IV pilot: the manager of Facilitair keeps in touch, the coach directs
        pilot = self.ref("case_pilot_plan")
        self.assertEqual(pilot.erm_model, "IV")
        self.assertNotEqual(pilot.erm_care_contact_ids.user_id, pilot.regievoerder_user_id)
        self.assertEqual(pilot.erm_care_contact_ids.user_id, pilot.erm_care_user_id)

    def test_care_idempotent(self):
        again = generate_care(self.env, today=TODAY)
        self.assertEqual(again["created"], 0)
        self.assertEqual(again["managers"], 0)
        self.assertEqual(again["contacts"], self.care_result["contacts"])

    def test_demo_reads_dutch(self):
        """The demo speaks Dutch: the cases' chatter (the generator's notes and Odoo's own
        "done" messages of completed activities) without an ISO date or English; the
        companies have a logo of their own and work in euro, the providers' prices too."""
        from .test_dutch_formats import assert_dutch

        cases = self.env["erm.absence.case"].with_context(active_test=False).search(
            [("company_id", "in", (self.ref("company_1") | self.ref("company_2")).ids)])
        messages = cases.message_ids.filtered("body")
        self.assertTrue(messages)
        for message in messages:
            assert_dutch(self, message.body, f"{message.model},{message.res_id}")
        activities = self.env["mail.activity"].search([("res_model", "=", "erm.precondition")])
        for activity in activities:
            assert_dutch(self, activity.summary, "precondition reminder")
        placeholder = self.env["res.company"]._get_logo()
        euro = self.env.ref("base.EUR")
        for company in self.ref("company_1") | self.ref("company_2") | self.env.ref(
                "base.main_company"):
            self.assertTrue(company.logo and company.logo != placeholder, company.name)
            self.assertEqual(company.currency_id, euro, company.name)
        self.assertEqual(self.ref("company_1").partner_id.lang, "nl_NL")
        services = self.env["erm.provider.service"].with_company(self.ref("company_1")).search(
            [])
        self.assertTrue(services)
        self.assertEqual(services.currency_id, euro)
