"""Property-based tests (hypothesis) for invariants of the WvP engine."""

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.addons.erm_verzuim.engine import holidays, wvp
from odoo.addons.erm_verzuim.engine.wvp import Chain, Extension, Interval, Progress, Spell

from .engine_case import EngineCase

FAST = settings(max_examples=200, deadline=None)
DAY = timedelta(days=1)

first_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@st.composite
def chain_inputs(draw, *, max_spells=4, max_gap=27, allow_wazo=True):
    """Spells of one chain (fit gaps < 28 by default) plus optional WAZO leave."""
    start = draw(first_days)
    count = draw(st.integers(min_value=1, max_value=max_spells))
    spells = []
    cursor = start
    for index in range(count):
        if index == count - 1 and draw(st.booleans()):
            spells.append(Spell(cursor))  # the last spell may be open
            break
        recovered = cursor + draw(st.integers(min_value=1, max_value=250)) * DAY
        spells.append(Spell(cursor, recovered))
        cursor = recovered + draw(st.integers(min_value=0, max_value=max_gap)) * DAY
    wazo = []
    if allow_wazo and draw(st.booleans()):
        offset = draw(st.integers(min_value=0, max_value=500))
        length = draw(st.integers(min_value=1, max_value=120))
        wazo.append(Interval(start + offset * DAY, start + (offset + length - 1) * DAY))
    return spells, wazo


def shift_spell(spell, days):
    recovered = None if spell.date_recovered is None else spell.date_recovered + days
    return Spell(spell.date_start + days, recovered)


def reopened(chain):
    """The chain as if its last spell had not recovered (the projection deadlines use)."""
    last = chain.spells[-1]
    return Chain([*chain.spells[:-1], Spell(last.date_start)], chain.wazo)


def shift_date(value, days):
    return None if value is None else value + days


# --------------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------------


class TestCountingProperties(EngineCase):
    @FAST
    @given(chain_inputs(), st.integers(min_value=1, max_value=160))
    def test_end_of_week_is_strictly_increasing(self, data, week):
        spells, wazo = data
        chain = Chain(spells, wazo)
        this_week, next_week = chain.end_of_week(week), chain.end_of_week(week + 1)
        if this_week is None:
            assert next_week is None and not chain.is_open
        elif next_week is not None:
            assert next_week - this_week >= 7 * DAY  # at least seven calendar days per week
        else:
            assert not chain.is_open

    @FAST
    @given(chain_inputs(), st.integers(min_value=1, max_value=1200))
    def test_sick_day_number_inverts_sick_day_date(self, data, n):
        spells, wazo = data
        chain = Chain(spells, wazo)
        day = chain.sick_day_date(n)
        if day is None:
            assert not chain.is_open
            assert n > chain.sick_days_total()
            return
        assert chain.sick_day_number(day) == n
        assert chain.sick_days_total(until=day) == n
        assert chain.sick_days_total(until=day - DAY) == n - 1
        # A sick day lies inside a spell and outside the leave.
        assert any(
            spell.date_start <= day and (spell.is_open or day < spell.date_recovered)
            for spell in chain.spells
        )
        assert not any(iv.date_from <= day <= iv.date_to for iv in chain.wazo)

    @FAST
    @given(chain_inputs(max_spells=5))
    def test_counting_matches_a_day_by_day_reference(self, data):
        spells, wazo = data
        chain = Chain(spells, wazo)
        # Reference: walk every calendar day (fine for a test; the engine uses arithmetic).
        horizon = max(spell.date_recovered or spell.date_start for spell in spells) + 60 * DAY
        leave = {
            iv.date_from + offset * DAY
            for iv in wazo
            for offset in range((iv.date_to - iv.date_from).days + 1)
        }
        sick_days = []
        day = spells[0].date_start
        while day <= horizon:
            in_spell = any(
                spell.date_start <= day and (spell.is_open or day < spell.date_recovered)
                for spell in spells
            )
            if in_spell and day not in leave:
                sick_days.append(day)
            day += DAY
        for n, expected in enumerate(sick_days, start=1):
            assert chain.sick_day_date(n) == expected
        if not chain.is_open:
            assert chain.sick_days_total() == len(sick_days)
            assert chain.sick_day_date(len(sick_days) + 1) is None
            assert chain.last_sick_day == (sick_days[-1] if sick_days else None)

    @FAST
    @given(chain_inputs(allow_wazo=False))
    def test_open_chain_deadlines_follow_the_week_order(self, data):
        spells, _wazo = data
        chain = reopened(Chain(spells))
        result = wvp.compute_deadlines(chain, early_doctor=True)
        # Without progress every milestone comes in the order of its week number.
        assert [item.code for item in result] == list(wvp.MILESTONE_CODES[:-1])
        dates = [item.date_deadline for item in result]
        assert dates == sorted(dates)
        assert len(set(dates)) == len(dates)


# --------------------------------------------------------------------------------------------
# Shifting all dates shifts all deadlines (except werkdag rounding)
# --------------------------------------------------------------------------------------------


