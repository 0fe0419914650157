"""What a test pays for its database, before and now, on SQLite and PostgreSQL (issue 17).

``python -m benchmarks.db_provisioning [--repeat 5] [--wall]`` (``make bench`` runs it as the
``db-provisioning`` part). For each service (plans-api, scoring-api, notify, gateway) and each
backend it measures, ``repeat`` times in the same run and through the test fixture's own code
(:class:`tests.fixtures.databases.DatabaseFactory`), the median of:

- migrate: an empty database created and the service's Alembic migrations run to head on it
  (``DatabaseFactory.empty`` + ``upgrade``): what a test would pay with no template;
- SQLite copy: a copy of the migrated template file (``DatabaseFactory.fresh``), what each SQLite
  test pays now;
- PostgreSQL clone: ``CREATE DATABASE … TEMPLATE`` of the migrated template (``fresh`` with no idle
  database), what the first test of a service on a worker pays now — and what every PostgreSQL
  test paid before the reset (the fixture's previous way);
- PostgreSQL reset: a used clone (a test's worth of rows written into ``audit_records``, whose
  sequence moves and whose append-only trigger stands) brought back to the template's state
  (``fresh`` after the database's test is over), what every further test pays now.

Then it counts, from the collected suite (``pytest --collect-only`` with this module as a plugin),
the databases each service's tests are given per backend, and projects the suite's provisioning
time before (count × migrate) and now (count × copy or reset, plus per worker one template
migration and, on PostgreSQL, one clone per service). ``--wall`` then runs the PostgreSQL half of
the suite once (``pytest -n 2 --dist loadfile -q -m postgres``, several minutes) and prints its wall
time beside a *projected* "before": the measured wall time plus the projected provisioning
difference shared by the workers.

Every database it creates is named ``chiiki_bench_dbprov_<run>_…`` (a test session's are
``chiiki_t_…``) and dropped at the end; the SQLite files live in a temporary directory.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gateway  # noqa: E402
import notify  # noqa: E402
import plans_api  # noqa: E402
import scoring_api  # noqa: E402
from benchmarks.targets import Target, emit  # noqa: E402
from chiiki_common.migrations import upgrade  # noqa: E402
from tests.fixtures.databases import DatabaseFactory, postgres_unavailable_reason  # noqa: E402

SERVICES: dict[str, tuple[str, str]] = {
    "plans-api": ("plans_api", plans_api.MIGRATIONS),
    "scoring-api": ("scoring_api", scoring_api.MIGRATIONS),
    "notify": ("notify", notify.MIGRATIONS),
    "gateway": ("gateway", gateway.MIGRATIONS),
}
"""Each service's label → the name the fixtures give ``DatabaseFactory.fresh`` and its migrations."""

BACKENDS = ("sqlite", "postgresql")
LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PREFIX = "chiiki_bench_dbprov"
"""Databases of this benchmark; a test session's are ``chiiki_t_…`` (tests/fixtures/databases.py)."""
USED_ROWS = 20
"""Rows a "used" database gets before its reset."""
WALL_COMMAND = ("-m", "pytest", "-n", "2", "--dist", "loadfile", "-q", "-m", "postgres")
"""The PostgreSQL half of the suite (the ``postgres`` marker the ``backend`` fixture puts on its
PostgreSQL runs), on two workers; ``-p no:cacheprovider`` comes from pyproject's addopts."""
WALL_WORKERS = 2
SHARE_TARGET = 2 / 3
"""Issue 17: the PostgreSQL half's wall time drops at least by a third."""
COUNTS_ENV = "CHIIKI_BENCH_DBPROV_COUNTS"
"""Where the collecting pytest (this module as a plugin) writes the counts."""


