# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small crafted organisation with hand-computed figures.

January 2026 (31 days), department "Kwaliteit", company full-time week 40 hours:
- Anna: 40 h (DTF 1.0) since 2020; sick 5 Jan, 50 % from 10 Jan, recovered 15 Jan.
- Bram: 20 h (DTF 0.5) since 2020; sick since 20 Dec 2025 (vangnet), still open.
- Chris: 48 h (DTF 1.2), joins 16 Jan; never sick.
- Dirk: no contract, a 40-hour schedule: counted as DTF 1.0 the whole month.
"""

from datetime import date

from odoo.tests import new_test_user

from odoo.addons.erm_verzuim.tests.common import ErmTestCommon

JAN = (date(2026, 1, 1), date(2026, 1, 31))


class KpiCommon(ErmTestCommon):
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

