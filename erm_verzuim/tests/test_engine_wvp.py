"""Worked examples for the WvP engine (domain.md §3).

Date arithmetic in the comments is done by hand, month by month ("+23" = days after the start).
"""

from datetime import date, datetime, timedelta

import pytest

from odoo.addons.erm_verzuim.engine import holidays, wvp
from odoo.addons.erm_verzuim.engine.wvp import (
    Chain,
    Deadline,
    EngineError,
    Extension,
    Interval,
    Progress,
    Spell,
)

from .engine_case import EngineCase, parametrize

D = date
DAYS = timedelta(days=1)

# Single open case, first sick day Monday 2024-01-08 (2024 is a leap year). Sick day n is
# 2024-01-08 + (n - 1) days; every "end of week" is a Sunday.
START = D(2024, 1, 8)
# Month ends counted from 8 Jan 2024: Jan 31 +23, Feb 29 +52, Mar 31 +83, Apr 30 +113,
# May 31 +144, Jun 30 +174, Jul 31 +205, Aug 31 +236, Sep 30 +266, Oct 31 +297, Nov 30 +327,
# 8 Jan 2025 +366, 8 Jan 2026 +731.
EXPECTED_SINGLE = {
    ("ba_mogelijkheden", 0): D(2024, 1, 14),  # day 7 = +6
    ("ba_interventieadvies", 0): D(2024, 2, 4),  # day 28 = +27 = Jan 31 + 4
    ("probleemanalyse", 0): D(2024, 2, 18),  # day 42 = +41 = Jan 31 + 18
    ("plan_van_aanpak", 0): D(2024, 3, 3),  # day 56 = +55 = Feb 29 + 3
    ("evaluatie", 1): D(2024, 4, 14),  # plan deadline 3 Mar + 42 = Mar 31 (+28) + 14
    ("uwv_42", 0): D(2024, 10, 28),  # day 294 = +293 = Sep 30 + 27 = Sun 27 Oct -> Mon 28
    ("eerstejaars", 0): D(2025, 1, 5),  # day 364 = +363 = 8 Jan 2025 - 3
    ("tweede_spoor", 0): D(2025, 2, 16),  # 5 Jan 2025 + 42 = Jan 31 (+26) + 16
    ("eindevaluatie", 0): D(2025, 10, 5),  # day 637 = 8 Jan 2025 + 270 = Sep 30 (+265) + 5
    ("wia_aanvraag", 0): D(2025, 10, 19),  # 4 Jan 2026 - 77 = end of week 93 = 5 Oct + 14
    ("einde_wachttijd", 0): D(2026, 1, 4),  # day 728 = +727 = 8 Jan 2026 - 4
}
WINDOW_EERSTEJAARS = D(2024, 11, 18)  # day 316 = +315 = Oct 31 (+297) + 18


def by_key(deadlines):
    return {(item.code, item.sequence): item for item in deadlines}


def single_chain():
    return Chain([Spell(START)])


def week42_start(end_of_week_42):
    """First sick day of a single open case whose end of week 42 (day 294) is the given date."""
    return end_of_week_42 - timedelta(days=293)


# --------------------------------------------------------------------------------------------
# Single open case
# --------------------------------------------------------------------------------------------


