"""Werkdagen of the Algemene termijnenwet: Easter, the general holidays, werkdag rounding."""

from datetime import date, timedelta

import pytest

from odoo.addons.erm_verzuim.engine import holidays

from .engine_case import EngineCase, parametrize


class TestHolidays(EngineCase):
    @parametrize(
        ("year", "expected"),
        [
            (2019, date(2019, 4, 21)),
            (2024, date(2024, 3, 31)),
            (2025, date(2025, 4, 20)),
            (2026, date(2026, 4, 5)),
            (2038, date(2038, 4, 25)),  # latest possible date
            (1943, date(1943, 4, 25)),  # latest possible date
            (1818, date(1818, 3, 22)),  # earliest possible date
            (2285, date(2285, 3, 22)),  # earliest possible date
            (2000, date(2000, 4, 23)),
            (1583, date(1583, 4, 10)),  # first full Gregorian year
        ],
    )
    def test_easter_sunday_known_years(self, year, expected):
        assert holidays.easter_sunday(year) == expected

    def test_easter_sunday_is_always_a_sunday_between_22_march_and_25_april(self):
        for year in range(1583, 3001):
            easter = holidays.easter_sunday(year)
            assert easter.weekday() == 6, year
            assert date(year, 3, 22) <= easter <= date(year, 4, 25), year

    def test_easter_sunday_rejects_non_int(self):
        with pytest.raises(TypeError):
            holidays.easter_sunday("2024")

    def test_general_holidays_2024(self):
        # Easter 2024 is 31 March: Goede Vrijdag -2, Tweede Paasdag +1, Hemelvaartsdag +39
        # (31 Mar + 39 = 9 May), Tweede Pinksterdag +50 (20 May). 27 April 2024 is a Saturday, so
        # Koningsdag stays there; 5 May (a Sunday) is listed every year.
        assert holidays.general_holidays(2024) == {
            date(2024, 1, 1): "Nieuwjaarsdag",
            date(2024, 3, 29): "Goede Vrijdag",
            date(2024, 4, 1): "Tweede Paasdag",
            date(2024, 4, 27): "Koningsdag",
            date(2024, 5, 5): "Bevrijdingsdag",
            date(2024, 5, 9): "Hemelvaartsdag",
            date(2024, 5, 20): "Tweede Pinksterdag",
            date(2024, 12, 25): "Eerste Kerstdag",
            date(2024, 12, 26): "Tweede Kerstdag",
        }

    def test_general_holidays_2025_koningsdag_moves_back_from_sunday(self):
        # 27 April 2025 is a Sunday: Koningsdag is Saturday 26 April.
        result = holidays.general_holidays(2025)
        assert result[date(2025, 4, 26)] == "Koningsdag"
        assert date(2025, 4, 27) not in result
        # Easter 20 April 2025: Goede Vrijdag 18 April, Tweede Paasdag 21 April,
        # Hemelvaartsdag 29 May (+39), Tweede Pinksterdag 9 June (+50).
        assert result[date(2025, 4, 18)] == "Goede Vrijdag"
        assert result[date(2025, 4, 21)] == "Tweede Paasdag"
        assert result[date(2025, 5, 29)] == "Hemelvaartsdag"
        assert result[date(2025, 6, 9)] == "Tweede Pinksterdag"

    def test_koningsdag_first_year_2014_on_saturday(self):
        # 27 April 2014 was a Sunday: the first Koningsdag was Saturday 26 April 2014.
        result = holidays.general_holidays(2014)
        assert result[date(2014, 4, 26)] == "Koningsdag"
        assert "Koninginnedag" not in result.values()

    def test_koninginnedag_before_2014(self):
        assert holidays.general_holidays(2013)[date(2013, 4, 30)] == "Koninginnedag"
        # 30 April 2006 was a Sunday: Koninginnedag moved back to Saturday 29 April.
        result_2006 = holidays.general_holidays(2006)
        assert result_2006[date(2006, 4, 29)] == "Koninginnedag"
        assert date(2006, 4, 30) not in result_2006

    def test_two_holidays_on_one_date_keep_both_names(self):
        # Easter 2016 = 27 March, so Hemelvaartsdag (+39) = 5 May = Bevrijdingsdag.
        result = holidays.general_holidays(2016)
        assert len(result) == 8
        assert "Bevrijdingsdag" in result[date(2016, 5, 5)]
        assert "Hemelvaartsdag" in result[date(2016, 5, 5)]

    def test_general_holidays_result_is_a_copy(self):
        result = holidays.general_holidays(2030)
        result.clear()
        assert len(holidays.general_holidays(2030)) == 9

    @parametrize(
        ("day", "expected"),
        [
            (date(2024, 1, 8), True),  # Monday
            (date(2024, 1, 13), False),  # Saturday
            (date(2024, 1, 14), False),  # Sunday
            (date(2024, 1, 1), False),  # Nieuwjaarsdag (Monday)
            (date(2024, 3, 29), False),  # Goede Vrijdag
            (date(2024, 4, 1), False),  # Tweede Paasdag
            (date(2023, 4, 27), False),  # Koningsdag (Thursday)
            (date(2025, 5, 5), False),  # Bevrijdingsdag (Monday) - every year
            (date(2024, 5, 9), False),  # Hemelvaartsdag
            (date(2024, 5, 10), True),  # Friday after Hemelvaartsdag is a werkdag
            (date(2024, 5, 20), False),  # Tweede Pinksterdag
            (date(2024, 12, 25), False),  # Eerste Kerstdag
            (date(2024, 12, 26), False),  # Tweede Kerstdag
            (date(2024, 12, 27), True),
            (date(2024, 12, 31), True),  # Oudejaarsdag is no general holiday
        ],
    )
    def test_is_werkdag(self, day, expected):
        assert holidays.is_werkdag(day) is expected

    @parametrize(
        ("day", "expected"),
        [
            (date(2024, 1, 8), date(2024, 1, 9)),  # Monday -> Tuesday
            (date(2024, 1, 12), date(2024, 1, 15)),  # Friday -> Monday
            (date(2024, 1, 13), date(2024, 1, 15)),  # Saturday -> Monday
            (date(2024, 12, 24), date(2024, 12, 27)),  # over Christmas (Wed, Thu)
            (date(2025, 4, 17), date(2025, 4, 22)),  # Goede Vrijdag, weekend, Tweede Paasdag
            (date(2026, 4, 26), date(2026, 4, 28)),  # Sunday, then Koningsdag Monday 27 April
            (date(2025, 12, 31), date(2026, 1, 2)),  # over Nieuwjaarsdag (Thursday)
        ],
    )
    def test_next_werkdag_after(self, day, expected):
        assert holidays.next_werkdag_after(day) == expected

    def test_werkdag_on_or_after(self):
        assert holidays.werkdag_on_or_after(date(2024, 1, 8)) == date(2024, 1, 8)
        assert holidays.werkdag_on_or_after(date(2024, 12, 25)) == date(2024, 12, 27)
        assert holidays.werkdag_on_or_after(date(2024, 4, 27)) == date(2024, 4, 29)

    def test_next_werkdag_at_most_six_days_away(self):
        # Usual worst case: Thursday before Goede Vrijdag -> Tuesday after Tweede Paasdag (+5).
        # When Easter falls on 25 April, Koningsdag (Tuesday 27 April) follows Tweede Paasdag:
        # Thursday 22 April 2038 -> Wednesday 28 April 2038 (+6), the maximum.
        assert holidays.next_werkdag_after(date(2038, 4, 22)) == date(2038, 4, 28)
        day = date(2020, 1, 1)
        while day < date(2040, 1, 1):
            following = holidays.next_werkdag_after(day)
            assert 1 <= (following - day).days <= 6, day
            if day.year != 2038:
                assert (following - day).days <= 5, day
            day += timedelta(days=1)
