"""The Wet verbetering poortwachter (WvP) timeline, as pure functions over dates.

Rules: ``docs/domain.md`` §3. No ORM here: the Odoo layer feeds spells (absence cases),
WAZO leave intervals, progress and extensions in, and stores the deadlines that come out.

Counting in a nutshell:

* Day 1 is the chain's first sick day; week N holds sick days 7(N-1)+1 … 7N and "end of week N"
  is the calendar date of sick day 7N.
* Cases of one employee whose fit days in between are fewer than 28 form one chain
  (art. 7:629 lid 10 BW); only sick days count, so a gap moves every later deadline.
* WAZO (pregnancy/maternity) leave inside a chain neither counts nor breaks the chain.
* While the chain is open the future is projected as one sick day per calendar day.

All arithmetic works on *segments* (runs of consecutive counted sick days), so nothing loops per
day: a chain spanning years costs O(number of spells + WAZO intervals).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import NamedTuple

from . import milestones
from .holidays import next_werkdag_after

__all__ = [
    "CHAIN_GAP_DAYS",
    "EXTENSION_KINDS",
    "MILESTONE_CODES",
    "PHASES",
    "VANGNET_REGIMES",
    "Chain",
    "Deadline",
    "EngineError",
    "Extension",
    "Interval",
    "Progress",
    "Spell",
    "chain_groups",
    "compute_deadlines",
    "frequent_absence",
    "normal_wachttijd_end",
    "phase",
    "validate_extension",
    "wachttijd_end",
]


class EngineError(ValueError):
    """Bad input to the engine (messages in English; the ORM layer translates its own)."""


# --------------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------------

# Milestone codes are part of the public data model; the table's order breaks ties between
# deadlines on the same date.
MILESTONE_CODES: tuple[str, ...] = milestones.MILESTONE_CODES
_CODE_RANK = {code: rank for rank, code in enumerate(MILESTONE_CODES)}

CHAIN_GAP_DAYS = 28  # fewer fit days than this between two cases: same chain

EXTENSION_KINDS: tuple[str, ...] = ("loonsanctie", "verlenging")
# The safety-net (vangnet) regimes, as UWV reporting terms: code -> label (the selection of
# every field that holds one). six_weeks: pregnancy-related sickness, no-risk policy.
# fourth_day: flexibility period around the due date, after the leave, fictitious employment.
# employment_end: last working day. The employer may know *that* a safety net applies, never
# *which* one (AP 2016), so the label names the reporting term only.
VANGNET_REGIME_LABELS: dict[str, str] = {
    "six_weeks": "Report within 6 weeks",
    "fourth_day": "Report on the 4th sick day",
    "employment_end": "Report on the last working day (employment ends)",
}
VANGNET_REGIMES: tuple[str, ...] = tuple(VANGNET_REGIME_LABELS)

# The case's phases (its kanban columns, see phase()): code -> label.
PHASE_LABELS: dict[str, str] = {
    "ziekgemeld": "Reported sick",
    "probleemanalyse": "Problem analysis",
    "plan_van_aanpak": "Plan of action",
    "re_integratie": "Reintegration",
    "eerstejaars": "First-year evaluation",
    "tweede_spoor": "Second track",
    "wia_aanvraag": "WIA application",
    "hersteld": "Recovered",
}
PHASES: tuple[str, ...] = tuple(PHASE_LABELS)

_DAYS_PER_WEEK = 7
_WACHTTIJD_WEEKS = milestones.BY_CODE["einde_wachttijd"].offset  # 104
_LOONSANCTIE_MAX = timedelta(weeks=52)  # 364 days
_EERSTEJAARS_WINDOW_DAY = milestones.BY_CODE["eerstejaars"].window_day  # first day of week 46
_PROBLEEMANALYSE_PHASE_DAY = 15  # phase column switches from week 3 (domain default)
_EINDEVALUATIE_WEEK = milestones.BY_CODE["eindevaluatie"].offset  # 91


# --------------------------------------------------------------------------------------------
# Input validation helpers
# --------------------------------------------------------------------------------------------


def _check_date(value: object, name: str, *, optional: bool = False) -> None:
    # datetime is a subclass of date; refuse it so that comparisons never mix the two.
    if value is None and optional:
        return
    if isinstance(value, datetime) or not isinstance(value, date):
        raise EngineError(f"{name} must be a date, got {value!r}")


def _check_positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EngineError(f"{name} must be a positive integer, got {value!r}")
    return value


# --------------------------------------------------------------------------------------------
# Input records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spell:
    """One absence case: first sick day and first fully fit day (None while open)."""

    date_start: date
    date_recovered: date | None = None

    def __post_init__(self) -> None:
        _check_date(self.date_start, "date_start")
        _check_date(self.date_recovered, "date_recovered", optional=True)
        if self.date_recovered is not None and self.date_recovered <= self.date_start:
            raise EngineError(
                f"date_recovered {self.date_recovered} must be after date_start {self.date_start}"
            )

    @property
    def is_open(self) -> bool:
        return self.date_recovered is None


@dataclass(frozen=True)
class Interval:
    """A closed date range, both ends inclusive (used for WAZO leave)."""

    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        _check_date(self.date_from, "date_from")
        _check_date(self.date_to, "date_to")
        if self.date_to < self.date_from:
            raise EngineError(f"interval ends ({self.date_to}) before it starts ({self.date_from})")


@dataclass(frozen=True)
class Extension:
    """An extension of the waiting time decided by UWV; ``date_end`` is its new last day."""

    kind: str  # 'loonsanctie' | 'verlenging'
    date_end: date

    def __post_init__(self) -> None:
        _check_kind(self.kind)
        _check_date(self.date_end, "date_end")


def _check_kind(kind: object) -> None:
    if kind not in EXTENSION_KINDS:
        raise EngineError(f"unknown extension kind {kind!r}; expected one of {EXTENSION_KINDS}")


@dataclass(frozen=True)
class Progress:
    """Dates on which milestones were done (None: not yet)."""

    probleemanalyse_done: date | None = None
    plan_done: date | None = None
    eerstejaars_done: date | None = None
    tweede_spoor_done: date | None = None
    eindevaluatie_done: date | None = None
    uwv_42_done: date | None = None
    wia_aanvraag_done: date | None = None
    ba_mogelijkheden_done: date | None = None
    ba_interventieadvies_done: date | None = None
    uwv_vangnet_done: date | None = None
    evaluations_done: tuple[date, ...] = ()

    def __post_init__(self) -> None:
        for name in _DONE_FIELD.values():
            _check_date(getattr(self, name), name, optional=True)
        evaluations = tuple(self.evaluations_done)
        for value in evaluations:
            _check_date(value, "evaluations_done")
        # Kept sorted so that callers may pass them in any order (or as a list).
        object.__setattr__(self, "evaluations_done", tuple(sorted(evaluations)))


# Milestone code -> Progress field holding its done date ('evaluatie' uses evaluations_done,
# 'einde_wachttijd' is never "done").
_DONE_FIELD = milestones.PROGRESS_FIELD
_NO_PROGRESS = Progress()


@dataclass(frozen=True)
class Deadline:
    """One milestone deadline; ``sequence`` numbers evaluations 1, 2, 3… and is 0 otherwise."""

    code: str
    sequence: int
    date_deadline: date
    date_window_start: date | None = None
    date_done: date | None = None

    def __post_init__(self) -> None:
        if self.code not in _CODE_RANK:
            raise EngineError(f"unknown milestone code {self.code!r}")

    @property
    def sort_key(self) -> tuple[date, int, int]:
        return (self.date_deadline, _CODE_RANK[self.code], self.sequence)


# --------------------------------------------------------------------------------------------
# Chains
# --------------------------------------------------------------------------------------------


def _spell_list(spells: Iterable[Spell]) -> list[Spell]:
    """The spells as a list, type-checked (input order kept)."""
    items = list(spells)
    for spell in items:
        if not isinstance(spell, Spell):
            raise EngineError(f"expected a Spell, got {spell!r}")
    return items


def _validate_ordered(spells: Sequence[Spell]) -> None:
    """Check spells sorted by date_start: no overlap, at most one open, and that one last."""
    if sum(spell.is_open for spell in spells) > 1:
        raise EngineError("an employee can have only one open absence case")
    for previous, following in pairwise(spells):
        if previous.date_recovered is None:
            raise EngineError(
                f"the open case starting {previous.date_start} must be the last one, but a case "
                f"starts on {following.date_start}"
            )
        # date_recovered is the first fit day, so the next case may start on it (0 fit days).
        if following.date_start < previous.date_recovered:
            raise EngineError(
                f"cases overlap: the case starting {following.date_start} begins before the case "
                f"starting {previous.date_start} recovered ({previous.date_recovered})"
            )


def _merge_intervals(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sort intervals and merge overlapping or adjacent ones."""
    items = list(intervals)
    for item in items:
        if not isinstance(item, Interval):
            raise EngineError(f"expected an Interval, got {item!r}")
    merged: list[Interval] = []
    for item in sorted(items, key=lambda iv: iv.date_from):
        if merged and item.date_from <= merged[-1].date_to + timedelta(days=1):
            if item.date_to > merged[-1].date_to:
                merged[-1] = Interval(merged[-1].date_from, item.date_to)
        else:
            merged.append(item)
    return tuple(merged)


