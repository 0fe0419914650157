"""Fixtures every test may use: the database backends, tokens, in-process apps.

Tests that touch a database take the ``backend`` fixture and run once on SQLite and once on
PostgreSQL. Where PostgreSQL does not answer, its runs are skipped with the reason, except under
``CI=true``, where a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from chiiki_common import clock
from tests.fixtures.auth import TokenFactory, make_token_factory
from tests.fixtures.databases import DatabaseFactory, postgres_unavailable_reason

os.environ.setdefault("CHIIKI_ENV", "test")


@pytest.fixture(scope="session")
def pg_unavailable() -> str | None:
    reason = postgres_unavailable_reason()
    if reason and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true needs PostgreSQL: {reason}")
    return reason


@pytest.fixture(scope="session")
def database_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(Path(tmp_path_factory.mktemp("databases")))
    yield factory
    factory.drop_all()


@pytest.fixture(autouse=True)
def _reuse_databases(database_factory: DatabaseFactory) -> Iterator[None]:
    """Set up before and torn down after every fixture of the test: the PostgreSQL databases the
    test was given are reset for the next tests once nothing of this one uses them any more."""
    database_factory.test_started()
    yield
    database_factory.test_finished()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, pg_unavailable: str | None) -> str:
    if request.param == "postgresql" and pg_unavailable:
        pytest.skip(pg_unavailable)
    return str(request.param)


@pytest.fixture(scope="session")
def tokens() -> TokenFactory:
    return make_token_factory()


@pytest.fixture(autouse=True)
def _restore_clock() -> Iterator[None]:
    previous = clock.get_clock()
    yield
    clock.set_clock(previous)
