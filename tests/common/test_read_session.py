"""The read engine behind ``ReadSessionDep``: autocommit reads that see every commit at once and
never write."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from chiiki_common.db import create_engine, create_read_engine, read_session_factory
from tests.fixtures.databases import DatabaseFactory


async def test_a_read_session_sees_a_commit_of_another_session_at_once(
    backend: str, database_factory: DatabaseFactory
) -> None:
    url = database_factory.empty(backend, "read_session")
    engine, read_engine = create_engine(url), create_read_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        reader = read_session_factory(read_engine)
        async with reader() as session:
            assert (await session.scalar(text("SELECT count(*) FROM notes"))) == 0
            async with engine.begin() as connection:
                await connection.execute(text("INSERT INTO notes (id, body) VALUES (1, 'x')"))
            # no snapshot is held between statements: the second read sees the new row
            assert (await session.scalar(text("SELECT count(*) FROM notes"))) == 1
    finally:
        await engine.dispose()
        await read_engine.dispose()


async def test_a_read_session_refuses_to_write(
    backend: str, database_factory: DatabaseFactory
) -> None:
    url = database_factory.empty(backend, "read_session_write")
    read_engine = create_read_engine(url)
    try:
        async with read_session_factory(read_engine)() as session:
            with pytest.raises(RuntimeError, match="read session"):
                await session.flush()
    finally:
        await read_engine.dispose()
