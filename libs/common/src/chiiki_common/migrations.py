"""Alembic, programmatically: each service keeps its migrations inside its package and calls these.

Alembic's commands are synchronous while the engines are async, so every command runs in a worker
thread with its own event loop; that works the same from a CLI, a test fixture or a running loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from alembic import command, context
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, MetaData, pool
from sqlalchemy.ext.asyncio import create_async_engine

T = TypeVar("T")

MIGRATION_LOCK_KEY = 0x6368696B69
"""PostgreSQL advisory lock key held while a service's migrations run (advisory locks are scoped
to one database, so each service's database has its own)."""


def run_in_thread(fn: Callable[[], T]) -> T:
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:  # re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]  # type: ignore[no-any-return]


def alembic_config(script_location: str, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.set_main_option(
        "file_template", "%%(year)d-%%(month).2d-%%(day).2d-%%(hour).2d%%(minute).2d_%%(slug)s"
    )
    return config


def upgrade(script_location: str, url: str, revision: str = "head") -> None:
    run_in_thread(lambda: command.upgrade(alembic_config(script_location, url), revision))


def downgrade(script_location: str, url: str, revision: str = "base") -> None:
    run_in_thread(lambda: command.downgrade(alembic_config(script_location, url), revision))


def diff_against_models(url: str, metadata: MetaData) -> list[Any]:
    """Differences between the migrated database and the models (empty when they match)."""

    async def run() -> list[Any]:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda sync: compare_metadata(
                        MigrationContext.configure(sync, opts={"compare_type": True}), metadata
                    )
                )
        finally:
            await engine.dispose()

    return run_in_thread(lambda: asyncio.run(run()))


def run_env(metadata: MetaData) -> None:
    """The body of a service's ``env.py``: online migrations over the async engine."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is set by chiiki_common.migrations.alembic_config"

    def do_run(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Replicas that start the migration at the same moment queue here; the next one in
                # line then finds the database already at head and does nothing. The lock ends
                # with the migration's transaction.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
            context.run_migrations()

    async def run_async() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        try:
            async with engine.connect() as connection:
                if connection.dialect.name == "sqlite":
                    # WAL is a property of the file: set here, before any service opens it, the
                    # services' first connections never race one another to switch the journal
                    # (a switch needs the file to itself; a second connection reading meanwhile
                    # fails with "database is locked")
                    await connection.exec_driver_sql("PRAGMA journal_mode=WAL")
                    # ends the transaction the statement began: the migrations' own follows
                    await connection.commit()
                await connection.run_sync(do_run)
        finally:
            await engine.dispose()

    asyncio.run(run_async())