@dataclass
class Figures:
    """One service on one backend: milliseconds of each repetition, per operation."""

    service: str
    backend: str
    migrate: list[float] = field(default_factory=list)
    current: list[float] = field(default_factory=list)
    """SQLite: the template file copied; PostgreSQL: a used clone reset."""
    clone: list[float] = field(default_factory=list)
    """PostgreSQL only: ``CREATE DATABASE … TEMPLATE``."""

    @property
    def migrate_ms(self) -> float:
        return statistics.median(self.migrate)

    @property
    def current_ms(self) -> float:
        return statistics.median(self.current)

    @property
    def clone_ms(self) -> float | None:
        return statistics.median(self.clone) if self.clone else None

    @property
    def ratio(self) -> float:
        return self.migrate_ms / self.current_ms


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = action()
    return (time.perf_counter() - started) * 1000, value


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _use(url: str) -> None:
    """What a test leaves behind: rows in the append-only audit table (every service has it)."""
    connection = await asyncpg.connect(_dsn(url), timeout=5)
    try:
        await connection.execute(
            "INSERT INTO audit_records (occurred_at, actor, organisation, tier, action,"
            " resource_type, resource_id, outcome)"
            " SELECT now(), 'chiiki-bench', '430005', 'prefecture', 'bench.write', 'bench',"
            " g::text, 'success' FROM generate_series(1, $1) AS g",
            USED_ROWS,
        )
    finally:
        await connection.close()


async def _left_behind(url: str) -> int:
    connection = await asyncpg.connect(_dsn(url), timeout=5)
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM audit_records WHERE actor = 'chiiki-bench'"
            )
        )
    finally:
        await connection.close()


def measure_one(factory: DatabaseFactory, label: str, backend: str, repeat: int) -> Figures:
    """``repeat`` rounds of migrate, then copy (SQLite) or clone and reset (PostgreSQL)."""
    name, migrations = SERVICES[label]
    figures = Figures(label, backend)
    factory.fresh(backend, name, migrations)  # the template, migrated once as in a test session
    for _ in range(repeat):
        url = factory.empty(backend, name)
        elapsed, _ = _timed(lambda: upgrade(migrations, url))  # noqa: B023
        figures.migrate.append(elapsed)
        if backend == "sqlite":
            elapsed, _ = _timed(lambda: factory.fresh(backend, name, migrations))
            figures.current.append(elapsed)
            continue
        factory._idle.pop(name, None)  # no database to reuse: the next one is a clone
        factory.test_started()
        elapsed, clone = _timed(lambda: factory.fresh(backend, name, migrations))
        factory.test_finished()
        figures.clone.append(elapsed)
        asyncio.run(_use(clone))
        factory.test_started()
        elapsed, reset = _timed(lambda: factory.fresh(backend, name, migrations))
        factory.test_finished()
        if reset != clone or asyncio.run(_left_behind(reset)):
            raise RuntimeError(f"{clone} was not reset to its template's state")
        figures.current.append(elapsed)
    return figures


def measure(
    repeat: int, backends: Sequence[str], services: Sequence[str], workdir: Path
) -> list[Figures]:
    factory = DatabaseFactory(workdir)
    factory.prefix = f"{PREFIX}_{factory.run_id}"
    try:
        return [
            measure_one(factory, label, backend, repeat)
            for backend in backends
            for label in services
        ]
    finally:
        factory.drop_all()


# --- counting the suite's databases: this module as a pytest plugin (``-p``) -----------------

_FRESH = re.compile(r"\.fresh\(\s*([^,()]+?)\s*,\s*[\"'](\w+)[\"']")
"""``database_factory.fresh(<backend>, "<service>", …)`` in a fixture's or a test's source."""


def _source(function: Any) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):  # a builtin, a function made at run time
        return ""


