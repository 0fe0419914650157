"""make bench says of every target whether this run met it, with the figure it measured."""

from __future__ import annotations

import contextlib
import io

from benchmarks import load
from benchmarks.run import lookup_target, plans_targets
from benchmarks.targets import Target, at_most, collect, emit, summary


def test_a_target_printed_by_a_benchmark_process_is_read_back_and_hidden() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        print("scoring bench (sqlite): 100000 companies")
        emit(at_most("scoring, SQLite", 13.2, 20, "s"))
    shown, found = collect(printed.getvalue())
    assert shown == ["scoring bench (sqlite): 100000 companies"]
    assert found == [Target("scoring, SQLite", "≤ 20.0 s", "13.2 s", met=True)]


def test_at_most_is_met_up_to_the_limit_and_not_beyond() -> None:
    assert at_most("x", 10.0, 10, "s").met
    assert not at_most("x", 10.01, 10, "s").met


def test_the_summary_names_each_target_not_met_and_counts_them() -> None:
    lines = summary([at_most("scoring, PostgreSQL", 13.7, 10, "s"), at_most("mails", 12, 30, "s")])
    assert lines[0].split()[:2] == ["NOT", "met"]
    assert "13.7 s" in lines[0]
    assert lines[1].split()[0] == "met"
    assert "(target ≤ 30.0 s)" in lines[1]
    assert lines[-1] == "  1 of 2 targets met"


def result(name: str, rps: float, p99: float, non_2xx: int = 0) -> load.Result:
    return load.Result(name, rps, p50_ms=p99 / 2, p99_ms=p99, non_2xx=non_2xx)


def test_the_lookup_needs_both_its_share_of_bare_and_its_p99() -> None:
    bare = result("bare", 20_000, 5)
    assert lookup_target(result("lookup, through the gateway", 1_000, 40), bare).met
    assert not lookup_target(result("lookup, through the gateway", 999, 40), bare).met
    slow = lookup_target(result("lookup, through the gateway", 1_500, 51), bare)
    assert not slow.met
    assert slow.figure == "7.5% of bare, p99 51 ms"


def test_the_batch_needs_every_answer_2xx_and_the_list_its_p99() -> None:
    batch, listed = plans_targets(
        [
            result("registry batch lookup, 1,000 numbers / 10,000 plans, gateway", 50, 150, 2),
            result("national plan list (50 of 10,000), gateway, session cookie", 90, 100),
        ]
    )
    assert not batch.met
    assert batch.figure == "p99 150 ms, 2 non-2xx"
    assert listed.met
