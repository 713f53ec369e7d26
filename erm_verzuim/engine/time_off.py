# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The date arithmetic of an absence case in Time Off (``erm.absence.case._sync_time_off``):
full incapacity becomes one leave per calendar week, days that already hold other time off
are left alone, and leaves are kept up to a rolling horizon. Pure Python, no ORM."""

from datetime import date, timedelta

# How far ahead an open case shows as absent (the daily refresh extends it).
HORIZON_DAYS = 14


def week_chunks(first: date, last: date):
    """Split [first, last] at Sundays: (from, to) pairs that hold at least one weekday."""
    start = first
    while start <= last:
        end = min(last, start + timedelta(days=6 - start.weekday()))
        if any((start + timedelta(days=i)).weekday() < 5 for i in range((end - start).days + 1)):
            yield start, end
        start = end + timedelta(days=1)


def remove_days(first: date, last: date, busy: set):
    """Split [first, last] around the dates in `busy`."""
    run_start = None
    day = first
    while day <= last:
        if day in busy:
            if run_start:
                yield run_start, day - timedelta(days=1)
                run_start = None
        elif run_start is None:
            run_start = day
        day += timedelta(days=1)
    if run_start:
        yield run_start, last


def window(date_start, date_recovered, active, today):
    """(first, last) day a case must show as absent in Time Off, or None."""
    last = today + timedelta(days=HORIZON_DAYS)
    if date_recovered:
        last = min(last, date_recovered - timedelta(days=1))
    if not active or last < date_start:
        return None
    return date_start, last
