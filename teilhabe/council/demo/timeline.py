"""When things happen in the demo.

The first term lies wholly in the past and keeps fixed dates. The current term is laid out
backwards from today, so that a demo loaded on any day has a recent history and upcoming
sessions: the twelfth Beirat session lies six weeks back, the sessions before it are spread
evenly over the term so far, the next two lie ahead.

All keys name a meeting (`"beirat-2-11"`: Beirat, second term, 11th session) or another
dated event; `Timeline.at(key)` gives the start as an aware datetime in the local time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

TERM_1_START = dt.date(2019, 10, 27)  # Beirat elections in Rhineland-Palatinate
TERM_1_END = dt.date(2024, 11, 9)
TERM_2_START = dt.date(2024, 11, 10)
COUNCIL_MEMBERS_SINCE = dt.date(2019, 7, 1)  # the demo's Stadtrat members and Fachstelle staff

MONDAY, TUESDAY, WEDNESDAY, THURSDAY = 0, 1, 2, 3

# Session times (local): the Beirat meets in the evening, the AG after work.
BEIRAT_TIME = (dt.time(18, 0), dt.time(20, 30))
STADTRAT_TIME = (dt.time(17, 0), dt.time(20, 45))
AG_TIME = (dt.time(17, 30), dt.time(19, 0))
KREIS_TIME = (dt.time(16, 30), dt.time(18, 30))

# First term of the Beirat: held on fixed days (the third session fell to the pandemic).
FIXED_DAYS = {
    "beirat-1-1": dt.date(2019, 11, 28),
    "beirat-1-2": dt.date(2020, 2, 13),
    "beirat-1-3": dt.date(2020, 3, 26),
    "beirat-1-4": dt.date(2020, 9, 17),
    "beirat-1-5": dt.date(2021, 6, 24),
    "beirat-1-6": dt.date(2022, 11, 10),
    "beirat-1-7": dt.date(2023, 11, 16),
    "beirat-1-8": dt.date(2024, 9, 19),
    "stadtrat-1-4": dt.date(2020, 3, 5),
    # Constituent session of the second term, four weeks after the election.
    "beirat-2-1": dt.date(2024, 12, 5),
}
EARLIEST_REGULAR_SESSION = dt.date(2025, 1, 23)
MIN_GAP = dt.timedelta(weeks=6)


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous algorithm, Meeus/Jones/Butcher)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century - (century + 8) // 25 + 1) // 3
    epact = (19 * golden + century - leap_centuries - correction + 15) % 30
    quarters, rest = divmod(year_of_century, 4)
    weekday = (32 + 2 * century_rest + 2 * quarters - epact - rest) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return dt.date(year, month, day + 1)


def is_day_off(day: dt.date) -> bool:
    """Weekends, public holidays in Rhineland-Palatinate and the days around Christmas."""
    if day.weekday() >= 5:
        return True
    if (day.month == 12 and day.day >= 24) or (day.month, day.day) in {
        (1, 1),
        (5, 1),
        (10, 3),
        (11, 1),
    }:
        return True
    easter = easter_sunday(day.year)
    # Good Friday, Easter Monday, Ascension, Whit Monday, Corpus Christi
    return (day - easter).days in {-2, 1, 39, 50, 60}


def on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The last such weekday on or before `day` that is not a day off."""
    day -= dt.timedelta(days=(day.weekday() - weekday) % 7)
    while is_day_off(day):
        day -= dt.timedelta(weeks=1)
    return day


def on_or_after(day: dt.date, weekday: int) -> dt.date:
    """The first such weekday on or after `day` that is not a day off."""
    day += dt.timedelta(days=(weekday - day.weekday()) % 7)
    while is_day_off(day):
        day += dt.timedelta(weeks=1)
    return day


def working_day(day: dt.date, step: int) -> dt.date:
    """`day`, or the nearest working day from it in the direction of `step` (±1)."""
    while is_day_off(day):
        day += dt.timedelta(days=step)
    return day


@dataclass(frozen=True)
class Timeline:
    now: dt.datetime
    days: dict[str, dt.date]

    @classmethod
    def build(cls, now: dt.datetime) -> Timeline:
        today = timezone.localdate(now)
        days = dict(FIXED_DAYS)

        # Beirat, second term: sessions 2..12 evenly up to six weeks ago.
        last = on_or_before(today - dt.timedelta(weeks=6), THURSDAY)
        gap = max(MIN_GAP, (last - EARLIEST_REGULAR_SESSION) / 10)
        for number in range(2, 13):
            days[f"beirat-2-{number}"] = on_or_before(last - (12 - number) * gap, THURSDAY)
        # The sixth session lacked a quorum; the repeat session followed two weeks later.
        days["beirat-2-6w"] = on_or_after(days["beirat-2-6"] + dt.timedelta(weeks=2), THURSDAY)
        days["beirat-2-13"] = on_or_after(today + dt.timedelta(days=10), THURSDAY)
        days["beirat-2-14"] = on_or_after(days["beirat-2-13"] + dt.timedelta(weeks=8), THURSDAY)

        # The AG: founded in the 10th session, meets twice before the 11th (the second
        # time by video), drafts the motions before the 12th, and meets again soon.
        s10, s11 = days["beirat-2-10"], days["beirat-2-11"]
        days["ag-2-1"] = on_or_before(s10 + 0.35 * gap, TUESDAY)
        days["ag-2-2"] = on_or_before(s10 + 0.7 * gap, WEDNESDAY)
        days["ag-2-3"] = on_or_before(s11 + 0.5 * gap, WEDNESDAY)
        days["ag-2-4"] = on_or_after(today + dt.timedelta(weeks=3), WEDNESDAY)
        days["ag-joined"] = days["ag-2-1"] + dt.timedelta(days=1)

        # The Stadtrat decides on the Beirat's motion three weeks after the 12th session.
        days["stadtrat-2-18"] = on_or_before(days["beirat-2-12"] + dt.timedelta(weeks=3), TUESDAY)
        days["stadtrat-2-19"] = on_or_after(today + dt.timedelta(weeks=4), TUESDAY)

        # The district's Kreisbeirat: one session behind, one ahead.
        days["kreis-4"] = on_or_before(today - dt.timedelta(weeks=5), MONDAY)
        days["kreis-5"] = on_or_after(today + dt.timedelta(weeks=5), MONDAY)
        return cls(now=now, days=days)

    def day(self, key: str, offset_days: int = 0) -> dt.date:
        return self.days[key] + dt.timedelta(days=offset_days)

    def working_day(self, key: str, offset_days: int = 0) -> dt.date:
        """`day`, moved off weekends and holidays: papers are dated on working days.

        A date before the event moves earlier, one after it later, so it stays on its side.
        """
        return working_day(self.day(key, offset_days), -1 if offset_days < 0 else 1)

    def at(self, key: str, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.days[key], time))

    def german(self, key: str, offset_days: int = 0) -> str:
        """A date for the demo's German texts (data, not interface: no localisation)."""
        return self.day(key, offset_days).strftime("%d.%m.%Y")
