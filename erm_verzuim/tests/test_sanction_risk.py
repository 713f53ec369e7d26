# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The stored wage-sanction risk (erm.sanction.risk): the result and its Dutch reasons, the
daily job's step, the one activity of a red file, who may read it, the quarterly review's
count, and the versions of the WvP timeline as data (erm.wvp.rule.set)."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..engine import milestones
from .common import ErmTestCommon


@tagged("post_install", "-at_install", "erm_sanction_risk")
@freeze_time("2026-06-01 10:00:00")
class TestSanctionRisk(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Risk = cls.env["erm.sanction.risk"]
        (cls.user_hr | cls.user_coach | cls.user_manager).lang = "nl_NL"
        cls.company.partner_id.lang = "nl_NL"

    def make_guarded_case(self, start=date(2026, 1, 5), **vals):
        """A case the manager directs and the coach guards (model II)."""
        case = self.make_case(start=start, **vals)
        case.write({"regievoerder_user_id": self.user_manager.id,
                    "procesbewaker_user_id": self.user_coach.id})
        case._recompute_wvp()
        return case

    def risk_of(self, case):
        return self.Risk.search([("case_id", "=", case.id)])

    def red_activities(self, case):
        return self.env["mail.activity"].search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", "sanction_risk"),
        ])

    # ------------------------------------------------------------------ result
    def test_stored_result_with_dutch_reasons(self):
        case = self.make_guarded_case()  # week 22, nothing done: analysis and plan missing
        record = self.Risk._refresh_cases(case)
        self.assertEqual(record.level, "rood")
        self.assertEqual(record.date_checked, date(2026, 6, 1))
        self.assertEqual(record.rule_version, 1)
        line = record.line_ids.filtered(lambda item: item.code == "probleemanalyse")
        self.assertEqual((line.status, line.level), ("missing", "rood"))
        self.assertEqual(line.date_due, date(2026, 2, 15))
        dutch = record.with_user(self.user_hr).with_context(lang="nl_NL")
        self.assertIn("Probleemanalyse", dutch.reasons)
        self.assertIn("Ontbreekt: uiterlijk 15-02-2026.", dutch.reasons)
        self.assertIn("art. 38", " ".join(dutch.line_ids.mapped("legal_source")))
        # done on time afterwards: the lines follow, nothing duplicated
        self.env["erm.wvp.milestone"].search([
            ("case_id", "=", case.id), ("code", "in", ("probleemanalyse", "plan_van_aanpak")),
        ]).write({"date_done": date(2026, 2, 10)})
        self.Risk._refresh_cases(case)
        self.assertEqual(len(record.line_ids.filtered(
            lambda item: item.code == "probleemanalyse")), 1)
        self.assertEqual(line.status, "ok")

    def test_daily_job_checks_open_cases(self):
        case = self.make_guarded_case()
        closed = self.make_case(self.colleague, start=date(2026, 3, 2),
                                recovered=date(2026, 3, 9))
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        self.assertEqual(self.risk_of(case).level, "rood")
        self.assertFalse(self.risk_of(closed))

    def test_red_gives_one_activity(self):
        case = self.make_guarded_case()
        self.Risk._refresh_cases(case)
        activity = self.red_activities(case)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_coach)
        self.assertIn("Loonsanctierisico", activity.summary)
        # checked again, by the job and on demand: still one
        self.Risk._refresh_cases(case)
        self.env.flush_all()
        self.env["erm.alert.manager"]._run_deadline_alerts()
        case.with_user(self.user_coach).action_erm_sanction_risk()
        self.assertEqual(len(self.red_activities(case)), 1)

    def test_only_hr_and_the_process_guardian_read_it(self):
        case = self.make_guarded_case()
        record = self.Risk._refresh_cases(case)
        for user in (self.user_hr, self.user_coach):
            self.assertEqual(self.Risk.with_user(user).search([("case_id", "=", case.id)]),
                             record)
            self.assertTrue(record.line_ids.with_user(user).read(["message"]))
        for user in (self.user_manager, self.user_employee, self.user_doctor):
            self.assertFalse(self.Risk.with_user(user).search([]))
            with self.assertRaises(AccessError):
                record.with_user(user).read(["level"])
            with self.assertRaises(AccessError):
                record.line_ids[:1].with_user(user).read(["message"])
        # the manager cannot get there through the case's button either
        with self.assertRaises(AccessError):
            case.with_user(self.user_manager).action_erm_sanction_risk()

    def test_check_now_opens_the_result(self):
        case = self.make_guarded_case()
        action = case.with_user(self.user_coach).action_erm_sanction_risk()
        self.assertEqual(action["res_model"], "erm.sanction.risk")
        self.assertEqual(action["res_id"], self.risk_of(case).id)

    def test_review_agenda_counts_per_level(self):
        self.env["hr.employee"].create([
            {"name": f"Medewerker {index}", "company_id": self.company.id}
            for index in range(6)
        ])
        case = self.make_guarded_case()
        self.Risk._refresh_cases(case)
        review = self.env["erm.stakeholder.review"].create({
            "company_id": self.company.id, "date_quarter_start": date(2026, 7, 1),
            "participant_user_ids": [(6, 0, (self.user_hr | self.user_board).ids)],
        })
        review.with_user(self.user_hr).action_make_agenda()
        section = review.snapshot["sections"]["sanction_risk"]
        self.assertEqual(section["rows"][0], ["Rood", 1])
        self.assertEqual([row[1] for row in section["rows"]], [1, 0, 0])


@tagged("post_install", "-at_install", "erm_sanction_risk")
class TestWvpRuleSets(ErmTestCommon):
    def test_seed_is_the_engine_table(self):
        set_1 = self.env.ref("erm_verzuim.erm_wvp_rule_set_1")
        self.assertEqual(set_1.version, 1)
        (engine_set,) = [s for s in self.env["erm.wvp.rule.set"]._engine_rule_sets()
                         if s.version == 1]
        self.assertEqual(engine_set.rules, milestones.MILESTONES)
        private = set_1.rule_ids.filtered("private").mapped("code")
        self.assertEqual(set(private), set(milestones.PRIVATE_CODES))

    def test_two_sets_side_by_side(self):
        set_1 = self.env.ref("erm_verzuim.erm_wvp_rule_set_1")
        set_2 = set_1.copy({"name": "Eenvoudiger poortwachter", "version": 2,
                            "date_start": date(2026, 3, 1)})
        set_2.rule_ids.filtered(lambda rule: rule.code == "plan_van_aanpak").offset = 10
        before = self.make_case(start=date(2026, 2, 2))
        after = self.make_case(self.colleague, start=date(2026, 3, 2))
        (before | after)._recompute_wvp()
        self.assertEqual(self.deadlines(before)[("plan_van_aanpak", 0)], date(2026, 3, 29))
        self.assertEqual(self.deadlines(after)[("plan_van_aanpak", 0)], date(2026, 5, 10))
        records = self.env["erm.sanction.risk"]._refresh_cases(before | after)
        self.assertEqual(records.mapped("rule_version"), [1, 2])
