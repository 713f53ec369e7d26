# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..engine import wvp
from .common import ErmTestCommon


@tagged("post_install", "-at_install", "erm_cases")
@freeze_time("2026-11-22")
class TestAbsenceCase(ErmTestCommon):
    def test_open_case_timeline(self):
        """A single open case: every WvP deadline from the first sick day (Mon 2 March 2026)."""
        case = self.make_case(start=date(2026, 3, 2))
        self.assertTrue(case.name.startswith("VZ/"))
        self.assertEqual(case.chain_root_id, case)
        self.assertEqual(len(case.period_ids), 1)
        self.assertEqual(case.period_ids.incapacity_pct, 100.0)
        deadlines = self.deadlines(case)
        self.assertEqual(deadlines[("probleemanalyse", 0)], date(2026, 4, 12))  # day 42
        self.assertEqual(deadlines[("plan_van_aanpak", 0)], date(2026, 4, 26))  # day 56
        self.assertEqual(deadlines[("evaluatie", 1)], date(2026, 6, 7))  # plan + 42
        # end of week 42 = Sun 20 Dec 2026 -> first werkdag after: Mon 21 Dec
        self.assertEqual(deadlines[("uwv_42", 0)], date(2026, 12, 21))
        self.assertEqual(deadlines[("eerstejaars", 0)], date(2027, 2, 28))  # day 364
        self.assertEqual(deadlines[("eindevaluatie", 0)], date(2027, 11, 28))  # day 637
        self.assertEqual(deadlines[("wia_aanvraag", 0)], date(2027, 12, 12))  # day 651
        self.assertEqual(deadlines[("einde_wachttijd", 0)], date(2028, 2, 27))  # day 728
        self.assertEqual(case.date_wachttijd_end, date(2028, 2, 27))
        self.assertNotIn(("ba_mogelijkheden", 0), deadlines)
        self.assertEqual(case.sick_day_number, 266)
        # nothing done after 266 days: the case stays in the step not yet done
        self.assertEqual(case.state, "probleemanalyse")
        self.assertTrue(case.is_overdue)
        self.assertEqual(case.next_milestone_code, "probleemanalyse")
        milestone = case.milestone_ids.filtered(lambda m: m.code == "probleemanalyse")
        self.assertEqual(milestone.state, "overdue")
        self.assertEqual(milestone.responsible_user_id, self.user_manager)
        self.assertEqual(case.regievoerder_user_id, self.user_manager)

    def test_chain_gap_shifts_deadlines(self):
        """A 21-day fit gap joins the chain and moves every later deadline by 21 days."""
        first = self.make_case(start=date(2026, 3, 2), recovered=date(2026, 3, 20))
        solo = self.deadlines(self.make_case(self.colleague, start=date(2026, 3, 2)))
        second = self.make_case(start=date(2026, 3, 20) + timedelta(days=21))
        self.assertEqual(second.chain_root_id, first)
        self.assertEqual(second.chain_sequence, 2)
        self.assertEqual(second.chain_case_ids, first | second)
        self.assertEqual(first.milestone_ids, second.milestone_ids)
        shifted = self.deadlines(second)
        for key in ("probleemanalyse", "plan_van_aanpak", "eerstejaars", "einde_wachttijd"):
            self.assertEqual(shifted[(key, 0)], solo[(key, 0)] + timedelta(days=21), key)
        self.assertEqual(first.state, "hersteld")

    def test_27_vs_28_fit_days(self):
        first = self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 19))
        joined = self.make_case(start=date(2026, 1, 19) + timedelta(days=27))
        self.assertEqual(joined.chain_root_id, first)
        joined.write({"date_recovered": date(2026, 3, 1)})
        fresh = self.make_case(start=date(2026, 3, 1) + timedelta(days=28))
        self.assertEqual(fresh.chain_root_id, fresh)
        self.assertEqual(fresh.chain_sequence, 1)

    def test_three_case_chain_and_reassignment(self):
        a = self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 12))
        b = self.make_case(start=date(2026, 1, 26), recovered=date(2026, 2, 2))
        c = self.make_case(start=date(2026, 2, 16))
        self.assertEqual((a | b | c).chain_root_id, a)
        self.assertEqual([a.chain_sequence, b.chain_sequence, c.chain_sequence], [1, 2, 3])
        # 7 + 7 sick days before c; day 42 of the chain is c's 28th day
        self.assertEqual(self.deadlines(c)[("probleemanalyse", 0)], date(2026, 3, 15))
        # archiving the middle case breaks the chain: a-c gap becomes 35 fit days
        b.action_archive()
        self.assertEqual(c.chain_root_id, c)
        self.assertEqual(self.deadlines(c)[("probleemanalyse", 0)], date(2026, 3, 29))

    def test_early_probleemanalyse_moves_plan(self):
        case = self.make_case(start=date(2026, 3, 2))
        pa = case.milestone_ids.filtered(lambda m: m.code == "probleemanalyse")
        pa.date_done = date(2026, 3, 20)
        self.assertEqual(pa.state, "done")
        self.assertEqual(self.deadlines(case)[("plan_van_aanpak", 0)], date(2026, 4, 3))
        self.assertEqual(case.state, "plan_van_aanpak")

    def test_plan_and_evaluations_feed_timeline(self):
        case = self.make_case(start=date(2026, 3, 2))
        case.milestone_ids.filtered(lambda m: m.code == "probleemanalyse").action_mark_done()
        plan = self.env["erm.reintegration.plan"].create({
            "case_id": case.id, "kind": "plan_van_aanpak", "casemanager_id": self.user_coach.id,
            "agreements": "Start met twee ochtenden per week eigen werk.",
            "date_done": date(2026, 4, 20),
        })
        with self.assertRaises(UserError):
            plan.action_done()  # both views are required
        plan.write({"view_employer": "Akkoord.", "view_employee": "Akkoord, met opbouw."})
        plan.action_done()
        self.assertEqual(plan.state, "done")
        self.assertEqual(plan.milestone_id.code, "plan_van_aanpak")
        self.assertEqual(plan.milestone_id.date_done, date(2026, 4, 20))
        self.assertEqual(self.deadlines(case)[("evaluatie", 1)], date(2026, 6, 1))
        evaluation = self.env["erm.reintegration.plan"].create({
            "case_id": case.id, "kind": "evaluatie", "date_done": date(2026, 5, 25),
            "view_employer": "Opbouw loopt.", "view_employee": "Gaat goed.",
        })
        evaluation.action_done()
        deadlines = self.deadlines(case)
        self.assertEqual(deadlines[("evaluatie", 2)], date(2026, 7, 6))  # 25 May + 42
        self.assertEqual(case.state, "re_integratie")

    def test_loonsanctie_moves_end_and_wia(self):
        case = self.make_case(start=date(2026, 3, 2))
        normal_end = case.date_wachttijd_end
        self.env["erm.wachttijd.extension"].create({
            "case_id": case.id, "kind": "loonsanctie",
            "date_end": normal_end + timedelta(weeks=52),
        })
        self.assertEqual(case.date_wachttijd_end, normal_end + timedelta(weeks=52))
        deadlines = self.deadlines(case)
        self.assertEqual(deadlines[("einde_wachttijd", 0)], normal_end + timedelta(weeks=52))
        self.assertEqual(
            deadlines[("wia_aanvraag", 0)], normal_end + timedelta(weeks=52) - timedelta(days=77)
        )

    def test_bad_extensions_refused(self):
        case = self.make_case(start=date(2026, 3, 2))
        Extension = self.env["erm.wachttijd.extension"]
        with self.assertRaises(ValidationError):
            Extension.create({"case_id": case.id, "kind": "loonsanctie",
                              "date_end": case.date_wachttijd_end - timedelta(days=1)})
        with self.assertRaises(ValidationError):
            Extension.create({"case_id": case.id, "kind": "loonsanctie",
                              "date_end": case.date_wachttijd_end + timedelta(weeks=53)})
        self.assertFalse(case.extension_ids)

    def test_early_doctor_milestones(self):
        self.company.erm_early_doctor = True
        deadlines = self.deadlines(self.make_case(start=date(2026, 3, 2)))
        self.assertEqual(deadlines[("ba_mogelijkheden", 0)], date(2026, 3, 8))
        self.assertEqual(deadlines[("ba_interventieadvies", 0)], date(2026, 3, 29))

    def test_vangnet_deadline(self):
        case = self.make_case(start=date(2026, 3, 2), vangnet=True, vangnet_regime="fourth_day")
        self.assertEqual(self.deadlines(case)[("uwv_vangnet", 0)], date(2026, 3, 5))
        with self.assertRaises(ValidationError):
            self.make_case(self.colleague, vangnet=True, vangnet_regime="employment_end")
        with self.assertRaises(ValidationError):
            self.make_case(self.colleague, vangnet=False, vangnet_regime="six_weeks")

    def test_recovery_cancels_future_milestones(self):
        case = self.make_case(start=date(2026, 3, 2))
        wizard = self.env["erm.absence.recovery.wizard"].create({
            "case_id": case.id, "date_recovered": date(2026, 3, 30),
        })
        wizard.action_confirm()
        self.assertEqual(case.state, "hersteld")
        self.assertEqual(case.incapacity_pct, 0.0)
        # day 42 never came: nothing left on the timeline, history kept as not applicable
        self.assertFalse(case.milestone_ids)
        cancelled = self.env["erm.wvp.milestone"].search([("chain_root_id", "=", case.id)])
        self.assertTrue(cancelled)
        self.assertEqual(set(cancelled.mapped("state")), {"cancelled"})
        case.action_reopen()
        self.assertIn(("probleemanalyse", 0), self.deadlines(case))

    def test_partial_recovery_course(self):
        case = self.make_case(start=date(2026, 3, 2))
        self.env["erm.absence.period"].create({
            "case_id": case.id, "date_from": date(2026, 4, 1), "incapacity_pct": 50.0,
        })
        self.assertEqual(case.incapacity_pct, 50.0)
        first, second = case.period_ids.sorted("date_from")
        self.assertEqual(first.date_to, date(2026, 3, 31))
        self.assertFalse(second.date_to)
        self.assertEqual(case.date_recovered, False)  # partial recovery keeps the case open

    def test_bad_input(self):
        case = self.make_case(start=date(2026, 3, 2))
        Period = self.env["erm.absence.period"]
        for pct in (0.0, -5.0, 100.5):
            with self.subTest(pct=pct), self.assertRaises(ValidationError):
                Period.create({"case_id": case.id, "date_from": date(2026, 4, 1),
                               "incapacity_pct": pct})
        with self.assertRaises(ValidationError):  # before the first sick day
            Period.create({"case_id": case.id, "date_from": date(2026, 3, 1)})
        with self.assertRaises(ValidationError):  # recovery before start
            self.make_case(self.colleague, start=date(2026, 3, 2), recovered=date(2026, 3, 1))
        with self.assertRaises(ValidationError):  # more than one day ahead
            self.make_case(self.colleague, start=date(2026, 11, 24))
        self.make_case(self.colleague, start=date(2026, 11, 23))  # tomorrow is allowed
        with self.assertRaises(ValidationError):  # a second open case
            self.make_case(start=date(2026, 6, 1))
        with self.assertRaises(ValidationError):  # overlapping a closed one
            self.make_case(self.other_employee, start=date(2026, 1, 5),
                           recovered=date(2026, 2, 1))
            self.make_case(self.other_employee, start=date(2026, 1, 20),
                           recovered=date(2026, 1, 25))
        with self.assertRaises(ValidationError):
            self.env["erm.wvp.milestone"].create({
                "case_id": case.id, "chain_root_id": case.id, "code": "onbekend",
                "date_deadline": date(2026, 5, 1),
            })
        with self.assertRaises(ValidationError):  # a recovery before the course's last line
            Period.create({"case_id": case.id, "date_from": date(2026, 5, 1),
                           "incapacity_pct": 40})
            case.date_recovered = date(2026, 4, 1)

    def test_never_deleted_but_archived(self):
        case = self.make_case(start=date(2026, 3, 2))
        with self.assertRaises(UserError):
            case.with_user(self.user_hr).unlink()
        with self.assertRaises(UserError):
            case.copy()
        case.action_archive()
        self.assertFalse(case.active)
        self.assertTrue(case.exists())

    def test_frequent_absence_signal(self):
        self.company.erm_frequent_absence_threshold = 3
        a = self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 8))
        self.assertFalse(a.frequent_absence)
        self.make_case(start=date(2026, 4, 6), recovered=date(2026, 4, 8))
        c = self.make_case(start=date(2026, 9, 7), recovered=date(2026, 9, 9))
        self.assertTrue(c.frequent_absence)
        self.company.erm_frequent_absence_threshold = 4
        c._recompute_wvp()
        self.assertFalse(c.frequent_absence)
        with self.assertRaises(ValidationError):
            self.company.erm_frequent_absence_threshold = 0

    def test_employee_smart_button(self):
        self.make_case(start=date(2026, 1, 5), recovered=date(2026, 1, 8))
        self.make_case(start=date(2026, 11, 16))
        employee = self.employee.with_user(self.user_hr)
        self.assertEqual(employee.erm_case_count, 2)
        self.assertEqual(employee.erm_case_state, "ziekgemeld")
        action = employee.action_open_erm_cases()
        self.assertEqual(action["res_model"], "erm.absence.case")

    def test_changes_in_chatter(self):
        Case = self.Case.with_context(tracking_disable=False)
        case = Case.create({"employee_id": self.employee.id, "date_start": date(2026, 3, 2)})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written when the transaction commits
        case.write({"work_accident": True})
        self.env["erm.absence.period"].create({
            "case_id": case.id, "date_from": date(2026, 4, 1), "incapacity_pct": 50.0,
        })
        self.env.flush_all()
        self.env.cr.precommit.run()
        case.invalidate_recordset(["message_ids"])
        tracked = case.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("work_accident", tracked)
        # the percentage as the user writes it: "50%", not "50.0%"
        self.assertTrue(any("50%" in (m.body or "") for m in case.message_ids))
        self.assertFalse(any("50.0%" in (m.body or "") for m in case.message_ids))

    def test_wazo_bridges_chain(self):
        first = self.make_case(start=date(2026, 1, 5), recovered=date(2026, 2, 2))
        self.env["hr.leave"].with_context(leave_skip_state_check=True).sudo().create({
            "employee_id": self.employee.id,
            "holiday_status_id": self.env.ref("erm_verzuim.leave_type_erm_wazo").id,
            "request_date_from": date(2026, 2, 2), "request_date_to": date(2026, 5, 24),
        }).action_validate()
        # after 16 weeks of leave and 7 fit days: without the doctor's statement a new chain
        second = self.make_case(start=date(2026, 6, 1))
        self.assertEqual(second.chain_root_id, second)
        second.write({"wazo_bridge": True})
        self.assertEqual(second.chain_root_id, first)