def _days_covered(first: date, last: date, leave: Sequence[Interval]) -> int:
    """Number of days in [first, last] (inclusive) that lie in the (merged) leave intervals."""
    total = 0
    for interval in leave:
        low, high = max(first, interval.date_from), min(last, interval.date_to)
        if low <= high:
            total += (high - low).days + 1
    return total


def chain_groups(
    spells: Iterable[Spell],
    gap_days: int = CHAIN_GAP_DAYS,
    *,
    wazo: Iterable[Interval] = (),
) -> list[list[int]]:
    """Group the spells of ONE employee into chains; return lists of input indices.

    Each group is sorted by date_start and the groups by their first spell. A spell joins the
    chain of the spell before it when the fit days in between (its date_start minus the
    previous date_recovered) are fewer than ``gap_days``: 27 fit days join, 28 start a new
    chain. Days of the (optional) WAZO intervals are not counted as fit days, so leave bridges
    a chain; pass only leave the BA linked to the same cause.

    Raises EngineError on overlapping spells, more than one open spell, or an open spell that
    is not the last.
    """
    items = _spell_list(spells)
    gap = _check_positive_int(gap_days, "gap_days")
    order = sorted(range(len(items)), key=lambda index: items[index].date_start)
    ordered = [items[index] for index in order]
    _validate_ordered(ordered)
    leave = _merge_intervals(wazo)

    groups: list[list[int]] = []
    previous_recovered: date | None = None  # date_recovered of the previous spell
    for index, spell in zip(order, ordered, strict=True):
        if previous_recovered is not None:
            fit_days = (spell.date_start - previous_recovered).days
            if fit_days:
                last_fit = spell.date_start - timedelta(days=1)
                fit_days -= _days_covered(previous_recovered, last_fit, leave)
            if fit_days < gap:
                groups[-1].append(index)
                previous_recovered = spell.date_recovered
                continue
        groups.append([index])
        previous_recovered = spell.date_recovered
    return groups


