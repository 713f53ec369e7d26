# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one-load paths of erm.kpi (several periods, every department at once) give the same
figures as figures() per period and per department, suppression included."""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from . import vernet_oracle
from .common import JAN, KpiCommon

NUMBERS = (
    "verzuimpercentage", "verzuimpercentage_excl_vangnet", "meldingsfrequentie",
    "gemiddelde_verzuimduur", "nulverzuim", "schadelast", "headcount", "average_headcount",
    "reports", "employees_without_contract",
)


@tagged("post_install", "-at_install")
class TestKpiPeriods(KpiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Audit below Kwaliteit with Chris and Dirk; a second case of Chris in March that
        # ends in April, and one of Dirk (no contract) over the year boundary.
        cls.audit = cls.env["hr.department"].create({
            "name": "Audit", "company_id": cls.company.id, "parent_id": cls.quality.id,
        })
        (cls.chris | cls.dirk).department_id = cls.audit
        cls.make_case(cls.chris, start=date(2026, 3, 20), recovered=date(2026, 4, 3))
        cls.make_case(cls.dirk, start=date(2025, 12, 28), recovered=date(2026, 2, 2))
        cls.company.write({"erm_replacement_cost_per_day": 12.5, "erm_pay_top_up_pct": 5.0})

    def assertSameFigures(self, got, expected, msg=""):
        self.assertEqual(got["suppressed"], expected["suppressed"], msg)
        for key in NUMBERS:
            if expected[key] is None:
                self.assertIsNone(got[key], f"{msg} {key}")
            else:
                self.assertAlmostEqual(got[key], expected[key], places=6, msg=f"{msg} {key}")
        self.assertEqual(got["duration_classes"], expected["duration_classes"], msg)
        self.assertEqual(got["date_from"], expected["date_from"], msg)
        self.assertEqual(got["date_to"], expected["date_to"], msg)

    def periods(self):
        months = [date(2025, 11, 1) + relativedelta(months=i) for i in range(7)]
        return [(m, m + relativedelta(months=1, days=-1)) for m in months] + [
            JAN, (date(2025, 1, 1), date(2026, 12, 31)), (date(2026, 1, 15), date(2026, 1, 15)),
        ]

    def test_periods_in_one_load_equal_figures_per_period(self):
        periods = self.periods()
        for user in (self.user_hr, self.quality_manager_user, self.user_board):
            kpi = self.Kpi.with_user(user)
            for department, children in ((self.quality, True), (self.quality, False),
                                         (self.audit, True), (None, True)):
                if user == self.quality_manager_user and not department:
                    continue
                for minimum in (5, 3):
                    self.company.erm_min_group_size = minimum
                    args = (self.company.id, department and department.id, children)
                    together = kpi._erm_figures_periods(periods, *args)
                    self.assertEqual(len(together), len(periods))
                    for period, got in zip(periods, together, strict=True):
                        self.assertSameFigures(
                            got, kpi.figures(*period, *args),
                            f"{user.login} {department and department.name} {children} "
                            f"{minimum} {period}",
                        )

    def test_one_load_queries_do_not_grow_with_periods(self):
        kpi = self.Kpi.with_user(self.user_board)
        counts = []
        for periods in (self.periods()[:1], self.periods()):
            kpi._erm_figures_periods(periods, self.company.id, self.quality.id)  # warm
            before = self.env.cr.sql_log_count
            kpi._erm_figures_periods(periods, self.company.id, self.quality.id)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        # the ninth: the interventions' costs; the tenth: the cases the user may read
        self.assertLessEqual(counts[1], 10)

    def test_dashboard_trend_equals_monthly_figures(self):
        kpi = self.Kpi.with_user(self.user_hr)
        data = kpi.dashboard_data("last_12_months", self.company.id, self.quality.id)
        for point in data["trend"]:
            start = date.fromisoformat(point["month"])
            month = kpi.figures(start, start + relativedelta(months=1, days=-1),
                                self.company.id, self.quality.id)
            if month["verzuimpercentage"] is None:
                self.assertIsNone(point["rate"])
            else:
                self.assertAlmostEqual(point["rate"], month["verzuimpercentage"])
        date_from, date_to = kpi.period_bounds("last_12_months")
        self.assertAlmostEqual(
            data["current"]["schadelast"],
            kpi.figures(date_from, date_to, self.company.id, self.quality.id)["schadelast"],
        )

    def test_all_departments_equal_per_department_figures(self):
        for user in (self.user_hr, self.quality_manager_user, self.user_board):
            for minimum in (5, 4, 3):
                self.company.erm_min_group_size = minimum
                kpi = self.Kpi.with_user(user)
                for period in self.periods():
                    rows = kpi.figures_by_department(*period, company_id=self.company.id)
                    for row in rows:
                        single = kpi.figures(*period, self.company.id, row["department_id"])
                        msg = f"{user.login} {minimum} {period} {row['name']}"
                        self.assertEqual(row["suppressed"], single["suppressed"], msg)
                        if row["suppressed"]:
                            self.assertIsNone(row["verzuimpercentage"], msg)
                            continue
                        for key in NUMBERS[:-1]:
                            if single[key] is None:
                                self.assertIsNone(row[key], f"{msg} {key}")
                            else:
                                self.assertAlmostEqual(row[key], single[key], places=6,
                                                       msg=f"{msg} {key}")
                        self.assertEqual(row["duration_classes"], single["duration_classes"])

    def test_grouped_totals_add_up(self):
        """Per employee, per department and in total: the same sums."""
        kpi = self.Kpi
        bounds = [(date(2025, 12, 1), date(2026, 2, 1)), (date(2026, 3, 1), date(2026, 5, 1))]
        result, without = {}, {}
        for by in ("employee", "department", "total"):
            result[by], without[by] = kpi._erm_grouped_totals(
                self.company, None, bounds, by=by
            )
        self.assertEqual(without["employee"], without["total"])
        self.assertEqual(without["department"], without["total"])
        self.assertGreaterEqual(without["total"][0], 1)  # Dirk at least
        self.assertEqual(set(result["total"][0]), {0})
        self.assertIn(self.audit.id, result["department"][0])
        for index in range(len(bounds)):
            sums = {}
            for by in ("employee", "department"):
                total = sums[by] = type(result["total"][index][0])()
                for part in result[by][index].values():
                    total.add(part)
            for name in ("sick", "sick_excl_vangnet", "employed", "employed_plain", "reports",
                         "ended", "ended_days", "people", "people_sick", "cost"):
                expected = getattr(result["total"][index][0], name)
                for by in ("employee", "department"):
                    self.assertAlmostEqual(getattr(sums[by], name), expected, msg=name)
            self.assertEqual(sums["employee"].classes, result["total"][index][0].classes)
            self.assertEqual(sums["department"].classes, result["total"][index][0].classes)

    def test_two_contracts_in_a_period_count_one_person(self):
        """A change of hours mid-month: two contracts, one person in the headcount, each
        part weighed with its own DTF; the database sums equal the engine's."""
        erik = self.env["hr.employee"].create({
            "name": "Erik", "company_id": self.company.id, "department_id": self.audit.id,
            "resource_calendar_id": self.cal_40.id,
        })
        Contract = self.env["hr.contract"]
        Contract.create({
            "name": "Erik 40", "employee_id": erik.id, "date_start": date(2024, 1, 1),
            "date_end": date(2026, 1, 14), "wage": 3650.0, "state": "close",
            "resource_calendar_id": self.cal_40.id, "company_id": self.company.id,
        })
        Contract.create({
            "name": "Erik 20", "employee_id": erik.id, "date_start": date(2026, 1, 15),
            "wage": 1825.0, "state": "open", "resource_calendar_id": self.cal_20.id,
            "company_id": self.company.id,
        })
        # (a leave may not span two contracts with different schedules in hr_holidays)
        self.make_case(erik, start=date(2026, 1, 16), recovered=date(2026, 1, 21))
        kpi = self.Kpi
        before = kpi.figures(*JAN, department_id=self.audit.id, include_children=False)
        self.assertEqual(before["headcount"], 3)  # Chris, Dirk, Erik
        start, stop = date(2025, 12, 1), date(2026, 3, 1)
        department_ids = [self.audit.id]
        data = vernet_oracle.load(kpi, self.company, department_ids, start, stop)
        engine = vernet_oracle.totals(self.company, data, start, stop)
        database, _without = kpi._erm_sql_totals(self.company, department_ids, start, stop)
        self.assertEqual(database[erik.id].people, 1)
        # 31 + 14 days at 1.0 + 45 days at 0.5; sick 5 days at 0.5
        self.assertAlmostEqual(database[erik.id].employed, 31 + 14 + 45 * 0.5)
        self.assertAlmostEqual(database[erik.id].sick, 5 * 0.5)
        for name in ("sick", "employed", "employed_plain", "people", "people_sick", "cost"):
            self.assertAlmostEqual(
                getattr(database[erik.id], name), getattr(engine[erik.id], name), msg=name
            )
        parts, _without = kpi._erm_grouped_totals(
            self.company, department_ids, [(start, stop), (date(2026, 1, 1), date(2026, 2, 1))],
            by="department",
        )
        self.assertEqual([part[self.audit.id].people for part in parts], [3, 3])

    def test_company_with_departments_in_one_load(self):
        for user in (self.user_hr, self.user_board, self.quality_manager_user):
            kpi = self.Kpi.with_user(user)
            for minimum in (5, 50):
                self.company.erm_min_group_size = minimum
                for period in (JAN, (date(2025, 1, 1), date(2026, 12, 31))):
                    both = kpi.figures_with_departments(*period, company_id=self.company.id)
                    self.assertEqual(
                        both["departments"],
                        kpi.figures_by_department(*period, company_id=self.company.id),
                    )
                    if user == self.quality_manager_user:
                        self.assertIsNone(both["company"])
                        continue
                    self.assertSameFigures(
                        both["company"], kpi.figures(*period, company_id=self.company.id),
                        f"{user.login} {minimum} {period}",
                    )
                    self.assertEqual(both["company"]["suppressed"],
                                     minimum == 50 and user == self.user_board)

    def test_trend_periods_carry_the_rates(self):
        """Periods after ``full`` (a trend) give the rates, cost and headcounts of
        figures() and None for what they leave out."""
        periods = self.periods()
        for user in (self.user_hr, self.user_board):
            self.company.erm_min_group_size = 3
            kpi = self.Kpi.with_user(user)
            together = kpi._erm_figures_periods(periods, self.company.id, self.quality.id,
                                                full=2)
            for index, (period, got) in enumerate(zip(periods, together, strict=True)):
                expected = kpi.figures(*period, self.company.id, self.quality.id)
                if index < 2:
                    self.assertSameFigures(got, expected, f"{period}")
                    continue
                self.assertEqual(got["suppressed"], expected["suppressed"])
                for key in ("verzuimpercentage", "verzuimpercentage_excl_vangnet",
                            "schadelast", "headcount", "average_headcount"):
                    if expected[key] is None:
                        self.assertIsNone(got[key], f"{period} {key}")
                    else:
                        self.assertAlmostEqual(got[key], expected[key], msg=f"{period} {key}")
                for key in ("meldingsfrequentie", "gemiddelde_verzuimduur", "nulverzuim",
                            "reports"):
                    self.assertIsNone(got[key], f"{period} {key}")