class TestSingleOpenCase(EngineCase):
    def test_single_open_case_all_deadlines(self):
        chain = single_chain()
        result = wvp.compute_deadlines(chain, early_doctor=True)
        assert {key: item.date_deadline for key, item in by_key(result).items()} == EXPECTED_SINGLE
        assert by_key(result)[("eerstejaars", 0)].date_window_start == WINDOW_EERSTEJAARS
        assert all(item.date_done is None for item in result)
        # Sorted by date; the ba_* milestones come first.
        assert [item.date_deadline for item in result] == sorted(EXPECTED_SINGLE.values())
        assert result[0].code == "ba_mogelijkheden"

    def test_single_open_case_counting(self):
        chain = single_chain()
        assert chain.first_day == START
        assert chain.is_open
        assert chain.last_recovered is None
        assert chain.last_sick_day is None
        assert chain.sick_day_date(1) == START
        assert chain.end_of_week(1) == D(2024, 1, 14)
        assert chain.end_of_week(104) == D(2026, 1, 4)
        assert chain.sick_day_number(D(2024, 1, 14)) == 7
        assert chain.sick_day_number(D(2024, 1, 7)) is None  # before the chain
        assert chain.sick_days_total(until=D(2024, 1, 31)) == 24  # Jan 8..31
        assert chain.sick_days_total(until=D(2024, 1, 1)) == 0
        assert wvp.normal_wachttijd_end(chain) == D(2026, 1, 4)
        assert wvp.wachttijd_end(chain) == D(2026, 1, 4)

    def test_without_early_doctor_no_ba_milestones(self):
        codes = {item.code for item in wvp.compute_deadlines(single_chain())}
        assert "ba_mogelijkheden" not in codes
        assert "ba_interventieadvies" not in codes
        assert "uwv_vangnet" not in codes
        assert codes == {code for code, _seq in EXPECTED_SINGLE} - {
            "ba_mogelijkheden",
            "ba_interventieadvies",
        }

    def test_early_doctor_milestones_carry_done_dates(self):
        progress = Progress(
            ba_mogelijkheden_done=D(2024, 1, 12), ba_interventieadvies_done=D(2024, 2, 6)
        )
        result = by_key(wvp.compute_deadlines(single_chain(), early_doctor=True, progress=progress))
        assert result[("ba_mogelijkheden", 0)] == Deadline(
            "ba_mogelijkheden", 0, D(2024, 1, 14), date_done=D(2024, 1, 12)
        )
        # Done late (6 Feb after the 4 Feb deadline): the deadline stays where it was.
        assert result[("ba_interventieadvies", 0)].date_deadline == D(2024, 2, 4)
        assert result[("ba_interventieadvies", 0)].date_done == D(2024, 2, 6)

    def test_done_dates_are_carried(self):
        progress = Progress(
            probleemanalyse_done=D(2024, 2, 16),
            plan_done=D(2024, 3, 1),
            uwv_42_done=D(2024, 10, 28),
            eerstejaars_done=D(2024, 12, 20),
            tweede_spoor_done=D(2025, 1, 15),
            eindevaluatie_done=D(2025, 9, 30),
            wia_aanvraag_done=D(2025, 10, 1),
        )
        result = by_key(wvp.compute_deadlines(single_chain(), progress=progress))
        assert result[("probleemanalyse", 0)].date_done == D(2024, 2, 16)
        assert result[("plan_van_aanpak", 0)].date_done == D(2024, 3, 1)
        assert result[("uwv_42", 0)].date_done == D(2024, 10, 28)
        assert result[("eerstejaars", 0)].date_done == D(2024, 12, 20)
        assert result[("eindevaluatie", 0)].date_done == D(2025, 9, 30)
        assert result[("wia_aanvraag", 0)].date_done == D(2025, 10, 1)
        assert result[("einde_wachttijd", 0)].date_done is None
        # Tweede spoor: 42 days after the done eerstejaarsevaluatie: 20 Dec 2024 + 42 =
        # Dec 31 (+11) + 31 = 31 Jan 2025.
        assert result[("tweede_spoor", 0)].date_deadline == D(2025, 1, 31)
        assert result[("tweede_spoor", 0)].date_done == D(2025, 1, 15)


# --------------------------------------------------------------------------------------------
# Chains: gaps, 27 vs 28 fit days, three spells
# --------------------------------------------------------------------------------------------


class TestChains(EngineCase):
    def test_gap_of_21_fit_days_shifts_every_later_deadline_by_21_days(self):
        # Spell 1: 8 Jan (rec 22 Jan) = 14 sick days (Jan 8..21). Fit: Jan 22..Feb 11 = 21 days.
        # Spell 2 starts 12 Feb = sick day 15 (12 Feb = 29 Jan + 14, i.e. 21 days later).
        spells = [Spell(START, D(2024, 1, 22)), Spell(D(2024, 2, 12))]
        assert wvp.chain_groups(spells) == [[0, 1]]
        chain = Chain(spells)
        assert chain.sick_day_date(14) == D(2024, 1, 21)
        assert chain.sick_day_date(15) == D(2024, 2, 12)
        assert chain.sick_day_number(D(2024, 1, 30)) is None  # a fit day
        assert chain.sick_day_number(D(2024, 2, 12)) == 15
        # Every deadline (all lie after sick day 14) moves by exactly 21 days, also uwv_42:
        # end of week 42 = Sun 27 Oct + 21 = Sun 17 Nov -> Mon 18 Nov 2024.
        result = by_key(wvp.compute_deadlines(chain, early_doctor=True))
        for key, expected in EXPECTED_SINGLE.items():
            if key == ("ba_mogelijkheden", 0):
                assert result[key].date_deadline == expected  # day 7 lies before the gap
            else:
                assert result[key].date_deadline == expected + 21 * DAYS, key
        assert result[("uwv_42", 0)].date_deadline == D(2024, 11, 18)
        assert result[("einde_wachttijd", 0)].date_deadline == D(2026, 1, 25)

    def test_27_fit_days_join_the_chain_28_start_a_new_one(self):
        first = Spell(START, D(2024, 2, 1))  # sick Jan 8..31; 1 Feb is the first fit day
        # Feb 1..27 = 27 fit days, next case on 28 Feb: joins.
        assert wvp.chain_groups([first, Spell(D(2024, 2, 28))]) == [[0, 1]]
        # Feb 1..28 = 28 fit days, next case on 29 Feb: a new chain at day 1.
        assert wvp.chain_groups([first, Spell(D(2024, 2, 29))]) == [[0], [1]]
        # Recovering and falling sick again on the same day (0 fit days): joins.
        assert wvp.chain_groups([first, Spell(D(2024, 2, 1))]) == [[0, 1]]
        # A configurable gap (e.g. for tests of other rules).
        assert wvp.chain_groups([first, Spell(D(2024, 2, 28))], gap_days=27) == [[0], [1]]

    def test_three_spell_chain(self):
        # A: Jan 8..14 (rec 15 Jan) = days 1-7; fit Jan 15..31 = 17 days.
        # B: Feb 1..10 (rec 11 Feb) = days 8-17; fit Feb 11..29 = 19 days.
        # C: from 1 Mar (open) = day 18 onwards. Total gap 17 + 19 = 36 days.
        a = Spell(START, D(2024, 1, 15))
        b = Spell(D(2024, 2, 1), D(2024, 2, 11))
        c = Spell(D(2024, 3, 1))
        spells = [c, a, b]  # any order
        assert wvp.chain_groups(spells) == [[1, 2, 0]]
        chain = Chain(spells)
        assert chain.spells == (a, b, c)
        assert chain.sick_day_date(7) == D(2024, 1, 14)
        assert chain.sick_day_date(8) == D(2024, 2, 1)
        assert chain.sick_day_date(17) == D(2024, 2, 10)
        assert chain.sick_day_date(18) == D(2024, 3, 1)
        assert chain.sick_days_total(until=D(2024, 3, 1)) == 18
        # End of week 6 = day 42 = 1 Mar + 24 = 25 Mar (= 18 Feb + 36).
        assert chain.end_of_week(6) == D(2024, 3, 25)
        result = by_key(wvp.compute_deadlines(chain))
        # Everything from week 6 on moves by 36 days. uwv_42: end of week 42 = Sun 27 Oct + 36 =
        # Mon 2 Dec -> Tue 3 Dec, which is also 28 Oct + 36.
        for key, expected in EXPECTED_SINGLE.items():
            if key[0].startswith("ba_"):
                continue
            assert result[key].date_deadline == expected + 36 * DAYS, key
        assert result[("uwv_42", 0)].date_deadline == D(2024, 12, 3)

    def test_chain_groups_several_chains_and_indices(self):
        spells = [
            Spell(D(2024, 6, 1), D(2024, 6, 5)),  # 0: chain 2 (27 fit days after index 2)
            Spell(D(2024, 1, 1), D(2024, 1, 10)),  # 1: chain 1
            Spell(D(2024, 5, 1), D(2024, 5, 5)),  # 2: chain 2 (far from chain 1)
            Spell(D(2024, 7, 3)),  # 3: open, 28 fit days after index 0 (Jun 5..Jul 2): chain 3
        ]
        assert wvp.chain_groups(spells) == [[1], [2, 0], [3]]
        assert wvp.chain_groups([]) == []


