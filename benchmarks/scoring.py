"""scoring-api: a prefecture's transaction list imported, figures derived and every company scored.

``SCORING_DATABASE_URL=… python -m benchmarks.scoring --companies 100000 --transactions 1000000``
(``make bench`` runs it after ``chiiki-scoring-api migrate``; use an empty, migrated database: the
benchmark deletes nothing and adds its rows).

Registers fictional companies headquartered in one prefecture (東京都), writes a CSV transaction
list in the import's own format into a temporary folder (each row names one of them and either
another of them or an unregistered company of another prefecture), and imports it through the
function ``POST /api/scoring/transactions/import`` calls: the file is streamed, checked row by row
and written in batches (COPY on PostgreSQL), then every company's 様式2 figures are derived from it
and every company's scores recomputed. The import's steps are timed by wrapping the two set-based
functions it calls; peak memory is the process's resident high-water mark during the import.
Targets (issue 16): ≤ 10 s on PostgreSQL, ≤ 20 s on SQLite, and memory that does not grow with
the file (compare a run with a tenth of the transactions).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar
from unittest.mock import patch

from sqlalchemy import insert, text

from benchmarks.targets import at_most, emit
from chiiki_common import clock
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.db import create_engine, session_factory
from chiiki_common.spreadsheets import DEFAULT_LIMITS
from chiiki_common.validators import make_corporate_number
from scoring_api.companies import repository, service
from scoring_api.companies.repository import derive_figures
from scoring_api.models import Company
from scoring_api.scores.service import recompute_scores
from scoring_api.settings import Settings

PREFECTURE, ORGANISATION = "13", "130001"
OTHERS = [f"{p:02d}" for p in range(1, 48) if f"{p:02d}" != PREFECTURE]
FISCAL_YEAR = 2025
TARGET_SECONDS = {"postgresql": 10.0, "sqlite": 20.0}
CHUNK = 20_000
HEADER = "売り手法人番号,売り手本社都道府県,買い手法人番号,買い手本社都道府県,取引額,事業年度\n"

R = TypeVar("R")


def write_list(folder: Path, numbers: list[str], transactions: int, rng: random.Random) -> Path:
    """The CSV transaction list, written line by line (the benchmark never holds it)."""
    outsiders = [
        (make_corporate_number(f"8{i:011d}"), rng.choice(OTHERS))
        for i in range(max(1, len(numbers) // 5))
    ]
    path = folder / "transactions.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        written = 0
        while written < transactions:
            own = rng.choice(numbers)
            if rng.random() < 0.2:
                other, other_prefecture = rng.choice(outsiders)
            else:
                other, other_prefecture = rng.choice(numbers), PREFECTURE
                if other == own:
                    continue
            amount = rng.randint(1, 500) * 1_000_000
            if rng.random() < 0.5:
                out.write(f"{own},{PREFECTURE},{other},{other_prefecture},{amount},{FISCAL_YEAR}\n")
            else:
                out.write(f"{other},{other_prefecture},{own},{PREFECTURE},{amount},{FISCAL_YEAR}\n")
            written += 1
    return path


def peak_rss_reset() -> None:
    """Start a new resident high-water mark (Linux ``clear_refs``; elsewhere the mark stays)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss() -> int:
    """The resident high-water mark in bytes (since :func:`peak_rss_reset` where it works)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def timed(
    spent: dict[str, float], step: str, function: Callable[..., Awaitable[R]]
) -> Callable[..., Awaitable[R]]:
    async def wrapper(*args: Any, **kwargs: Any) -> R:
        started = time.perf_counter()
        try:
            return await function(*args, **kwargs)
        finally:
            spent[step] = spent.get(step, 0.0) + time.perf_counter() - started

    return wrapper


async def run(settings: Settings, args: argparse.Namespace) -> None:
    rng = random.Random(1)
    now = clock.now()
    numbers = [make_corporate_number(f"9{i:011d}") for i in range(args.companies)]
    engine = create_engine(settings.database_url)
    maker = session_factory(engine)
    dialect = engine.dialect.name
    try:
        async with maker() as session, session.begin():
            for start in range(0, len(numbers), CHUNK):
                await session.execute(
                    insert(Company),
                    [
                        {
                            "corporate_number": number,
                            "name": f"ベンチ企業{start + i}(サンプル)",
                            "name_normalised": f"ベンチ企業{start + i}(サンプル)",
                            "hq_prefecture": PREFECTURE,
                            "employees": rng.randint(5, 3_000),
                            "created_at": now,
                            "updated_at": now,
                        }
                        for i, number in enumerate(numbers[start : start + CHUNK])
                    ],
                )
        if dialect == "postgresql":
            # a production database has statistics of its companies; a fresh one has none yet
            async with engine.connect() as connection:
                await connection.execute(text("ANALYZE"))
        folder = Path(tempfile.mkdtemp(prefix="chiiki-bench-scoring-"))
        path = write_list(folder, numbers, args.transactions, rng)
        size = path.stat().st_size
        # a list this long is several times the largest real one: the bench lifts the caps
        limits = dataclasses.replace(
            DEFAULT_LIMITS,
            max_rows=args.transactions + 1,
            max_cells=7 * (args.transactions + 1),
            max_text_chars=2 * size,
        )
        principal = Principal(
            subject="bench",
            tier=Tier.prefecture,
            organisation=ORGANISATION,
            roles=frozenset({Role.editor}),
        )
        spent: dict[str, float] = {}
        base_rss = peak_rss()
        peak_rss_reset()
        started = time.perf_counter()
        with (
            patch.object(repository, "derive_figures", timed(spent, "derive", derive_figures)),
            patch.object(service, "recompute_scores", timed(spent, "score", recompute_scores)),
            path.open("rb") as source,
        ):
            async with maker() as session, session.begin():
                result = await service.import_transactions(
                    session, principal, path.name, source, args.transactions, limits
                )
        total = time.perf_counter() - started
        peak = peak_rss()
        shutil.rmtree(folder)
        load = total - spent["derive"] - spent["score"]
        target = TARGET_SECONDS.get(dialect, TARGET_SECONDS["sqlite"])
        sys.stdout.write(
            f"scoring bench ({dialect}): {args.companies} companies, {result.rows} transactions "
            f"({size / 2**20:.0f} MB CSV), {result.companies_derived} companies derived\n"
            f"  import (stream, check, write) {load:.2f} s; derive {spent['derive']:.2f} s; "
            f"score {spent['score']:.2f} s; total {total:.2f} s "
            f"(target ≤ {target:g} s: {'met' if total <= target else 'NOT met'})\n"
            f"  peak memory during the import {peak / 2**20:.0f} MiB "
            f"(before it {base_rss / 2**20:.0f} MiB)\n"
        )
        label = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(dialect, dialect)
        emit(
            at_most(
                f"scoring: {result.rows:,} transactions imported, derived, "
                f"{args.companies:,} companies scored, {label}",
                total,
                target,
                "s",
            )
        )
    finally:
        await engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scoring", description=__doc__)
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--transactions", type=int, default=1_000_000)
    asyncio.run(run(Settings(), parser.parse_args()))


if __name__ == "__main__":
    main()
