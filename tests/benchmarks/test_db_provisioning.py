"""The provisioning benchmark reports every service's figures and projects them over the suite."""

from __future__ import annotations

import contextlib
import io

from benchmarks.db_provisioning import _FRESH, SERVICES, Figures, main, project, table


def test_a_tiny_run_reports_each_service_on_sqlite() -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--repeat", "1", "--backends", "sqlite", "--no-count"]) == 0
    rows = [line.split() for line in printed.getvalue().splitlines()]
    reported = {row[0] for row in rows if len(row) > 2 and row[1] == "SQLite" and "copy" in row}
    assert reported == set(SERVICES)


def test_the_projection_counts_each_service_s_databases_and_the_per_worker_templates() -> None:
    figures = [
        Figures("plans-api", "postgresql", migrate=[100.0], current=[10.0], clone=[40.0]),
        Figures("notify", "postgresql", migrate=[50.0], current=[5.0], clone=[20.0]),
        Figures("notify", "sqlite", migrate=[50.0], current=[1.0]),
    ]
    uses = {"plans_api/postgresql": 10, "notify/postgresql": 4, "notify/sqlite": 3}
    pg = project(figures, uses, "postgresql", workers=2)
    assert pg.databases == 14
    assert pg.before_s == (10 * 100 + 4 * 50) / 1000
    assert pg.now_s == (10 * 10 + 2 * 140 + 4 * 5 + 2 * 70) / 1000
    assert pg.clone_per_test_s == (10 * 40 + 2 * 100 + 4 * 20 + 2 * 50) / 1000
    sqlite = project(figures, uses, "sqlite", workers=2)
    assert (sqlite.databases, sqlite.clone_per_test_s) == (3, None)
    assert "clone" not in table(figures)[-1]
    assert table(figures)[1].split()[:2] == ["plans-api", "PostgreSQL"]


def test_the_fixtures_calls_are_read_with_their_backend_and_service() -> None:
    source = (
        'url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)\n'
        'database_factory.fresh(\n    "sqlite", "scoring_api", scoring_api.MIGRATIONS\n)'
    )
    assert _FRESH.findall(source) == [("backend", "plans_api"), ('"sqlite"', "scoring_api")]
