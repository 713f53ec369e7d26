# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Slots of a consultation session, computed in wall-clock time of the company's time zone.

A session is planned as local times ("Tuesday 9:00-12:00, Europe/Amsterdam"); the database
stores UTC. Converting each slot's local start and stop separately keeps the wall-clock times
on both sides of the DST change (9:00 stays 9:00 in March and in October).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

UTC = ZoneInfo("UTC")


def to_local(utc_naive, tz):
    """Naive UTC datetime (as Odoo stores it) -> naive local datetime in ``tz``."""
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(tz)).replace(tzinfo=None)


def to_utc(local_naive, tz):
    """Naive local datetime in ``tz`` -> naive UTC datetime (as Odoo stores it)."""
    return local_naive.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC).replace(tzinfo=None)


def day_slots(local_start, local_stop, tz, slot_minutes, buffer_minutes=0, breaks=()):
    """The slots of one session day as ``[(start_utc, stop_utc), ...]`` (naive UTC).

    ``local_start``/``local_stop``: naive local datetimes of the session; ``breaks``: pairs of
    naive local datetimes during which no slot may run. A slot is followed by
    ``buffer_minutes`` of free time; a slot that would end after the session or overlap a
    break is not offered (the next one starts right after the break).
    """
    if slot_minutes <= 0:
        raise ValueError("slot_minutes must be positive")
    length = timedelta(minutes=slot_minutes)
    step = length + timedelta(minutes=max(buffer_minutes, 0))
    breaks = sorted((b_start, b_stop) for b_start, b_stop in breaks if b_stop > b_start)
    slots = []
    cursor = local_start
    while cursor + length <= local_stop:
        end = cursor + length
        clash = next((b for b in breaks if cursor < b[1] and b[0] < end), None)
        if clash:
            cursor = clash[1]
            continue
        slots.append((to_utc(cursor, tz), to_utc(end, tz)))
        cursor += step
    return slots


def combine(day, hours):
    """A date and a float hour (9.5 = 9:30, as Odoo's float_time widget) -> datetime."""
    minutes = round(hours * 60)
    return datetime(day.year, day.month, day.day) + timedelta(minutes=minutes)


# --------------------------------------------------------------------------- recurrence
WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"
MAX_OCCURRENCES = 400  # a safety net: about eight years of weekly sessions


def _nth_weekday(year, month, weekday, nth):
    """The date of the ``nth`` (1-4, or -1 for the last) ``weekday`` of a month."""
    if nth == -1:
        last = (datetime(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).date()
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime(year, month, 1).date()
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def occurrence_dates(first_day, rule, count=None, until=None):
    """The dates of a recurring session, the first one included.

    ``rule``: ``weekly``, ``biweekly`` or ``monthly`` (the same weekday of the month as the
    first: the 2nd Tuesday stays the 2nd Tuesday; a 5th weekday becomes the last weekday of
    the month, so that no month is skipped). Ends after ``count`` dates or on the last date
    not after ``until`` (inclusive), whichever comes first; one of them is required.
    """
    if not count and not until:
        raise ValueError("a recurrence needs a number of occurrences or an end date")
    limit = min(count or MAX_OCCURRENCES, MAX_OCCURRENCES)
    dates = []
    if rule in (WEEKLY, BIWEEKLY):
        step = timedelta(weeks=1 if rule == WEEKLY else 2)
        day = first_day
        while len(dates) < limit and (not until or day <= until):
            dates.append(day)
            day += step
    elif rule == MONTHLY:
        nth = (first_day.day - 1) // 7 + 1
        nth = -1 if nth == 5 else nth
        year, month = first_day.year, first_day.month
        while len(dates) < limit:
            day = first_day if not dates else _nth_weekday(year, month, first_day.weekday(), nth)
            if until and day > until:
                break
            dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        raise ValueError(f"unknown recurrence {rule!r}")
    return dates


def occurrences(local_start, local_stop, rule, count=None, until=None):
    """The ``(local_start, local_stop)`` pairs of a recurring session: every occurrence keeps
    the wall-clock times of the first (9:00-12:00 stays 9:00-12:00 across a DST change);
    convert each with :func:`to_utc` on its own."""
    duration = local_stop - local_start
    clock = local_start - datetime(local_start.year, local_start.month, local_start.day)
    return [
        (datetime(day.year, day.month, day.day) + clock,
         datetime(day.year, day.month, day.day) + clock + duration)
        for day in occurrence_dates(local_start.date(), rule, count=count, until=until)
    ]
