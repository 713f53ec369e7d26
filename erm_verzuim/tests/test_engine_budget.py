# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The employability budget's arithmetic (engine/budget.py), without the ORM."""

from datetime import date

from odoo.addons.erm_verzuim.engine.budget import (
    balance,
    entitlement,
    months_employed,
)

from .engine_case import EngineCase, parametrize


class TestEngineBudget(EngineCase):
    @parametrize("start, end, months", [
        (None, None, 12),
        (date(2026, 3, 31), None, 10),  # one day of March counts
        (None, date(2026, 6, 1), 6),
        (date(2026, 4, 15), date(2026, 5, 2), 2),
        (date(2027, 1, 1), None, 0),
        (None, date(2025, 12, 31), 0),
        (date(2020, 1, 1), date(2030, 1, 1), 12),
    ])
    def test_months_employed(self, start, end, months):
        self.assertEqual(months_employed(2026, start, end), months)

    def test_entitlement_full_without_proration(self):
        self.assertEqual(entitlement(2026, 500.0, date_start=date(2026, 10, 1)), 500.0)
        self.assertEqual(entitlement(2026, 500.0, date_end=date(2025, 5, 1)), 0.0)

    @parametrize("factor, start, amount", [
        (1.0, None, 600.0),
        (0.5, None, 300.0),
        (0.5, date(2026, 7, 1), 150.0),
        (1.3, None, 600.0),  # overtime never gives more than the full amount
        (0.8, date(2026, 11, 20), 80.0),
    ])
    def test_entitlement_prorated(self, factor, start, amount):
        self.assertEqual(
            entitlement(2026, 600.0, prorate=True, part_time_factor=factor, date_start=start),
            amount,
        )

    def test_balance_without_carry_over(self):
        result = balance(2026, {2025: 500.0, 2026: 500.0}, {2025: 100.0, 2026: 200.0})
        self.assertEqual((result["carried"], result["remaining"], result["available"]),
                         (0.0, 300.0, 300.0))

    def test_balance_carries_one_year_only(self):
        ent = {2024: 500.0, 2025: 500.0, 2026: 500.0}
        # nothing spent in 2024 and 2025: only 2025's unspent part carries into 2026
        self.assertEqual(balance(2026, ent, {}, carry_over=True)["available"], 1000.0)
        # 2025 spent 700: 500 carried from 2024 first, then 200 of its own: 300 carry
        result = balance(2026, ent, {2025: 700.0}, carry_over=True)
        self.assertEqual((result["carried"], result["available"]), (300.0, 800.0))
        # 2025 spent 300: all from the carry of 2024; 2025's own 500 carries
        self.assertEqual(balance(2026, ent, {2025: 300.0}, carry_over=True)["carried"], 500.0)

    def test_balance_overdraft_is_visible(self):
        result = balance(2026, {2026: 100.0}, {2026: 150.0})
        self.assertEqual((result["remaining"], result["available"]), (-50.0, 0.0))
