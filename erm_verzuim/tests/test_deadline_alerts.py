# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadline alerts: activities per due milestone, escalation, digest, signals."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

from .common import ErmTestCommon

TODAY = date(2026, 6, 1)  # a Monday


@tagged("post_install", "-at_install", "erm_alerts")
@freeze_time("2026-06-01 10:00:00")
class TestDeadlineAlerts(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alerts = cls.env["erm.alert.manager"]
        cls.Activity = cls.env["mail.activity"].with_context(active_test=False)
        cls.deadline_type = cls.env.ref("erm_verzuim.mail_activity_type_erm_deadline")
        cls.frequent_type = cls.env.ref("erm_verzuim.mail_activity_type_erm_frequent_absence")
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        cls.company.erm_escalation_user_id = cls.user_hr
        # Dutch users and company: the stored texts are rendered in their language
        (cls.user_employee | cls.user_manager | cls.user_hr | cls.user_coach | cls.user_doctor
         | cls.user_board | cls.user_admin).lang = "nl_NL"
        (cls.company | cls.company_2).partner_id.lang = "nl_NL"

    # ------------------------------------------------------------------ helpers
    def run_alerts(self):
        self.env.flush_all()
        return self.Alerts._run_deadline_alerts()

    def commit_hooks(self):
        """What happens at commit: the ORM flush and the precommit hooks."""
        self.env.cr.flush()

    def alert_activities(self, case, kind="deadline"):
        return self.Activity.search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", kind),
        ])

    def milestone(self, case, code, sequence=0):
        return case.milestone_ids.filtered(lambda m: m.code == code and m.sequence == sequence)

    def escalation_mails(self, partner):
        return self.env["mail.mail"].search([
            ("subject", "=", "Verzuim: verlopen termijnen geëscaleerd"),
            ("recipient_ids", "in", partner.ids),
        ])

    # ------------------------------------------------------------------ creation
    def test_one_activity_per_due_milestone(self):
        # first sick day Mon 4 May: probleemanalyse (day 42) due Sun 14 June, 13 days ahead
        # (lead 14); the plan of action (28 June) is not due within its lead time yet
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        self.assertEqual(len(activity), 1)
        milestone = self.milestone(case, "probleemanalyse")
        self.assertEqual(activity.erm_milestone_id, milestone)
        self.assertEqual(activity.activity_type_id, self.deadline_type)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.date_deadline, date(2026, 6, 14))
        self.assertEqual(activity.summary, "Laat de bedrijfsarts de probleemanalyse opstellen")
        self.assertTrue(activity.automated)
        self.assertIn(self.user_manager.partner_id, case.message_partner_ids)
        self.assertEqual(case.activity_ids, activity)

    def test_idempotent(self):
        case = self.make_case(start=date(2026, 4, 20))
        first = self.run_alerts()
        activities = self.alert_activities(case)
        self.assertEqual(len(activities), 2)  # probleemanalyse (overdue) and plan of action
        self.assertGreaterEqual(first, 2)
        self.assertEqual(self.run_alerts(), 0)
        self.assertEqual(self.Alerts._run_alert_batch(), (0, 0))
        self.assertEqual(self.alert_activities(case), activities)

    def test_batches_continue(self):
        """A batch stops at its size; the next batch continues where it stopped."""
        cases = self.Case.browse()
        for employee in (self.employee, self.colleague):
            cases |= self.make_case(employee, start=date(2026, 4, 20))
        self.env.flush_all()
        done, remaining = self.Alerts._run_alert_batch(batch_size=3)
        self.assertEqual(done, 3)
        self.assertGreater(remaining, 0)
        done, remaining = self.Alerts._run_alert_batch(batch_size=1000)
        self.assertEqual(remaining, 0)
        self.assertEqual(len(self.Activity.search([("res_id", "in", cases.ids),
                                                   ("erm_alert_kind", "=", "deadline")])), 4)

    def test_unassigned_milestone_goes_to_escalation_contact(self):
        employee = self.env["hr.employee"].create({
            "name": "Zonder Leidinggevende", "company_id": self.company.id,
        })
        case = self.make_case(employee, start=date(2026, 5, 4))
        self.assertFalse(self.milestone(case, "probleemanalyse").responsible_user_id)
        self.run_alerts()
        self.assertEqual(self.alert_activities(case).user_id, self.user_hr)

    def test_scheduled_actions(self):
        """The scheduled actions of the data file run the job (Run manually)."""
        case = self.make_case(start=date(2026, 5, 4))
        cron = self.env.ref("erm_verzuim.ir_cron_erm_deadline_alerts")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        cron.method_direct_trigger()
        self.assertEqual(len(self.alert_activities(case)), 1)
        progress = self.env["ir.cron.progress"].search([("cron_id", "=", cron.id)],
                                                       order="id desc", limit=1)
        # the deadline activity and the case's wage-sanction check
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        digest = self.env.ref("erm_verzuim.ir_cron_erm_weekly_digest")
        self.assertEqual(digest.interval_type, "weeks")
        digest.method_direct_trigger()
        self.assertEqual(self.user_manager.erm_digest_last_sent, TODAY)

    # ------------------------------------------------------------------ update in place
    def test_update_in_place(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        activity.with_user(self.user_manager).note = "<p>Bedrijfsarts gebeld</p>"
        # the timeline moved the deadline (as _sync_chains writes it)
        self.milestone(case, "probleemanalyse").date_deadline = date(2026, 6, 15)
        self.commit_hooks()
        self.assertEqual(self.alert_activities(case), activity)
        self.assertEqual(activity.date_deadline, date(2026, 6, 15))
        self.assertIn("Bedrijfsarts gebeld", activity.note)
        # another procesbewaker: the same activity moves to him
        milestone = self.milestone(case, "probleemanalyse")
        milestone.responsible_user_id = self.user_coach
        self.commit_hooks()
        self.assertEqual(activity.user_id, self.user_coach)
        self.assertIn(self.user_coach.partner_id, case.message_partner_ids)
        self.assertIn("Bedrijfsarts gebeld", activity.note)
        self.assertEqual(self.run_alerts(), 0)
        self.assertEqual(len(self.alert_activities(case)), 1)

    def test_job_updates_what_changed_underneath(self):
        """Changes that bypassed the ORM hooks are caught by the daily job."""
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        milestone = self.milestone(case, "probleemanalyse")
        self.env.cr.execute(
            "UPDATE erm_wvp_milestone SET date_deadline = %s, responsible_user_id = %s "
            "WHERE id = %s", [date(2026, 6, 10), self.user_coach.id, milestone.id],
        )
        self.env.invalidate_all()
        self.assertEqual(self.run_alerts(), 1)
        self.assertEqual(self.alert_activities(case), activity)
        self.assertEqual(activity.date_deadline, date(2026, 6, 10))
        self.assertEqual(activity.user_id, self.user_coach)

    # ------------------------------------------------------------------ completion
    def test_milestone_done_closes_activity(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        self.milestone(case, "probleemanalyse").with_user(self.user_manager).action_mark_done()
        self.assertFalse(activity.active, "kept as done, not deleted")
        self.assertEqual(activity.date_done, TODAY)
        self.assertTrue(case.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.deadline_type
            and "Mijlpaal afgerond op 01-06-2026" in m.body
        ))
        self.run_alerts()
        self.assertEqual(len(self.alert_activities(case)), 2)
        self.assertEqual(self.alert_activities(case).filtered("active").erm_milestone_id.code,
                         "plan_van_aanpak", "now due 14 days after the problem analysis")

    def test_activity_done_marks_milestone(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        activity.with_user(self.user_manager).action_feedback(feedback="Afgerond")
        milestone = self.milestone(case, "probleemanalyse")
        self.assertEqual(milestone.date_done, TODAY)
        self.assertEqual(milestone.state, "done")
        self.assertFalse(activity.active)
        # the plan of action is now due 14 days after the problem analysis: 15 June
        self.assertEqual(self.milestone(case, "plan_van_aanpak").date_deadline, date(2026, 6, 15))
        self.run_alerts()
        plan_activity = self.alert_activities(case).filtered("active")
        self.assertEqual(plan_activity.erm_milestone_id.code, "plan_van_aanpak")

    def test_activity_done_with_date(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.alert_activities(case)
        activity.with_user(self.user_manager).with_context(
            erm_date_done=date(2026, 5, 29)
        ).action_done()
        self.assertEqual(self.milestone(case, "probleemanalyse").date_done, date(2026, 5, 29))

    def test_recovery_closes_open_activities(self):
        case = self.make_case(start=date(2026, 4, 20))
        self.run_alerts()
        activities = self.alert_activities(case)
        case.date_recovered = date(2026, 5, 30)
        self.commit_hooks()
        self.assertFalse(activities.filtered("active"))
        self.assertEqual(len(self.alert_activities(case)), 2, "nothing deleted")

    # ------------------------------------------------------------------ escalation
    def test_escalation_once(self):
        # probleemanalyse due 12 April: 50 days overdue; plan of action 26 April: 36 days
        case = self.make_case(start=date(2026, 3, 2))
        self.run_alerts()
        probleemanalyse = self.milestone(case, "probleemanalyse")
        self.assertEqual(probleemanalyse.erm_escalated_date, TODAY)
        mails = self.escalation_mails(self.user_hr.partner_id)
        self.assertEqual(len(mails), 1)
        self.assertIn(case.name, mails.body_html)
        self.assertIn("Probleemanalyse", mails.body_html)
        self.assertNotIn(self.employee.name, mails.body_html)
        note = case.message_ids.filtered(lambda m: "geëscaleerd" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(self.user_hr.name, note.body)
        # once: later runs do not escalate again
        with freeze_time("2026-06-08 10:00:00"):
            self.run_alerts()
        self.assertEqual(len(self.escalation_mails(self.user_hr.partner_id)), 1)
        self.assertEqual(probleemanalyse.erm_escalated_date, TODAY)

    def test_escalation_days_setting(self):
        self.company.erm_escalation_days = 60
        case = self.make_case(start=date(2026, 3, 2))
        self.run_alerts()
        self.assertFalse(self.milestone(case, "probleemanalyse").erm_escalated_date)
        self.assertFalse(self.escalation_mails(self.user_hr.partner_id))
        self.assertTrue(case.is_overdue, "the case shows its overdue badge")

    def test_escalation_falls_back_to_hr_advisers(self):
        self.company.erm_escalation_user_id = False
        case = self.make_case(start=date(2026, 3, 2))
        partners = self.milestone(case, "probleemanalyse")._erm_escalation_partners()
        self.assertIn(self.user_hr.partner_id, list(partners.values())[0])
        self.assertNotIn(self.user_manager.partner_id, list(partners.values())[0])

    def test_escalation_contact_per_model(self):
        """Model IV escalates to the board; in model III the HR adviser guards the process,
        so the escalation goes to another HR adviser or, failing one, the board."""
        self.company.erm_escalation_user_id = False
        Policy = self.env["erm.model.policy"]

        def contacts(model, month):
            Policy.create({
                "company_id": self.company.id, "department_id": self.department.id,
                "erm_model": model, "date_from": date(2026, month, 1),
                "coach_user_ids": [(6, 0, self.user_coach.ids)],
                "hr_user_ids": [(6, 0, self.user_hr.ids)],
            })
            case = self.make_case(start=date(2026, 3, 2))
            milestone = self.milestone(case, "probleemanalyse")
            partners = milestone._erm_escalation_partners()[milestone.id]
            case.action_archive()  # make room for the next model's case
            return case, partners

        case, partners = contacts("IV", 1)
        self.assertEqual(case.procesbewaker_user_id, self.user_coach)
        self.assertEqual(partners, self.user_board.partner_id)
        case, partners = contacts("II", 2)
        self.assertEqual(partners, self.user_hr.partner_id)
        case, partners = contacts("III", 3)
        self.assertEqual(case.procesbewaker_user_id, self.user_hr)
        self.assertNotIn(self.user_hr.partner_id, partners)
        self.assertIn(self.user_board.partner_id, partners)

    # ------------------------------------------------------------------ configuration
    def test_lead_time_per_company_and_code(self):
        Milestone = self.env["erm.wvp.milestone"]
        self.assertEqual(Milestone._lead_days(self.company, "probleemanalyse"), 14)
        self.env["erm.milestone.lead.time"].create({
            "company_id": self.company.id, "code": "probleemanalyse", "days": 5,
        })
        self.assertEqual(Milestone._lead_days(self.company, "probleemanalyse"), 5)
        self.assertEqual(Milestone._lead_days(self.company_2, "probleemanalyse"), 14)
        self.assertEqual(Milestone._lead_days(self.company, "uwv_42"), 21)
        case = self.make_case(start=date(2026, 5, 4))  # due in 13 days
        self.assertEqual(self.milestone(case, "probleemanalyse").state, "planned")
        self.run_alerts()
        self.assertFalse(self.alert_activities(case))

    def test_settings_lead_times_complete_defaults(self):
        settings = self.env["res.config.settings"].with_company(self.company).create({})
        action = settings.action_erm_lead_times()
        lines = self.env["erm.milestone.lead.time"].search(action["domain"])
        self.assertEqual(len(lines), 11)
        self.assertEqual(lines.filtered(lambda x: x.code == "uwv_42").days, 21)
        settings.action_erm_lead_times()  # again: nothing duplicated
        self.assertEqual(len(self.env["erm.milestone.lead.time"].search(action["domain"])), 11)

    # ------------------------------------------------------------------ who gets the work
    def test_responsible_user_per_model(self):
        """Models I-IV decide the regievoerder and procesbewaker (domain.md §2); the
        activity of each milestone goes to the holder of its duty. The duty holders are
        set directly on the case, not through a model policy."""
        models_ = {
            "I": (self.user_manager, self.user_manager),
            "II": (self.user_manager, self.user_coach),
            "III": (self.user_manager, self.user_hr),
            "IV": (self.user_coach, self.user_coach),
        }
        employees = self.env["hr.employee"].create([{
            "name": f"Medewerker model {name}", "company_id": self.company.id,
            "department_id": self.department.id, "parent_id": self.manager.id,
        } for name in models_])
        for employee, (name, (regievoerder, procesbewaker)) in zip(
                employees, models_.items(), strict=True):
            with self.subTest(model=name):
                # probleemanalyse due 31 May (procesbewaker), plan of action 14 June
                # (regievoerder): both within their lead time
                case = self.make_case(employee, start=date(2026, 4, 20))
                case.write({"regievoerder_user_id": regievoerder.id,
                            "procesbewaker_user_id": procesbewaker.id})
                case._recompute_wvp()
                self.run_alerts()
                activities = self.alert_activities(case)
                by_code = {a.erm_milestone_id.code: a.user_id for a in activities}
                self.assertEqual(by_code["probleemanalyse"], procesbewaker)
                self.assertEqual(by_code["plan_van_aanpak"], regievoerder)

    def test_multi_company_today_and_settings(self):
        """Each company uses its own time zone (today) and lead times."""
        # 10:00 UTC on 1 June is already 2 June in Kiritimati (UTC+14)
        self.company_2.resource_calendar_id.tz = "Pacific/Kiritimati"
        self.company_2.erm_escalation_user_id = self.user_coach
        # probleemanalyse on 16 June: 15 days ahead in Amsterdam, 14 in Kiritimati
        start = date(2026, 6, 16) - timedelta(days=41)
        case_1 = self.make_case(self.colleague, start=start)
        case_2 = self.make_case(self.other_employee, start=start)
        self.assertEqual(case_2.company_id, self.company_2)
        self.run_alerts()
        self.assertFalse(self.alert_activities(case_1))
        activity = self.alert_activities(case_2)
        self.assertEqual(activity.erm_milestone_id.code, "probleemanalyse")
        # no manager in company 2: the company's own escalation contact gets it
        self.assertEqual(activity.user_id, self.user_coach)
        # lead time of company 1 only
        self.env["erm.milestone.lead.time"].create({
            "company_id": self.company.id, "code": "probleemanalyse", "days": 20,
        })
        self.run_alerts()
        self.assertEqual(len(self.alert_activities(case_1)), 1)

    # ------------------------------------------------------------------ signals
    def test_frequent_absence_signal(self):
        self.make_case(start=date(2025, 9, 1), recovered=date(2025, 9, 5))
        self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 9))
        case = self.make_case(start=date(2026, 5, 25))
        self.assertTrue(case.frequent_absence)
        self.run_alerts()
        signal = self.alert_activities(case, kind="frequent_absence")
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.activity_type_id, self.frequent_type)
        self.assertEqual(signal.user_id, self.user_manager)  # the regievoerder
        self.assertIn("gesprek", signal.summary)
        self.assertIn("nooit een sanctie", signal.note)
        self.assertEqual(signal.date_deadline, TODAY + timedelta(days=14))
        self.assertEqual(case.erm_frequent_signal_date, TODAY)
        # once: done or cancelled, it does not come back within the window
        signal.action_feedback()
        self.run_alerts()
        self.assertFalse(self.alert_activities(case, "frequent_absence").filtered("active"))
        employee_cases = self.Case.search([("employee_id", "=", self.employee.id)])
        self.assertEqual(len(employee_cases), 3)
        signals = self.Activity.search([("erm_alert_kind", "=", "frequent_absence"),
                                        ("res_id", "in", employee_cases.ids)])
        self.assertEqual(signals, signal, "one signal per employee, not one per case")

    def test_vangnet_deadline(self):
        case = self.make_case(start=date(2026, 5, 25), vangnet=True,
                              vangnet_regime="fourth_day")
        self.run_alerts()
        activity = self.alert_activities(case).filtered(
            lambda a: a.erm_milestone_id.code == "uwv_vangnet"
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, "Doe de vangnetmelding bij UWV")
        self.assertEqual(activity.date_deadline, self.milestone(case, "uwv_vangnet").date_deadline)

    # ------------------------------------------------------------------ weekly digest
    def test_weekly_digest(self):
        case = self.make_case(start=date(2026, 4, 20))
        self.user_coach.erm_deadline_digest = False
        self.env["erm.wvp.milestone"].search([("case_id", "=", case.id)]).filtered(
            lambda m: m.code == "plan_van_aanpak"
        ).responsible_user_id = self.user_coach
        self.env.flush_all()
        done, remaining = self.Alerts._run_digest_batch()
        self.assertEqual(remaining, 0)
        Mail = self.env["mail.mail"]
        digest = Mail.search([("subject", "=", "Verzuim: uw termijnen voor de komende twee weken")])
        self.assertEqual(digest.recipient_ids, self.user_manager.partner_id)
        self.assertIn(case.name, digest.body_html)
        self.assertIn(self.employee.name, digest.body_html)
        self.assertIn("Probleemanalyse", digest.body_html)
        self.assertIn("verlopen", digest.body_html)
        self.assertNotIn("Plan van aanpak", digest.body_html, "the coach's, who opted out")
        board = Mail.search([("subject", "=", "Verzuim: weekoverzicht in cijfers")])
        self.assertEqual(board.recipient_ids, self.user_board.partner_id)
        self.assertIn(self.company.name, board.body_html)
        self.assertNotIn(case.name, board.body_html, "the board sees counts only")
        self.assertNotIn(self.employee.name, board.body_html)
        self.assertEqual(self.user_manager.erm_digest_last_sent, TODAY)
        # the same week: nothing again; the next week: again
        self.assertEqual(self.Alerts._run_digest_batch(), (0, 0))
        with freeze_time("2026-06-08 10:00:00"):
            done, _remaining = self.Alerts._run_digest_batch()
        self.assertGreaterEqual(done, 2)

    def test_digest_preference_self_service(self):
        user = self.user_manager.with_user(self.user_manager)
        self.assertTrue(user.erm_deadline_digest)
        user.write({"erm_deadline_digest": False})
        self.assertFalse(self.user_manager.erm_deadline_digest)
        self.assertIn("erm_deadline_digest", user.SELF_WRITEABLE_FIELDS)
        view = self.env.ref("erm_verzuim.res_users_view_form_preferences_erm")
        self.assertIn("erm_deadline_digest", view.arch)

    # ------------------------------------------------------------------ queries
    def test_query_count_does_not_grow(self):
        """The same number of queries for 10 and for 100 cases (one batch each)."""
        employees = self.env["hr.employee"].create([{
            "name": f"Medewerker {n:03d}", "company_id": self.company.id,
            "department_id": self.department.id, "parent_id": self.manager.id,
        } for n in range(111)])
        # identical shapes: problem analysis done on time (28 April), plan of action due
        # 12 May and 20 days overdue: one activity and one escalation per case, the first
        # evaluation (23 June) not due yet. 100 rows fit in one ORM insert batch.
        start = date(2026, 3, 18)

        def measure(batch):
            cases = self.Case.create([{"employee_id": e.id, "date_start": start}
                                      for e in batch])
            cases.milestone_ids.filtered(lambda m: m.code == "probleemanalyse").write(
                {"date_done": date(2026, 4, 28)}
            )
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            done = self.Alerts._run_deadline_alerts()
            return done, self.env.cr.sql_log_count - before

        # + one "interventions too late" signal per case (week 11), + its wage-sanction check
        self.assertEqual(measure(employees[:1])[0], 4)  # warms the registry caches
        done_10, queries_10 = measure(employees[1:11])
        done_100, queries_100 = measure(employees[11:111])
        self.assertEqual((done_10, done_100), (40, 400))
        self.assertEqual(queries_10, queries_100)


@tagged("post_install", "-at_install", "erm_alerts")
class TestDeadlineAlertsConcurrency(TransactionCase):
    """Two workers (two database connections) run the job at the same moment, on committed
    data: no duplicate activity, whatever the interleaving."""

    def setUp(self):
        super().setUp()
        today = fields.Date.context_today(self.env.user)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {
                "tracking_disable": True, "erm_skip_time_off": True,
            })
            company = env["res.company"].create({"name": "Race Test B.V."})
            user = new_test_user(env, login="erm_race_manager", company_id=company.id,
                                 company_ids=[(6, 0, company.ids)],
                                 groups="erm_verzuim.group_erm_manager")
            manager = env["hr.employee"].create({
                "name": "Race Manager", "company_id": company.id, "user_id": user.id,
            })
            employees = env["hr.employee"].create([{
                "name": f"Race Medewerker {n}", "company_id": company.id,
                "parent_id": manager.id,
            } for n in range(3)])
            # probleemanalyse due in 6 days: one activity per case, nothing to escalate
            cases = env["erm.absence.case"].create([{
                "employee_id": e.id, "date_start": today - timedelta(days=35),
            } for e in employees])
            self.ids = {"company": company.id, "user": user.id, "cases": cases.ids,
                        "employees": (employees | manager).ids}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            cases = env["erm.absence.case"].browse(self.ids["cases"])
            env["mail.activity"].search([("res_model", "=", "erm.absence.case"),
                                         ("res_id", "in", cases.ids)]).unlink()
            cases.unlink()
            env["hr.employee"].browse(self.ids["employees"]).unlink()
            user = env["res.users"].browse(self.ids["user"])
            partner = user.partner_id
            user.unlink()
            partner.unlink()
            cr.execute("DELETE FROM res_company WHERE id = %s", [self.ids["company"]])

    def count_activities(self, cr):
        cr.execute("""
            SELECT a.erm_milestone_id, count(*) FROM mail_activity a
             WHERE a.res_model = 'erm.absence.case' AND a.res_id IN %s
               AND a.erm_milestone_id IS NOT NULL AND a.active
             GROUP BY a.erm_milestone_id
        """, [tuple(self.ids["cases"])])
        return dict(cr.fetchall())

    def test_two_workers(self):
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            worker_a = api.Environment(cr_a, SUPERUSER_ID, {})["erm.alert.manager"]
            worker_b = api.Environment(cr_b, SUPERUSER_ID, {})["erm.alert.manager"]
            # B's transaction starts first: its snapshot predates A's commit (REPEATABLE READ)
            cr_b.execute("SELECT 1")
            done_a, remaining_a = worker_a._run_alert_batch()
            # three deadlines, and the wage-sanction check of the three cases
            self.assertEqual((done_a, remaining_a), (6, 0))
            # A has not committed: B cannot get the batch lock and does nothing
            self.assertEqual(worker_b._run_alert_batch(), (0, 0))
            cr_a.commit()
            # A committed and released the lock; B, on its old snapshot, does not see A's
            # activities and tries to create them again: the unique index refuses, B's batch
            # is rolled back and reports the work as still to do
            done_b, remaining_b = worker_b._run_alert_batch()
            self.assertEqual(done_b, 0)
            self.assertEqual(remaining_b, 3 + 3)  # the checks too: A stored them
            cr_b.commit()
            # the next run of B, on a fresh snapshot, finds nothing to do
            self.assertEqual(worker_b._run_alert_batch(), (0, 0))
            cr_b.commit()
            counts = self.count_activities(cr_a)
            self.assertEqual(len(counts), 3)
            self.assertEqual(set(counts.values()), {1})
        finally:
            cr_a.rollback()
            cr_a.close()
            cr_b.rollback()
            cr_b.close()
