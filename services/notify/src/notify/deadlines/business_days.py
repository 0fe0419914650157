"""The business-day rule (開庁日) for reminders.

A reminder goes out at 09:00 JST ``offset`` days before its deadline. When that day the offices are
closed — Saturday, Sunday, a public holiday under the 国民の祝日に関する法律 including 振替休日 and
国民の休日 (the maintained ``holidays`` library, Japan), or the year-end and new-year closure
12/29–1/3 (行政機関の休日に関する法律) — it goes out on the open day before.

A reminder found overdue — its moment passed while notify was down, or before notify learnt of the
deadline — goes out on the next open day at 09:00 JST (at once when notify is found running later
on an open day), never on a closed day; one whose deadline itself has passed is not sent at all.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache

import holidays

from chiiki_common.clock import JST, to_jst

REMINDER_HOUR_JST = 9


YEAR_END_CLOSURE = "年末年始の休日"


@cache
def _japanese_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year)


@cache
def _japanese_holiday_names(year: int) -> holidays.HolidayBase:
    """The same holidays named in Japanese (元日, 振替休日, 国民の休日 …)."""
    return holidays.country_holidays("JP", years=year, language="ja")


def is_year_end_closure(day: date) -> bool:
    """年末年始 (12/29–1/3)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: date) -> bool:
    """An open day of a Japanese government office."""
    return not (
        day.weekday() >= 5 or day in _japanese_holidays(day.year) or is_year_end_closure(day)
    )


def previous_business_day(day: date) -> date:
    """``day`` itself when open, else the open day before it."""
    while not is_business_day(day):
        day -= timedelta(days=1)
    return day


def next_business_day(day: date) -> date:
    """``day`` itself when open, else the first open day after it."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def catch_up_moment(now: datetime) -> datetime:
    """When a reminder found overdue at ``now`` goes out: 09:00 JST on the first open day from
    today on (a moment already past when today is open and 09:00 has gone)."""
    return reminder_moment(next_business_day(to_jst(now).date()))


def _day_of(due: datetime | date) -> date:
    return to_jst(due).date() if isinstance(due, datetime) else due


def reminder_day(due: datetime | date, offset_days: int) -> date:
    """The JST day the reminder ``offset_days`` before ``due`` goes out on: a moment, or the last
    day of a day deadline (「7月15日までに」: offset 0 is 7/15 itself)."""
    return previous_business_day(_day_of(due) - timedelta(days=offset_days))


def reminder_moment(day: date) -> datetime:
    """09:00 JST on ``day``, as an aware datetime."""
    return datetime(day.year, day.month, day.day, REMINDER_HOUR_JST, tzinfo=JST)


def days_left(due: datetime | date, today: date) -> int:
    """Calendar days from ``today`` (JST) to the deadline's JST date (0 on the day itself)."""
    return (_day_of(due) - today).days


def closed_days(start: date, end: date) -> list[tuple[date, str]]:
    """The public holidays (元日, 振替休日 …) and the 年末年始 closure days from ``start`` to ``end``
    inclusive, with their names (weekends are left to the calendar itself)."""
    found: list[tuple[date, str]] = []
    day = start
    while day <= end:
        name = _japanese_holiday_names(day.year).get(day)
        if name or is_year_end_closure(day):
            found.append((day, name or YEAR_END_CLOSURE))
        day += timedelta(days=1)
    return found