@tagged("post_install", "-at_install", "erm_cases")
@freeze_time("2026-11-18")
class TestAbsenceTimeOff(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a 40-hour Monday-Friday schedule, 8:00-12:00 and 13:00-17:00
        cls.employee.resource_calendar_id = cls.env.ref("resource.resource_calendar_std")

    def leaves(self, case):
        return case.sudo().leave_ids.filtered(lambda leave: leave.state == "validate")

    def test_open_case_is_absent_under_neutral_type(self):
        case = self.make_case(start=date(2026, 11, 2))  # Monday
        leaves = self.leaves(case)
        self.assertTrue(leaves)
        neutral = self.env.ref("erm_verzuim.leave_type_erm_absence")
        self.assertEqual(leaves.holiday_status_id, neutral)
        self.assertNotIn("sick", leaves.holiday_status_id.name.lower())
        self.assertNotIn("ziek", leaves.holiday_status_id.with_context(lang="nl_NL").name.lower())
        # weekly chunks up to today + 14 days (2 Dec)
        self.assertEqual(min(leaves.mapped("request_date_from")), date(2026, 11, 2))
        self.assertEqual(max(leaves.mapped("request_date_to")), date(2026, 12, 2))
        self.assertEqual(sum(leaves.mapped("number_of_days")), 23)  # 23 weekdays

    def test_partial_incapacity_in_hours(self):
        case = self.make_case(start=date(2026, 11, 2))
        self.env["erm.absence.period"].create({
            "case_id": case.id, "date_from": date(2026, 11, 16), "incapacity_pct": 50.0,
        })
        partial = self.leaves(case).filtered("request_unit_hours")
        self.assertEqual(len(partial), 13)  # weekdays 16 Nov - 2 Dec
        self.assertEqual(set(partial.mapped("number_of_hours")), {4.0})
        full = self.leaves(case) - partial
        self.assertEqual(max(full.mapped("request_date_to")), date(2026, 11, 15))
        # the replaced full-time week is cancelled and kept, not deleted
        cancelled = case.sudo().with_context(active_test=False).leave_ids.filtered(
            lambda leave: leave.state == "cancel")
        self.assertTrue(cancelled)

    def test_recovery_closes_time_off(self):
        case = self.make_case(start=date(2026, 11, 2))
        case.date_recovered = date(2026, 11, 11)
        leaves = self.leaves(case)
        self.assertEqual(max(leaves.mapped("request_date_to")), date(2026, 11, 10))
        self.assertEqual(sum(leaves.mapped("number_of_days")), 7)

    def test_other_time_off_is_respected(self):
        vacation_type = self.env["hr.leave.type"].create({
            "name": "Vakantie test", "requires_allocation": "no",
            "leave_validation_type": "no_validation",
        })
        self.env["hr.leave"].sudo().create({
            "employee_id": self.employee.id, "holiday_status_id": vacation_type.id,
            "request_date_from": date(2026, 11, 9), "request_date_to": date(2026, 11, 10),
        })
        case = self.make_case(start=date(2026, 11, 2))
        days = set()
        for leave in self.leaves(case):
            day = leave.request_date_from
            while day <= leave.request_date_to:
                days.add(day)
                day += timedelta(days=1)
        self.assertNotIn(date(2026, 11, 9), days)
        self.assertNotIn(date(2026, 11, 10), days)
        self.assertIn(date(2026, 11, 11), days)


@tagged("post_install", "-at_install", "erm_cases")
class TestRefreshCron(ErmTestCommon):
    def test_refresh_in_batches_and_continues(self):
        with freeze_time("2026-03-20"):
            cases = self.Case.create([
                {"employee_id": employee.id, "date_start": date(2026, 3, 2)}
                for employee in (self.employee, self.colleague, self.other_employee)
            ])
            self.assertEqual(set(cases.mapped("state")), {"probleemanalyse"})
        with freeze_time("2026-12-01"):
            remaining = self.Case._cron_refresh(batch_size=2)
            self.assertEqual(remaining, 1)
            self.assertEqual(len(cases.filtered("wvp_refresh_date")), 2)
            self.assertEqual(self.Case._cron_refresh(batch_size=2), 0)
            self.assertEqual(set(cases.mapped("wvp_refresh_date")), {date(2026, 12, 1)})
            # every milestone state follows the calendar: the problem analysis is overdue
            states = cases.milestone_ids.filtered(
                lambda m: m.code == "probleemanalyse").mapped("state")
            self.assertEqual(set(states), {"overdue"})
            self.assertEqual(self.Case._cron_refresh(batch_size=2), 0)  # nothing left today


@tagged("post_install", "-at_install", "erm_cases")
class TestPublicDataModel(ErmTestCommon):
    def test_milestone_codes_match_engine(self):
        codes = [code for code, _label in self.env["erm.wvp.milestone"]._fields["code"].selection]
        self.assertEqual(tuple(codes), wvp.MILESTONE_CODES)
        phases = [key for key, _label in self.Case._fields["state"].selection]
        self.assertEqual(set(phases), set(wvp.PHASES))
