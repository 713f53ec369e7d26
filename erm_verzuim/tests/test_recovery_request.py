# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recovery: the employee's own report from the portal is a request that the case director
or the process guardian confirms or rejects (the case, its deadlines and their activities
stay until then; a date ahead is an expected return), and the backend recovery wizard takes
a recovery date at most one day ahead."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ErmTestCommon

TODAY = date(2026, 6, 1)


@tagged("post_install", "-at_install", "erm_recovery")
@freeze_time("2026-06-01 10:00:00")
class TestRecoveryRequest(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        (cls.user_employee | cls.user_manager | cls.user_hr).lang = "nl_NL"
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env = cls.env(context=dict(cls.env.context, lang="nl_NL"))
        cls.Case = cls.env["erm.absence.case"]
        cls.request_type = cls.env.ref("erm_verzuim.mail_activity_type_erm_recovery_request")

    def setUp(self):
        super().setUp()
        self.case = self.make_case(start=TODAY - timedelta(days=50))
        self.director = self.case.regievoerder_user_id
        self.assertEqual(self.director, self.user_manager)
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        self.deadline_activities = self.alert_activities()
        self.assertTrue(self.deadline_activities)

    def alert_activities(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", self.case.id),
            ("erm_alert_kind", "=", "deadline"),
        ])

    def request_activities(self, active=True):
        return self.env["mail.activity"].with_context(active_test=False).search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", self.case.id),
            ("activity_type_id", "=", self.request_type.id), ("active", "=", active),
        ])

    def report(self, day, pct=None):
        return self.case.with_user(self.user_employee)._report_recovery(str(day), pct)

    def chatter(self):
        self.case.invalidate_recordset(["message_ids"])
        return " ".join(self.case.message_ids.mapped("body"))

    def assert_open(self):
        self.env.cr.flush()
        self.case.invalidate_recordset()
        self.assertFalse(self.case.date_recovered)
        self.assertNotEqual(self.case.state, "hersteld")
        self.assertEqual(self.alert_activities(), self.deadline_activities)
        self.assertTrue(self.case.milestone_ids.filtered(lambda m: m.state != "cancelled"))

    def test_full_report_waits_for_the_director(self):
        self.report(TODAY)
        # a request: nothing closed, the director asked once
        self.assert_open()
        self.assertEqual(self.case.erm_recovery_request_date, TODAY)
        self.assertEqual(self.request_activities().user_id, self.director)
        self.assertIn("blijft open", self.chatter())
        as_director = self.case.with_user(self.director)
        self.assertTrue(as_director.erm_may_decide_recovery)
        self.assertIn("01-06-2026", as_director.erm_recovery_request_status)
        # a colleague without a duty on the case cannot decide
        self.assertFalse(self.case.with_user(self.user_board).erm_may_decide_recovery)
        with self.assertRaises(AccessError):
            self.case.with_user(self.user_coach)._confirm_recovery()
        # a second report replaces the first: still one activity
        self.report(TODAY - timedelta(days=1))
        self.assertEqual(len(self.request_activities()), 1)
        self.assertEqual(self.case.erm_recovery_request_date, TODAY - timedelta(days=1))
        # the director confirms: the recovery wizard's path closes case and deadlines
        as_director.action_erm_confirm_recovery()
        self.env.cr.flush()
        self.case.invalidate_recordset()
        self.assertEqual(self.case.date_recovered, TODAY - timedelta(days=1))
        self.assertEqual(self.case.state, "hersteld")
        self.assertFalse(self.alert_activities())
        self.assertFalse(self.request_activities())
        self.assertFalse(self.case.erm_recovery_request_date)
        # the employee is told, in his language, and nothing is left to decide
        message = self.case.message_ids.filtered(
            lambda m: m.partner_ids == self.user_employee.partner_id)
        self.assertEqual(len(message), 1)
        self.assertIn("is bevestigd door", message.body)
        self.assertIn("31-05-2026", message.body)
        with self.assertRaisesRegex(UserError, "geen herstelmelding"):
            self.case.with_user(self.director)._confirm_recovery()

    def test_date_ahead_is_an_expected_return(self):
        ahead = TODAY + timedelta(days=30)
        self.report(ahead)
        self.assert_open()
        self.assertEqual(self.case.date_expected_return, ahead)
        self.assertEqual(self.case.erm_recovery_request_date, ahead)
        self.assertIn("verwachte terugkeer",
                      self.case.with_user(self.director).erm_recovery_request_status)
        # not confirmed before the day: the case stays open with its deadlines
        with self.assertRaisesRegex(UserError, "01-07-2026"):
            self.case.with_user(self.director).action_erm_confirm_recovery()
        self.assert_open()
        # the day before, it may be confirmed
        with freeze_time(ahead - timedelta(days=1)):
            self.case.with_user(self.director).action_erm_confirm_recovery()
        self.assertEqual(self.case.date_recovered, ahead)

    def test_reject_keeps_the_case_and_tells_the_employee(self):
        self.report(TODAY, 40.0)
        self.assert_open()
        self.assertEqual(self.case.erm_recovery_request_pct, 40.0)
        as_director = self.case.with_user(self.director)
        action = as_director.action_erm_reject_recovery()
        wizard = self.env["erm.absence.recovery.wizard"].with_user(self.director).with_context(
            **action["context"]).create({})
        with self.assertRaisesRegex(UserError, "reden"):
            wizard.action_reject_request()
        wizard.reject_reason = "We hebben afgesproken dat je eerst met de bedrijfsarts spreekt."
        wizard.action_reject_request()
        self.assert_open()
        self.assertFalse(self.case.erm_recovery_request_date)
        self.assertFalse(self.request_activities())
        done = self.request_activities(active=False)
        self.assertEqual(len(done), 1)
        # no course line was added
        self.assertEqual(len(self.case.period_ids), 1)
        message = self.case.message_ids.filtered(
            lambda m: m.partner_ids == self.user_employee.partner_id)
        self.assertEqual(len(message), 1)
        self.assertIn("niet bevestigd", message.body)
        self.assertIn("eerst met de bedrijfsarts spreekt", message.body)
        self.assertIn("40% van de uren", message.body)

    def test_partial_report_confirmed_is_a_course_line(self):
        day = TODAY - timedelta(days=3)
        self.report(day, 60.0)
        self.assertEqual(len(self.case.period_ids), 1)
        self.case.with_user(self.director).action_erm_confirm_recovery()
        line = self.case.period_ids.filtered(lambda p: p.date_from == day)
        self.assertEqual(line.incapacity_pct, 40.0)
        self.assertFalse(self.case.date_recovered)
        self.assertFalse(self.case.erm_recovery_request_date)

    def test_report_before_the_first_sick_day_refused(self):
        with self.assertRaisesRegex(UserError, "na je eerste ziektedag"):
            self.report(self.case.date_start)

    def test_backend_wizard_refuses_a_date_weeks_ahead(self):
        Wizard = self.env["erm.absence.recovery.wizard"].with_user(self.director)
        wizard = Wizard.create({"case_id": self.case.id,
                                "date_recovered": TODAY + timedelta(days=21)})
        with self.assertRaisesRegex(ValidationError, "22-06-2026.*ten hoogste een dag"):
            wizard.action_confirm()
        self.assert_open()
        # tomorrow is fine, as for a sick report
        Wizard.create({"case_id": self.case.id,
                       "date_recovered": TODAY + timedelta(days=1)}).action_confirm()
        self.assertEqual(self.case.date_recovered, TODAY + timedelta(days=1))

    def test_backend_recovery_answers_a_pending_report(self):
        self.report(TODAY)
        self.env["erm.absence.recovery.wizard"].with_user(self.director).create(
            {"case_id": self.case.id, "date_recovered": TODAY}).action_confirm()
        self.assertFalse(self.case.erm_recovery_request_date)
        self.assertFalse(self.request_activities())
