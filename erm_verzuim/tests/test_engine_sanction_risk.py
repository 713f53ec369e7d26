# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wage-sanction risk check (engine/sanction_risk.py) on crafted files, and the versioned
milestone rules it reads (engine/milestones.py rule sets). Pure Python: no database."""

import dataclasses
from datetime import date, timedelta

from odoo.addons.erm_verzuim.engine import milestones, wvp
from odoo.addons.erm_verzuim.engine import sanction_risk as risk

from .engine_case import EngineCase

START = date(2024, 1, 8)  # a Monday


def week_end(week, start=START):
    return start + timedelta(days=7 * week - 1)


def case_file(today, *, start=START, rules=None, late=None, skip=(), plans=None,
              advice_dates=None, interventions=(), care_dates=None, version=1):
    """A file kept perfectly up to `today`: every milestone done on its deadline (or `late`
    days after it for the codes in `late`), none of `skip` done; plans with both views."""
    late = late or {}
    rule_set = rules or milestones.CURRENT_RULES
    progress = wvp.Progress()
    chain = wvp.Chain([wvp.Spell(start)])
    # done dates settle pass by pass (each evaluation counts from the previous one's done date)
    for _round in range(30):
        deadlines = wvp.compute_deadlines(chain, progress=progress, rules=rule_set)
        values, evaluations = {}, []
        for item in deadlines:
            done = item.date_deadline + timedelta(days=late.get(item.code, 0))
            if item.code in skip or done > today or item.code == "einde_wachttijd":
                continue
            if item.code == "evaluatie":
                evaluations.append(done)
            elif item.code in milestones.PROGRESS_FIELD:
                values[milestones.PROGRESS_FIELD[item.code]] = done
        progress = wvp.Progress(evaluations_done=tuple(evaluations), **values)
    deadlines = wvp.compute_deadlines(chain, progress=progress, rules=rule_set)
    stones = tuple(risk.Milestone(d.code, d.sequence, d.date_deadline, d.date_done,
                                  d.date_window_start) for d in deadlines)
    if plans is None:
        plans = tuple(
            risk.Plan(kind, d.date_done, True, True, date_employer_view=d.date_done)
            for d in deadlines for kind in [d.code]
            if d.date_done and kind in ("plan_van_aanpak", "evaluatie", "eerstejaars")
        )
    if advice_dates is None:
        advice_dates = tuple(today - timedelta(days=days) for days in (10, 200))
    if care_dates is None:
        care_dates = tuple(start + timedelta(days=n) for n in range(5, (today - start).days, 7))
    return risk.CaseFile(start, stones, plans, advice_dates, tuple(interventions), care_dates,
                         care_start=start, version=version)


def by_code(outcome):
    return {result.code: result for result in outcome.results}


class TestSanctionRiskTable(EngineCase):
    def test_every_rule_complete(self):
        for rule in risk.RULES:
            assert rule.description.strip() and rule.source.strip(), rule
            assert rule.level in (risk.ORANJE, risk.ROOD), rule
            assert rule.milestone is None or rule.milestone in milestones.BY_CODE, rule
        assert len(risk.CODES) == len(set(risk.CODES))
        # a gap in the care contacts is a warning, never red
        assert risk.BY_CODE["care_contacts"].level == risk.ORANJE


class TestSanctionRiskCheck(EngineCase):
    def test_perfect_file_is_groen(self):
        today = week_end(60)
        outcome = risk.check(case_file(today), today)
        assert outcome.level == risk.GROEN, outcome.failing
        results = by_code(outcome)
        assert results["plan_van_aanpak"].status == risk.OK
        assert results["eerstejaars"].status == risk.OK
        assert results["ba_actueel"].status == risk.NOT_DUE

    def test_plan_three_days_late_is_oranje(self):
        today = week_end(12)
        outcome = risk.check(case_file(today, late={"plan_van_aanpak": 3}), today)
        assert outcome.level == risk.ORANJE
        plan = by_code(outcome)["plan_van_aanpak"]
        assert plan.status == risk.LATE
        assert (plan.date_done - plan.date_due).days == 3

    def test_no_first_year_evaluation_by_week_53_is_rood(self):
        today = week_end(53)
        outcome = risk.check(case_file(today, skip=("eerstejaars", "tweede_spoor")), today)
        assert outcome.level == risk.ROOD
        result = by_code(outcome)["eerstejaars"]
        assert result.status == risk.MISSING and result.date_due == week_end(52)

    def test_missing_employee_view(self):
        today = week_end(20)
        base = case_file(today)
        plans = tuple(dataclasses.replace(p, employee_view=False) if p.kind == "plan_van_aanpak"
                      else p for p in base.plans)
        outcome = risk.check(dataclasses.replace(base, plans=plans), today)
        result = by_code(outcome)["employee_view"]
        assert result.status == risk.MISSING and outcome.level == risk.ORANJE
        # a recorded refusal is in order
        refused = tuple(dataclasses.replace(p, employee_view_refused=True) for p in plans)
        outcome = risk.check(dataclasses.replace(base, plans=refused), today)
        assert by_code(outcome)["employee_view"].status == risk.OK

    def test_old_advice_at_week_90(self):
        today = week_end(90)
        old = (week_end(70),)
        outcome = risk.check(case_file(today, advice_dates=old), today)
        result = by_code(outcome)["ba_actueel"]
        # before the application: a warning to ask for a current judgement
        assert result.status == risk.MISSING and result.level == risk.ORANJE
        assert result.date_done == week_end(70)
        # a recent one is in order
        outcome = risk.check(case_file(today, advice_dates=(today - timedelta(days=5),)), today)
        assert by_code(outcome)["ba_actueel"].status == risk.OK
        # after the application's date without one: red
        later = week_end(95)
        outcome = risk.check(case_file(later, advice_dates=old, skip=("wia_aanvraag",)), later)
        assert by_code(outcome)["ba_actueel"].level == risk.ROOD

    def test_advised_intervention_not_started(self):
        today = week_end(20)
        advised = risk.Intervention(True, today - timedelta(days=40), False, False)
        outcome = risk.check(case_file(today, interventions=[advised]), today)
        assert by_code(outcome)["interventions"].status == risk.MISSING
        assert outcome.level == risk.ROOD
        declined = dataclasses.replace(advised, declined=True)
        outcome = risk.check(case_file(today, interventions=[declined]), today)
        assert by_code(outcome)["interventions"].status == risk.OK

    def test_care_gap_is_a_warning(self):
        today = week_end(20)
        outcome = risk.check(case_file(today, care_dates=(START + timedelta(days=3),)), today)
        assert by_code(outcome)["care_contacts"].status == risk.LATE
        assert outcome.level == risk.ORANJE

    def test_second_track_decided_without_intervention(self):
        today = week_end(70)
        base = case_file(today)
        plans = (*base.plans, risk.Plan("evaluatie", week_end(56), True, True,
                                        second_track=True))
        outcome = risk.check(dataclasses.replace(base, plans=plans), today)
        assert by_code(outcome)["second_track_start"].status == risk.MISSING
        started = risk.Intervention(False, week_end(57), True, False, second_track=True)
        outcome = risk.check(dataclasses.replace(base, plans=plans, interventions=(started,)),
                             today)
        assert by_code(outcome)["second_track_start"].status == risk.OK


# A simpler timeline as a second version: no evaluation every 6 weeks but every 13, the plan by
# week 10, no first-year evaluation.
SWITCH = date(2027, 1, 1)


def simpler_rules():
    lines = [{"code": rule.code} for rule in milestones.MILESTONES if rule.code != "eerstejaars"]
    for line in lines:
        if line["code"] == "plan_van_aanpak":
            line.update(offset=10)
        elif line["code"] == "evaluatie":
            line.update(offset=91)
        elif line["code"] == "tweede_spoor":
            line.update(anchor=milestones.WEEK, offset=60, after=None)
    return milestones.build_rule_set(2, SWITCH, lines)


class TestTwoRuleSets(EngineCase):
    def test_rule_set_for_picks_by_first_sick_day(self):
        sets = (milestones.CURRENT_RULES, simpler_rules())
        assert milestones.rule_set_for(SWITCH - timedelta(days=1), sets).version == 1
        assert milestones.rule_set_for(SWITCH, sets).version == 2
        assert milestones.rule_set_for(date(1990, 1, 1), sets).version == 1

    def test_cases_before_and_after_the_switch_get_different_deadlines(self):
        sets = (milestones.CURRENT_RULES, simpler_rules())
        before, after = SWITCH - timedelta(days=7), SWITCH + timedelta(days=7)
        result = {}
        for start in (before, after):
            rule_set = milestones.rule_set_for(start, sets)
            deadlines = wvp.compute_deadlines(wvp.Chain([wvp.Spell(start)]), rules=rule_set)
            result[start] = {(d.code, d.sequence): d.date_deadline for d in deadlines}
        assert result[before][("plan_van_aanpak", 0)] == week_end(8, before)
        assert result[after][("plan_van_aanpak", 0)] == week_end(10, after)
        assert ("eerstejaars", 0) in result[before]
        assert ("eerstejaars", 0) not in result[after]
        assert result[after][("evaluatie", 1)] - result[after][("plan_van_aanpak", 0)] == \
            timedelta(days=91)

    def test_risk_check_under_two_rule_sets(self):
        today_before = week_end(54, START)
        old = risk.check(case_file(today_before, skip=("eerstejaars", "tweede_spoor")),
                         today_before)
        assert old.level == risk.ROOD
        start = SWITCH + timedelta(days=3)
        today = week_end(54, start)
        new = case_file(today, start=start, rules=simpler_rules(), version=2)
        outcome = risk.check(new, today)
        # the new set has no first-year evaluation: no rule asks for it
        assert "eerstejaars" not in by_code(outcome)
        assert outcome.level == risk.GROEN, outcome.failing


class TestMilestoneFlags(EngineCase):
    def test_privacy_and_doctor_advice_are_flags_of_the_rules(self):
        assert milestones.PRIVATE_CODES == {"uwv_vangnet"}
        assert milestones.DOCTOR_ADVICE_CODES == (
            milestones.BA_MOGELIJKHEDEN, milestones.BA_INTERVENTIEADVIES,
            milestones.PROBLEEMANALYSE)
        # a rule set keeps a code's privacy whatever it changes
        rule_set = milestones.build_rule_set(
            2, date(2030, 1, 1), [{"code": "uwv_vangnet", "offset": 3}])
        assert rule_set.rules[0].private and rule_set.rules[0].offset == 3