# --------------------------------------------------------------------------------------------
# Plan van aanpak and evaluations
# --------------------------------------------------------------------------------------------


class TestPlanAndEvaluations(EngineCase):
    def test_early_probleemanalyse_moves_plan_deadline(self):
        # Probleemanalyse done 10 Feb: plan due 10 Feb + 14 = 24 Feb (before end of week 8, 3 Mar).
        progress = Progress(probleemanalyse_done=D(2024, 2, 10))
        result = by_key(wvp.compute_deadlines(single_chain(), progress=progress))
        assert result[("plan_van_aanpak", 0)].date_deadline == D(2024, 2, 24)
        # The first evaluation counts from the plan deadline: 24 Feb + 42 = 6 Apr.
        assert result[("evaluatie", 1)].date_deadline == D(2024, 4, 6)

    def test_late_probleemanalyse_keeps_week_8(self):
        # Done 25 Feb: 25 Feb + 14 = 10 Mar is after the end of week 8 (3 Mar).
        progress = Progress(probleemanalyse_done=D(2024, 2, 25))
        result = by_key(wvp.compute_deadlines(single_chain(), progress=progress))
        assert result[("plan_van_aanpak", 0)].date_deadline == D(2024, 3, 3)

    def test_rolling_evaluations(self):
        # Plan done 1 Mar. Evaluation 1 due 1 Mar + 42 = 12 Apr (done 10 Apr);
        # evaluation 2 due 10 Apr + 42 = 22 May (done late, 30 May);
        # evaluation 3 due 30 May + 42 = 11 Jul, open.
        progress = Progress(
            plan_done=D(2024, 3, 1),
            evaluations_done=(D(2024, 5, 30), D(2024, 4, 10)),  # any order: sorted on input
        )
        assert progress.evaluations_done == (D(2024, 4, 10), D(2024, 5, 30))
        result = wvp.compute_deadlines(single_chain(), progress=progress)
        evaluations = [item for item in result if item.code == "evaluatie"]
        assert evaluations == [
            Deadline("evaluatie", 1, D(2024, 4, 12), date_done=D(2024, 4, 10)),
            Deadline("evaluatie", 2, D(2024, 5, 22), date_done=D(2024, 5, 30)),
            Deadline("evaluatie", 3, D(2024, 7, 11)),
        ]

    def test_evaluation_interval_is_configurable(self):
        progress = Progress(plan_done=D(2024, 3, 1))
        result = by_key(
            wvp.compute_deadlines(single_chain(), progress=progress, evaluation_interval_days=28)
        )
        assert result[("evaluatie", 1)].date_deadline == D(2024, 3, 29)

    def test_no_evaluation_due_after_the_wachttijd_end(self):
        # Last evaluation 20 Nov 2025: next 20 Nov + 42 = 1 Jan 2026 <= 4 Jan 2026: generated.
        progress = Progress(plan_done=D(2024, 3, 1), evaluations_done=(D(2025, 11, 20),))
        evaluations = [
            item
            for item in wvp.compute_deadlines(single_chain(), progress=progress)
            if item.code == "evaluatie"
        ]
        assert evaluations[-1] == Deadline("evaluatie", 2, D(2026, 1, 1))
        # Last evaluation 1 Dec 2025: next 12 Jan 2026 > 4 Jan 2026: none; the done one stays.
        progress = Progress(plan_done=D(2024, 3, 1), evaluations_done=(D(2025, 12, 1),))
        evaluations = [
            item
            for item in wvp.compute_deadlines(single_chain(), progress=progress)
            if item.code == "evaluatie"
        ]
        assert evaluations == [Deadline("evaluatie", 1, D(2024, 4, 12), date_done=D(2025, 12, 1))]


