# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 13 (V): the employee's own view in his plans (sign-off, lock, tracking), the
"view missing" reminder of the deadline-alert job, and self-reporting sick and recovery in
the portal, as a portal user and as an internal user."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import ErmTestCommon

TODAY = date(2026, 6, 1)


class PlanMixin:
    @classmethod
    def _plan(cls, case, view_employer_days_ago=None, **vals):
        plan = cls.env["erm.reintegration.plan"].create(dict({
            "case_id": case.id, "kind": "plan_van_aanpak", "casemanager_id": cls.user_coach.id,
            "agreements": "Two mornings a week light work.",
        }, **vals))
        if view_employer_days_ago is not None:
            plan.write({
                "view_employer": "Start with light work.",
                "view_employer_date": TODAY - timedelta(days=view_employer_days_ago),
            })
        return plan


@tagged("post_install", "-at_install", "erm_portal")
@freeze_time("2026-06-01 10:00:00")
class TestEmployeeView(PlanMixin, ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        cls.user_manager.lang = "nl_NL"  # the reminder speaks the regievoerder's language
        cls.case = cls.make_case(start=date(2026, 4, 20))
        cls.colleague_case = cls.make_case(employee=cls.colleague, start=date(2026, 4, 20))

    def run_alerts(self):
        self.env.flush_all()
        return self.env["erm.alert.manager"]._run_deadline_alerts()

    def reminders(self, plan):
        return self.env["mail.activity"].with_context(active_test=False).search([
            ("res_model", "=", "erm.reintegration.plan"), ("res_id", "=", plan.id),
            ("erm_alert_kind", "=", "missing_view"),
        ])

    def test_write_sign_lock_track(self):
        plan = self._plan(self.case).with_context(tracking_disable=False)
        # created untracked (the test set-up): end that transaction's tracking first
        self.env.flush_all()
        self.env.cr.precommit.run()
        as_employee = plan.with_user(self.user_employee)
        with self.assertRaisesRegex(UserError, "Write your view"):
            as_employee.action_sign_employee_view()
        as_employee.write({"view_employee": "I want to start with three mornings."})
        self.env.flush_all()
        self.env.cr.precommit.run()  # the tracking of this write's transaction
        # only the employee himself signs, not his case director
        with self.assertRaises(AccessError):
            plan.with_user(self.user_manager).action_sign_employee_view()
        as_employee.action_sign_employee_view()
        self.assertEqual(plan.view_employee_signed_by, self.user_employee)
        self.assertTrue(plan.view_employee_signed_on)
        # locked for everyone, the case director included
        for user in (self.user_employee, self.user_manager, self.user_admin):
            with self.assertRaisesRegex(UserError, "can no longer be changed"):
                plan.with_user(user).write({"view_employee": "Changed afterwards."})
        with self.assertRaisesRegex(UserError, "signed off already"):
            as_employee.action_sign_employee_view()
        # tracked: the text and the signature are in the chatter
        self.env.flush_all()
        self.env.cr.precommit.run()
        plan.invalidate_recordset(["message_ids"])
        tracked = plan.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("view_employee", tracked)
        self.assertIn("view_employee_signed_on", tracked)
        # the employer records his view: its date feeds the reminder
        plan.with_user(self.user_manager).write({"view_employer": "Light work first."})
        self.assertEqual(plan.view_employer_date, TODAY)

    def test_colleague_plan_refused(self):
        plan = self._plan(self.colleague_case)
        with self.assertRaises(AccessError):
            plan.with_user(self.user_employee).write({"view_employee": "Not mine."})
        with self.assertRaises(AccessError):
            plan.with_user(self.user_employee).action_sign_employee_view()

    def test_missing_view_reminder_once_and_closed_by_signing(self):
        late = self._plan(self.case, view_employer_days_ago=8)
        recent = self._plan(self.colleague_case, view_employer_days_ago=3)
        self.run_alerts()
        self.run_alerts()
        reminder = self.reminders(late)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.user_id, self.case.regievoerder_user_id)
        self.assertTrue(reminder.user_id)
        self.assertIn("visie van de medewerker ontbreekt", reminder.summary)
        self.assertIn("plan van aanpak", reminder.note)
        self.assertFalse(self.reminders(recent))
        # the regievoerder can open the plan it is about
        late.with_user(reminder.user_id).check_access("read")
        # signing closes it (kept as done), and it never returns
        late.with_user(self.user_employee).write({"view_employee": "Agreed, slowly."})
        late.with_user(self.user_employee).action_sign_employee_view()
        self.assertFalse(self.reminders(late).filtered("active"))
        self.assertEqual(len(self.reminders(late)), 1)
        self.run_alerts()
        self.assertEqual(len(self.reminders(late)), 1)

    def test_missing_view_reminder_closed_with_the_case(self):
        plan = self._plan(self.case, view_employer_days_ago=10)
        self.run_alerts()
        self.assertTrue(self.reminders(plan).filtered("active"))
        self.case.write({"date_recovered": TODAY})
        self.run_alerts()
        self.assertFalse(self.reminders(plan).filtered("active"))