def _fresh_calls(function: Any, cache: dict[Any, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    if function not in cache:
        cache[function] = _FRESH.findall(_source(function))
    return cache[function]


def _helpers(module: Any, cache: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """The module-level functions of a test module that ask for a fresh database themselves."""
    if module not in cache:
        sources: dict[Any, list[tuple[str, str]]] = {}
        cache[module] = {
            name: value
            for name, value in vars(module).items()
            if inspect.isfunction(value)
            and value.__module__ == module.__name__
            and not name.startswith("test")
            and _fresh_calls(value, sources)
        }
    return cache[module]


def count_items(items: Sequence[pytest.Item]) -> dict[str, Any]:
    """Tests per backend and databases per service and backend the collected ``items`` ask for."""
    tests: Counter[str] = Counter()
    uses: Counter[tuple[str, str]] = Counter()
    sources: dict[Any, list[tuple[str, str]]] = {}
    modules: dict[Any, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec is not None else None
        if backend is None and item.get_closest_marker("postgres") is not None:
            backend = "postgresql"
        if backend is not None:
            tests[str(backend)] += 1
        functions: list[Any] = [item.function]
        info = getattr(item, "_fixtureinfo", None)
        for definitions in getattr(info, "name2fixturedefs", {}).values():
            if definitions:
                functions.append(definitions[-1].func)
        test_source = _source(item.function)
        for helper_name, helper in _helpers(item.module, modules).items():
            if f"{helper_name}(" in test_source:
                functions.append(helper)
        asked: set[tuple[str, str]] = set()
        for function in functions:
            for argument, service in _fresh_calls(function, sources):
                quoted = argument.strip("\"'")
                chosen = quoted if quoted in BACKENDS else backend
                if chosen is not None:
                    asked.add((service, str(chosen)))
        uses.update(asked)
    return {
        "tests": dict(tests),
        "uses": {f"{service}/{backend}": n for (service, backend), n in sorted(uses.items())},
    }


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    target = os.environ.get(COUNTS_ENV)
    if target:
        Path(target).write_text(json.dumps(count_items(items)))


def count_suite() -> dict[str, Any]:
    """The counts of the collected suite (a ``pytest --collect-only`` of its own, ~20 s)."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "counts.json"
        subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", __spec__.name],
            cwd=ROOT,
            env={**os.environ, COUNTS_ENV: str(target)},
            check=True,
            capture_output=True,
        )
        counts: dict[str, Any] = json.loads(target.read_text())
    return counts


# --- projections and the report ----------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    backend: str
    databases: int
    before_s: float
    """Every database migrated by its test."""
    now_s: float
    """Copies or resets, plus per worker a template per service (and a first clone)."""
    clone_per_test_s: float | None
    """PostgreSQL: every database a clone of the template (the fixture's previous way)."""

    @property
    def saved_s(self) -> float:
        return self.before_s - self.now_s


def project(
    figures: Sequence[Figures], uses: dict[str, int], backend: str, workers: int
) -> Projection:
    before = now = clones = 0.0
    databases = 0
    for figure in figures:
        if figure.backend != backend:
            continue
        count = uses.get(f"{SERVICES[figure.service][0]}/{backend}", 0)
        databases += count
        before += count * figure.migrate_ms
        once = figure.migrate_ms + (figure.clone_ms or 0.0)
        now += count * figure.current_ms + workers * once
        clones += count * (figure.clone_ms or 0.0) + workers * figure.migrate_ms
    return Projection(
        backend,
        databases,
        before / 1000,
        now / 1000,
        clones / 1000 if backend == "postgresql" else None,
    )


def table(figures: Sequence[Figures]) -> list[str]:
    lines = [
        f"  {'service':<12} {'backend':<11} {'migrate (before)':>17} {'now':>16} {'ratio':>8}"
        f"   {'clone':>9} {'migrate/clone':>13}"
    ]
    for figure in figures:
        now = "copy" if figure.backend == "sqlite" else "reset"
        clone = figure.clone_ms
        lines.append(
            f"  {figure.service:<12} {LABELS[figure.backend]:<11} {figure.migrate_ms:>14.1f} ms"
            f" {now:>5} {figure.current_ms:>7.1f} ms {figure.ratio:>7.1f}×"
            + (
                f"   {clone:>6.1f} ms {figure.migrate_ms / clone:>12.1f}×"
                if clone is not None
                else ""
            )
        )
    return lines


def wall_time() -> tuple[float, str, int]:
    """The PostgreSQL half of the suite, run once: seconds, its last line, its exit code."""
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, *WALL_COMMAND], cwd=ROOT, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    last = [line for line in finished.stdout.splitlines() if line.strip()][-1:] or [""]
    return seconds, last[0].strip("= "), finished.returncode


def wall_target(now_s: float, projected_before_s: float) -> Target:
    share = now_s / projected_before_s
    return Target(
        name="PostgreSQL half of the suite, 2 workers, vs projected before (migrate per test)",
        wanted=f"≤ {SHARE_TARGET:.0%} of before",
        figure=f"{now_s:,.0f} s of {projected_before_s:,.0f} s ({share:.0%})",
        met=share <= SHARE_TARGET,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.db_provisioning", description=__doc__
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds per service and backend")
    parser.add_argument(
        "--backends", default=",".join(BACKENDS), help="comma-separated: sqlite, postgresql"
    )
    parser.add_argument(
        "--services", default=",".join(SERVICES), help="comma-separated: " + ", ".join(SERVICES)
    )
    parser.add_argument(
        "--workers", type=int, default=WALL_WORKERS, help="test workers of the projection"
    )
    parser.add_argument(
        "--no-count", action="store_true", help="skip counting the suite (and the projection)"
    )
    parser.add_argument(
        "--wall",
        action="store_true",
        help="also run the PostgreSQL half of the suite once (several minutes) and time it",
    )
    args = parser.parse_args(argv)
    backends = [backend for backend in args.backends.split(",") if backend]
    services = [service for service in args.services.split(",") if service]
    if "postgresql" in backends and (reason := postgres_unavailable_reason()):
        print(f"PostgreSQL: skipped ({reason})")
        backends.remove("postgresql")
    with tempfile.TemporaryDirectory(prefix="chiiki-bench-dbprov-") as scratch:
        figures = measure(args.repeat, backends, services, Path(scratch))
    print(
        f"per-test database provisioning, median of {args.repeat} in ms;"
        " ratio = migrate ÷ now (SQLite copy, PostgreSQL reset of a used clone)"
    )
    print("\n".join(table(figures)))
    if args.no_count:
        return 0
    counts = count_suite()
    tests, uses = counts["tests"], counts["uses"]
    print(
        "\ncollected tests per backend: "
        + ", ".join(f"{LABELS[b]} {tests.get(b, 0)}" for b in BACKENDS)
    )
    print(
        "databases given to tests (fresh), per service: "
        + "; ".join(
            f"{label} " + ", ".join(f"{LABELS[b]} {uses.get(f'{name}/{b}', 0)}" for b in BACKENDS)
            for label, (name, _) in SERVICES.items()
            if label in services
        )
    )
    print(
        f"\nprojected provisioning of the suite, summed over {args.workers} workers"
        " (count × median; now adds per worker one template migration and one clone per service)"
    )
    projections = {backend: project(figures, uses, backend, args.workers) for backend in backends}
    for projection in projections.values():
        previous = (
            f"; a clone per test (the fixture's previous way) {projection.clone_per_test_s:,.1f} s"
            if projection.clone_per_test_s is not None
            else ""
        )
        ratio = projection.before_s / projection.now_s if projection.now_s else float("inf")
        print(
            f"  {LABELS[projection.backend]:<11} {projection.databases:>4} databases:"
            f" before (migrate per test) {projection.before_s:,.1f} s,"
            f" now {projection.now_s:,.1f} s ({ratio:.1f}× less){previous}"
        )
    if args.wall and "postgresql" in projections:
        pg = projections["postgresql"]
        command = "python " + " ".join(WALL_COMMAND) + " (+ addopts: -ra -p no:cacheprovider)"
        seconds, last_line, code = wall_time()
        before = seconds + pg.saved_s / WALL_WORKERS
        print(f"\nPostgreSQL half of the suite, measured once: {command}")
        print(f"  now: {seconds:,.1f} s wall ({last_line}; exit {code})")
        print(
            f"  before, PROJECTED (not measured): {seconds:,.1f} s + {pg.saved_s:,.1f} s saved"
            f" ÷ {WALL_WORKERS} workers = {before:,.1f} s; now is {seconds / before:.0%} of it"
        )
        if pg.clone_per_test_s is not None:
            clone_before = seconds + (pg.clone_per_test_s - pg.now_s) / WALL_WORKERS
            print(
                f"  before with a clone per test, PROJECTED: {clone_before:,.1f} s;"
                f" now is {seconds / clone_before:.0%} of it"
            )
        emit(wall_target(seconds, before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