# --------------------------------------------------------------------------------------------
# Extensions
# --------------------------------------------------------------------------------------------


class TestExtensions(EngineCase):
    def test_loonsanctie_of_52_weeks_moves_einde_and_wia(self):
        chain = single_chain()
        # Normal end 4 Jan 2026; + 364 days = 3 Jan 2027 (4 Jan 2027 would be + 365).
        sanction = Extension("loonsanctie", D(2027, 1, 3))
        wvp.validate_extension(chain, sanction)
        assert wvp.wachttijd_end(chain, [sanction]) == D(2027, 1, 3)
        assert wvp.normal_wachttijd_end(chain) == D(2026, 1, 4)
        result = by_key(wvp.compute_deadlines(chain, extensions=[sanction]))
        assert result[("einde_wachttijd", 0)].date_deadline == D(2027, 1, 3)
        # 3 Jan 2027 - 77: Dec 3 (-31), Nov 3 (-61), Oct 18 (-77).
        assert result[("wia_aanvraag", 0)].date_deadline == D(2026, 10, 18)
        # The other deadlines do not move.
        assert result[("eindevaluatie", 0)].date_deadline == D(2025, 10, 5)

    def test_loonsanctie_longer_than_52_weeks_refused(self):
        chain = single_chain()
        with pytest.raises(EngineError, match="52 weeks"):
            wvp.validate_extension(chain, Extension("loonsanctie", D(2027, 1, 4)))
        with pytest.raises(EngineError):
            wvp.wachttijd_end(chain, [Extension("loonsanctie", D(2027, 1, 4))])
        with pytest.raises(EngineError):
            wvp.compute_deadlines(chain, extensions=[Extension("loonsanctie", D(2027, 1, 4))])

    def test_extension_ending_on_or_before_normal_end_refused(self):
        chain = single_chain()
        for kind in wvp.EXTENSION_KINDS:
            with pytest.raises(EngineError, match="after the normal end"):
                wvp.validate_extension(chain, Extension(kind, D(2026, 1, 4)))
            with pytest.raises(EngineError):
                wvp.validate_extension(chain, Extension(kind, D(2025, 6, 1)))
            wvp.validate_extension(chain, Extension(kind, D(2026, 1, 5)))

    def test_verlenging_and_latest_extension_wins(self):
        chain = single_chain()
        # The voluntary extension has no 52-week cap in the spec; the latest end counts.
        extensions = [
            Extension("verlenging", D(2027, 6, 30)),
            Extension("loonsanctie", D(2026, 6, 1)),
        ]
        assert wvp.wachttijd_end(chain, extensions) == D(2027, 6, 30)
        result = by_key(wvp.compute_deadlines(chain, extensions=extensions))
        assert result[("wia_aanvraag", 0)].date_deadline == D(2027, 6, 30) - 77 * DAYS

    def test_unknown_extension_kind_refused(self):
        with pytest.raises(EngineError, match="unknown extension kind"):
            Extension("boete", D(2027, 1, 1))

    def test_evaluations_continue_into_the_extension(self):
        # With a loonsanctie to 3 Jan 2027, an evaluation due after 4 Jan 2026 is still generated.
        progress = Progress(plan_done=D(2024, 3, 1), evaluations_done=(D(2025, 12, 1),))
        result = wvp.compute_deadlines(
            single_chain(), progress=progress, extensions=[Extension("loonsanctie", D(2027, 1, 3))]
        )
        assert Deadline("evaluatie", 2, D(2026, 1, 12)) in result


# --------------------------------------------------------------------------------------------
# uwv_42 werkdag rounding over holidays
# --------------------------------------------------------------------------------------------


