# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ERM models' duty table (engine/tbv.py), the competence arithmetic
(engine/competence.py) and the Time Off date splitting (engine/time_off.py), without the
ORM."""

from datetime import date

from odoo.addons.erm_verzuim.engine import competence, tbv, time_off

from .engine_case import EngineCase


class TestErmModelTable(EngineCase):
    def test_duties_derive_who_directs_and_who_escalates(self):
        self.assertEqual(tbv.ERM_MODELS, ("I", "II", "III", "IV"))
        self.assertEqual(set(tbv.MODEL_DUTIES), set(tbv.ERM_MODELS))
        # the manager directs in models I-III: his competence is checked there
        self.assertEqual(tbv.DIRECTING_MODELS, ("I", "II", "III"))
        # model IV has no manager among the duty holders: escalation to the board
        self.assertEqual(tbv.BOARD_ESCALATION_MODELS, ("IV",))
        # a policy must name a coach in II and IV, an HR adviser in III
        self.assertEqual(tbv.models_needing("coach"), ("II", "IV"))
        self.assertEqual(tbv.models_needing("hr"), ("III",))

    def test_every_stakeholder_has_a_row_per_model(self):
        for model in tbv.ERM_MODELS:
            rows = tbv.tbv_rows(model)
            self.assertEqual([key for key, _label, _texts in rows],
                             [key for key, _label in tbv.STAKEHOLDERS])
            for _key, _label, texts in rows:
                self.assertEqual(len(texts), 3)


class TestCompetenceArithmetic(EngineCase):
    def test_strictest_level(self):
        progress = {"none": 0, **competence.DEFAULT_PROGRESS}
        self.assertEqual(competence.strictest(["basis", "expert", "vaardig"], progress),
                         "expert")
        self.assertEqual(competence.strictest(["none", False], progress), "none")

    def test_coverage(self):
        self.assertEqual(competence.coverage(4, 1), 75.0)
        self.assertEqual(competence.coverage(0, 0), 100.0)


class TestTimeOffDates(EngineCase):
    def test_week_chunks_skip_weekend_only_parts(self):
        # Saturday 3 January to Monday 12 January 2026: the first weekend holds no weekday
        chunks = list(time_off.week_chunks(date(2026, 1, 3), date(2026, 1, 12)))
        self.assertEqual(chunks, [(date(2026, 1, 5), date(2026, 1, 11)),
                                  (date(2026, 1, 12), date(2026, 1, 12))])

    def test_remove_days_splits_around_busy_days(self):
        runs = list(time_off.remove_days(date(2026, 1, 5), date(2026, 1, 9),
                                         {date(2026, 1, 7)}))
        self.assertEqual(runs, [(date(2026, 1, 5), date(2026, 1, 6)),
                                (date(2026, 1, 8), date(2026, 1, 9))])

    def test_window_ends_before_recovery_or_at_the_horizon(self):
        today = date(2026, 1, 5)
        self.assertEqual(time_off.window(date(2026, 1, 1), None, True, today),
                         (date(2026, 1, 1), date(2026, 1, 19)))
        self.assertEqual(time_off.window(date(2026, 1, 1), date(2026, 1, 8), True, today),
                         (date(2026, 1, 1), date(2026, 1, 7)))
        self.assertIsNone(time_off.window(date(2026, 1, 1), None, False, today))
