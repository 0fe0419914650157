"""Which round a plan belongs to, derived from the data (seed 000 ⑥), never stamped.

- 「2026年6月5日(金)までに」 means until the end of that day in JST: a cutoff is the **exclusive**
  start (00:00 JST) of the next day, never 23:59.
- A plan belongs to the first batch round whose cutoff is after the moment its lead first asked for
  the pre-check (a municipal plan: the day the municipality asked its prefecture), i.e. to the round
  whose window ``[previous batch cutoff, own cutoff)`` holds that moment. A round added later
  (第2弾) therefore takes the plans asked after the previous cutoff, whenever it is added.
- It is a leading-example candidate (先行事例, ※3) when asked before a ``leading_example`` cutoff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from chiiki_common import clock
from plans_api.models import Round
from plans_api.plans.schemas import ReviewClock

BATCH = "batch"
LEADING_EXAMPLE = "leading_example"


def cutoff_for(last_day: date) -> datetime:
    """The exclusive cutoff of 「``last_day`` までに」: 00:00 JST of the following day, in UTC."""
    following = last_day + timedelta(days=1)
    return clock.jst_wall_clock(following.year, following.month, following.day)


def last_day_of(cutoff: datetime) -> date:
    """The last day (JST) a request still counts: the day before the exclusive cutoff."""
    return (clock.to_jst(cutoff) - timedelta(microseconds=1)).date()


def start_of_day(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=clock.JST)


def batches(rounds: Sequence[Round]) -> list[Round]:
    return sorted((r for r in rounds if r.kind == BATCH), key=lambda r: r.cutoff_at)


@dataclass(frozen=True)
class Window:
    """``[start, end)`` of first requests that belong to a round (``start`` None: from the start)."""

    start: datetime | None
    end: datetime


def window(round_: Round, rounds: Sequence[Round]) -> Window:
    if round_.kind != BATCH:
        return Window(None, round_.cutoff_at)
    earlier = [r.cutoff_at for r in batches(rounds) if r.cutoff_at < round_.cutoff_at]
    return Window(max(earlier) if earlier else None, round_.cutoff_at)


def round_of(moment: datetime | None, rounds: Sequence[Round]) -> Round | None:
    """The batch round a first request at ``moment`` belongs to (None: not asked yet, or after
    every cutoff announced so far)."""
    if moment is None:
        return None
    return next((r for r in batches(rounds) if moment < r.cutoff_at), None)


def is_leading_example(moment: datetime | None, rounds: Sequence[Round]) -> bool:
    return moment is not None and any(
        r.kind == LEADING_EXAMPLE and moment < r.cutoff_at for r in rounds
    )


IN_REVIEW = frozenset({"precheck_requested", "in_review"})


def review_clock(
    state: str, requested_at: datetime | None, round_: Round | None, now: datetime
) -> ReviewClock | None:
    """The review clock of a plan waiting for or in its pre-check (None otherwise): days since
    the current request reached the national side, the round's target date, overdue after it."""
    if state not in IN_REVIEW or requested_at is None:
        return None
    target = round_.review_target_date if round_ else None
    return ReviewClock(
        requested_at=requested_at,
        days_in_review=max(0, (now - requested_at).days),
        target_date=target,
        overdue=target is not None and clock.to_jst(now).date() > target,
    )