class TestUwv42Rounding(EngineCase):
    @parametrize(
        ("end_of_week_42", "first_sick_day", "expected"),
        [
            # Thu 24 Dec 2026: Fri 25 (Eerste Kerstdag), Sat 26 (Tweede Kerstdag), Sun 27 -> Mon 28.
            # Start: 24 Dec - 293 = Nov 24 (-30), Oct 24 (-61), Sep 24 (-91), Aug 24 (-122),
            # Jul 24 (-153), Jun 24 (-183), May 24 (-214), Apr 24 (-244), Mar 24 (-275), Mar 6.
            (D(2026, 12, 24), D(2026, 3, 6), D(2026, 12, 28)),
            # Wed 24 Dec 2025: Thu 25 and Fri 26 Christmas, weekend -> Mon 29. Same arithmetic.
            (D(2025, 12, 24), D(2025, 3, 6), D(2025, 12, 29)),
            # Thu 17 Apr 2025: Goede Vrijdag 18, weekend, Tweede Paasdag 21 -> Tue 22.
            # Start: Mar 17 (-31), Feb 17 (-59), Jan 17 (-90), Dec 17 (-121), Nov 17 (-151),
            # Oct 17 (-182), Sep 17 (-212), Aug 17 (-243), Jul 17 (-274), 28 Jun 2024 (-293).
            (D(2025, 4, 17), D(2024, 6, 28), D(2025, 4, 22)),
            # Sun 20 Apr 2025 (Easter): Mon 21 is Tweede Paasdag -> Tue 22. Start 3 days later.
            (D(2025, 4, 20), D(2024, 7, 1), D(2025, 4, 22)),
            # Thu 28 Mar 2024: Goede Vrijdag 29, weekend, Tweede Paasdag 1 Apr -> Tue 2 Apr.
            (D(2024, 3, 28), D(2023, 6, 9), D(2024, 4, 2)),
            # Thu 22 Apr 2038 (Easter 25 Apr): Goede Vrijdag 23, weekend, Tweede Paasdag Mon 26,
            # Koningsdag Tue 27 -> Wed 28 Apr, six days later. Start 22 Apr 2038 - 293 = Mar 22
            # (-31), Feb 22 (-59), Jan 22 (-90), Dec 22 (-121), Nov 22 (-151), Oct 22 (-182),
            # Sep 22 (-212), Aug 22 (-243), Jul 22 (-274), 3 Jul 2037 (-293).
            (D(2038, 4, 22), D(2037, 7, 3), D(2038, 4, 28)),
            # Sun 26 Apr 2026: Mon 27 Apr is Koningsdag -> Tue 28 Apr.
            (D(2026, 4, 26), D(2025, 7, 7), D(2026, 4, 28)),
            # Wed 26 Apr 2023: Thu 27 Apr is Koningsdag -> Fri 28 Apr.
            (D(2023, 4, 26), D(2022, 7, 7), D(2023, 4, 28)),
            # Fri 25 Apr 2025: Koningsdag moved back to Sat 26 (27th is a Sunday), so Mon 28 is an
            # ordinary werkdag.
            (D(2025, 4, 25), D(2024, 7, 6), D(2025, 4, 28)),
            # Mon 29 Apr 2013: Tue 30 Apr was Koninginnedag -> Wed 1 May.
            (D(2013, 4, 29), D(2012, 7, 10), D(2013, 5, 1)),
        ],
    )
    def test_uwv_42_rounds_to_next_werkdag(self, end_of_week_42, first_sick_day, expected):
        assert week42_start(end_of_week_42) == first_sick_day
        chain = Chain([Spell(first_sick_day)])
        assert chain.end_of_week(42) == end_of_week_42
        result = by_key(wvp.compute_deadlines(chain))
        assert result[("uwv_42", 0)].date_deadline == expected
        assert holidays.is_werkdag(expected)


# --------------------------------------------------------------------------------------------
# WAZO leave
# --------------------------------------------------------------------------------------------


