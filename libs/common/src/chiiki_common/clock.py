"""The platform clock: UTC inside, JST (Asia/Tokyo) for people.

Every service reads the time through :func:`now`. Setting ``CHIIKI_NOW`` (an ISO 8601 time, e.g.
``2026-05-20T09:00+09:00``) starts the whole system at that moment and lets time run on from there,
so a training session can be held "as of" a date. Tests move the clock with :func:`set_clock`.

``CHIIKI_NOW_ANCHOR`` (a Unix time in seconds) is the real moment at which ``CHIIKI_NOW`` held. The
launcher sets it once for every process it starts, so all of them read the same time however late
each one starts (a token minted by the gateway is never "issued in the future" for a service). A
process started without it anchors the clock at its own start.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

JST = ZoneInfo("Asia/Tokyo")

_ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


class Clock:
    """A clock anchored at ``start`` (or real time) that runs on at real speed unless frozen.

    ``anchored_at`` is the real Unix time at which ``start`` held (default: now)."""

    def __init__(
        self,
        start: datetime | None = None,
        *,
        frozen: bool = False,
        anchored_at: float | None = None,
    ) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        self._start = start.astimezone(UTC) if start else None
        elapsed = 0.0 if anchored_at is None else max(0.0, time.time() - anchored_at)
        self._anchor = time.monotonic() - elapsed
        self._frozen = frozen

    def now(self) -> datetime:
        if self._start is None:
            return datetime.now(UTC)
        if self._frozen:
            return self._start
        return self._start + timedelta(seconds=time.monotonic() - self._anchor)

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (tests); a real-time clock becomes anchored where it stood."""
        self._start = self.now() + delta
        self._anchor = time.monotonic()


def _from_environment() -> Clock:
    configured = os.environ.get("CHIIKI_NOW", "").strip()
    if not configured:
        return Clock()
    start = datetime.fromisoformat(configured)
    if start.tzinfo is None:
        start = start.replace(tzinfo=JST)  # a wall-clock time given without offset is JST
    anchor = os.environ.get("CHIIKI_NOW_ANCHOR", "").strip()
    return Clock(
        start,
        frozen=os.environ.get("CHIIKI_NOW_FROZEN", "") == "1",
        anchored_at=float(anchor) if anchor else None,
    )


def shared_anchor_environment(environ: dict[str, str]) -> dict[str, str]:
    """What a launcher adds to the environment of the processes it starts so they share one clock:
    ``CHIIKI_NOW_ANCHOR`` set to now when ``CHIIKI_NOW`` is given and no anchor is yet."""
    if environ.get("CHIIKI_NOW", "").strip() and not environ.get("CHIIKI_NOW_ANCHOR"):
        return {**environ, "CHIIKI_NOW_ANCHOR": repr(time.time())}
    return dict(environ)


_clock: Clock = _from_environment()


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return _clock.now()


def now_jst() -> datetime:
    return _clock.now().astimezone(JST)


def today_jst() -> date:
    return now_jst().date()


def get_clock() -> Clock:
    return _clock


def set_clock(clock: Clock) -> Clock:
    """Replace the process clock; returns the previous one."""
    global _clock
    previous, _clock = _clock, clock
    return previous


@contextmanager
def frozen_at(moment: datetime) -> Iterator[Clock]:
    """Freeze the clock at ``moment`` for the duration of the block."""
    clock = Clock(moment, frozen=True)
    previous = set_clock(clock)
    try:
        yield clock
    finally:
        set_clock(previous)


def to_jst(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # naive values from SQLite are UTC by convention
    return moment.astimezone(JST)


def jst_wall_clock(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A JST wall-clock time (how every deadline is stated) as an aware UTC datetime."""
    return datetime(year, month, day, hour, minute, tzinfo=JST).astimezone(UTC)


def wareki(day: date) -> str:
    """和暦: ``date(2026, 6, 5)`` → ``令和8年6月5日`` (元年 for the first year of an era)."""
    for start, era in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            label = "元" if year == 1 else str(year)
            return f"{era}{label}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


def wareki_fiscal_year(fiscal_year: int) -> str:
    """和暦 of a fiscal year (年度), which starts on 1 April: 2026 → ``令和8年度``."""
    label = wareki(date(fiscal_year, 4, 1))
    return label.split("年", 1)[0] + "年度"


def fiscal_year_label(fiscal_year: int, *, with_wareki: bool = True) -> str:
    """A fiscal year as the forms, the PDF and the version history write it: 2026 →
    「2026年度(令和8年度)」, or 「2026年度」 without the 和暦 (the messages)."""
    label = f"{fiscal_year}年度"
    return f"{label}({wareki_fiscal_year(fiscal_year)})" if with_wareki else label


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year (April–March) a date falls in."""
    return day.year if day.month >= 4 else day.year - 1


NowFactory = Callable[[], datetime]
