# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Provider network and interventions (domain.md §7): the catalogue's access,
approval limits and activities, the "interventions too late" signal, bad input, need-to-know."""

from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ErmTestCommon

ROLES = ("employee", "manager", "coach", "hr", "doctor", "board", "admin")


@tagged("post_install", "-at_install", "erm_interventions")
@freeze_time("2026-06-01 10:00:00")
class TestInterventions(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Provider = cls.env["erm.provider"]
        cls.provider = cls.Provider.with_user(cls.user_hr).create({
            "name": "Psychologenpraktijk De Linde", "kind": "psycholoog",
            "email": "info@delinde.example",
            "service_ids": [(0, 0, {"name": "Kortdurende begeleiding", "phase": "absence",
                                    "price": 950.0, "price_unit": "trajectory"})],
        })
        cls.service = cls.provider.service_ids
        cls.Intervention = cls.env["erm.intervention"]
        cls.approval_type = cls.env.ref(
            "erm_verzuim.mail_activity_type_erm_intervention_approval")
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        cls.user_hr.lang = "nl_NL"

    def user(self, role):
        return getattr(self, f"user_{role}")

    def propose(self, cost, user=None, case=None, lang="en_US", **vals):
        case = case or self.make_case(start=date(2026, 5, 4))
        vals.update(case_id=case.id, service_id=self.service.id, cost=cost)
        return self.Intervention.with_user(user or self.user_manager).with_context(
            lang=lang).create(vals)

    def approval_activities(self, intervention):
        return self.env["mail.activity"].search([
            ("res_model", "=", "erm.intervention"), ("res_id", "=", intervention.id),
            ("activity_type_id", "=", self.approval_type.id),
        ])

    # ------------------------------------------------------------------ catalogue
    def test_catalogue_read_by_every_role(self):
        self.assertEqual(self.provider.partner_id.name, "Psychologenpraktijk De Linde")
        for role in ROLES:
            user = self.user(role)
            providers = self.Provider.with_user(user).search([("kind", "=", "psycholoog")])
            self.assertEqual(providers, self.provider, role)
            self.assertEqual(providers.service_ids.price, 950.0, role)
            self.assertEqual(providers.phase_summary, "Absence guidance", role)

    def test_catalogue_written_by_hr_and_admin_only(self):
        for role in ("employee", "manager", "coach", "doctor", "board"):
            user = self.user(role)
            with self.assertRaises(AccessError, msg=role):
                self.provider.with_user(user).write({"contact_name": "X"})
            with self.assertRaises(AccessError, msg=role):
                self.Provider.with_user(user).create({"name": "Mediation B.V.", "kind": "mediator"})
            with self.assertRaises(AccessError, msg=role):
                self.service.with_user(user).write({"price": 1.0})
        for role in ("hr", "admin"):
            user = self.user(role)
            self.provider.with_user(user).write({"contact_name": role, "phone": "071-1234567"})
            self.assertEqual(self.provider.partner_id.phone, "071-1234567")
            self.service.with_user(user).write({"price": 1000.0})
            self.Provider.with_user(user).create({"name": f"Mediation {role}", "kind": "mediator"})

    def test_catalogue_archived_never_deleted(self):
        provider = self.provider.with_user(self.user_hr)
        with self.assertRaisesRegex(UserError, "nooit verwijderd"):
            provider.with_context(lang="nl_NL").unlink()
        with self.assertRaisesRegex(UserError, "archive"):
            provider.service_ids.unlink()
        provider.action_archive()
        self.assertFalse(self.Provider.with_user(self.user_employee).search(
            [("id", "=", self.provider.id)]))
        self.assertTrue(self.provider.exists())

    # ------------------------------------------------------------------ approval
    def test_manager_approves_within_his_limit(self):
        intervention = self.propose(1000.0)
        self.assertEqual(intervention.state, "proposed")
        self.assertEqual(intervention.provider_id, self.provider)
        self.assertEqual(intervention.approver_user_id, self.user_manager)
        self.assertEqual(intervention.approval_role, "manager")
        activity = self.approval_activities(intervention)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertTrue(intervention.with_user(self.user_manager).erm_may_approve)
        intervention.with_user(self.user_manager).action_approve()
        self.assertEqual(intervention.state, "approved")
        self.assertEqual(intervention.approved_by_id, self.user_manager)
        self.assertEqual(intervention.date_approved, date(2026, 6, 1))
        self.assertFalse(self.approval_activities(intervention).filtered("active"))
        self.assertEqual(intervention.case_id.intervention_cost, 1000.0)
        self.assertEqual(intervention.case_id.intervention_count, 1)

    def test_case_totals_read_through_the_rules(self):
        """The count and cost of interventions on the case are those the reader's rules
        let him read, not the system's."""
        case = self.make_case(start=date(2026, 5, 4))
        cheap = self.propose(300.0, case=case)
        dear = self.propose(1000.0, case=case)
        (cheap | dear).sudo().write({"state": "approved"})
        mine = case.with_user(self.user_manager)
        self.assertEqual((mine.intervention_count, mine.intervention_cost), (2, 1300.0))
        # a rule that hides the dear one from everybody but the superuser
        self.env["ir.rule"].create({
            "name": "test: cheap interventions only",
            "model_id": self.env["ir.model"]._get_id("erm.intervention"),
            "domain_force": "[('cost', '<', 500)]",
        })
        self.env.invalidate_all()
        mine = case.with_user(self.user_manager)
        self.assertEqual((mine.intervention_count, mine.intervention_cost), (1, 300.0))
        self.assertEqual(case.sudo().intervention_count, 2)

    def test_hr_approves_above_manager_limit(self):
        intervention = self.propose(5000.0)
        self.assertEqual(intervention.approver_user_id, self.user_hr)
        self.assertEqual(intervention.approval_role, "hr")
        activity = self.approval_activities(intervention)
        self.assertEqual(activity.user_id, self.user_hr)
        self.assertIn("Keur interventie goed", activity.summary)  # in the approver's language
        self.assertFalse(intervention.with_user(self.user_manager).erm_may_approve)
        with self.assertRaisesRegex(UserError, "boven je limiet"):
            intervention.with_user(self.user_manager).with_context(lang="nl_NL").action_approve()
        with self.assertRaisesRegex(UserError, "You may not approve"):
            intervention.with_user(self.user_coach).action_approve()
        intervention.with_user(self.user_hr).action_approve()
        self.assertEqual(intervention.approved_by_id, self.user_hr)
        # a lower cost moves a proposal back to the case director
        other = self.propose(5000.0, case=intervention.case_id)
        other.with_user(self.user_hr).write({"cost": 800.0})
        self.assertEqual(other.approver_user_id, self.user_manager)
        self.assertEqual(self.approval_activities(other).user_id, self.user_manager)

    def test_board_decides_above_hr_limit(self):
        intervention = self.propose(25000.0)
        self.assertEqual(intervention.approver_user_id, self.user_hr)  # never the board
        self.assertEqual(intervention.approval_role, "board")
        with self.assertRaisesRegex(UserError, "board decides"):
            intervention.with_user(self.user_hr).action_approve()
        intervention.with_user(self.user_hr).write({
            "board_user_id": self.user_board.id, "board_decision_date": date(2026, 5, 29),
        })
        intervention.with_user(self.user_hr).action_approve()
        self.assertEqual(intervention.state, "approved")
        # a board limit caps every approval
        self.company.erm_intervention_limit_board = 20000.0
        capped = self.propose(25000.0, case=intervention.case_id, board_user_id=self.user_board.id,
                              board_decision_date=date(2026, 5, 29))
        with self.assertRaisesRegex(UserError, "cannot be approved"):
            capped.with_user(self.user_hr).action_approve()

    def test_limits_configurable(self):
        self.company.erm_intervention_limit_manager = 6000.0
        intervention = self.propose(5000.0)
        self.assertEqual(intervention.approver_user_id, self.user_manager)
        with self.assertRaises(ValidationError):
            self.company.erm_intervention_limit_hr = 100.0

    def test_lifecycle_and_outcome(self):
        intervention = self.propose(900.0)
        intervention.with_user(self.user_manager).action_approve()
        intervention.with_user(self.user_manager).action_start()
        self.assertEqual(intervention.date_start, date(2026, 6, 1))
        with self.assertRaisesRegex(UserError, "outcome"):
            intervention.with_user(self.user_manager).action_done()
        with self.assertRaisesRegex(UserError, "cannot change"):
            intervention.with_user(self.user_manager).write({"cost": 2000.0})
        intervention.with_user(self.user_manager).write({"outcome": "adapted_work"})
        intervention.with_user(self.user_manager).action_done()
        self.assertEqual(intervention.state, "done")
        with self.assertRaises(UserError):
            intervention.with_user(self.user_manager).unlink()

    # ------------------------------------------------------------------ the screens
    def offered_cases(self, user):
        """The cases the case field of a new intervention offers `user`: its domain as the
        web client evaluates it on an empty form, then the name search it runs."""
        description = self.Intervention.with_user(user).fields_get(["case_id"])["case_id"]
        domain = safe_eval(str(description["domain"]), {"company_id": False, "uid": user.id})
        return self.Case.with_user(user).name_search("", domain, limit=None)

    def test_new_from_the_menu_offers_the_cases_to_work_on(self):
        """Interventions > New: the manager picks the open cases he directs, HR every open
        case of his companies; closed cases and other teams' are not offered."""
        case = self.make_case(start=date(2026, 5, 4))
        closed = self.make_case(employee=self.colleague, start=date(2026, 4, 1),
                                recovered=date(2026, 4, 20))
        ids = {case_id for case_id, _name in self.offered_cases(self.user_manager)}
        self.assertEqual(ids, {case.id})
        self.assertEqual({i for i, _n in self.offered_cases(self.user_hr)}, {case.id})
        self.assertNotIn(closed.id, {i for i, _n in self.offered_cases(self.user_hr)})
        self.assertFalse(self.offered_cases(self.user_employee))
        intervention = self.Intervention.with_user(self.user_manager).create({
            "case_id": case.id, "service_id": self.service.id, "cost": 100.0,
        })
        self.assertEqual(intervention.company_id, self.company)

    def test_awaiting_only_while_proposed_and_total_of_committed(self):
        """'Awaiting approval of' empties once decided; the list's total counts approved,
        running and done interventions only."""
        case = self.make_case(start=date(2026, 5, 4))
        approved = self.propose(1000.0, case=case)
        cancelled = self.propose(400.0, case=case)
        proposed = self.propose(5000.0, case=case)
        approved.with_user(self.user_manager).action_approve()
        cancelled.with_user(self.user_manager).action_cancel()
        self.assertFalse(approved.approver_user_id)
        self.assertEqual(approved.approved_by_id, self.user_manager)
        self.assertFalse(cancelled.approver_user_id)
        self.assertEqual(proposed.approver_user_id, self.user_hr)
        self.assertEqual((approved.committed_cost, cancelled.committed_cost,
                          proposed.committed_cost), (1000.0, 0.0, 0.0))
        [(total,)] = self.Intervention._read_group(
            [("case_id", "=", case.id)], aggregates=["committed_cost:sum"])
        self.assertEqual(total, 1000.0)
        arch = etree.fromstring(self.Intervention.get_views(
            [(False, "list")])["views"]["list"]["arch"])
        self.assertTrue(arch.xpath("//field[@name='committed_cost'][@sum]"))
        self.assertFalse(arch.xpath("//field[@name='cost'][@sum]"))
        self.assertEqual(arch.xpath("//field[@name='approver_user_id']")[0].get("invisible"),
                         "state != 'proposed'")

    def test_no_duplicate_in_the_gear_menu(self):
        """Copying a case, an intervention or an advice makes no sense (a case even refuses
        it): their forms offer no Duplicate."""
        for model in ("erm.absence.case", "erm.intervention", "erm.ba.advice"):
            arch = etree.fromstring(self.env[model].get_views(
                [(False, "form")])["views"]["form"]["arch"])
            self.assertEqual(arch.get("duplicate"), "0", model)

    # ------------------------------------------------------------------ bad input
    def test_negative_cost_refused(self):
        case = self.make_case(start=date(2026, 5, 4))
        with self.assertRaisesRegex(ValidationError, "niet negatief"):
            self.propose(-10.0, user=self.user_hr, case=case, lang="nl_NL")
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.propose(-10.0, case=case)

    def test_closed_case_refused(self):
        case = self.make_case(start=date(2026, 5, 4), recovered=date(2026, 5, 20))
        with self.assertRaisesRegex(UserError, "is closed"):
            self.propose(100.0, user=self.user_hr, case=case)
        case = self.make_case(employee=self.colleague, start=date(2026, 5, 4))
        intervention = self.propose(100.0, case=case)
        case.action_archive()
        with self.assertRaisesRegex(UserError, "gesloten"):
            intervention.with_user(self.user_manager).with_context(lang="nl_NL").action_approve()

    # ------------------------------------------------------------------ need-to-know
    def test_need_to_know(self):
        intervention = self.propose(1000.0)
        other_user = new_test_user(self.env, login="erm_manager_other",
                                   groups="erm_verzuim.group_erm_manager",
                                   company_id=self.company.id)
        other = self.env["hr.employee"].create({"name": "Other Boss", "user_id": other_user.id,
                                                "company_id": self.company.id})
        self.env["hr.department"].create({"name": "ICT", "company_id": self.company.id,
                                          "manager_id": other.id})
        for user in (other_user, self.user_board, self.user_coach):
            self.assertFalse(self.Intervention.with_user(user).search([]), user.login)
            with self.assertRaises(AccessError):
                intervention.with_user(user).read(["cost"])
        for user in (self.user_employee, self.user_manager, self.user_hr, self.user_admin):
            self.assertEqual(self.Intervention.with_user(user).search([]), intervention)
        with self.assertRaises(AccessError):
            self.propose(10.0, user=other_user, case=intervention.case_id)
        with self.assertRaises(AccessError):
            intervention.with_user(self.user_employee).write({"outcome": "own_work"})

    def test_proposed_from_ba_advice(self):
        case = self.make_case(start=date(2026, 5, 4))
        self.company.erm_doctor_user_ids = self.user_doctor
        advice = self.env["erm.ba.advice"].with_user(self.user_doctor).create({
            "case_id": case.id, "advice_type": "update", "incapacity_pct": 100.0,
            "proposed_service_id": self.service.id,
        })
        advice.action_issue()
        action = advice.with_user(self.user_manager).action_erm_propose_intervention()
        ctx = action["context"]
        intervention = self.Intervention.with_user(self.user_manager).with_context(**ctx).create({})
        self.assertEqual(intervention.ba_advice_id, advice)
        self.assertEqual(intervention.advised_by, "ba")
        self.assertEqual(intervention.cost, 950.0)
        self.assertEqual(intervention.service_id, self.service)