class TestWazoLeave(EngineCase):
    def test_wazo_leave_bridges_the_chain_and_does_not_count(self):
        # Sick Jan 8..Mar 3 (rec 4 Mar) = 56 days = 8 weeks. WAZO leave 4 Mar..23 Jun = 112 days
        # (16 weeks). Sick again from 24 Jun: without the leave that is 112 fit days -> new chain.
        before = Spell(START, D(2024, 3, 4))
        after = Spell(D(2024, 6, 24))
        leave = Interval(D(2024, 3, 4), D(2024, 6, 23))
        assert (leave.date_to - leave.date_from).days + 1 == 112
        assert wvp.chain_groups([before, after]) == [[0], [1]]
        assert wvp.chain_groups([before, after], wazo=[leave]) == [[0, 1]]

        chain = Chain([before, after], wazo=[leave])
        assert chain.sick_day_date(56) == D(2024, 3, 3)
        assert chain.sick_day_date(57) == D(2024, 6, 24)
        assert chain.sick_day_number(D(2024, 5, 1)) is None
        result = by_key(wvp.compute_deadlines(chain))
        # Up to day 56 nothing moves; everything later moves by the 112 leave days.
        assert result[("probleemanalyse", 0)].date_deadline == D(2024, 2, 18)
        assert result[("plan_van_aanpak", 0)].date_deadline == D(2024, 3, 3)
        for code in (
            "eerstejaars", "tweede_spoor", "eindevaluatie", "wia_aanvraag", "einde_wachttijd"
        ):
            assert result[(code, 0)].date_deadline == EXPECTED_SINGLE[(code, 0)] + 112 * DAYS
        # End of week 52: 5 Jan 2025 + 112 = Jan 31 (+26), Feb 28 (+54), Mar 31 (+85), 27 Apr.
        assert result[("eerstejaars", 0)].date_deadline == D(2025, 4, 27)

    def test_wazo_leave_inside_a_spell_is_skipped(self):
        # Open case from 8 Jan; leave 1..14 Feb (14 days). Day 24 = 31 Jan, day 25 = 15 Feb.
        chain = Chain([Spell(START)], wazo=[Interval(D(2024, 2, 1), D(2024, 2, 14))])
        assert chain.sick_day_date(24) == D(2024, 1, 31)
        assert chain.sick_day_date(25) == D(2024, 2, 15)
        assert chain.sick_day_number(D(2024, 2, 5)) is None
        assert chain.end_of_week(6) == D(2024, 2, 18) + 14 * DAYS
        assert chain.sick_days_total(until=D(2024, 2, 14)) == 24

    def test_wazo_fit_days_around_the_leave_still_count(self):
        # Rec 4 Mar; leave 10 Mar..30 Jun; sick again 10 Jul.
        # Fit days: Mar 4..9 (6) + Jul 1..9 (9) = 15 < 28: one chain.
        before = Spell(START, D(2024, 3, 4))
        leave = Interval(D(2024, 3, 10), D(2024, 6, 30))
        assert wvp.chain_groups([before, Spell(D(2024, 7, 10))], wazo=[leave]) == [[0, 1]]
        # Sick again 23 Jul: 6 + 22 (Jul 1..22) = 28 fit days: a new chain.
        assert wvp.chain_groups([before, Spell(D(2024, 7, 23))], wazo=[leave]) == [[0], [1]]

    def test_overlapping_wazo_intervals_are_merged(self):
        chain = Chain(
            [Spell(START)],
            wazo=[Interval(D(2024, 2, 5), D(2024, 2, 14)), Interval(D(2024, 2, 1), D(2024, 2, 10))],
        )
        assert chain.wazo == (Interval(D(2024, 2, 1), D(2024, 2, 14)),)
        assert chain.sick_day_date(25) == D(2024, 2, 15)


# --------------------------------------------------------------------------------------------
# Vangnet reporting
# --------------------------------------------------------------------------------------------


class TestVangnet(EngineCase):
    @parametrize(
        ("regime", "event", "expected"),
        [
            ("six_weeks", None, D(2024, 2, 18)),  # end of week 6
            ("fourth_day", None, D(2024, 1, 11)),  # sick day 4 = 8 Jan + 3
            ("employment_end", D(2024, 3, 15), D(2024, 3, 15)),  # last working day
        ],
    )
    def test_vangnet_regimes(self, regime, event, expected):
        result = by_key(
            wvp.compute_deadlines(
                single_chain(),
                vangnet_regime=regime,
                date_vangnet_event=event,
                progress=Progress(uwv_vangnet_done=D(2024, 1, 10)),
            )
        )
        assert result[("uwv_vangnet", 0)].date_deadline == expected
        assert result[("uwv_vangnet", 0)].date_done == D(2024, 1, 10)

    def test_vangnet_regime_errors(self):
        with pytest.raises(EngineError, match="date_vangnet_event"):
            wvp.compute_deadlines(single_chain(), vangnet_regime="employment_end")
        with pytest.raises(EngineError, match="unknown vangnet regime"):
            wvp.compute_deadlines(single_chain(), vangnet_regime="zwanger")

    def test_vangnet_four_days_counts_sick_days_in_a_chain(self):
        # Two sick days (8, 9 Jan), fit 10..14 Jan, sick again 15 Jan: day 4 = 16 Jan.
        chain = Chain([Spell(START, D(2024, 1, 10)), Spell(D(2024, 1, 15))])
        result = by_key(wvp.compute_deadlines(chain, vangnet_regime="fourth_day"))
        assert result[("uwv_vangnet", 0)].date_deadline == D(2024, 1, 16)


# --------------------------------------------------------------------------------------------
# Closed chains
# --------------------------------------------------------------------------------------------


