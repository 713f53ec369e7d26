# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The preconditions checklist per company (domain.md §2): shipped data, readiness
score, automatic evidence, the review activity, bad input and access per role."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import ErmTestCommon

# The factsheet's preconditions, in its order.
CODES = [
    "vision", "tbv", "shared_language", "work_agreements", "partners", "procedures",
    "facilitated", "multi_year_policy", "provider_network", "trust", "budget", "competences",
    "equipped", "professionals", "quarterly_review", "absence_system", "ba_agenda",
    "consultation_location", "co_financing",
]


class TestPrecondition(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Precondition = cls.env["erm.precondition"]
        cls.lines = cls.Precondition.search([("company_id", "=", cls.company.id)])

    def line(self, code, company=None):
        return self.Precondition.search([
            ("company_id", "=", (company or self.company).id), ("code", "=", code),
        ])

    def test_checklist_complete_per_company(self):
        self.assertEqual(self.lines.mapped("code"), CODES)
        for company in self.env["res.company"].search([]):
            lines = self.Precondition.search([("company_id", "=", company.id)])
            self.assertEqual(lines.mapped("code"), CODES, company.name)
        self.assertTrue(all(self.lines.mapped("name")))
        self.assertEqual(set(self.lines.mapped("state")), {"not_started"})
        # a new company gets its checklist at once; asking again creates nothing
        company = self.env["res.company"].create({"name": "Nieuw B.V."})
        lines = self.Precondition.search([("company_id", "=", company.id)])
        self.assertEqual(lines.mapped("code"), CODES)
        self.assertFalse(self.Precondition._erm_ensure_lines(company))
        # an archived line is not created again either
        lines[0].active = False
        self.assertFalse(self.Precondition._erm_ensure_lines())

    def test_dutch_names(self):
        line = self.line("provider_network").with_context(lang="nl_NL")
        if not self.env["res.lang"]._lang_get("nl_NL").active:
            self.skipTest("Dutch not loaded")
        self.assertNotEqual(line.name, self.line("provider_network").name)

    def test_readiness_score(self):
        Precondition = self.Precondition
        self.assertEqual(Precondition._erm_readiness(self.company)[self.company.id], {
            "in_place": 0, "applicable": 19, "score": 0.0,
        })
        self.lines[:6].state = "in_place"
        self.lines[6:9].write({"state": "not_applicable", "reason_not_applicable": "Klein"})
        self.lines[9].state = "in_progress"
        readiness = Precondition._erm_readiness(self.company | self.company_2)
        self.assertEqual(readiness[self.company.id], {
            "in_place": 6, "applicable": 16, "score": 37.5,
        })
        self.assertEqual(readiness[self.company_2.id]["score"], 0.0)
        settings = self.env["res.config.settings"].with_company(self.company).create({})
        self.assertEqual(settings.erm_precondition_readiness, 37.5)
        self.assertIn("6", settings.erm_precondition_counts)
        # the dashboard card, for HR and the board only
        kpi = self.env["erm.kpi"] if "erm.kpi" in self.env else None
        if kpi is not None:
            self.assertEqual(
                kpi.with_user(self.user_hr)._erm_readiness(self.company)["score"], 37.5,
            )
            self.assertEqual(
                kpi.with_user(self.user_board)._erm_readiness(self.company)["score"], 37.5,
            )
            self.assertFalse(kpi.with_user(self.user_manager)._erm_readiness(self.company))
            data = kpi.with_user(self.user_hr).with_company(self.company).dashboard_data(
                company_id=self.company.id,
            )
            self.assertEqual(data["readiness"]["in_place"], 6)

    def test_auto_evidence(self):
        line = self.line("tbv")
        self.assertFalse(line.has_auto_evidence)
        self.env["erm.model.policy"].create({
            "company_id": self.company.id, "erm_model": "III", "date_from": date(2026, 1, 1),
            "hr_user_ids": [(6, 0, self.user_hr.ids)],
        })
        line.invalidate_recordset(["auto_evidence", "has_auto_evidence"])
        self.assertTrue(line.has_auto_evidence)
        self.assertIn("III", line.auto_evidence)
        self.assertFalse(self.line("tbv", self.company_2).has_auto_evidence)
        # the deadline alerts and the absence system are proven for every company
        evidence = self.Precondition._erm_auto_evidence(self.company | self.company_2)
        for company in self.company | self.company_2:
            self.assertIn((company.id, "procedures"), evidence)
            self.assertIn((company.id, "absence_system"), evidence)
        self.assertNotIn((self.company.id, "vision"), evidence)
        self.assertTrue(self.line("tbv").has_evidence_action)
        self.assertEqual(self.line("tbv").action_open_evidence()["res_model"],
                         "erm.model.policy")
        self.assertFalse(self.line("vision").has_evidence_action)
        if "erm.spreekuur.location" in self.env:
            partner = self.company.partner_id
            self.env["erm.spreekuur.location"].create({
                "name": "Kamer 1", "company_id": self.company.id, "partner_id": partner.id,
            })
            evidence = self.Precondition._erm_auto_evidence(self.company)
            self.assertIn((self.company.id, "consultation_location"), evidence)

    def test_review_activity_once(self):
        line = self.line("vision")
        line.write({"owner_id": self.user_hr.id, "date_review": date(2026, 5, 1)})
        self.line("trust").write({"date_review": date(2026, 5, 1)})  # no owner: nothing
        Activity = self.env["mail.activity"]
        with freeze_time("2026-05-01"):
            self.Precondition._cron_review_activities()
        self.assertFalse(Activity.search([("res_model", "=", "erm.precondition")]))
        with freeze_time("2026-05-02"):
            self.Precondition._cron_review_activities()
            self.Precondition._cron_review_activities()
        activities = Activity.search([("res_model", "=", "erm.precondition")])
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.res_id, line.id)
        self.assertEqual(activities.user_id, self.user_hr)
        # done, and the job runs again: still once; a new review date gets its own
        activities.action_feedback(feedback="Besproken")
        with freeze_time("2026-05-03"):
            self.Precondition._cron_review_activities()
        self.assertFalse(Activity.search([("res_model", "=", "erm.precondition")]))
        line.date_review = date(2026, 5, 1)  # the same date again: no new activity
        with freeze_time("2026-05-04"):
            self.Precondition._cron_review_activities()
        self.assertFalse(Activity.search([("res_model", "=", "erm.precondition")]))
        line.date_review = date(2026, 6, 1)
        with freeze_time("2026-06-02"):
            self.Precondition._cron_review_activities()
        self.assertEqual(Activity.search_count([("res_model", "=", "erm.precondition")]), 1)

    def test_not_applicable_needs_reason(self):
        line = self.line("budget").with_context(lang="nl_NL")
        with self.assertRaises(ValidationError) as error:
            line.state = "not_applicable"
        if self.env["res.lang"]._lang_get("nl_NL").active:
            self.assertIn("reden", str(error.exception))
        line.write({"state": "not_applicable", "reason_not_applicable": "Geen budget in de lijn"})
        self.assertEqual(line.state, "not_applicable")

    def test_never_deleted(self):
        line = self.line("trust")
        with self.assertRaises(AccessError):
            line.with_user(self.user_admin).unlink()
        line.with_user(self.user_admin).active = False
        self.assertFalse(line.active)

    def test_access_per_role(self):
        line = self.line("vision")
        line.owner_id = self.user_manager
        other = self.line("trust")
        # HR and the administrator write every line of their companies
        for user in (self.user_hr, self.user_admin):
            line.with_user(user).note = "<p>Visie vastgesteld</p>"
            other.with_user(user).state = "in_progress"
        # the board reads, never writes
        board = self.Precondition.with_user(self.user_board)
        self.assertEqual(len(board.search([("company_id", "=", self.company.id)])), 19)
        with self.assertRaises(AccessError):
            other.with_user(self.user_board).state = "in_place"
        # an owner reads and writes his own line, nothing else
        manager = self.Precondition.with_user(self.user_manager)
        self.assertEqual(manager.search([]), line)
        line.with_user(self.user_manager).state = "in_place"
        with self.assertRaises(AccessError):
            other.with_user(self.user_manager).read(["state"])
        # other roles see nothing
        for user in (self.user_employee, self.user_coach, self.user_doctor):
            self.assertFalse(self.Precondition.with_user(user).search([]))
        with self.assertRaises(AccessError):
            line.with_user(self.user_hr).unlink()
