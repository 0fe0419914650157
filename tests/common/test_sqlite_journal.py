"""A migrated SQLite file is in WAL from the start: a service's first connections never have to
switch its journal while another connection reads (the switch needs the file to itself, and the
reader's "database is locked" failed a request, seen once in the suite)."""

from __future__ import annotations

import asyncio
import importlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from chiiki_common.db import create_engine
from chiiki_common.migrations import upgrade

SERVICES = ["gateway", "plans_api", "scoring_api", "notify"]


@pytest.mark.parametrize("package_name", SERVICES)
def test_migrated_file_is_in_wal(package_name: str, tmp_path: Path) -> None:
    path = tmp_path / "service.db"
    upgrade(importlib.import_module(package_name).MIGRATIONS, f"sqlite+aiosqlite:///{path}")
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        # and the migrations themselves were kept
        assert connection.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
        tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        assert tables.fetchone()[0] > 3


def test_service_connection_opens_while_another_reads(tmp_path: Path) -> None:
    path = tmp_path / "service.db"
    upgrade(importlib.import_module("plans_api").MIGRATIONS, f"sqlite+aiosqlite:///{path}")
    reader = sqlite3.connect(path, timeout=0)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()  # holds its read open

    async def first_connection() -> int:
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        try:
            async with engine.connect() as connection:
                return (await connection.execute(text("SELECT 1"))).scalar_one()
        finally:
            await engine.dispose()

    try:
        # a rollback-journal file made this wait for the busy timeout, then fail
        assert asyncio.run(asyncio.wait_for(first_connection(), timeout=3)) == 1
    finally:
        reader.rollback()
        reader.close()
