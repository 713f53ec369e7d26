# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""erm.kpi.figures() on a small crafted organisation, against hand-computed figures.

January 2026 (31 days), department "Kwaliteit", company full-time week 40 hours:
- Anna: 40 h (DTF 1.0) since 2020; sick 5 Jan, 50 % from 10 Jan, recovered 15 Jan.
- Bram: 20 h (DTF 0.5) since 2020; sick since 20 Dec 2025 (vangnet), still open.
- Chris: 48 h (DTF 1.2), joins 16 Jan; never sick.
- Dirk: no contract, a 40-hour schedule: counted as DTF 1.0 the whole month.
"""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon

JAN = (date(2026, 1, 1), date(2026, 1, 31))


@tagged("post_install", "-at_install")
class TestKpiFigures(ErmTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.full_time_required_hours = 40.0

        def calendar(name, days, hours_per_day):
            lines = []
            for day in range(days):
                lines.append((0, 0, {
                    "name": f"{day} am", "dayofweek": str(day), "hour_from": 8,
                    "hour_to": 8 + min(hours_per_day, 4), "day_period": "morning",
                }))
                if hours_per_day > 4:
                    lines.append((0, 0, {
                        "name": f"{day} pm", "dayofweek": str(day), "hour_from": 13,
                        "hour_to": 13 + hours_per_day - 4, "day_period": "afternoon",
                    }))
            return cls.env["resource.calendar"].create({
                "name": name, "company_id": cls.company.id,
                "attendance_ids": [(5, 0, 0)] + lines,
            })

        cls.cal_40 = calendar("40 uur", 5, 8)
        cls.cal_20 = calendar("20 uur", 5, 4)
        cls.cal_48 = calendar("48 uur", 6, 8)
        cls.quality_manager_user = new_test_user(
            cls.env, login="erm_kwaliteit", groups="erm_verzuim.group_erm_manager",
            company_id=cls.company.id,
        )
        Employee = cls.env["hr.employee"]
        boss = Employee.create({
            "name": "Baas Kwaliteit", "company_id": cls.company.id,
            "user_id": cls.quality_manager_user.id,
        })
        cls.quality = cls.env["hr.department"].create({
            "name": "Kwaliteit", "company_id": cls.company.id, "manager_id": boss.id,
        })

        def employee(name, calendar, contract_start=None, wage=0.0):
            emp = Employee.create({
                "name": name, "company_id": cls.company.id,
                "department_id": cls.quality.id, "resource_calendar_id": calendar.id,
            })
            if contract_start:
                cls.env["hr.contract"].create({
                    "name": name, "employee_id": emp.id, "date_start": contract_start,
                    "wage": wage, "resource_calendar_id": calendar.id, "state": "open",
                    "company_id": cls.company.id,
                })
            return emp

        cls.anna = employee("Anna", cls.cal_40, date(2020, 1, 1), wage=3041.67)
        cls.bram = employee("Bram", cls.cal_20, date(2020, 1, 1), wage=1500.0)
        cls.chris = employee("Chris", cls.cal_48, date(2026, 1, 16), wage=4000.0)
        cls.dirk = employee("Dirk", cls.cal_40)
        # the boss has a contract elsewhere in time only: not in the department's figures
        boss.department_id = False
        case_a = cls.make_case(cls.anna, start=date(2026, 1, 5), recovered=date(2026, 1, 15))
        cls.env["erm.absence.period"].create(
            {"case_id": case_a.id, "date_from": date(2026, 1, 10), "incapacity_pct": 50.0}
        )
        cls.make_case(cls.bram, start=date(2025, 12, 20), vangnet=True)
        cls.Kpi = cls.env["erm.kpi"]

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
        self.company.erm_min_group_size = 2
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