@tagged("post_install", "-at_install", "erm_interventions")
@freeze_time("2026-06-01 10:00:00")
class TestLateInterventions(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for company in cls.company | cls.company_2:
            company.resource_calendar_id.tz = "Europe/Amsterdam"
        cls.user_manager.lang = "nl_NL"
        provider = cls.env["erm.provider"].create({"name": "Mediators", "kind": "mediator"})
        cls.service = cls.env["erm.provider.service"].create({
            "provider_id": provider.id, "name": "Mediation", "price": 1200.0,
        })
        cls.third = cls.env["hr.employee"].create({
            "name": "Piet Pieters", "company_id": cls.company.id,
            "department_id": cls.department.id, "parent_id": cls.manager.id,
        })

    def run_alerts(self):
        self.env.flush_all()
        return self.env["erm.alert.manager"]._run_deadline_alerts()

    def signals(self, case):
        return self.env["mail.activity"].with_context(active_test=False).search([
            ("res_model", "=", "erm.absence.case"), ("res_id", "=", case.id),
            ("erm_alert_kind", "=", "late_intervention"),
        ])

    def test_week_8_without_intervention_signalled_once(self):
        late = self.make_case(start=date(2026, 3, 30))  # week 10
        early = self.make_case(employee=self.third, start=date(2026, 4, 20))  # week 7
        self.run_alerts()
        self.run_alerts()
        signal = self.signals(late)
        self.assertEqual(len(signal), 1)
        self.assertEqual(signal.user_id, late.procesbewaker_user_id)
        self.assertEqual(signal.user_id, self.user_manager)
        self.assertIn("Week 8 zonder interventie", signal.summary)
        self.assertIn("week 10", signal.note)
        self.assertEqual(late.erm_late_intervention_signal_date, date(2026, 6, 1))
        self.assertFalse(self.signals(early))
        # answered by an approved intervention: the activity closes and never returns
        intervention = self.env["erm.intervention"].with_user(self.user_manager).create({
            "case_id": late.id, "service_id": self.service.id, "cost": 1200.0,
        })
        intervention.with_user(self.user_manager).action_approve()
        self.assertFalse(self.signals(late).filtered("active"))
        self.run_alerts()
        self.assertEqual(len(self.signals(late)), 1)

    def test_no_signal_with_intervention_or_decision(self):
        approved = self.make_case(start=date(2026, 3, 30))
        none_needed = self.make_case(employee=self.colleague, start=date(2026, 3, 30))
        proposed_only = self.make_case(employee=self.third, start=date(2026, 3, 30))
        intervention = self.env["erm.intervention"].with_user(self.user_manager).create({
            "case_id": approved.id, "service_id": self.service.id, "cost": 1200.0,
        })
        intervention.with_user(self.user_manager).action_approve()
        self.env["erm.intervention"].with_user(self.user_manager).create({
            "case_id": proposed_only.id, "service_id": self.service.id, "cost": 1200.0,
        })
        none_needed.with_user(self.user_manager).action_erm_no_intervention_needed()
        self.assertEqual(none_needed.erm_no_intervention_user_id, self.user_manager)
        self.assertEqual(none_needed.erm_no_intervention_date, date(2026, 6, 1))
        with self.assertRaisesRegex(UserError, "no intervention"):
            none_needed.with_user(self.user_board).action_erm_no_intervention_needed()
        self.run_alerts()
        self.assertFalse(self.signals(approved))
        self.assertFalse(self.signals(none_needed))
        self.assertEqual(len(self.signals(proposed_only)), 1)