class TestClosedChains(EngineCase):
    def test_closed_chain_keeps_done_and_due_milestones_only(self):
        # Sick 8 Jan..31 Mar (rec 1 Apr): 84 sick days = 12 weeks.
        chain = Chain([Spell(START, D(2024, 4, 1))])
        assert not chain.is_open
        assert chain.last_recovered == D(2024, 4, 1)
        assert chain.last_sick_day == D(2024, 3, 31)
        assert chain.sick_days_total() == 84
        assert chain.sick_day_date(84) == D(2024, 3, 31)
        assert chain.sick_day_date(85) is None
        assert chain.end_of_week(13) is None
        assert chain.sick_day_number(D(2024, 4, 1)) is None
        assert wvp.normal_wachttijd_end(chain) is None
        assert wvp.wachttijd_end(chain) is None

        # Nothing done: only probleemanalyse (18 Feb) and plan (3 Mar) came due.
        codes = [(item.code, item.date_deadline) for item in wvp.compute_deadlines(chain)]
        assert codes == [("probleemanalyse", D(2024, 2, 18)), ("plan_van_aanpak", D(2024, 3, 3))]

        # A done evaluation is kept even though its deadline (20 Feb + 42 = 2 Apr) is after the
        # last sick day; the next one (28 Mar + 42 = 9 May) never came due.
        progress = Progress(
            probleemanalyse_done=D(2024, 2, 10),
            plan_done=D(2024, 2, 20),
            evaluations_done=(D(2024, 3, 28),),
        )
        result = wvp.compute_deadlines(chain, progress=progress)
        assert [(item.code, item.sequence) for item in result] == [
            ("probleemanalyse", 0),
            ("plan_van_aanpak", 0),
            ("evaluatie", 1),
        ]
        assert result[-1] == Deadline("evaluatie", 1, D(2024, 4, 2), date_done=D(2024, 3, 28))

    def test_closed_chain_that_reached_the_wachttijd_end(self):
        # Sick from 8 Jan 2024 until 28 Feb 2026 (rec 1 Mar 2026): week 104 was reached.
        chain = Chain([Spell(START, D(2026, 3, 1))])
        assert wvp.normal_wachttijd_end(chain) == D(2026, 1, 4)
        assert wvp.wachttijd_end(chain) == D(2026, 1, 4)
        result = by_key(wvp.compute_deadlines(chain))
        assert result[("einde_wachttijd", 0)].date_deadline == D(2026, 1, 4)
        # A loonsanctie that was still running at recovery: its end was not reached.
        sanction = [Extension("loonsanctie", D(2026, 6, 1))]
        assert wvp.wachttijd_end(chain, sanction) is None
        codes = {item.code for item in wvp.compute_deadlines(chain, extensions=sanction)}
        assert "einde_wachttijd" not in codes
        # The moved WIA deadline (1 Jun 2026 - 77: May 1 (-31), Apr 1 (-61), 16 Mar) came after
        # the last sick day: dropped unless done - and a loonsanctie follows a done WIA aanvraag.
        assert "wia_aanvraag" not in codes
        progress = Progress(wia_aanvraag_done=D(2025, 10, 1))
        result = by_key(wvp.compute_deadlines(chain, extensions=sanction, progress=progress))
        assert result[("wia_aanvraag", 0)] == Deadline(
            "wia_aanvraag", 0, D(2026, 3, 16), date_done=D(2025, 10, 1)
        )


# --------------------------------------------------------------------------------------------
# Frequent absence
# --------------------------------------------------------------------------------------------


class TestFrequentAbsence(EngineCase):
    def test_frequent_absence_window_boundaries(self):
        ref = D(2025, 6, 30)
        # Window (ref - 365 days, ref] = (30 Jun 2024, 30 Jun 2025] (no 29 Feb in between):
        # 30 Jun 2024 is outside, 1 Jul 2024 and ref itself are inside, later dates are not.
        assert wvp.frequent_absence([D(2024, 7, 1), D(2025, 1, 1), ref], ref)
        assert not wvp.frequent_absence([D(2024, 6, 30), D(2025, 1, 1), ref], ref)
        assert not wvp.frequent_absence([D(2024, 7, 1), D(2025, 1, 1), D(2025, 7, 1)], ref)
        # Cases inside one chain count separately (same start twice still counts twice).
        assert wvp.frequent_absence([D(2025, 3, 1), D(2025, 3, 20), D(2025, 3, 20)], ref)
        # Configurable threshold and window: 183 days back from 30 Jun 2025 is 29 Dec 2024.
        assert not wvp.frequent_absence([D(2024, 7, 1), D(2025, 1, 1), ref], ref, threshold=4)
        assert wvp.frequent_absence([D(2025, 6, 1)], ref, threshold=1)
        assert not wvp.frequent_absence([D(2024, 12, 29), ref], ref, 2, window_days=183)
        assert wvp.frequent_absence([D(2024, 12, 30), ref], ref, 2, window_days=183)
        assert not wvp.frequent_absence([], ref)
        # In a leap year 365 days back from 31 Dec 2024 is 1 Jan 2024 itself, which is outside.
        assert not wvp.frequent_absence([D(2024, 1, 1)], D(2024, 12, 31), threshold=1)


# --------------------------------------------------------------------------------------------
# Phase
# --------------------------------------------------------------------------------------------


