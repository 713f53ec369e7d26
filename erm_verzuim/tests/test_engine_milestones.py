# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The milestone table (engine/milestones.py) is complete and consistent, and the engine's
deadlines follow its anchors. Pure Python: no database needed."""

import dataclasses
from datetime import date, timedelta

from odoo.addons.erm_verzuim.engine import milestones, wvp

from .engine_case import EngineCase

START = date(2024, 1, 8)  # a Monday: every end of week is a Sunday


class TestMilestoneTable(EngineCase):
    def test_codes_unique_and_in_engine_order(self):
        codes = [rule.code for rule in milestones.MILESTONES]
        assert len(codes) == len(set(codes))
        assert tuple(codes) == wvp.MILESTONE_CODES == milestones.MILESTONE_CODES
        assert [code for code, _label in milestones.SELECTION] == codes

    def test_every_rule_complete(self):
        progress_fields = {field.name for field in dataclasses.fields(wvp.Progress)}
        for rule in milestones.MILESTONES:
            assert rule.label.strip(), rule
            assert rule.anchor in milestones.ANCHORS, rule
            assert rule.role in milestones.ROLES, rule
            assert rule.condition in milestones.CONDITIONS, rule
            assert rule.source, rule
            assert isinstance(rule.offset, int) and rule.offset >= 0, rule
            # an alert needs both its text and its lead time
            assert (rule.summary is None) == (rule.lead_days is None), rule
            if rule.done_field:
                assert rule.done_field in progress_fields, rule
            if rule.anchor in (milestones.AFTER, milestones.EVERY):
                assert rule.after in milestones.BY_CODE, rule
                # it counts from a milestone computed before it
                assert codes_before(rule.after, rule.code), rule
            if rule.early_after:
                assert milestones.BY_CODE[rule.early_after[0]].done_field, rule
            if rule.window_day:
                assert rule.window_day > 0, rule

    def test_progress_fields_match_the_table(self):
        """Every single-date field of the engine's Progress belongs to one milestone."""
        single = {field.name for field in dataclasses.fields(wvp.Progress)} - {
            "evaluations_done"}
        assert set(milestones.PROGRESS_FIELD.values()) == single
        assert milestones.PROGRESS_FIELD["plan_van_aanpak"] == "plan_done"

    def test_derived_views(self):
        assert set(milestones.CODE_ROLE) == set(milestones.MILESTONE_CODES)
        assert milestones.CODE_ROLE["plan_van_aanpak"] == milestones.REGIEVOERDER
        assert milestones.CODE_ROLE["uwv_42"] == milestones.PROCESBEWAKER
        assert "einde_wachttijd" not in milestones.ALERT_CODES
        assert len(milestones.ALERT_CODES) == len(milestones.MILESTONE_CODES) - 1
        assert set(milestones.DEFAULT_LEAD_DAYS) == set(milestones.ALERT_CODES)
        assert set(milestones.SUMMARIES) == set(milestones.ALERT_CODES)
        assert milestones.DEFAULT_LEAD_DAYS["uwv_42"] == 21
        assert milestones.DEFAULT_LEAD_DAYS["ba_mogelijkheden"] == milestones.FALLBACK_LEAD_DAYS
        assert milestones.REPEATING_CODE == "evaluatie"
        assert milestones.EVALUATION_INTERVAL_DAYS == 42
        assert set(milestones.LEGAL_SOURCE) == set(milestones.MILESTONE_CODES)

    def test_summary(self):
        assert milestones.summary("uwv_42") == "Make the 42nd-week report to UWV"
        assert milestones.summary("evaluatie", 3) == (
            "Evaluate the plan of action (evaluation 3)")
        translated = milestones.summary("evaluatie", 2, {
            "Evaluate the plan of action (evaluation %(sequence)s)":
                "Evalueer het plan van aanpak (evaluatie %(sequence)s)",
        }.get)
        assert translated == "Evalueer het plan van aanpak (evaluatie 2)"
        # no summary (no alert): the label
        assert milestones.summary("einde_wachttijd") == "End of the waiting time"

    def test_engine_follows_the_anchors(self):
        """Each deadline of a plain open chain is where its rule's anchor puts it."""
        chain = wvp.Chain([wvp.Spell(START)])
        deadlines = {(d.code, d.sequence): d for d in wvp.compute_deadlines(
            chain, early_doctor=True, vangnet_regime="six_weeks")}
        end = chain.end_of_week(104)
        for rule in milestones.MILESTONES:
            sequence = 1 if rule.anchor == milestones.EVERY else 0
            due = deadlines[(rule.code, sequence)].date_deadline
            if rule.anchor == milestones.WEEK:
                assert due == chain.end_of_week(rule.offset), rule
            elif rule.anchor == milestones.WERKDAG_AFTER_WEEK:
                assert due > chain.end_of_week(rule.offset), rule
                assert due <= chain.end_of_week(rule.offset) + timedelta(days=4), rule
            elif rule.anchor in (milestones.AFTER, milestones.EVERY):
                reference = deadlines[(rule.after, 0)].date_deadline
                assert due == reference + timedelta(days=rule.offset), rule
            elif rule.anchor == milestones.BEFORE_END:
                assert due == end - timedelta(days=rule.offset), rule
            elif rule.anchor == milestones.WAITING_TIME_END:
                assert due == end, rule
            if rule.window_day:
                assert deadlines[(rule.code, 0)].date_window_start == chain.sick_day_date(
                    rule.window_day), rule

    def test_conditions(self):
        chain = wvp.Chain([wvp.Spell(START)])
        codes = {d.code for d in wvp.compute_deadlines(chain)}
        conditional = {rule.code for rule in milestones.MILESTONES if rule.condition}
        assert conditional == {"ba_mogelijkheden", "ba_interventieadvies", "uwv_vangnet"}
        assert not codes & conditional
        assert codes == set(milestones.MILESTONE_CODES) - conditional

    def test_early_after(self):
        """The plan of action is due 14 days after a done problem analysis when earlier."""
        chain = wvp.Chain([wvp.Spell(START)])
        done = START + timedelta(days=20)
        deadlines = {d.code: d.date_deadline for d in wvp.compute_deadlines(
            chain, progress=wvp.Progress(probleemanalyse_done=done))}
        assert deadlines["plan_van_aanpak"] == done + timedelta(days=14)


def codes_before(first, second):
    codes = milestones.MILESTONE_CODES
    return codes.index(first) < codes.index(second)
