# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pure slot engine: recurrence, wall-clock times across DST, breaks and buffers."""

from datetime import date, datetime

from odoo.addons.erm_verzuim.tests.engine_case import EngineCase, parametrize

from ..engine import slots as engine

TZ = "Europe/Amsterdam"


class TestRecurrence(EngineCase):
    def test_weekly_count(self):
        dates = engine.occurrence_dates(date(2027, 3, 16), "weekly", count=4)
        self.assertEqual(
            dates, [date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30), date(2027, 4, 6)]
        )

    def test_weekly_until_inclusive(self):
        dates = engine.occurrence_dates(date(2027, 3, 16), "weekly", until=date(2027, 3, 30))
        self.assertEqual(dates, [date(2027, 3, 16), date(2027, 3, 23), date(2027, 3, 30)])

    def test_count_and_until_whichever_first(self):
        dates = engine.occurrence_dates(
            date(2027, 3, 16), "weekly", count=10, until=date(2027, 3, 24)
        )
        self.assertEqual(len(dates), 2)
        self.assertEqual(
            len(engine.occurrence_dates(date(2027, 3, 16), "weekly", count=2,
                                        until=date(2027, 12, 31))),
            2,
        )

    def test_biweekly(self):
        dates = engine.occurrence_dates(date(2027, 10, 19), "biweekly", count=3)
        self.assertEqual(dates, [date(2027, 10, 19), date(2027, 11, 2), date(2027, 11, 16)])

    def test_monthly_same_weekday(self):
        # 2nd Wednesday of the month
        dates = engine.occurrence_dates(date(2027, 1, 13), "monthly", count=4)
        self.assertEqual(
            dates, [date(2027, 1, 13), date(2027, 2, 10), date(2027, 3, 10), date(2027, 4, 14)]
        )
        self.assertTrue(all(d.weekday() == 2 for d in dates))

    def test_monthly_fifth_weekday_becomes_last(self):
        # 2027-03-30 is the 5th Tuesday of March; April has no 5th Tuesday: its last one
        dates = engine.occurrence_dates(date(2027, 3, 30), "monthly", count=3)
        self.assertEqual(dates, [date(2027, 3, 30), date(2027, 4, 27), date(2027, 5, 25)])

    def test_monthly_over_year_end(self):
        dates = engine.occurrence_dates(date(2027, 12, 7), "monthly", until=date(2028, 2, 29))
        self.assertEqual(dates, [date(2027, 12, 7), date(2028, 1, 4), date(2028, 2, 1)])

    def test_end_required(self):
        with self.assertRaises(ValueError):
            engine.occurrence_dates(date(2027, 3, 16), "weekly")
        with self.assertRaises(ValueError):
            engine.occurrence_dates(date(2027, 3, 16), "daily", count=2)

    def test_safety_cap(self):
        dates = engine.occurrence_dates(date(2027, 1, 5), "weekly", until=date(2040, 1, 1))
        self.assertEqual(len(dates), engine.MAX_OCCURRENCES)


class TestWallClockAcrossDst(EngineCase):
    @parametrize("first, dst_side", [
        # Tuesday 23 March 2027 (winter time, UTC+1) -> 30 March (summer time, UTC+2):
        # DST starts on Sunday 28 March 2027
        (datetime(2027, 3, 23, 9, 0), [1, 2]),
        # Tuesday 26 October 2027 (summer time) -> 2 November (winter time):
        # DST ends on Sunday 31 October 2027
        (datetime(2027, 10, 26, 9, 0), [2, 1]),
    ])
    def test_weekly_keeps_nine_oclock(self, first, dst_side):
        pairs = engine.occurrences(first, first.replace(hour=12), "weekly", count=2)
        utc = [(engine.to_utc(a, TZ), engine.to_utc(b, TZ)) for a, b in pairs]
        for (start, stop), offset in zip(utc, dst_side, strict=True):
            self.assertEqual(start.hour, 9 - offset)
            self.assertEqual(stop.hour, 12 - offset)
            self.assertEqual(engine.to_local(start, TZ).hour, 9)
            self.assertEqual(engine.to_local(stop, TZ).hour, 12)

    def test_slots_of_the_week_after_dst_start(self):
        local_start = datetime(2027, 3, 30, 9, 0)
        slots = engine.day_slots(local_start, datetime(2027, 3, 30, 12, 0), TZ, 30)
        self.assertEqual(len(slots), 6)
        self.assertEqual(slots[0], (datetime(2027, 3, 30, 7, 0), datetime(2027, 3, 30, 7, 30)))
        self.assertEqual(slots[-1][1], datetime(2027, 3, 30, 10, 0))

    def test_slots_on_the_night_of_dst_end(self):
        # a session over the repeated hour 2:00-3:00 on 31 October 2027: every slot is 30
        # wall-clock minutes, the list stays ordered and nothing is lost
        slots = engine.day_slots(
            datetime(2027, 10, 31, 1, 0), datetime(2027, 10, 31, 4, 0), TZ, 30
        )
        self.assertEqual(len(slots), 6)
        starts = [s for s, _e in slots]
        self.assertEqual(starts, sorted(starts))

    def test_occurrence_duration_kept(self):
        pairs = engine.occurrences(
            datetime(2027, 10, 26, 13, 30), datetime(2027, 10, 26, 16, 45), "biweekly", count=3
        )
        self.assertEqual({b - a for a, b in pairs}, {pairs[0][1] - pairs[0][0]})
        self.assertEqual({(a.hour, a.minute) for a, _b in pairs}, {(13, 30)})


class TestDaySlots(EngineCase):
    def test_break_skipped(self):
        day = date(2027, 3, 23)
        slots = engine.day_slots(
            datetime(2027, 3, 23, 9, 0), datetime(2027, 3, 23, 12, 0), TZ, 30,
            breaks=[(engine.combine(day, 10.5), engine.combine(day, 11.0))],
        )
        local = [engine.to_local(s, TZ).strftime("%H:%M") for s, _e in slots]
        self.assertEqual(local, ["09:00", "09:30", "10:00", "11:00", "11:30"])

    def test_break_not_aligned(self):
        # a break from 10:15 to 10:45 removes the slots touching it; the next starts at 10:45
        day = date(2027, 3, 23)
        slots = engine.day_slots(
            datetime(2027, 3, 23, 9, 0), datetime(2027, 3, 23, 12, 0), TZ, 30,
            breaks=[(engine.combine(day, 10.25), engine.combine(day, 10.75))],
        )
        local = [engine.to_local(s, TZ).strftime("%H:%M") for s, _e in slots]
        self.assertEqual(local, ["09:00", "09:30", "10:45", "11:15"])

    def test_buffer(self):
        slots = engine.day_slots(
            datetime(2027, 3, 23, 9, 0), datetime(2027, 3, 23, 11, 0), TZ, 25,
            buffer_minutes=5,
        )
        local = [engine.to_local(s, TZ).strftime("%H:%M") for s, _e in slots]
        self.assertEqual(local, ["09:00", "09:30", "10:00", "10:30"])
        self.assertTrue(all((e - s).seconds == 25 * 60 for s, e in slots))

    def test_last_slot_must_fit(self):
        slots = engine.day_slots(
            datetime(2027, 3, 23, 9, 0), datetime(2027, 3, 23, 10, 10), TZ, 30
        )
        self.assertEqual(len(slots), 2)

    def test_invalid_length(self):
        with self.assertRaises(ValueError):
            engine.day_slots(datetime(2027, 3, 23, 9), datetime(2027, 3, 23, 10), TZ, 0)
