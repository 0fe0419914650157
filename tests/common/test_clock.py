"""The platform clock: UTC inside, JST outside, 和暦 where the forms use it, movable for tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

from chiiki_common import clock


def test_deadlines_are_jst_wall_clock_times_stored_in_utc() -> None:
    cutoff = clock.jst_wall_clock(2026, 7, 15, 23, 59)
    assert cutoff == datetime(2026, 7, 15, 14, 59, tzinfo=UTC)
    assert clock.to_jst(cutoff).strftime("%Y-%m-%d %H:%M") == "2026-07-15 23:59"


def test_wareki() -> None:
    assert clock.wareki(date(2026, 6, 5)) == "令和8年6月5日"
    assert clock.wareki(date(2019, 5, 1)) == "令和元年5月1日"
    assert clock.wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert clock.wareki_fiscal_year(2026) == "令和8年度"


def test_fiscal_year_starts_in_april() -> None:
    assert clock.fiscal_year_of(date(2027, 3, 31)) == 2026
    assert clock.fiscal_year_of(date(2027, 4, 1)) == 2027


def test_frozen_clock_and_advance() -> None:
    moment = clock.jst_wall_clock(2026, 5, 20, 9, 0)
    with clock.frozen_at(moment) as frozen:
        assert clock.now() == moment
        assert clock.today_jst() == date(2026, 5, 20)
        frozen.advance(timedelta(days=1))
        assert clock.today_jst() == date(2026, 5, 21)
    assert clock.get_clock() is not frozen


def test_the_whole_process_can_start_at_a_set_time() -> None:
    environment = {**os.environ, "CHIIKI_NOW": "2026-05-20T09:00"}
    output = subprocess.run(
        [
            sys.executable,
            "-c",
            "from chiiki_common import clock; print(clock.now_jst().isoformat())",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.startswith("2026-05-20T09:00")


def test_processes_given_the_same_anchor_read_the_same_time_however_late_they_start() -> None:
    start = datetime(2026, 5, 20, 9, 0, tzinfo=clock.JST)
    anchored_ten_seconds_ago = time.time() - 10
    late = clock.Clock(start, anchored_at=anchored_ten_seconds_ago)
    fresh = clock.Clock(start)
    assert late.now() - fresh.now() >= timedelta(seconds=9.5)


def test_a_launcher_gives_every_process_one_anchor_only_when_as_of_mode_is_on() -> None:
    assert "CHIIKI_NOW_ANCHOR" not in clock.shared_anchor_environment({})
    given = clock.shared_anchor_environment({"CHIIKI_NOW": "2026-05-20T09:00+09:00"})
    assert abs(float(given["CHIIKI_NOW_ANCHOR"]) - time.time()) < 5
    kept = clock.shared_anchor_environment({"CHIIKI_NOW": "x", "CHIIKI_NOW_ANCHOR": "12.5"})
    assert kept["CHIIKI_NOW_ANCHOR"] == "12.5"
