"""Why plans-api builds its own bigram index instead of PostgreSQL's pg_trgm: a measurement.

``python -m benchmarks.pg_trgm_probe`` makes a scratch database on the local PostgreSQL, prints its
locale and what pg_trgm makes of Japanese words, loads 10,000 texts of 600 characters (one in 20
with 焼酎, one in 50 with 半導体製造装置) with a trigram GIN index, and times ``LIKE '%word%'``:
a two-character word yields no trigram the index can use, so PostgreSQL reads every row.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import time

import asyncpg

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
WORDS = ["製造", "装置", "地域", "産業", "人材", "育成", "投資", "設備", "観光", "農業", "水産"]
WORDS += ["物流", "脱炭素", "自動車", "部品", "熊本", "菊陽町", "クラスター", "計画", "推進"]


async def probe(database: str) -> None:
    connection = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}")
    try:
        locale = await connection.fetchval(
            "SELECT datctype FROM pg_database WHERE datname = current_database()"
        )
        version = await connection.fetchval("SHOW server_version")
        print(f"PostgreSQL {version}, LC_CTYPE {locale}")
        await connection.execute("CREATE EXTENSION pg_trgm")
        for word in ("焼酎", "半導体"):
            print(
                f"  show_trgm('{word}') = {await connection.fetchval('SELECT show_trgm($1)', word)}"
            )
        rng = random.Random(1)
        rows = []
        for number in range(10_000):
            words = [rng.choice(WORDS) for _ in range(300)]
            if number % 20 == 0:
                words[rng.randrange(300)] = "焼酎"
            if number % 50 == 0:
                words[rng.randrange(300)] = "半導体製造装置"
            rows.append((number, "".join(words)[:600]))
        await connection.execute("CREATE TABLE texts (id int PRIMARY KEY, body text)")
        await connection.copy_records_to_table("texts", records=rows)
        await connection.execute("CREATE INDEX ON texts USING gin (body gin_trgm_ops)")
        await connection.execute("ANALYZE texts")
        query = "SELECT id FROM texts WHERE body LIKE $1"
        for word in ("焼酎", "半導体製造装置"):
            pattern = f"%{word}%"
            plan = [row[0] for row in await connection.fetch(f"EXPLAIN {query}", pattern)]
            timings = []
            for _ in range(7):
                started = time.perf_counter()
                found = await connection.fetch(query, pattern)
                timings.append((time.perf_counter() - started) * 1000)
            print(
                f"  LIKE '{pattern}': {len(found)} rows, median {statistics.median(timings):.1f} ms,"
                f" {plan[0].split('  ')[0].strip()}"
            )
    finally:
        await connection.close()


async def main() -> None:
    database = f"chiiki_trgm_probe_{os.getpid()}"
    admin = await asyncpg.connect(ADMIN, timeout=5)
    await admin.execute(f'CREATE DATABASE "{database}"')
    try:
        await probe(database)
    finally:
        await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
