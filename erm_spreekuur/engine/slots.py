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
