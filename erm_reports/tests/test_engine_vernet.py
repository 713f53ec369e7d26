# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Worked examples for the Vernet figures (docs/domain.md §4), computed by hand.

The period is January 2027: [1 Jan, 1 Feb), 31 days. Intervals are half-open: a case
recovered on 15 January has its last sick day on 14 January.
"""

from datetime import date

from odoo.addons.erm_reports.engine import vernet
from odoo.addons.erm_reports.engine.vernet import Case, Employment, SickSpell
from odoo.addons.erm_verzuim.tests.engine_case import EngineCase

D = date
P0, P1 = D(2027, 1, 1), D(2027, 2, 1)

# A: full-time all month, sick 5..14 Jan (10 days); B: DTF 0.5, sick since 20 Dec, open;
# C: DTF 1.2, joins on 16 Jan (16 days), never sick.
EMPLOYMENTS = [
    Employment("A", D(2020, 1, 1), None, 1.0),
    Employment("B", D(2020, 1, 1), None, 0.5),
    Employment("C", D(2027, 1, 16), None, 1.2),
]
SPELLS = [
    SickSpell("A", "a1", D(2027, 1, 5), D(2027, 1, 15), 1.0),
    SickSpell("B", "b1", D(2026, 12, 20), None, 1.0, vangnet=True),
]


class TestVernet(EngineCase):
    def test_absence_rate_weights_part_timers(self):
        # numerator 10×1 + 31×0.5 = 25.5; denominator 31 + 15.5 + 16×1.2 = 65.7
        rate = vernet.verzuimpercentage(SPELLS, EMPLOYMENTS, P0, P1)
        self.assertAlmostEqual(rate, 100 * 25.5 / 65.7)

    def test_absence_rate_without_vangnet(self):
        rate = vernet.verzuimpercentage(SPELLS, EMPLOYMENTS, P0, P1, exclude_vangnet=True)
        self.assertAlmostEqual(rate, 100 * 10 / 65.7)

    def test_partial_incapacity(self):
        # 100 % on 5..9 Jan (5 days), 50 % on 10..14 Jan (5 days): 5 + 2.5
        spells = [
            SickSpell("A", "a1", D(2027, 1, 5), D(2027, 1, 10), 1.0),
            SickSpell("A", "a1", D(2027, 1, 10), D(2027, 1, 15), 0.5),
        ]
        employments = [Employment("A", D(2020, 1, 1), None, 1.0)]
        self.assertAlmostEqual(
            vernet.weighted_sick_days(spells, employments, P0, P1), 7.5
        )
        self.assertAlmostEqual(vernet.verzuimpercentage(spells, employments, P0, P1),
                               100 * 7.5 / 31)

    def test_leaver_counts_only_employed_days(self):
        # D works 1..10 Jan, sick from 8 Jan and stays sick after leaving: 3 sick days of 10
        employments = [Employment("D", D(2020, 1, 1), D(2027, 1, 11), 1.0)]
        spells = [SickSpell("D", "d1", D(2027, 1, 8), None, 1.0)]
        self.assertAlmostEqual(vernet.verzuimpercentage(spells, employments, P0, P1), 30.0)

    def test_change_of_hours_mid_case(self):
        # full-time until 15 Jan, then DTF 0.5; sick all month: 15×1 + 16×0.5 = 23 of 23
        employments = [
            Employment("E", D(2020, 1, 1), D(2027, 1, 16), 1.0),
            Employment("E", D(2027, 1, 16), None, 0.5),
        ]
        spells = [SickSpell("E", "e1", D(2026, 12, 1), None, 1.0)]
        self.assertAlmostEqual(vernet.weighted_sick_days(spells, employments, P0, P1), 23.0)
        self.assertAlmostEqual(vernet.verzuimpercentage(spells, employments, P0, P1), 100.0)

    def test_no_staff_gives_no_rate(self):
        self.assertIsNone(vernet.verzuimpercentage([], [], P0, P1))

    def test_frequency_counts_every_report_of_a_chain(self):
        # A reports twice (the second joins the chain), B's case began in December.
        cases = [
            Case("A", D(2027, 1, 5), D(2027, 1, 15)),
            Case("A", D(2027, 1, 20), D(2027, 1, 25)),
            Case("B", D(2026, 12, 20)),
        ]
        # average headcount (31 + 31 + 16) / 31; 2 reports × 365 / 31 days
        self.assertAlmostEqual(
            vernet.meldingsfrequentie(cases, EMPLOYMENTS, P0, P1), 2 / (78 / 31) * 365 / 31
        )

    def test_average_duration_of_cases_ended_in_period(self):
        cases = [
            Case("A", D(2027, 1, 5), D(2027, 1, 15)),  # 10 days
            Case("B", D(2026, 12, 1), D(2027, 1, 3)),  # 33 days, December counts
            Case("C", D(2027, 1, 25), D(2027, 2, 1)),  # last sick day 31 Jan: 7 days
            Case("D", D(2026, 12, 1), D(2027, 1, 1)),  # last sick day 31 Dec: not in period
            Case("E", D(2027, 1, 25)),  # still open
        ]
        self.assertAlmostEqual(
            vernet.gemiddelde_verzuimduur(cases, P0, P1), (10 + 33 + 7) / 3
        )
        self.assertIsNone(vernet.gemiddelde_verzuimduur(cases[-1:], P0, P1))

    def test_zero_absence(self):
        employments = EMPLOYMENTS + [
            Employment("D", D(2020, 1, 1), D(2027, 1, 11), 1.0),
            Employment("F", D(2020, 1, 1), D(2027, 1, 1), 1.0),  # left in December
        ]
        spells = SPELLS + [
            SickSpell("D", "d1", D(2027, 1, 8), None, 1.0),
            SickSpell("F", "f1", D(2027, 1, 8), None, 1.0),
        ]
        # employed: A, B, C, D; sick: A, B, D -> 1 of 4
        self.assertAlmostEqual(vernet.nulverzuim(employments, spells, P0, P1), 25.0)

    def test_duration_classes(self):
        cases = [
            Case("A", D(2027, 1, 5), D(2027, 1, 15)),  # 10 days, 10 in period
            Case("B", D(2026, 12, 1), D(2027, 1, 3)),  # 33 days, 2 in period
            Case("C", D(2026, 12, 20)),  # open: 43 days at period end, 31 in period
            Case("D", D(2025, 1, 1)),  # open for two years: last class
            Case("E", D(2026, 11, 1), D(2026, 12, 1)),  # not in period
        ]
        rows = vernet.duration_classes(cases, P0, P1)
        self.assertEqual(
            [(r["from"], r["to"], r["cases"], r["days"]) for r in rows],
            [(1, 14, 1, 10), (15, 91, 2, 33), (92, 365, 0, 0), (366, 730, 1, 31)],
        )

    def test_cost_of_absence_over_the_year_boundary(self):
        # case began 5 Jan 2026: year 2 of sickness starts 52 weeks later, on 4 Jan 2027
        spells = [SickSpell("A", "a1", D(2026, 1, 5), None, 1.0, case_start=D(2026, 1, 5))]
        employments = [Employment("A", D(2020, 1, 1), None, 1.0)]
        wages = {"A": 100.0}
        # 3 days at 100 % + 28 days at 70 %
        self.assertAlmostEqual(
            vernet.schadelast(spells, employments, wages, P0, P1), 100 * (3 + 28 * 0.7)
        )
        self.assertAlmostEqual(
            vernet.schadelast(spells, employments, wages, P0, P1, top_up_pct=10.0),
            100 * (3 + 28 * 0.8),
        )
        self.assertAlmostEqual(
            vernet.schadelast(spells, employments, wages, P0, P1, replacement_per_day=50.0),
            100 * (3 + 28 * 0.7) + 50 * 31,
        )
        half = [SickSpell("A", "a1", D(2026, 1, 5), None, 0.5, case_start=D(2026, 1, 5))]
        self.assertAlmostEqual(
            vernet.schadelast(half, employments, wages, P0, P1), 50 * (3 + 28 * 0.7)
        )

    def test_cost_follows_the_wage_of_each_contract(self):
        # 15 days at 100/day, then a raise to 120/day for 16 days; year 1 of sickness
        spells = [SickSpell("A", "a1", D(2026, 12, 1), None, 1.0)]
        employments = [
            Employment("A", D(2020, 1, 1), D(2027, 1, 16), 1.0, daily_wage=100.0),
            Employment("A", D(2027, 1, 16), None, 1.0, daily_wage=120.0),
        ]
        self.assertAlmostEqual(
            vernet.schadelast(spells, employments, None, P0, P1), 15 * 100 + 16 * 120
        )

    def test_suppression_of_small_groups(self):
        tree = {"org": None, "A": "org", "A1": "A", "B": "org", "C": "org"}
        counts = {"org": 43, "A": 6, "A1": 5, "B": 34, "C": 3}
        # C is too small. A - A1 would reveal one person: A1 is hidden so A stays.
        # org - A - B would reveal C's 3: the smallest shown sibling (A) is hidden too.
        self.assertEqual(vernet.suppress(tree, counts, 5), {"A1", "C", "A"})

    def test_suppression_keeps_everything_large_enough(self):
        tree = {"org": None, "A": "org", "B": "org"}
        counts = {"org": 20, "A": 10, "B": 10}
        self.assertEqual(vernet.suppress(tree, counts, 5), set())

    def test_totals_add_up_to_the_same_figures(self):
        employments = EMPLOYMENTS + [Employment("D", D(2020, 1, 1), D(2027, 1, 11), 1.0)]
        spells = SPELLS + [SickSpell("D", "d1", D(2027, 1, 8), None, 1.0)]
        cases = [
            Case("A", D(2027, 1, 5), D(2027, 1, 15)),
            Case("B", D(2026, 12, 20), None, True),
            Case("D", D(2027, 1, 8)),
        ]
        per_employee = vernet.totals_by_employee(spells, employments, cases, P0, P1)
        total = vernet.Totals()
        for part in per_employee.values():
            total.add(part)
        result = vernet.figures_from_totals(total, P0, P1)
        self.assertAlmostEqual(
            result["verzuimpercentage"], vernet.verzuimpercentage(spells, employments, P0, P1)
        )
        self.assertAlmostEqual(
            result["verzuimpercentage_excl_vangnet"],
            vernet.verzuimpercentage(spells, employments, P0, P1, exclude_vangnet=True),
        )
        self.assertAlmostEqual(
            result["meldingsfrequentie"], vernet.meldingsfrequentie(cases, employments, P0, P1)
        )
        self.assertAlmostEqual(
            result["gemiddelde_verzuimduur"], vernet.gemiddelde_verzuimduur(cases, P0, P1)
        )
        self.assertAlmostEqual(result["nulverzuim"], vernet.nulverzuim(employments, spells, P0, P1))
        self.assertEqual(result["duration_classes"], vernet.duration_classes(cases, P0, P1))
        self.assertEqual(result["headcount"], 4)

    def test_trend_months(self):
        months = vernet.month_starts(D(2027, 1, 1))
        self.assertEqual(len(months), 13)
        self.assertEqual(months[0], D(2026, 1, 1))
        self.assertEqual(months[-1], D(2027, 1, 1))
