"""The business-day rule over the real 2026 calendar (holidays library, Japan)."""

from __future__ import annotations

from datetime import date

import pytest

from chiiki_common.clock import jst_wall_clock
from notify.deadlines.business_days import is_business_day, reminder_day

LEADING_EXAMPLES = jst_wall_clock(2026, 6, 5, 23, 59)
FIRST_BATCH = jst_wall_clock(2026, 7, 15, 23, 59)


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (date(2026, 4, 28), True),
        (date(2026, 4, 29), False),  # 昭和の日
        (date(2026, 5, 1), True),
        (date(2026, 5, 3), False),  # 憲法記念日 (Sunday)
        (date(2026, 5, 6), False),  # 振替休日
        (date(2026, 5, 7), True),
        (date(2026, 7, 20), False),  # 海の日
        (date(2026, 9, 22), False),  # 国民の休日
        (date(2026, 12, 28), True),
        (date(2026, 12, 29), False),  # 年末年始
        (date(2027, 1, 3), False),
        (date(2027, 1, 4), True),
    ],
)
def test_office_open_days_of_2026(day: date, open_: bool) -> None:
    assert is_business_day(day) is open_


def test_fourteen_day_reminder_for_june_5_goes_out_on_friday_may_22() -> None:
    assert reminder_day(LEADING_EXAMPLES, 14) == date(2026, 5, 22)


def test_thirty_day_reminder_for_june_5_skips_golden_week_to_may_1() -> None:
    # 5/6 is the 振替休日, 5/3–5/5 holidays, 5/2 a Saturday: the open day before is Friday 5/1.
    assert reminder_day(LEADING_EXAMPLES, 30) == date(2026, 5, 1)


def test_seven_day_reminder_for_july_15_is_wednesday_july_8() -> None:
    assert reminder_day(FIRST_BATCH, 7) == date(2026, 7, 8)


def test_reminder_on_marine_day_moves_to_friday_before() -> None:
    # 7/20 (海の日, Monday) → 7/17 (Friday); the deadline on 7/21 asks for 1 day before.
    assert reminder_day(jst_wall_clock(2026, 7, 21, 17, 0), 1) == date(2026, 7, 17)


def test_silver_week_holidays_push_a_reminder_to_friday_september_18() -> None:
    deadline = jst_wall_clock(2026, 9, 24, 17, 0)
    assert [reminder_day(deadline, offset) for offset in (1, 2, 3)] == [date(2026, 9, 18)] * 3


def test_year_end_closure_moves_a_reminder_to_december_28() -> None:
    deadline = jst_wall_clock(2027, 1, 8, 17, 0)
    assert reminder_day(deadline, 7) == date(2026, 12, 28)


def test_deadline_time_is_read_in_jst_not_utc() -> None:
    # 2026-06-09 (Tue) 08:00 JST is 2026-06-08 23:00 UTC: the day itself is the JST Tuesday.
    assert reminder_day(jst_wall_clock(2026, 6, 9, 8, 0), 0) == date(2026, 6, 9)
