# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""erm.kpi.figures() against the hand-computed figures of common.KpiCommon."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from . import vernet_oracle
from .common import JAN, KpiCommon


@tagged("post_install", "-at_install")
class TestKpiFigures(KpiCommon):
    def figures(self, user=None, **kwargs):
        kpi = self.Kpi.with_user(user) if user else self.Kpi
        kwargs.setdefault("company_id", self.company.id)
        kwargs.setdefault("department_id", self.quality.id)
        return kpi.figures(*JAN, **kwargs)

    def test_figures_match_hand_computation(self):
        result = self.figures()
        # sick: Anna 5 + 5×0.5 = 7.5, Bram 31×0.5 = 15.5; employed: 31 + 15.5 + 16×1.2 + 31
        self.assertAlmostEqual(result["verzuimpercentage"], 100 * 23 / 96.7)
        self.assertAlmostEqual(result["verzuimpercentage_excl_vangnet"], 100 * 7.5 / 96.7)
        # one new report; average headcount (31 + 31 + 16 + 31) / 31
        self.assertAlmostEqual(result["meldingsfrequentie"], 365 / 109)
        self.assertAlmostEqual(result["gemiddelde_verzuimduur"], 10.0)
        self.assertAlmostEqual(result["nulverzuim"], 50.0)
        self.assertEqual(result["headcount"], 4)
        self.assertAlmostEqual(result["average_headcount"], 109 / 31)
        self.assertEqual(result["reports"], 1)
        self.assertEqual(result["employees_without_contract"], 1)
        self.assertEqual(
            [(r["from"], r["to"], r["cases"], r["days"]) for r in result["duration_classes"]],
            [(1, 14, 1, 10), (15, 91, 1, 31), (92, 365, 0, 0), (366, 730, 0, 0)],
        )
        # Anna's daily wage 3041.67 × 12 / 365 = 100.0; 5 days + 5 × 50 %, year 1 at 100 %.
        # Bram's 1500 × 12 / 365 = 49.32 a day, 31 days (year 1).
        anna_day = 3041.67 * 12 / 365
        bram_day = 1500.0 * 12 / 365
        self.assertAlmostEqual(result["schadelast"], anna_day * 7.5 + bram_day * 31, places=2)
        self.assertFalse(result["suppressed"])

    def test_settings_change_the_figures(self):
        self.company.write({
            "erm_no_contract_policy": "exclude", "erm_duration_classes": "7,30,400",
            "erm_replacement_cost_per_day": 10.0,
        })
        result = self.figures()
        self.assertEqual(result["employees_without_contract"], 0)
        self.assertAlmostEqual(result["verzuimpercentage"], 100 * 23 / 65.7)
        self.assertEqual(
            [(r["from"], r["to"], r["cases"]) for r in result["duration_classes"]],
            [(1, 7, 0), (8, 30, 1), (31, 400, 1)],
        )
        base = self.figures(company_id=self.company.id)  # whole company, same setting
        self.assertGreaterEqual(base["schadelast"], 10.0 * 23)

    def test_bad_settings_and_period_are_refused(self):
        with self.assertRaises(UserError):
            self.Kpi.figures(date(2026, 2, 1), date(2026, 1, 1))
        with self.assertRaises(UserError):
            self.company.erm_duration_classes = "91,14"

    def test_manager_sees_his_own_department_only(self):
        mine = self.figures(user=self.quality_manager_user)
        self.assertAlmostEqual(mine["verzuimpercentage"], 100 * 23 / 96.7)
        with self.assertRaises(AccessError):
            self.figures(user=self.user_manager)  # manages Zorg, not Kwaliteit
        with self.assertRaises(AccessError):
            self.figures(user=self.quality_manager_user, department_id=None)

    def test_employee_and_other_company_hr_see_nothing(self):
        with self.assertRaises(AccessError):
            self.figures(user=self.user_employee)
        hr_2 = new_test_user(
            self.env, login="erm_hr_2", groups="erm_verzuim.group_erm_hr",
            company_id=self.company_2.id, company_ids=[(6, 0, self.company_2.ids)],
        )
        with self.assertRaises(AccessError):
            self.figures(user=hr_2)
        self.assertAlmostEqual(
            self.figures(user=self.user_hr)["verzuimpercentage"], 100 * 23 / 96.7
        )

    def test_board_never_sees_a_small_group(self):
        self.assertEqual(self.company.erm_min_group_size, 5)
        result = self.figures(user=self.user_board)  # 4 people in Kwaliteit
        self.assertTrue(result["suppressed"])
        self.assertIsNone(result["verzuimpercentage"])
        self.assertIsNone(result["headcount"])
        self.company.erm_min_group_size = 3
        result = self.figures(user=self.user_board)
        self.assertFalse(result["suppressed"])
        self.assertAlmostEqual(result["verzuimpercentage"], 100 * 23 / 96.7)

    def test_board_cannot_subtract_a_sub_department(self):
        # Kwaliteit: Anna and Bram of its own, Chris and Dirk in its sub-department Audit.
        # Minimum 3: Audit (2) is too small.
        audit = self.env["hr.department"].create({
            "name": "Audit", "company_id": self.company.id, "parent_id": self.quality.id,
        })
        self.chris.department_id = audit
        self.dirk.department_id = audit
        self.company.erm_min_group_size = 3
        self.assertTrue(self.figures(user=self.user_board, department_id=audit.id)["suppressed"])
        # Kwaliteit has 2 of its own + Audit's 2: its own remainder (2) is too small as well
        own = self.figures(user=self.user_board, include_children=False)
        self.assertTrue(own["suppressed"])
        # Kwaliteit with Audit (4) is shown: Audit is hidden, so nothing can be subtracted
        self.assertFalse(self.figures(user=self.user_board)["suppressed"])

    def test_figures_by_department_roll_up(self):
        audit = self.env["hr.department"].create({
            "name": "Audit", "company_id": self.company.id, "parent_id": self.quality.id,
        })
        self.chris.department_id = audit
        rows = {
            row["department_id"]: row
            for row in self.Kpi.with_user(self.user_hr).figures_by_department(
                *JAN, company_id=self.company.id
            )
        }
        self.assertAlmostEqual(rows[self.quality.id]["verzuimpercentage"], 100 * 23 / 96.7)
        self.assertEqual(rows[self.quality.id]["headcount"], 4)
        self.assertEqual(rows[self.quality.id]["own_headcount"], 3)
        self.assertEqual(rows[audit.id]["verzuimpercentage"], 0.0)
        for department_id in (self.quality.id, audit.id):
            single = self.figures(department_id=department_id)
            for key in ("verzuimpercentage", "meldingsfrequentie", "nulverzuim", "schadelast"):
                self.assertAlmostEqual(rows[department_id][key] or 0.0, single[key] or 0.0)
        # the manager of Kwaliteit gets his two departments, the board no small ones
        mine = self.Kpi.with_user(self.quality_manager_user).figures_by_department(
            *JAN, company_id=self.company.id
        )
        self.assertEqual({row["department_id"] for row in mine}, {self.quality.id, audit.id})
        board = {
            row["department_id"]: row
            for row in self.Kpi.with_user(self.user_board).figures_by_department(
                *JAN, company_id=self.company.id
            )
        }
        self.assertTrue(board[audit.id]["suppressed"])
        self.assertIsNone(board[audit.id]["verzuimpercentage"])
        with self.assertRaises(AccessError):
            self.Kpi.with_user(self.user_employee).figures_by_department(*JAN)

    def test_wvp_compliance_counts_each_milestone_once(self):
        year = (date(2025, 1, 1), date(2026, 12, 31))
        milestones = self.env["erm.wvp.milestone"].search([
            ("employee_id", "in", (self.anna | self.bram).ids),
            ("state", "!=", "cancelled"),
            ("date_deadline", ">=", year[0]), ("date_deadline", "<=", year[1]),
        ], order="date_deadline")
        self.assertGreaterEqual(len(milestones), 2)
        on_time, late = milestones[0], milestones[1]
        on_time.write({"state": "done", "date_done": on_time.date_deadline})
        late.write({"state": "done", "date_done": late.date_deadline + timedelta(days=3)})
        rows = self.Kpi.wvp_compliance(*year, department_id=self.quality.id)
        self.assertEqual(sum(row["total"] for row in rows), len(milestones))
        for row in rows:
            self.assertEqual(
                row["total"], row["on_time"] + row["late"] + row["open"] + row["overdue"]
            )
        self.assertEqual(sum(row["on_time"] for row in rows), 1)
        self.assertEqual(sum(row["late"] for row in rows), 1)
        line = next(row for row in rows if row["code"] == late.code)
        self.assertTrue(line["label"])
        # the board sees nothing of a group below the minimum
        self.assertEqual(
            self.Kpi.with_user(self.user_board).wvp_compliance(
                *year, department_id=self.quality.id
            ),
            [],
        )

    def test_anonymised_absence_stays_counted(self):
        eva = self.env["hr.employee"].create({
            "name": "Eva", "company_id": self.company.id, "department_id": self.quality.id,
            "resource_calendar_id": self.cal_40.id,
        })
        self.env["hr.contract"].create({
            "name": "Eva", "employee_id": eva.id, "date_start": date(2020, 1, 1),
            "date_end": date(2023, 12, 31), "wage": 3000.0, "state": "close",
            "resource_calendar_id": self.cal_40.id, "company_id": self.company.id,
        })
        case = self.make_case(eva, start=date(2023, 5, 1), recovered=date(2023, 6, 1))
        eva.active = False  # she left: retention pseudonymises people who left only
        may = (date(2023, 5, 1), date(2023, 5, 31))
        before = self.Kpi.figures(*may, department_id=self.quality.id)
        self.assertGreater(before["verzuimpercentage"], 0.0)
        case._erm_pseudonymise_employees()
        self.assertNotEqual(case.employee_id, eva)
        after = self.Kpi.figures(*may, department_id=self.quality.id)
        for key in ("verzuimpercentage", "meldingsfrequentie", "nulverzuim", "headcount",
                    "schadelast"):
            self.assertAlmostEqual(after[key], before[key], msg=key)
        self.assertFalse(
            self.env["hr.contract"].with_context(active_test=False).search(
                [("employee_id", "=", eva.id)]
            )
        )

    def test_database_totals_equal_the_engine(self):
        """The set-based totals (SQL) and the engine over the loaded rows agree, per
        employee and per part, also over a year boundary and with every cost setting."""
        self.company.write({
            "erm_pay_top_up_pct": 10.0, "erm_replacement_cost_per_day": 25.0,
            "erm_wage_cost_factor": 30.0,
        })
        kpi = self.Kpi
        for start, stop in ((date(2026, 1, 1), date(2026, 2, 1)),
                            (date(2025, 1, 1), date(2027, 1, 1))):
            department_ids = kpi._erm_department_ids(self.quality, True)
            data = vernet_oracle.load(kpi, self.company, department_ids, start, stop)
            engine = vernet_oracle.totals(self.company, data, start, stop)
            database, without = kpi._erm_sql_totals(self.company, department_ids, start, stop)
            self.assertEqual(without, data["without_contract"])
            self.assertEqual(set(database), set(engine))
            for employee, part in engine.items():
                for name in ("sick", "sick_excl_vangnet", "employed", "employed_plain",
                             "reports", "ended", "ended_days", "people", "people_sick", "cost"):
                    self.assertAlmostEqual(
                        getattr(database[employee], name), getattr(part, name), places=6,
                        msg=f"{employee} {name} {start}",
                    )
                empty = [[0, 0]] * 4
                self.assertEqual(database[employee].classes or empty, part.classes or empty)