class _Segment(NamedTuple):
    """A run of consecutive counted sick days."""

    start: date
    length: int | None  # None: open-ended (projected) run
    before: int  # counted sick days before this run


def _runs(
    start: date, stop: date | None, leave: Sequence[Interval]
) -> list[tuple[date, date | None]]:
    """Split [start, stop) minus the leave intervals into runs (stop None: open-ended)."""
    runs: list[tuple[date, date | None]] = []
    cursor = start
    for interval in leave:
        if stop is not None and interval.date_from >= stop:
            break
        if interval.date_to < cursor:
            continue
        if interval.date_from > cursor:
            runs.append((cursor, interval.date_from))
        cursor = max(cursor, interval.date_to + timedelta(days=1))
    if stop is None or cursor < stop:
        runs.append((cursor, stop))
    return runs


def _build_segments(spells: Sequence[Spell], leave: Sequence[Interval]) -> tuple[_Segment, ...]:
    segments: list[_Segment] = []
    counted = 0
    for spell in spells:
        for start, stop in _runs(spell.date_start, spell.date_recovered, leave):
            length = None if stop is None else (stop - start).days
            segments.append(_Segment(start, length, counted))
            counted += length or 0
    return tuple(segments)


def _date_of(segments: Sequence[_Segment], n: int) -> date | None:
    for segment in segments:
        if segment.length is None or n <= segment.before + segment.length:
            try:
                return segment.start + timedelta(days=n - segment.before - 1)
            except OverflowError:
                raise EngineError(f"sick day {n} lies beyond the supported date range") from None
    return None


