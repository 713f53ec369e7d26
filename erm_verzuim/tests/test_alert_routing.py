# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deadline alerts: nobody's deadline is dropped (fallback assignees), texts in
the recipient's language, the batched policy job, the cron file and the indexes."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import ErmTestCommon

TODAY = date(2026, 6, 1)  # a Monday


@tagged("post_install", "-at_install", "erm_alerts")
@freeze_time("2026-06-01 10:00:00")
class TestAlertRouting(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Alerts = cls.env["erm.alert.manager"]
        cls.Activity = cls.env["mail.activity"].with_context(active_test=False)
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        # both languages installed (the test database may have only Dutch active)
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.user_manager.lang = "nl_NL"
        cls.user_coach.lang = "en_US"
        cls.user_hr_2 = new_test_user(
            cls.env, login="erm_hr_2", groups="erm_verzuim.group_erm_hr",
            company_id=cls.company.id, company_ids=[(6, 0, cls.company.ids)],
            name="Second Adviser",
        )
        cls.orphan = cls.env["hr.employee"].create({
            "name": "Zonder Leidinggevende", "company_id": cls.company.id,
        })

    def run_alerts(self):
        self.env.flush_all()
        return self.Alerts._run_deadline_alerts()

    def deadline_activity(self, case, code="probleemanalyse"):
        return self.Activity.search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", "deadline"), ("erm_milestone_id.code", "=", code),
        ])

    def assignee_of_orphan_case(self):
        # probleemanalyse due 14 June: within its lead time
        case = self.make_case(self.orphan, start=date(2026, 5, 4))
        milestone = case.milestone_ids.filtered(lambda m: m.code == "probleemanalyse")
        self.assertFalse(milestone.responsible_user_id, "nobody holds the duty")
        self.run_alerts()
        activity = self.deadline_activity(case)
        self.assertEqual(len(activity), 1, "the deadline is not dropped")
        # whoever gets it can open the case
        case.with_user(activity.user_id).check_access("read")
        return activity.user_id

    # ------------------------------------------------------------------ fallback levels
    def test_fallback_1_escalation_contact(self):
        self.company.erm_escalation_user_id = self.user_hr_2
        self.assertEqual(self.assignee_of_orphan_case(), self.user_hr_2)

    def test_fallback_2_policy_hr_advisers(self):
        """No (active) escalation contact: the HR adviser of the case's ERM policy."""
        self.company.erm_escalation_user_id = self.user_board
        self.user_board.active = False  # an archived contact counts as none
        self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": "I", "date_from": date(2026, 1, 1),
            "hr_user_ids": [(6, 0, self.user_hr_2.ids)],
        })
        self.assertEqual(self.assignee_of_orphan_case(), self.user_hr_2)

    def test_fallback_3_company_hr_adviser(self):
        """No contact, no policy: the company's first HR adviser (not an administrator)."""
        self.company.erm_escalation_user_id = False
        self.assertLess(self.user_hr.id, self.user_hr_2.id)
        self.assertEqual(self.assignee_of_orphan_case(), self.user_hr)

    def test_fallback_4_administrator(self):
        """A company without HR advisers: its Verzuim administrator."""
        company = self.env["res.company"].create({"name": "Kleinzorg B.V."})
        company.resource_calendar_id.tz = "Europe/Amsterdam"
        admin = new_test_user(
            self.env, login="erm_admin_3", groups="erm_verzuim.group_erm_admin",
            company_id=company.id, company_ids=[(6, 0, company.ids)],
        )
        self.assertEqual(self.Alerts._company_fallback_users()[company.id], admin.id)
        employee = self.env["hr.employee"].create({"name": "Alleen", "company_id": company.id})
        case = self.make_case(employee, start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.deadline_activity(case)
        self.assertEqual(activity.user_id, admin)
        case.with_user(admin).check_access("read")

    def test_archived_duty_holder_goes_to_fallback(self):
        self.company.erm_escalation_user_id = self.user_hr_2
        case = self.make_case(start=date(2026, 5, 4))
        self.user_manager.active = False
        self.run_alerts()
        self.assertEqual(self.deadline_activity(case).user_id, self.user_hr_2)

    # ------------------------------------------------------------------ languages
    def test_texts_in_the_recipients_language(self):
        """A Dutch and an English assignee each get the summary and the completion note in
        their own language, with the date in their locale."""
        dutch = self.make_case(start=date(2026, 5, 4))
        english = self.make_case(self.colleague, start=date(2026, 5, 4))
        english.write({"procesbewaker_user_id": self.user_coach.id})
        english._recompute_wvp()
        self.run_alerts()
        nl_activity, en_activity = self.deadline_activity(dutch), self.deadline_activity(english)
        self.assertEqual(nl_activity.user_id, self.user_manager)
        self.assertEqual(en_activity.user_id, self.user_coach)
        self.assertEqual(nl_activity.summary, "Laat de bedrijfsarts de probleemanalyse opstellen")
        self.assertEqual(en_activity.summary,
                         "Have the company doctor draw up the problem analysis")
        (dutch | english).milestone_ids.filtered(
            lambda m: m.code == "probleemanalyse").action_mark_done()
        self.assertIn("Mijlpaal afgerond op 01-06-2026", dutch.message_ids[0].body)
        self.assertIn("Milestone completed on 06/01/2026", english.message_ids[0].body)

    def test_reassigned_activity_follows_the_new_language(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.run_alerts()
        activity = self.deadline_activity(case)
        self.assertIn("bedrijfsarts", activity.summary)
        case.milestone_ids.filtered(
            lambda m: m.code == "probleemanalyse").responsible_user_id = self.user_coach
        self.env.cr.flush()  # the commit-time sync
        self.assertEqual(activity.user_id, self.user_coach)
        self.assertEqual(activity.summary, "Have the company doctor draw up the problem analysis")

    def test_escalation_mail_and_note_languages(self):
        """The escalation e-mail in the contact's language, the chatter note in the
        company's language."""
        self.user_hr_2.lang = "en_US"
        self.company.erm_escalation_user_id = self.user_hr_2
        self.company.partner_id.lang = "nl_NL"
        case = self.make_case(start=date(2026, 3, 2))  # probleemanalyse due 12 April
        self.run_alerts()
        mail = self.env["mail.mail"].search([
            ("recipient_ids", "in", self.user_hr_2.partner_id.ids),
        ]).filtered(lambda m: case.name in m.body_html)
        self.assertEqual(len(mail), 1)
        self.assertIn("Problem analysis", mail.body_html)
        self.assertIn("04/12/2026", mail.body_html)
        self.assertEqual(mail.subject, "Verzuim: overdue deadlines escalated")
        note = case.message_ids.filtered(lambda m: "geëscaleerd" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("12-04-2026", note.body)

    def test_digest_in_the_users_language(self):
        self.user_manager.lang = "en_US"
        case = self.make_case(start=date(2026, 4, 20))
        self.env.flush_all()
        self.Alerts._run_digest_batch()
        digest = self.env["mail.mail"].search([
            ("recipient_ids", "in", self.user_manager.partner_id.ids),
        ]).filtered(lambda m: case.name in (m.body_html or ""))
        self.assertEqual(len(digest), 1)
        self.assertIn("Problem analysis", digest.body_html)
        self.assertIn("05/31/2026", digest.body_html)
        self.assertIn("overdue", digest.body_html)

    # ------------------------------------------------------------------ batch positions
    def test_batches_continue_from_their_position(self):
        """Each batch continues after the last item of the previous one; a finished run
        leaves no position, and the position of another day is ignored."""
        Param = self.env["ir.config_parameter"]
        key = "erm_verzuim.deadline_alerts_position"
        cases = self.Case.browse()
        for employee in (self.employee, self.colleague):
            cases |= self.make_case(employee, start=date(2026, 4, 20))
        self.env.flush_all()
        self.assertEqual(self.Alerts._run_alert_batch(batch_size=3)[0], 3)
        self.assertIn("create", Param.get_param(key))
        done, remaining = self.Alerts._run_alert_batch(batch_size=1000)
        self.assertGreaterEqual(done, 1)
        self.assertEqual(remaining, 0)
        self.assertFalse(Param.get_param(key), "a finished run starts over next time")
        activities = self.Activity.search([("res_id", "in", cases.ids),
                                           ("erm_alert_kind", "=", "deadline")])
        self.assertEqual(len(activities), 4)
        # a stale position (yesterday's, far ahead) does not hide today's work
        activities.unlink()
        Param.set_param(key, '{"create": ["2999-01-01", 1], "day": "2026-05-31"}')
        self.assertEqual(self.run_alerts(), 4)

    # ------------------------------------------------------------------ policy job
    def test_policy_job_in_batches(self):
        """The daily policy job handles a batch per call, continues where it stopped and
        reaches every open case."""
        employees = self.env["hr.employee"].create([{
            "name": f"Medewerker {n}", "company_id": self.company.id,
            "department_id": self.department.id, "parent_id": self.manager.id,
        } for n in range(5)])
        cases = self.Case.create([{"employee_id": e.id, "date_start": date(2026, 5, 4)}
                                  for e in employees])
        self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": "IV", "date_from": date(2026, 7, 1),
            "coach_user_ids": [(6, 0, self.user_coach.ids)],
        })
        self.assertEqual(set(cases.mapped("erm_model")), {"I"})
        Policy = self.env["erm.model.policy"]
        with freeze_time("2026-07-01 10:00:00"):
            calls = []
            for _i in range(10):
                done, remaining = Policy._cron_apply_policies(batch_size=2)
                calls.append((done, remaining))
                if not remaining:
                    break
            self.assertEqual([done for done, _r in calls], [2, 2, 1])
            self.assertEqual(calls[-1][1], 0)
            self.assertEqual(set(cases.mapped("erm_model")), {"IV"})
            self.assertEqual(set(cases.mapped("regievoerder_user_id")), {self.user_coach})
            # a finished run starts over when called again
            self.assertEqual(Policy._cron_apply_policies(batch_size=2)[0], 2)
        # a marker of another day is stale: the run starts over
        self.env["ir.config_parameter"].set_param(
            "erm_verzuim.apply_policies_marker", f"2026-06-30:{cases[-1].id}")
        self.assertEqual(Policy._cron_apply_policies(batch_size=100), (5, 0))

    def test_crons_in_one_file(self):
        for xmlid in ("ir_cron_erm_deadline_alerts", "ir_cron_erm_weekly_digest",
                      "ir_cron_erm_apply_policies", "ir_cron_erm_retention_review"):
            data = self.env["ir.model.data"].search([
                ("module", "=", "erm_verzuim"), ("name", "=", xmlid)])
            self.assertEqual(data.model, "ir.cron", xmlid)

    def test_indexes(self):
        self.env.cr.execute("""
            SELECT indexname, indexdef FROM pg_indexes
             WHERE indexname IN ('erm_wvp_milestone_open_company_code_idx',
                                 'erm_access_log_user_case_date_idx')
        """)
        indexes = dict(self.env.cr.fetchall())
        self.assertIn("(company_id, code, date_deadline)",
                      indexes["erm_wvp_milestone_open_company_code_idx"])
        self.assertIn("WHERE", indexes["erm_wvp_milestone_open_company_code_idx"])
        self.assertIn("(user_id, case_id, date DESC)",
                      indexes["erm_access_log_user_case_date_idx"])