@tagged("post_install", "-at_install", "erm_portal")
class TestPortalViewAndReports(PlanMixin, HttpCase, ErmTestCommon):
    """The test database speaks Dutch only (nl_NL is its one language): so do the pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Pim Portaal", "login": "pim_portaal", "password": "pim_portaal",
            "email": "pim@example.com", "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
        })
        cls.portal_employee = cls.env["hr.employee"].create({
            "name": "Pim Portaal", "company_id": cls.company.id,
            "department_id": cls.department.id, "parent_id": cls.manager.id,
            "user_id": cls.portal_user.id,
        })

    def login(self, user):
        self.authenticate(user.login, user.login)

    def post(self, url, **data):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})

    def users(self):
        return ((self.portal_user, self.portal_employee), (self.user_employee, self.employee))

    def test_view_write_and_sign(self):
        colleague_plan = self._plan(
            self.make_case(employee=self.colleague, start=date.today()), 1)
        for user, employee in self.users():
            with self.subTest(user=user.login):
                case = self.make_case(employee=employee, start=date.today() - timedelta(days=30))
                plan = self._plan(case, view_employer_days_ago=1)
                self.login(user)
                page = self.url_open(f"/my/verzuim/plan/{plan.id}")
                self.assertEqual(page.status_code, 200)
                self.assertIn("Start with light work.", page.text)
                self.assertIn("Two mornings a week light work.", page.text)
                self.assertIn("o_erm_view_form", page.text)
                # a colleague's plan by id: not found, nothing of it shown
                page = self.url_open(f"/my/verzuim/plan/{colleague_plan.id}")
                self.assertEqual(page.status_code, 404)
                self.assertNotIn("Fatima", page.text)
                response = self.post(f"/my/verzuim/plan/{colleague_plan.id}/view",
                                     view_employee="Hijack")
                self.assertEqual(response.status_code, 404)
                self.assertFalse(colleague_plan.view_employee)
                # write, then sign
                response = self.post(f"/my/verzuim/plan/{plan.id}/view",
                                     view_employee="Three mornings first.")
                self.assertIn("message=saved", response.url)
                self.assertEqual(plan.view_employee, "Three mornings first.")
                self.assertFalse(plan.view_employee_signed_on)
                response = self.post(f"/my/verzuim/plan/{plan.id}/view",
                                     view_employee="Three mornings, then more.", sign="1")
                self.assertIn("message=signed", response.url)
                plan.invalidate_recordset()
                self.assertEqual(plan.view_employee, "Three mornings, then more.")
                self.assertEqual(plan.view_employee_signed_by, user)
                # locked: the page shows no form, a change is refused with the reason
                page = self.url_open(f"/my/verzuim/plan/{plan.id}")
                self.assertNotIn("o_erm_view_form", page.text)
                self.assertIn("o_erm_view_employee_signed", page.text)
                page = self.post(f"/my/verzuim/plan/{plan.id}/view", view_employee="Other")
                self.assertIn("kan niet meer worden gewijzigd", page.text)
                plan.invalidate_recordset()
                self.assertEqual(plan.view_employee, "Three mornings, then more.")
                self.assertIn("view_employee", plan.message_ids.tracking_value_ids.field_id.mapped(
                    "name"))
                case.write({"date_recovered": date.today()})

    def test_recovery_partial_then_full(self):
        start = date.today() - timedelta(days=60)
        other = self.make_case(employee=self.colleague, start=start)
        for user, employee in self.users():
            with self.subTest(user=user.login):
                case = self.make_case(employee=employee, start=start)
                director = case.regievoerder_user_id
                self.assertTrue(director)
                self.assertTrue(case.milestone_ids.filtered(lambda m: m.state != "cancelled"))
                self.login(user)
                page = self.url_open(f"/my/verzuim/case/{case.id}/recovery")
                self.assertEqual(page.status_code, 200)
                self.assertIn("o_erm_recovery_form", page.text)
                # a colleague's case: not found
                self.assertEqual(
                    self.url_open(f"/my/verzuim/case/{other.id}/recovery").status_code, 404)
                self.assertEqual(self.post(f"/my/verzuim/case/{other.id}/recovery",
                                           extent="full", date=str(date.today())).status_code,
                                 404)
                self.assertFalse(other.date_recovered)
                # partial: a request, no course line until the director confirms it
                partial_day = date.today() - timedelta(days=7)
                page = self.post(f"/my/verzuim/case/{case.id}/recovery", extent="partial",
                                 working_pct="40", date=str(partial_day))
                self.assertIn("o_erm_portal_report_done", page.text)
                case.invalidate_recordset()
                self.assertEqual(len(case.period_ids), 1)
                self.assertEqual(
                    (case.erm_recovery_request_date, case.erm_recovery_request_pct),
                    (partial_day, 40.0))
                # full: it replaces the partial report; the case stays open until confirmed
                page = self.post(f"/my/verzuim/case/{case.id}/recovery", extent="full",
                                 date=str(date.today()))
                self.assertIn("o_erm_portal_report_done", page.text)
                self.assertIn("blijft je dossier open", page.text)
                case.invalidate_recordset()
                self.assertFalse(case.date_recovered)
                self.assertNotEqual(case.state, "hersteld")
                self.assertEqual(case.erm_recovery_request_date, date.today())
                self.assertTrue(case.milestone_ids.filtered(lambda m: m.state != "cancelled"))
                self.assertIn("o_erm_portal_recovery_pending",
                              self.url_open(f"/my/verzuim/case/{case.id}").text)
                # one question to the regievoerder; the chatter says who reported
                todo = case.activity_ids.filtered(
                    lambda a: a.activity_type_id == self.env.ref(
                        "erm_verzuim.mail_activity_type_erm_recovery_request"))
                self.assertEqual(len(todo), 1)
                self.assertEqual(todo.user_id, director)
                bodies = " ".join(case.message_ids.mapped("body"))
                self.assertIn("door de medewerker via het portaal", bodies)
                # the director confirms: the recovery wizard's path closes the timeline
                case.with_user(director).action_erm_confirm_recovery()
                case.invalidate_recordset()
                self.assertEqual(case.date_recovered, date.today())
                self.assertEqual(case.state, "hersteld")
                # nothing more to report on a closed case
                page = self.url_open(f"/my/verzuim/case/{case.id}/recovery")
                self.assertNotIn("o_erm_recovery_form", page.text)

    def test_recovery_ahead_is_an_expected_return(self):
        """Fully fit from a date weeks ahead: a request and the expected return, never an
        early close of the case, its deadlines and their activities."""
        case = self.make_case(employee=self.portal_employee,
                              start=date.today() - timedelta(days=60))
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        activities = case.activity_ids.filtered("erm_milestone_id")
        self.assertTrue(activities)
        ahead = date.today() + timedelta(days=40)
        self.login(self.portal_user)
        page = self.post(f"/my/verzuim/case/{case.id}/recovery", extent="full",
                         date=str(ahead))
        self.assertIn("o_erm_portal_report_done", page.text)
        self.env.cr.flush()
        case.invalidate_recordset()
        self.assertFalse(case.date_recovered)
        self.assertEqual(case.date_expected_return, ahead)
        self.assertEqual(case.activity_ids.filtered("erm_milestone_id"), activities)
        self.assertFalse(case.milestone_ids.filtered(lambda m: m.state == "cancelled"))
        page = self.url_open(f"/my/verzuim/case/{case.id}").text
        self.assertIn(ahead.strftime("%d-%m-%Y"), page)
        self.assertIn("o_erm_portal_recovery_pending", page)

    def test_recovery_setting_off(self):
        self.company.erm_portal_recovery_report = False
        case = self.make_case(employee=self.portal_employee, start=date.today() - timedelta(9))
        self.login(self.portal_user)
        page = self.url_open(f"/my/verzuim/case/{case.id}/recovery")
        self.assertIn("o_erm_report_not_allowed", page.text)
        page = self.post(f"/my/verzuim/case/{case.id}/recovery", extent="full",
                         date=str(date.today()))
        self.assertIn("neemt geen herstelmeldingen", page.text)
        self.assertFalse(case.date_recovered)

    def test_sick_report_off_by_default_then_on(self):
        self.assertFalse(self.company.erm_portal_sick_report)
        self.assertTrue(self.company.erm_portal_recovery_report)
        Case = self.env["erm.absence.case"]
        for user, employee in self.users():
            with self.subTest(user=user.login):
                self.company.erm_portal_sick_report = False
                self.login(user)
                page = self.url_open("/my/verzuim/report-sick")
                self.assertEqual(page.status_code, 200)
                self.assertIn("o_erm_report_not_allowed", page.text)
                page = self.post("/my/verzuim/report-sick", date_start=str(date.today()))
                self.assertIn("Bel je leidinggevende", page.text)
                self.assertFalse(Case.search([("employee_id", "=", employee.id)]))

                self.company.erm_portal_sick_report = True
                page = self.url_open("/my/verzuim/report-sick")
                self.assertIn("o_erm_report_sick_form", page.text)
                self.assertIn("Autoriteit Persoonsgegevens", page.text)
                page = self.post(
                    "/my/verzuim/report-sick", date_start=str(date.today()),
                    contact_phone="06-12345678", expected_duration="short",
                    ongoing_work="Hand over the Monday meeting.", vangnet="1",
                    work_accident="1",
                )
                self.assertIn("o_erm_portal_report_done", page.text)
                case = Case.search([("employee_id", "=", employee.id)])
                self.assertEqual(len(case), 1)
                self.assertEqual(
                    (case.date_start, case.date_reported, case.expected_duration,
                     case.ongoing_work, case.work_accident, case.create_uid),
                    (date.today(), date.today(), "short", "Hand over the Monday meeting.",
                     False, user),
                )
                private = case.sudo().private_ids
                self.assertEqual(private.contact_phone, "06-12345678")
                self.assertFalse(case.sudo().vangnet_ids.vangnet)
                # the timeline starts as with a manager's report; the director confirms
                self.assertTrue(case.milestone_ids)
                todo = case.activity_ids.filtered(
                    lambda a: a.activity_type_id == self.env.ref(
                        "erm_verzuim.mail_activity_type_erm_portal_report"))
                self.assertEqual(todo.user_id, case.regievoerder_user_id)
                self.assertIn("Ziekgemeld door de medewerker via het portaal",
                              " ".join(case.message_ids.mapped("body")))
                # the employee does not follow his own case's chatter
                self.assertNotIn(user.partner_id, case.message_partner_ids)
                # bad input gives the reason, not a crash
                page = self.post(f"/my/verzuim/case/{case.id}/recovery", extent="full",
                                 date="31-31-2026")
                self.assertIn("o_erm_portal_error", page.text)
                # reported already: no second case
                page = self.url_open("/my/verzuim/report-sick")
                self.assertIn("o_erm_report_not_allowed", page.text)
                page = self.post("/my/verzuim/report-sick", date_start=str(date.today()))
                self.assertIn("Je bent al ziekgemeld", page.text)
                self.assertEqual(Case.search_count([("employee_id", "=", employee.id)]), 1)

    def test_links(self):
        """The cards on /my/verzuim and the buttons on the case page."""
        self.company.erm_portal_sick_report = True
        case = self.make_case(employee=self.portal_employee, start=date.today() - timedelta(9))
        self.login(self.portal_user)
        self.assertIn(f"/my/verzuim/case/{case.id}/recovery",
                      self.url_open(f"/my/verzuim/case/{case.id}").text)
        self.assertNotIn("/my/verzuim/report-sick", self.url_open("/my/verzuim").text)
        case.write({"date_recovered": date.today()})
        self.assertIn("/my/verzuim/report-sick", self.url_open("/my/verzuim").text)
