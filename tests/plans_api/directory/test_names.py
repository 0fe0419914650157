"""plans-api names organisations from the gateway's directory: read with its own service client
through the real gateway app, kept in plans-api, renamed when the directory renames, never lost when
the directory drops a code, and printed as 「熊本県菊陽町」 instead of a code."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import gateway
import plans_api
from chiiki_common.db import create_engine, session_factory
from gateway.app import create_app as create_gateway_app
from gateway.models import Organisation
from plans_api.app import create_app as create_plans_app
from plans_api.directory.client import DirectoryConnection
from plans_api.directory.service import names_of, organisation_label, sync
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.databases import DatabaseFactory
from tests.gateway.conftest import seeded_settings


@pytest.fixture
async def directory(
    database_factory: DatabaseFactory, tmp_path: Path
) -> AsyncIterator[tuple[DirectoryConnection, str]]:
    """plans-api's directory connection to the real gateway app (demo directory, SQLite), with
    plans-api's demo service client; yields it and the gateway's database URL."""
    url = database_factory.fresh("sqlite", "gateway", gateway.MIGRATIONS)
    settings = await seeded_settings(url, str(tmp_path))
    async with running(create_gateway_app(settings)) as client:
        plans_settings = Settings(
            gateway_url="http://testserver",
            service_client_id="svc-plans",
            service_client_secret="demo-svc-plans-secret",
        )
        transport = client._transport
        yield (
            DirectoryConnection(plans_settings, transport=transport, token_transport=transport),
            url,
        )


@pytest.fixture
async def sessionmaker(
    backend: str, database_factory: DatabaseFactory
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS))
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


async def _rename(gateway_url: str, code: str, name: str) -> None:
    engine = create_engine(gateway_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await session.execute(
                update(Organisation).where(Organisation.code == code).values(name=name)
            )
    finally:
        await engine.dispose()


async def test_the_directory_names_municipalities_in_plans_api(
    directory: tuple[DirectoryConnection, str], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    connection, _ = directory
    synced = await sync(sessionmaker, connection)
    async with sessionmaker() as session:
        names = await names_of(session, ["434043", "431001", "430005", "cas", "012025"])
    assert synced >= 70
    assert names["434043"] == "菊陽町"
    assert names["430005"] == "熊本県"
    assert "012025" not in names  # not in the demo directory
    assert organisation_label("434043", names) == "熊本県菊陽町"
    assert organisation_label("431001", names) == "熊本県熊本市"
    assert organisation_label("430005", names) == "熊本県"
    assert organisation_label("cas", names) == "内閣官房 地域未来戦略本部事務局"
    # a code the directory has never named is still said in Japanese, with its prefecture
    assert organisation_label("012025", names) == "北海道(団体コード 012025)"


async def test_a_renamed_organisation_is_renamed_and_a_dropped_one_keeps_its_name(
    directory: tuple[DirectoryConnection, str], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    connection, gateway_url = directory
    await sync(sessionmaker, connection)
    await _rename(gateway_url, "434043", "新菊陽市")
    await sync(sessionmaker, connection)
    async with sessionmaker() as session:
        assert (await names_of(session, ["434043"]))["434043"] == "新菊陽市"

    gone = DirectoryConnection(
        connection.settings,
        transport=httpx.MockTransport(lambda _: httpx.Response(200, json=[])),
        token_transport=connection.token_transport,
    )
    await sync(sessionmaker, gone)
    async with sessionmaker() as session:
        assert (await names_of(session, ["434043"]))["434043"] == "新菊陽市"


async def test_a_directory_that_does_not_answer_changes_nothing(
    directory: tuple[DirectoryConnection, str], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    connection, _ = directory
    await sync(sessionmaker, connection)
    down = DirectoryConnection(
        connection.settings,
        transport=httpx.MockTransport(lambda _: httpx.Response(503)),
        token_transport=connection.token_transport,
    )
    with pytest.raises(httpx.HTTPStatusError):
        await sync(sessionmaker, down)
    async with sessionmaker() as session:
        assert (await names_of(session, ["434043"]))["434043"] == "菊陽町"


async def test_without_the_directory_scope_nothing_is_read(
    directory: tuple[DirectoryConnection, str], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    connection, _ = directory
    scoring = DirectoryConnection(
        connection.settings.model_copy(
            update={
                "service_client_id": "svc-scoring",
                "service_client_secret": "demo-svc-scoring-secret",
            }
        ),
        transport=connection.transport,
        token_transport=connection.token_transport,
    )
    with pytest.raises(httpx.HTTPStatusError) as refused:
        await sync(sessionmaker, scoring)
    assert refused.value.response.status_code == 403


async def test_the_service_reads_the_directory_at_its_start_and_again_soon_after_a_failure(
    backend: str,
    database_factory: DatabaseFactory,
    directory: tuple[DirectoryConnection, str],
) -> None:
    """At the one-command start plans-api may be up before the gateway: the first read fails, the
    next comes after ``directory_retry_seconds``, not after the hour of ``directory_sync_seconds``."""
    connection, _ = directory
    real = connection.transport
    assert real is not None
    calls: list[int] = []

    async def first_down(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503)
        return await real.handle_async_request(request)

    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    settings = connection.settings.model_copy(
        update={
            "database_url": url,
            "environment": "test",
            "log_requests": False,
            "publication_poll_seconds": 3600,
            "directory_retry_seconds": 0.05,
        }
    )
    app = create_plans_app(settings, verifier=None)
    app.state.directory = DirectoryConnection(
        settings, transport=httpx.MockTransport(first_down), token_transport=real
    )
    async with running(app):
        for _ in range(100):
            if len(calls) >= 2:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            assert (await names_of(session, ["434043"]))["434043"] == "菊陽町"
    finally:
        await engine.dispose()
    assert len(calls) == 2  # then it waits the hour