def _number_of(segments: Sequence[_Segment], d: date) -> int | None:
    for segment in segments:
        if d < segment.start:
            return None  # segments are ordered: d falls in a gap or before the chain
        offset = (d - segment.start).days
        if segment.length is None or offset < segment.length:
            return segment.before + offset + 1
    return None


def _count_until(segments: Sequence[_Segment], until: date) -> int:
    total = 0
    for segment in segments:
        if until < segment.start:
            break
        reached = (until - segment.start).days + 1
        total += reached if segment.length is None else min(reached, segment.length)
    return total


class Chain:
    """The spells of one chain (any order) plus optional WAZO leave intervals.

    Leave days are not sick days and do not break the chain; leave overlapping a spell removes
    those days from the count. The chain's spells are not re-checked against the 28-day rule
    (use :func:`chain_groups` for that): the caller decides what belongs together.
    """

    def __init__(self, spells: Iterable[Spell], wazo: Iterable[Interval] = ()) -> None:
        ordered = sorted(_spell_list(spells), key=lambda spell: spell.date_start)
        _validate_ordered(ordered)
        if not ordered:
            raise EngineError("a chain needs at least one spell")
        self.spells: tuple[Spell, ...] = tuple(ordered)
        self.wazo: tuple[Interval, ...] = _merge_intervals(wazo)
        self._segments = _build_segments(self.spells, self.wazo)
        if self.is_open:
            self._projected = self._segments
        else:
            # Deadlines of a closed chain are computed as if it had continued after recovery
            # (the timeline as it stood); compute_deadlines then drops what never came due.
            reopened = (*self.spells[:-1], Spell(self.spells[-1].date_start))
            self._projected = _build_segments(reopened, self.wazo)

    def __repr__(self) -> str:
        return f"Chain(spells={list(self.spells)!r}, wazo={list(self.wazo)!r})"

    @property
    def first_day(self) -> date:
        """First sick day of the chain's first case (its reported eerste ziektedag)."""
        return self.spells[0].date_start

    @property
    def is_open(self) -> bool:
        return self.spells[-1].is_open

    @property
    def last_recovered(self) -> date | None:
        """date_recovered of the last case; None while the chain is open."""
        return self.spells[-1].date_recovered

    @property
    def last_sick_day(self) -> date | None:
        """Last counted sick day of a closed chain; None while open or if nothing counted."""
        if self.is_open:
            return None
        total = self.sick_days_total()
        return self.sick_day_date(total) if total else None

    def sick_day_date(self, n: int) -> date | None:
        """Calendar date of the chain's n-th counted sick day (n >= 1).

        Open chain: projected (daily, skipping WAZO days) beyond today. Closed chain: None when
        n exceeds the counted sick days.
        """
        return _date_of(self._segments, _check_positive_int(n, "n"))

    def end_of_week(self, n: int) -> date | None:
        """Date of sick day 7n (None if a closed chain never got there)."""
        return self.sick_day_date(_DAYS_PER_WEEK * _check_positive_int(n, "week"))

    def sick_day_number(self, d: date) -> int | None:
        """Count of sick days up to and including ``d``; None if ``d`` is not a sick day."""
        _check_date(d, "d")
        return _number_of(self._segments, d)

    def sick_days_total(self, until: date | None = None) -> int:
        """Counted sick days, up to and including ``until`` when given.

        An open chain has no total without ``until`` (EngineError).
        """
        if until is None:
            if self.is_open:
                raise EngineError("an open chain needs 'until' to count its sick days")
            return sum(segment.length or 0 for segment in self._segments)
        _check_date(until, "until")
        return _count_until(self._segments, until)

    # Projected variants used for deadlines: identical for an open chain.
    def _projected_sick_day_date(self, n: int) -> date:
        result = _date_of(self._projected, n)
        if result is None:  # cannot happen: the projection ends in an open-ended segment
            raise EngineError(f"sick day {n} cannot be projected")
        return result

    def _projected_end_of_week(self, n: int) -> date:
        return self._projected_sick_day_date(_DAYS_PER_WEEK * n)