@st.composite
def scenarios(draw):
    spells, wazo = draw(chain_inputs())
    chain = Chain(spells, wazo)
    base = chain.first_day

    def maybe_day(low, high):
        if draw(st.booleans()):
            return None
        return base + draw(st.integers(min_value=low, max_value=high)) * DAY

    progress = Progress(
        probleemanalyse_done=maybe_day(20, 60),
        plan_done=maybe_day(40, 80),
        eerstejaars_done=maybe_day(320, 400),
        uwv_42_done=maybe_day(280, 320),
        evaluations_done=tuple(
            base + offset * DAY
            for offset in draw(st.lists(st.integers(min_value=80, max_value=700), max_size=4))
        ),
    )
    extensions = []
    normal_end = wvp.normal_wachttijd_end(chain)
    if normal_end is not None and draw(st.booleans()):
        days = draw(st.integers(min_value=1, max_value=364))
        extensions.append(
            Extension(draw(st.sampled_from(wvp.EXTENSION_KINDS)), normal_end + days * DAY)
        )
    regime = draw(st.sampled_from((None, *wvp.VANGNET_REGIMES)))
    event = base + draw(st.integers(min_value=0, max_value=300)) * DAY
    options = {
        "early_doctor": draw(st.booleans()),
        "progress": progress,
        "extensions": extensions,
        "vangnet_regime": regime,
        "date_vangnet_event": event,
    }
    return spells, wazo, options


def shifted_options(options, days):
    progress = options["progress"]
    return {
        **options,
        "progress": Progress(
            probleemanalyse_done=shift_date(progress.probleemanalyse_done, days),
            plan_done=shift_date(progress.plan_done, days),
            eerstejaars_done=shift_date(progress.eerstejaars_done, days),
            uwv_42_done=shift_date(progress.uwv_42_done, days),
            evaluations_done=tuple(value + days for value in progress.evaluations_done),
        ),
        "extensions": [Extension(ext.kind, ext.date_end + days) for ext in options["extensions"]],
        "date_vangnet_event": options["date_vangnet_event"] + days,
    }


class TestShiftingProperties(EngineCase):
    @FAST
    @given(scenarios(), st.integers(min_value=-3000, max_value=3000))
    def test_shifting_all_dates_shifts_all_deadlines(self, scenario, shift):
        spells, wazo, options = scenario
        days = shift * DAY
        chain = Chain(spells, wazo)
        moved_chain = Chain(
            [shift_spell(spell, days) for spell in spells],
            [Interval(iv.date_from + days, iv.date_to + days) for iv in wazo],
        )
        original = {(d.code, d.sequence): d for d in wvp.compute_deadlines(chain, **options)}
        moved = {
            (d.code, d.sequence): d
            for d in wvp.compute_deadlines(moved_chain, **shifted_options(options, days))
        }
        # uwv_42 rounds to a werkdag (1 to 6 days later), which differs per date; for a closed
        # chain that can even decide whether it came due before recovery. Every other milestone
        # shifts exactly.
        assert set(original) - {("uwv_42", 0)} == set(moved) - {("uwv_42", 0)}
        for key, item in original.items():
            if key == ("uwv_42", 0):
                continue
            other = moved[key]
            assert other.date_deadline == item.date_deadline + days, key
            assert other.date_window_start == shift_date(item.date_window_start, days), key
            assert other.date_done == shift_date(item.date_done, days), key
        for chain_, result in ((chain, original), (moved_chain, moved)):
            if ("uwv_42", 0) in result:
                due = result[("uwv_42", 0)].date_deadline
                # Done milestones of a closed chain are kept with the deadline as it stood.
                week_42 = reopened(chain_).end_of_week(42)
                assert holidays.is_werkdag(due)
                # At most 6 days: e.g. Thu 22 Apr 2038 -> Wed 28 Apr (Easter Monday + Koningsdag).
                assert week_42 + DAY <= due <= week_42 + 6 * DAY


# --------------------------------------------------------------------------------------------
# chain_groups
# --------------------------------------------------------------------------------------------


@st.composite
def employee_spells(draw):
    """Non-overlapping spells of one employee with gaps of 0..60 fit days, shuffled."""
    cursor = draw(first_days)
    spells = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        recovered = cursor + draw(st.integers(min_value=1, max_value=60)) * DAY
        spells.append(Spell(cursor, recovered))
        cursor = recovered + draw(st.integers(min_value=0, max_value=60)) * DAY
    if draw(st.booleans()):
        spells.append(Spell(cursor))
    return draw(st.permutations(spells))


class TestChainGroupsProperties(EngineCase):
    @FAST
    @given(employee_spells())
    def test_chain_groups_is_a_partition_respecting_the_28_day_rule(self, spells):
        groups = wvp.chain_groups(spells)
        assert sorted(index for group in groups for index in group) == list(range(len(spells)))
        for group in groups:
            members = [spells[index] for index in group]
            assert members == sorted(members, key=lambda spell: spell.date_start)
            for previous, following in pairwise(members):
                assert (following.date_start - previous.date_recovered).days < wvp.CHAIN_GAP_DAYS
        for previous, following in pairwise(groups):
            last, first = spells[previous[-1]], spells[following[0]]
            assert last.date_start < first.date_start
            assert (first.date_start - last.date_recovered).days >= wvp.CHAIN_GAP_DAYS
        # Every group is a valid chain.
        for group in groups:
            Chain([spells[index] for index in group])


# --------------------------------------------------------------------------------------------
# Werkdagen
# --------------------------------------------------------------------------------------------


class TestWerkdagProperties(EngineCase):
    @FAST
    @given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
    def test_next_werkdag_after_is_the_first_werkdag(self, day):
        following = holidays.next_werkdag_after(day)
        assert holidays.is_werkdag(following)
        assert day < following <= day + 6 * DAY
        between = day + DAY
        while between < following:
            assert not holidays.is_werkdag(between)
            between += DAY
        assert holidays.werkdag_on_or_after(day + DAY) == following