class TestPhase(EngineCase):
    def test_phase(self):
        chain = single_chain()
        nothing = Progress()
        pa_done = Progress(probleemanalyse_done=D(2024, 2, 10))
        plan_done = Progress(probleemanalyse_done=D(2024, 2, 10), plan_done=D(2024, 2, 20))
        ej_done = Progress(
            probleemanalyse_done=D(2024, 2, 10),
            plan_done=D(2024, 2, 20),
            eerstejaars_done=D(2025, 1, 3),
        )
        assert wvp.phase(chain, nothing, D(2024, 1, 1)) == "ziekgemeld"  # before day 1
        assert wvp.phase(chain, nothing, D(2024, 1, 21)) == "ziekgemeld"  # day 14
        assert wvp.phase(chain, nothing, D(2024, 1, 22)) == "probleemanalyse"  # day 15
        assert wvp.phase(chain, nothing, D(2024, 6, 1)) == "probleemanalyse"  # overdue
        assert wvp.phase(chain, pa_done, D(2024, 2, 12)) == "plan_van_aanpak"
        assert wvp.phase(chain, plan_done, D(2024, 11, 17)) == "re_integratie"  # day 315
        assert wvp.phase(chain, plan_done, WINDOW_EERSTEJAARS) == "eerstejaars"  # day 316
        assert wvp.phase(chain, plan_done, D(2025, 6, 1)) == "eerstejaars"  # overdue
        assert wvp.phase(chain, ej_done, D(2025, 10, 5)) == "tweede_spoor"  # day 637, end week 91
        assert wvp.phase(chain, ej_done, D(2025, 10, 6)) == "wia_aanvraag"  # day 638
        closed = Chain([Spell(START, D(2024, 2, 1))])
        assert wvp.phase(closed, plan_done, D(2024, 2, 1)) == "hersteld"
        assert set(wvp.PHASES) >= {"ziekgemeld", "hersteld"}


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


class TestBadInput(EngineCase):
    def test_spell_and_interval_validation(self):
        with pytest.raises(EngineError, match="must be after"):
            Spell(START, START)
        with pytest.raises(EngineError):
            Spell(START, START - DAYS)
        with pytest.raises(EngineError, match="must be a date"):
            Spell(datetime(2024, 1, 8, 9, 0))
        with pytest.raises(EngineError):
            Spell("2024-01-08")
        with pytest.raises(EngineError, match="before it starts"):
            Interval(D(2024, 2, 2), D(2024, 2, 1))
        Interval(D(2024, 2, 1), D(2024, 2, 1))  # a single day is fine

    def test_chain_groups_refuses_overlap_and_open_spells(self):
        with pytest.raises(EngineError, match="overlap"):
            wvp.chain_groups([Spell(START, D(2024, 2, 1)), Spell(D(2024, 1, 31), D(2024, 2, 5))])
        with pytest.raises(EngineError, match="overlap"):
            wvp.chain_groups([Spell(START, D(2024, 2, 1)), Spell(START, D(2024, 1, 20))])
        with pytest.raises(EngineError, match="only one open"):
            wvp.chain_groups([Spell(START), Spell(D(2024, 6, 1))])
        with pytest.raises(EngineError, match="must be the last"):
            wvp.chain_groups([Spell(START), Spell(D(2024, 6, 1), D(2024, 6, 5))])
        with pytest.raises(EngineError, match="gap_days"):
            wvp.chain_groups([Spell(START)], gap_days=0)
        with pytest.raises(EngineError, match="expected a Spell"):
            wvp.chain_groups([START])

    def test_chain_refuses_bad_input(self):
        with pytest.raises(EngineError, match="at least one"):
            Chain([])
        with pytest.raises(EngineError, match="overlap"):
            Chain([Spell(START, D(2024, 2, 1)), Spell(D(2024, 1, 31))])
        with pytest.raises(EngineError, match="expected an Interval"):
            Chain([Spell(START)], wazo=[(START, START)])
        chain = single_chain()
        for bad in (0, -1, 1.5, True, None):
            with pytest.raises(EngineError):
                chain.sick_day_date(bad)
            with pytest.raises(EngineError):
                chain.end_of_week(bad)
        with pytest.raises(EngineError, match="until"):
            chain.sick_days_total()
        with pytest.raises(EngineError):
            chain.sick_day_number("2024-01-08")
        with pytest.raises(EngineError, match="supported date range"):
            chain.sick_day_date(10**7)

    def test_progress_deadline_and_options_validation(self):
        with pytest.raises(EngineError, match="plan_done"):
            Progress(plan_done="2024-03-01")
        with pytest.raises(EngineError, match="evaluations_done"):
            Progress(evaluations_done=(D(2024, 3, 1), None))
        with pytest.raises(EngineError, match="unknown milestone code"):
            Deadline("ziekmelding", 0, START)
        with pytest.raises(EngineError, match="evaluation interval"):
            wvp.compute_deadlines(single_chain(), evaluation_interval_days=0)
        with pytest.raises(EngineError, match="expected a Chain"):
            wvp.compute_deadlines([Spell(START)])
        with pytest.raises(EngineError, match="threshold"):
            wvp.frequent_absence([START], START, threshold=0)
        with pytest.raises(EngineError, match="window_days"):
            wvp.frequent_absence([START], START, window_days=0)
        with pytest.raises(EngineError, match="start date"):
            wvp.frequent_absence(["2024-01-08"], START)

    def test_public_constants(self):
        assert wvp.CHAIN_GAP_DAYS == 28
        assert wvp.MILESTONE_CODES == (
            "ba_mogelijkheden",
            "ba_interventieadvies",
            "probleemanalyse",
            "plan_van_aanpak",
            "evaluatie",
            "uwv_42",
            "eerstejaars",
            "tweede_spoor",
            "eindevaluatie",
            "wia_aanvraag",
            "einde_wachttijd",
            "uwv_vangnet",
        )
        assert issubclass(EngineError, ValueError)
