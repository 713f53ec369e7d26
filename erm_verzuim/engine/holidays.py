"""Werkdagen and general holidays of the Algemene termijnenwet (Atw, art. 3).

A *werkdag* is Monday to Friday that is not one of the general holidays below. Easter-based
holidays are computed (anonymous Gregorian algorithm), never listed per year.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

__all__ = [
    "easter_sunday",
    "general_holidays",
    "is_werkdag",
    "next_werkdag_after",
    "werkdag_on_or_after",
]

# Koningsdag replaced Koninginnedag from 2014 (King Willem-Alexander's birthday, 27 April).
_FIRST_KONINGSDAG_YEAR = 2014
_SATURDAY = 5
_SUNDAY = 6
_ONE_DAY = timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Return Easter Sunday of ``year`` (Gregorian calendar).

    Anonymous Gregorian algorithm (Meeus/Jones/Butcher); exact for every Gregorian year.
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {year!r}")
    a = year % 19  # position in the 19-year Metonic cycle
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3  # lunar correction
    h = (19 * a + b - d - g + 15) % 30  # epact-related: days from 21 March to the full moon
    i, k = divmod(c, 4)
    weekday_fix = (32 + 2 * e + 2 * i - h - k) % 7  # days from the full moon to Sunday
    m = (a + 11 * h + 22 * weekday_fix) // 451
    month, day0 = divmod(h + weekday_fix - 7 * m + 114, 31)
    return date(year, month, day0 + 1)


def _kings_day(year: int) -> tuple[date, str]:
    """Koningsdag (from 2014) or Koninginnedag (before), moved back a day from a Sunday."""
    if year >= _FIRST_KONINGSDAG_YEAR:
        day, name = date(year, 4, 27), "Koningsdag"
    else:
        day, name = date(year, 4, 30), "Koninginnedag"
    if day.weekday() == _SUNDAY:
        day -= _ONE_DAY
    return day, name


@lru_cache(maxsize=256)
def _holidays_cached(year: int) -> tuple[tuple[date, str], ...]:
    # Cached as an immutable tuple; general_holidays() hands out a fresh dict each call so a
    # caller mutating its result cannot corrupt the cache.
    easter = easter_sunday(year)
    entries = [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (easter - timedelta(days=2), "Goede Vrijdag"),
        (easter + timedelta(days=1), "Tweede Paasdag"),
        _kings_day(year),
        (date(year, 5, 5), "Bevrijdingsdag"),
        (easter + timedelta(days=39), "Hemelvaartsdag"),
        (easter + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]
    # Two holidays can fall on one date (e.g. Hemelvaartsdag on 5 May 2016): keep both names.
    merged: dict[date, str] = {}
    for day, name in entries:
        merged[day] = f"{merged[day]} / {name}" if day in merged else name
    return tuple(sorted(merged.items()))


def general_holidays(year: int) -> dict[date, str]:
    """Return the general holidays of ``year`` (Atw art. 3) as ``{date: Dutch name}``."""
    return dict(_holidays_cached(year))


@lru_cache(maxsize=256)
def _holiday_dates(year: int) -> frozenset[date]:
    return frozenset(day for day, _name in _holidays_cached(year))


def is_werkdag(d: date) -> bool:
    """True for Monday-Friday that is not a general holiday."""
    return d.weekday() < _SATURDAY and d not in _holiday_dates(d.year)


def werkdag_on_or_after(d: date) -> date:
    """Return ``d`` if it is a werkdag, else the first werkdag after it."""
    # Terminates within a few steps: at most a weekend plus two adjacent holidays.
    while not is_werkdag(d):
        d += _ONE_DAY
    return d


def next_werkdag_after(d: date) -> date:
    """Return the first werkdag strictly after ``d``."""
    return werkdag_on_or_after(d + _ONE_DAY)
