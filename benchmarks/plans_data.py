"""Bulk data for the plans-api benchmarks: clone the demo's published plans until there are
``count`` of them, each with three core companies of its own (valid 法人番号), straight into the
stack's SQLite file (the services keep running; SQLite's WAL lets them read on)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from chiiki_common.validators import make_corporate_number

PREFECTURES = [f"{n:02d}" for n in range(1, 48)]


def _rows(
    connection: sqlite3.Connection, table: str, where: str, *args: Any
) -> list[dict[str, Any]]:
    cursor = connection.execute(f"SELECT * FROM {table} WHERE {where}", args)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = connection.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
    )
    return int(cursor.lastrowid or 0)


def publish_many(database: Path, count: int) -> list[str]:
    """Make ``count`` published plans; returns the core companies' 法人番号 (three per plan)."""
    connection = sqlite3.connect(database, timeout=30)
    connection.execute("PRAGMA busy_timeout=30000")
    template = _rows(connection, "plans", "state = 'published' ORDER BY id LIMIT 1")[0]
    snapshot = _rows(
        connection, "plan_snapshots", "plan_id = ? AND is_current = 1", template["id"]
    )[0]
    author = _rows(connection, "plan_authors", "plan_id = ? AND is_lead = 1", template["id"])[0]
    existing = connection.execute(
        "SELECT count(*) FROM plans WHERE state = 'published'"
    ).fetchone()[0]
    numbers: list[str] = []
    with connection:
        for index in range(max(0, count - existing)):
            prefecture = PREFECTURES[index % len(PREFECTURES)]
            title = f"ベンチマーク用計画 {index:05d}(サンプル)"
            plan = {**template, "title": title, "lead_prefecture": prefecture}
            plan.pop("id")
            plan_id = _insert(connection, "plans", plan)
            _insert(
                connection, "plan_authors", {**author, "plan_id": plan_id, "prefecture": prefecture}
            )
            copy = {**snapshot, "plan_id": plan_id, "title": title, "lead_prefecture": prefecture}
            copy.pop("id")
            snapshot_id = _insert(connection, "plan_snapshots", copy)
            for position in range(3):
                number = make_corporate_number(f"{9 * 10**10 + index * 3 + position:012d}")
                numbers.append(number)
                company = {
                    "plan_id": plan_id,
                    "position": position,
                    "corporate_number": number,
                    "name": f"ベンチマーク企業 {number}(サンプル)",
                    "role": "中核",
                    "scale": "中堅",
                }
                _insert(connection, "plan_core_companies", company)
                _insert(
                    connection,
                    "snapshot_companies",
                    {
                        "snapshot_id": snapshot_id,
                        "plan_id": plan_id,
                        "corporate_number": number,
                        "name": company["name"],
                        "role": "中核",
                        "valid_from": snapshot["published_at"],
                        "valid_until": None,
                    },
                )
    connection.close()
    return numbers
