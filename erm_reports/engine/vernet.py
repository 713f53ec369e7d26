# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Absence figures to the 1996 national standard (Vernet), on plain data.

All intervals are half-open ``[start, end)`` on dates: ``end`` is the first day *not* in the
interval (a contract ending on 31 March has end 1 April; a case recovered on 10 May has its
last sick day on 9 May and end 10 May). ``None`` as end means "still running". The period
of a report is ``[period_start, period_end)`` as well, so its length is a plain subtraction.

The database side (erm_reports' SQL) delivers rows of these shapes; everything here is
arithmetic, tested on its own with hand-computed expectations.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from odoo.addons.erm_verzuim.engine import aggregate_guard

# Default Vernet duration classes in calendar days: kort, middellang, lang, extra lang.
DEFAULT_CLASSES = ((1, 14), (15, 91), (92, 365), (366, 730))
# Continued pay per year of sickness (art. 7:629 BW: 104 weeks; common CAO 100 % / 70 %).
DEFAULT_PAY_PCT = (100.0, 70.0)
YEAR_DAYS = 52 * 7  # a "year of sickness" is 52 weeks, as the WvP counts


@dataclass(frozen=True)
class Employment:
    """One employment interval of an employee with its part-time factor (DTF) and the daily
    wage cost of the contract (for the cost of absence)."""

    employee: object
    start: date
    end: date | None
    dtf: float = 1.0
    daily_wage: float = 0.0


@dataclass(frozen=True)
class SickSpell:
    """A stretch of one case with one incapacity fraction (0..1).

    ``case_start`` is the first sick day of the case (or of its chain, for the year of
    sickness in the cost of absence); ``vangnet`` marks safety-net or pregnancy-related
    sickness, left out of the second absence rate."""

    employee: object
    case: object
    start: date
    end: date | None
    fraction: float = 1.0
    vangnet: bool = False
    case_start: date | None = None


@dataclass(frozen=True)
class Case:
    """A sick report: first sick day and recovery (first fit day, None while open)."""

    employee: object
    start: date
    end: date | None = None
    vangnet: bool = False


def overlap(start, end, period_start, period_end):
    """Days of ``[start, end)`` inside ``[period_start, period_end)``; open end = running."""
    lo = max(start, period_start)
    hi = min(end or period_end, period_end)
    return max((hi - lo).days, 0)


def _intersect(a_start, a_end, b_start, b_end):
    lo = max(a_start, b_start)
    hi = min(a_end or b_end, b_end or a_end) if (a_end or b_end) else None
    if hi is not None and hi <= lo:
        return None
    return lo, hi


def weighted_sick_days(spells, employments, period_start, period_end, exclude_vangnet=False):
    """Σ sick calendar days in the period × DTF × incapacity fraction.

    The DTF is the one of the employment running on that day, so a change of hours or a
    second contract mid-case weighs each part with its own factor; sick days outside any
    employment do not count (nor do they count in the denominator)."""
    by_employee = {}
    for employment in employments:
        by_employee.setdefault(employment.employee, []).append(employment)
    total = 0.0
    for spell in spells:
        if exclude_vangnet and spell.vangnet:
            continue
        for employment in by_employee.get(spell.employee, ()):
            both = _intersect(spell.start, spell.end, employment.start, employment.end)
            if both:
                days = overlap(both[0], both[1], period_start, period_end)
                total += days * employment.dtf * spell.fraction
    return total


def employed_days(employments, period_start, period_end, weighted=True):
    """Σ employed calendar days in the period, × DTF when ``weighted``."""
    return sum(
        overlap(e.start, e.end, period_start, period_end) * (e.dtf if weighted else 1.0)
        for e in employments
    )


def verzuimpercentage(spells, employments, period_start, period_end, exclude_vangnet=False):
    """100 × Σ(sick days × DTF × incapacity) / Σ(employed days × DTF); None without staff."""
    denominator = employed_days(employments, period_start, period_end)
    if not denominator:
        return None
    numerator = weighted_sick_days(
        spells, employments, period_start, period_end, exclude_vangnet=exclude_vangnet
    )
    return 100.0 * numerator / denominator


def average_headcount(employments, period_start, period_end):
    """Headcount weighted by days employed (not FTE)."""
    days = (period_end - period_start).days
    return employed_days(employments, period_start, period_end, weighted=False) / days


def meldingsfrequentie(cases, employments, period_start, period_end):
    """New reports starting in the period per average head, per year (× 365 / days).

    Every case is a report, also one that joins a chain (Vernet counts reports, the WvP
    counts chains); a change from full to partial incapacity is a course line, not a case."""
    headcount = average_headcount(employments, period_start, period_end)
    if not headcount:
        return None
    reports = sum(1 for case in cases if period_start <= case.start < period_end)
    days = (period_end - period_start).days
    return reports / headcount * 365.0 / days


def gemiddelde_verzuimduur(cases, period_start, period_end):
    """Mean calendar duration of the cases *ended* in the period (days before it included).

    A case ends on its last sick day, the day before recovery, so a case is ended in the
    period when its recovery date falls in ``(period_start, period_end]``."""
    durations = [
        (case.end - case.start).days
        for case in cases
        if case.end and period_start < case.end <= period_end
    ]
    if not durations:
        return None
    return sum(durations) / len(durations)


def nulverzuim(employments, spells, period_start, period_end):
    """% of the employees employed at least one day in the period with no sick day in it.

    A sick day counts only while employed, as in the absence rate."""
    employed = {
        e.employee for e in employments if overlap(e.start, e.end, period_start, period_end)
    }
    if not employed:
        return None
    by_employee = {}
    for employment in employments:
        by_employee.setdefault(employment.employee, []).append(employment)
    sick = set()
    for spell in spells:
        if spell.employee in sick or spell.employee not in employed or spell.fraction <= 0:
            continue
        for employment in by_employee[spell.employee]:
            both = _intersect(spell.start, spell.end, employment.start, employment.end)
            if both and overlap(both[0], both[1], period_start, period_end):
                sick.add(spell.employee)
                break
    return 100.0 * (len(employed) - len(sick)) / len(employed)


def duration_classes(cases, period_start, period_end, classes=DEFAULT_CLASSES):
    """Cases with a sick day in the period, by duration class, with their sick days in it.

    A case's duration is counted to its recovery, or to the end of the period while it runs;
    a case longer than the last class falls in the last class (it cannot be longer in the
    WvP than 104 weeks plus an extension; the boundaries are the company's choice)."""
    rows = [{"from": low, "to": high, "cases": 0, "days": 0} for low, high in classes]
    if not rows:
        return rows
    for case in cases:
        days_in = overlap(case.start, case.end, period_start, period_end)
        if not days_in:
            continue
        duration = ((case.end or period_end) - case.start).days
        row = next((r for r in rows if r["from"] <= duration <= r["to"]), None)
        if row is None:
            row = rows[-1] if duration > rows[-1]["to"] else rows[0]
        row["cases"] += 1
        row["days"] += days_in
    return rows


def schadelast(spells, employments, wages, period_start, period_end,
               pay_pct=DEFAULT_PAY_PCT, top_up_pct=0.0, replacement_per_day=0.0):
    """Cost of absence in the period: Σ daily wage × incapacity × continued pay per day.

    ``wages``: employee -> daily wage cost, or None to take each employment's
    ``daily_wage`` (a raise or a change of hours mid-case then costs what it costs).
    ``pay_pct``: continued pay in year 1 and year 2 of sickness (52-week years counted from
    ``case_start``); ``top_up_pct``: the employer's top-up on top of year 2 (capped at 100).
    ``replacement_per_day`` is added per weighted sick day. Intervention costs are added by
    the caller, from their own records."""
    employed = {}
    for employment in employments:
        employed.setdefault(employment.employee, []).append(employment)
    total = 0.0
    for spell in spells:
        case_start = spell.case_start or spell.start
        boundary = case_start + timedelta(days=YEAR_DAYS)
        for employment in employed.get(spell.employee, ()):
            both = _intersect(spell.start, spell.end, employment.start, employment.end)
            if not both:
                continue
            wage = employment.daily_wage if wages is None else wages.get(spell.employee, 0.0)
            year_1 = overlap(both[0], min(both[1] or boundary, boundary), period_start,
                             period_end)
            year_2 = overlap(max(both[0], boundary), both[1], period_start, period_end)
            pct_2 = min(pay_pct[1] + top_up_pct, 100.0)
            days_paid = year_1 * pay_pct[0] / 100.0 + year_2 * pct_2 / 100.0
            total += spell.fraction * (wage * days_paid + replacement_per_day * (year_1 + year_2))
    return total


def suppress(tree, counts, minimum):
    """The nodes of an organisation tree whose figures the board may not see: the one rule
    of erm_verzuim's aggregate guard (``aggregate_guard.suppress_tree``)."""
    return aggregate_guard.suppress_tree(tree, counts, minimum)


def month_starts(last_month_start, months=13):
    """The first days of the ``months`` months ending with ``last_month_start`` (trend)."""
    result = []
    year, month = last_month_start.year, last_month_start.month
    for _i in range(months):
        result.append(date(year, month, 1))
        month -= 1
        if not month:
            year, month = year - 1, 12
    return list(reversed(result))


# --------------------------------------------------------------------------- totals
# The figures are ratios of sums, so they can be added up: per employee once, then per
# department and up the tree, without recomputing anything per group.


@dataclass
class Totals:
    """Additive parts of the figures of a group of employees."""

    sick: float = 0.0  # Σ sick days × DTF × incapacity
    sick_excl_vangnet: float = 0.0
    employed: float = 0.0  # Σ employed days × DTF
    employed_plain: float = 0.0  # Σ employed days (headcount weighted by days)
    reports: int = 0
    ended: int = 0
    ended_days: int = 0
    people: int = 0  # employed at least one day
    people_sick: int = 0
    cost: float = 0.0
    classes: list = None  # [[cases, days], ...] in the order of the classes

    def add(self, other):
        for name in ("sick", "sick_excl_vangnet", "employed", "employed_plain", "reports",
                     "ended", "ended_days", "people", "people_sick", "cost"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.classes:
            if not self.classes:
                self.classes = [[0, 0] for _row in other.classes]
            for mine, theirs in zip(self.classes, other.classes, strict=True):
                mine[0] += theirs[0]
                mine[1] += theirs[1]
        return self


def totals_by_employee(spells, employments, cases, period_start, period_end,
                       classes=DEFAULT_CLASSES, **cost_options):
    """employee -> Totals, in one pass over the rows (grouped by employee first)."""
    grouped = {}
    for kind, rows in (("employments", employments), ("spells", spells), ("cases", cases)):
        for row in rows:
            grouped.setdefault(row.employee, {"employments": [], "spells": [], "cases": []})[
                kind
            ].append(row)
    result = {}
    for employee, rows in grouped.items():
        mine_employments, mine_spells, mine_cases = (
            rows["employments"], rows["spells"], rows["cases"]
        )
        totals = Totals()
        totals.employed = employed_days(mine_employments, period_start, period_end)
        totals.employed_plain = employed_days(
            mine_employments, period_start, period_end, weighted=False
        )
        totals.sick = weighted_sick_days(mine_spells, mine_employments, period_start, period_end)
        totals.sick_excl_vangnet = weighted_sick_days(
            mine_spells, mine_employments, period_start, period_end, exclude_vangnet=True
        )
        totals.reports = sum(1 for case in mine_cases if period_start <= case.start < period_end)
        ended = [
            (case.end - case.start).days for case in mine_cases
            if case.end and period_start < case.end <= period_end
        ]
        totals.ended, totals.ended_days = len(ended), sum(ended)
        if totals.employed_plain:
            totals.people = 1
            totals.people_sick = int(
                nulverzuim(mine_employments, mine_spells, period_start, period_end) == 0.0
            )
        totals.classes = [
            [row["cases"], row["days"]]
            for row in duration_classes(mine_cases, period_start, period_end, classes)
        ]
        totals.cost = schadelast(
            mine_spells, mine_employments, None, period_start, period_end, **cost_options
        )
        result[employee] = totals
    return result


def figures_from_totals(totals, period_start, period_end, classes=DEFAULT_CLASSES):
    """The figures of a group from its Totals (the same numbers as the functions above)."""
    days = (period_end - period_start).days
    headcount = totals.employed_plain / days if days else 0.0
    rows = totals.classes or [[0, 0] for _c in classes]
    return {
        "verzuimpercentage": 100.0 * totals.sick / totals.employed if totals.employed else None,
        "verzuimpercentage_excl_vangnet": (
            100.0 * totals.sick_excl_vangnet / totals.employed if totals.employed else None
        ),
        "meldingsfrequentie": (
            totals.reports / headcount * 365.0 / days if headcount else None
        ),
        "gemiddelde_verzuimduur": totals.ended_days / totals.ended if totals.ended else None,
        "nulverzuim": (
            100.0 * (totals.people - totals.people_sick) / totals.people if totals.people
            else None
        ),
        "duration_classes": [
            {"from": low, "to": high, "cases": row[0], "days": row[1]}
            for (low, high), row in zip(classes, rows, strict=True)
        ],
        "schadelast": totals.cost,
        "headcount": totals.people,
        "average_headcount": headcount,
        "reports": totals.reports,
    }
