"""scoring-api: scoring N companies from M transactions, set-based, on the configured database.

``SCORING_DATABASE_URL=… python -m benchmarks.scoring --companies 100000 --transactions 1000000``
(``make bench`` runs it after ``chiiki-scoring-api migrate``). Reaches scoring-api through its
repositories' set-based steps, ``derive_figures`` and ``recompute``.

Loads fictional companies spread over the 47 prefectures and a random transaction list (each row
stored for the prefecture of each party, as each prefecture would import it), then times the two
set-based steps: deriving every company's 様式2 figures from the transactions (per prefecture),
and recomputing every score with window functions (one statement for all prefectures).
Use an empty, migrated database: the benchmark deletes nothing and adds its rows.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from typing import Any

from sqlalchemy import insert, text

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from chiiki_common.validators import make_corporate_number
from scoring_api.companies.repository import derive_figures
from scoring_api.models import Company, Transaction
from scoring_api.scores.repository import recompute
from scoring_api.settings import Settings

PREFECTURES = [f"{p:02d}" for p in range(1, 48)]
CHUNK = 20_000


async def run(settings: Settings, args: argparse.Namespace) -> None:
    rng = random.Random(1)
    now = clock.now()
    numbers = [make_corporate_number(f"9{i:011d}") for i in range(args.companies)]
    home = {number: rng.choice(PREFECTURES) for number in numbers}
    engine = create_engine(settings.database_url)
    maker = session_factory(engine)
    try:
        started = time.perf_counter()
        async with maker() as session, session.begin():
            companies: list[dict[str, Any]] = [
                {
                    "corporate_number": n,
                    "name": f"ベンチ企業{i}(サンプル)",
                    "hq_prefecture": home[n],
                    "employees": rng.randint(5, 3_000),
                    "created_at": now,
                    "updated_at": now,
                }
                for i, n in enumerate(numbers)
            ]
            for start in range(0, len(companies), CHUNK):
                await session.execute(insert(Company), companies[start : start + CHUNK])
            batch: list[dict[str, Any]] = []
            stored = 0
            for _ in range(args.transactions):
                seller, buyer = rng.sample(numbers, 2)
                row = {
                    "fiscal_year": 2025,
                    "seller_number": seller,
                    "seller_prefecture": home[seller],
                    "buyer_number": buyer,
                    "buyer_prefecture": home[buyer],
                    "amount": rng.randint(1, 500) * 1_000_000,
                }
                for importer in {home[seller], home[buyer]}:
                    batch.append({**row, "importer_prefecture": importer})
                if len(batch) >= CHUNK:
                    await session.execute(insert(Transaction), batch)
                    stored += len(batch)
                    batch = []
            if batch:
                await session.execute(insert(Transaction), batch)
                stored += len(batch)
        loaded = time.perf_counter() - started
        if engine.dialect.name == "postgresql":
            # a production database has statistics; a freshly bulk-loaded one has none yet
            async with engine.connect() as connection:
                await connection.execute(text("ANALYZE"))
        async with maker() as session, session.begin():
            started = time.perf_counter()
            for prefecture in PREFECTURES:
                await derive_figures(session, prefecture, [2025], now)
            derived = time.perf_counter() - started
            started = time.perf_counter()
            await recompute(session, PREFECTURES, now)
            scored = time.perf_counter() - started
        sys.stdout.write(
            f"scoring bench ({engine.dialect.name}): {args.companies} companies, "
            f"{args.transactions} transactions ({stored} rows stored)\n"
            f"  load {loaded:.2f} s; derive {derived:.2f} s "
            f"= {args.transactions / derived:.0f} transactions/s; "
            f"score {scored:.2f} s = {args.companies / scored:.0f} companies/s\n"
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