# --------------------------------------------------------------------------------------------
# Waiting time (wachttijd) and extensions
# --------------------------------------------------------------------------------------------


def normal_wachttijd_end(chain: Chain) -> date | None:
    """End of week 104; None for a closed chain that never got there."""
    return chain.end_of_week(_WACHTTIJD_WEEKS)


def validate_extension(chain: Chain, ext: Extension) -> None:
    """Raise EngineError unless ``ext`` is a valid extension of the chain's waiting time.

    The end must lie after the normal end (week 104); a loonsanctie lasts at most 52 weeks.
    For a closed chain the normal end is taken as projected (as if the chain had continued).
    """
    if not isinstance(ext, Extension):
        raise EngineError(f"expected an Extension, got {ext!r}")
    _check_kind(ext.kind)
    normal_end = chain._projected_end_of_week(_WACHTTIJD_WEEKS)
    if ext.date_end <= normal_end:
        raise EngineError(
            f"extension end {ext.date_end} must be after the normal end of the waiting time "
            f"({normal_end})"
        )
    if ext.kind == "loonsanctie" and ext.date_end > normal_end + _LOONSANCTIE_MAX:
        raise EngineError(
            f"a loonsanctie lasts at most 52 weeks: end {ext.date_end} is after "
            f"{normal_end + _LOONSANCTIE_MAX}"
        )


def _projected_wachttijd_end(chain: Chain, extensions: Iterable[Extension]) -> date:
    end = chain._projected_end_of_week(_WACHTTIJD_WEEKS)
    for ext in extensions:
        validate_extension(chain, ext)
        end = max(end, ext.date_end)
    return end


def wachttijd_end(chain: Chain, extensions: Iterable[Extension] = ()) -> date | None:
    """End of the waiting time: the latest extension end if any, else the end of week 104.

    Every extension is validated (EngineError). For a closed chain the end is returned only
    when the chain actually reached it (its last sick day is on or after it), else None.
    """
    end = _projected_wachttijd_end(chain, extensions)
    if chain.is_open:
        return end
    last = chain.last_sick_day
    return end if last is not None and end <= last else None


# --------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------


def _reference(rule: milestones.MilestoneRule, progress: Progress, due_of: dict) -> date:
    """The date an AFTER / EVERY anchor counts from: the done date of the milestone it refers
    to, else that milestone's deadline."""
    previous = milestones.BY_CODE[rule.after]
    done = getattr(progress, previous.done_field) if previous.done_field else None
    return done or due_of[rule.after]


