# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The aggregate guard's arithmetic (engine/aggregate_guard.py), without the ORM."""

from odoo.addons.erm_verzuim.engine.aggregate_guard import (
    FLOOR,
    TOTAL,
    effective_minimum,
    suppress_periods,
    suppress_rows,
    suppress_tree,
)

from .engine_case import EngineCase, parametrize

TREE = {"org": None, "A": "org", "A1": "A", "B": "org", "C": "org"}
COUNTS = {"org": 43, "A": 6, "A1": 5, "B": 34, "C": 3}


class TestEngineAggregateGuard(EngineCase):
    @parametrize("value, minimum", [(None, 5), (0, 5), (1, FLOOR), (2, FLOOR), (3, 3),
                                    (5, 5), (12, 12)])
    def test_minimum_never_below_the_floor(self, value, minimum):
        self.assertEqual(effective_minimum(value), minimum)

    def test_small_groups_and_their_differences_are_hidden(self):
        # C is too small. A - A1 would reveal one person: A1 is hidden so A stays.
        # org - A - B would reveal C's 3: the smallest shown sibling (A) is hidden too.
        self.assertEqual(suppress_tree(TREE, COUNTS, 5), {"A1", "C", "A"})

    def test_large_groups_stay(self):
        tree = {"org": None, "A": "org", "B": "org"}
        self.assertEqual(suppress_tree(tree, {"org": 20, "A": 10, "B": 10}, 5), set())

    def test_a_reader_who_knows_every_case_sees_his_small_group(self):
        hidden = suppress_tree(TREE, COUNTS, 5, known={"C"})
        self.assertNotIn("C", hidden)
        # C shown and known: org - B - C leaves A (6), nothing small to protect
        self.assertEqual(hidden, {"A1"})

    def test_known_children_alone_hide_the_parent(self):
        # the parent minus the known children leaves 2 people the reader does not know
        tree = {"org": None, "A": "org", "B": "org"}
        counts = {"org": 12, "A": 5, "B": 5}
        self.assertEqual(suppress_tree(tree, counts, 5, known={"A", "B"}), {"org"})
        self.assertEqual(suppress_tree(tree, counts, 5, known={"org", "A", "B"}), set())

    def test_rows_beside_a_total(self):
        self.assertEqual(suppress_rows({"x": 7, "y": 8}, 5), set())
        # y is small; the total minus x would give y away: x goes too, the total stays
        self.assertEqual(suppress_rows({"x": 7, "y": 2, "z": 9}, 5), {"y", "x"})
        self.assertEqual(suppress_rows({"x": 2}, 5), {"x", TOTAL})
        self.assertEqual(suppress_rows({"x": 2, "y": 9}, 5, with_total=False), {"x"})

    def test_earlier_period_differing_by_a_few_people_is_hidden(self):
        # 3 people joined between the two periods: the earlier figure is hidden
        self.assertEqual(suppress_periods([12, 9], {(0, 1): (3, 0)}, 5), {1})
        # 6 joined, none left: both may be shown
        self.assertEqual(suppress_periods([15, 9], {(0, 1): (6, 0)}, 5), set())
        # the same people: nothing to derive
        self.assertEqual(suppress_periods([9, 9], {(0, 1): (0, 0)}, 5), set())
        # a small period is hidden on its own
        self.assertEqual(suppress_periods([9, 3], {}, 5), {1})