def _anchor_date(
    chain: Chain,
    rule: milestones.MilestoneRule,
    progress: Progress,
    due_of: dict,
    end: date,
    vangnet_regime: str | None,
    date_vangnet_event: date | None,
) -> date:
    """The deadline of a non-repeating milestone, as its rule's anchor says."""
    anchor, offset = rule.anchor, rule.offset
    if anchor == milestones.WEEK:
        due = chain._projected_end_of_week(offset)
    elif anchor == milestones.WERKDAG_AFTER_WEEK:
        due = next_werkdag_after(chain._projected_end_of_week(offset))
    elif anchor == milestones.AFTER:
        due = _reference(rule, progress, due_of) + timedelta(days=offset)
    elif anchor == milestones.BEFORE_END:
        due = end - timedelta(days=offset)
    elif anchor == milestones.WAITING_TIME_END:
        due = end
    elif anchor == milestones.VANGNET:
        due = _vangnet_deadline(chain, vangnet_regime, date_vangnet_event)
    else:  # pragma: no cover - the table's consistency is tested
        raise EngineError(f"unknown anchor {anchor!r} of milestone {rule.code!r}")
    if rule.early_after:
        # e.g. the plan of action: 14 days after a done problem analysis when that is earlier
        code, days = rule.early_after
        done = getattr(progress, milestones.BY_CODE[code].done_field)
        if done is not None:
            due = min(due, done + timedelta(days=days))
    return due


def _evaluations(
    progress: Progress, reference: date, end: date, interval: timedelta
) -> list[Deadline]:
    """Done evaluations plus the next open one (if it is due by the end of the waiting time).

    The first evaluation counts from `reference` (the plan's done date, else its deadline),
    each next one from the previous evaluation's done date."""
    code = milestones.REPEATING_CODE
    result: list[Deadline] = []
    for sequence, done in enumerate(progress.evaluations_done, start=1):
        result.append(Deadline(code, sequence, reference + interval, date_done=done))
        reference = done
    upcoming = reference + interval
    if upcoming <= end:
        result.append(Deadline(code, len(result) + 1, upcoming))
    return result


def _vangnet_deadline(chain: Chain, regime: str, date_event: date | None) -> date:
    if regime == "six_weeks":
        return chain._projected_end_of_week(6)
    if regime == "fourth_day":
        return chain._projected_sick_day_date(4)
    if regime == "employment_end":
        if date_event is None:
            raise EngineError("vangnet regime 'employment_end' needs date_vangnet_event")
        _check_date(date_event, "date_vangnet_event")
        return date_event
    raise EngineError(f"unknown vangnet regime {regime!r}; expected one of {VANGNET_REGIMES}")


def compute_deadlines(
    chain: Chain,
    *,
    early_doctor: bool = False,
    progress: Progress = _NO_PROGRESS,
    extensions: Iterable[Extension] = (),
    vangnet_regime: str | None = None,
    date_vangnet_event: date | None = None,
    evaluation_interval_days: int | None = None,
    rules: milestones.RuleSet | None = None,
) -> list[Deadline]:
    """All WvP deadlines of a chain, sorted by (date_deadline, code order, sequence).

    Rules (domain.md §3): each milestone of :data:`milestones.MILESTONES` by its anchor. For a
    closed chain the timeline is computed as it stood (projected past recovery), then every
    done milestone is kept but open ones only when due on or before the chain's last sick day;
    the rest never came due.
    ``date_vangnet_event`` is only used by the 'employment_end' regime. ``rules`` is the
    version of the timeline that applies to the chain (default: the current rules, set 1;
    the caller picks it with :func:`milestones.rule_set_for`); the evaluation interval is its
    repeating rule's unless given.
    """
    if not isinstance(chain, Chain):
        raise EngineError(f"expected a Chain, got {chain!r}")
    if not isinstance(progress, Progress):
        raise EngineError(f"expected a Progress, got {progress!r}")
    rule_set = rules or milestones.CURRENT_RULES
    if evaluation_interval_days is None:
        evaluation_interval_days = rule_set.evaluation_interval_days
    interval = timedelta(days=_check_positive_int(evaluation_interval_days, "evaluation interval"))
    end = _projected_wachttijd_end(chain, tuple(extensions))
    applies = {
        None: True,
        milestones.EARLY_DOCTOR: early_doctor,
        milestones.VANGNET_CASE: vangnet_regime is not None,
    }

    deadlines: list[Deadline] = []
    due_of: dict[str, date] = {}  # deadline per code, for the anchors that refer to it
    for rule in rule_set.rules:
        if not applies[rule.condition]:
            continue
        if rule.anchor == milestones.EVERY:
            deadlines.extend(_evaluations(progress, _reference(rule, progress, due_of), end,
                                          interval))
            continue
        due = _anchor_date(chain, rule, progress, due_of, end, vangnet_regime,
                           date_vangnet_event)
        due_of[rule.code] = due
        window_start = (chain._projected_sick_day_date(rule.window_day)
                        if rule.window_day else None)
        done = getattr(progress, rule.done_field) if rule.done_field else None
        deadlines.append(Deadline(rule.code, 0, due, window_start, done))

    if not chain.is_open:
        last = chain.last_sick_day
        deadlines = [
            item
            for item in deadlines
            if item.date_done is not None or (last is not None and item.date_deadline <= last)
        ]
    return sorted(deadlines, key=lambda item: item.sort_key)


# --------------------------------------------------------------------------------------------
# Signals and phase
# --------------------------------------------------------------------------------------------


def frequent_absence(
    start_dates: Iterable[date],
    ref_date: date,
    threshold: int = 3,
    window_days: int = 365,
) -> bool:
    """True when at least ``threshold`` sick reports started in (ref_date - window, ref_date].

    Every case counts separately, also cases inside one chain (a signal, never a sanction).
    """
    _check_date(ref_date, "ref_date")
    _check_positive_int(threshold, "threshold")
    window_start = ref_date - timedelta(days=_check_positive_int(window_days, "window_days"))
    count = 0
    for start in start_dates:
        _check_date(start, "start date")
        if window_start < start <= ref_date:
            count += 1
    return count >= threshold


def phase(chain: Chain, progress: Progress, today: date) -> str:
    """The case's kanban phase (one of PHASES).

    Rule: a closed chain is 'hersteld'. Otherwise the first step not yet done decides, using
    n = the number of sick days up to and including ``today``:

    1. probleemanalyse not done: 'ziekgemeld' while n < 15, else 'probleemanalyse' (also when
       it is overdue after week 6);
    2. plan van aanpak not done: 'plan_van_aanpak';
    3. eerstejaarsevaluatie not done: 're_integratie' before the week-46 window opens
       (n < 316), else 'eerstejaars';
    4. eerstejaarsevaluatie done: 'tweede_spoor' up to the end of week 91 (n <= 637), then
       'wia_aanvraag'.

    An overdue step therefore keeps the case in that step's column.
    """
    if not isinstance(progress, Progress):
        raise EngineError(f"expected a Progress, got {progress!r}")
    if not chain.is_open:
        return "hersteld"
    n = chain.sick_days_total(until=today)
    if progress.probleemanalyse_done is None:
        return "ziekgemeld" if n < _PROBLEEMANALYSE_PHASE_DAY else "probleemanalyse"
    if progress.plan_done is None:
        return "plan_van_aanpak"
    if progress.eerstejaars_done is None:
        return "re_integratie" if n < _EERSTEJAARS_WINDOW_DAY else "eerstejaars"
    return "tweede_spoor" if n <= _DAYS_PER_WEEK * _EINDEVALUATIE_WEEK else "wia_aanvraag"
