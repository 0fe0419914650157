"""A service whose database becomes unreachable answers 503 problem+json with Retry-After (never
500), ``/readyz`` says so, and it serves again by itself when the database returns: no restart.

The outage is real: the service reaches PostgreSQL through a TCP relay on loopback that the test
cuts (every open connection dropped, new ones refused) and restores."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import PG_HOST, PG_PORT, DatabaseFactory

pytestmark = pytest.mark.postgres

READS = {
    "plans_api": "/api/plans",
    "scoring_api": "/api/scoring/companies",
    "notify": "/api/notify/deadlines",
}


class Relay:
    """A TCP relay to PostgreSQL that can be cut and restored while the service runs."""

    def __init__(self) -> None:
        self.server: asyncio.Server | None = None
        self.port = 0
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection(PG_HOST, PG_PORT)
        self.writers.update({writer, upstream_writer})

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError, OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.transport.abort()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


@pytest.fixture
async def relay() -> AsyncIterator[Relay]:
    started = Relay()
    await started.start()
    yield started
    if started.server is not None and started.server.is_serving():
        await started.cut()


@pytest.mark.parametrize("name", sorted(READS))
async def test_an_unreachable_database_answers_503_and_the_service_recovers_by_itself(
    name: str,
    relay: Relay,
    pg_unavailable: str | None,
    database_factory: DatabaseFactory,
    tokens: TokenFactory,
) -> None:
    if pg_unavailable:
        pytest.skip(pg_unavailable)
    package: Any = importlib.import_module(name)
    direct = database_factory.fresh("postgresql", name, package.MIGRATIONS)
    through_relay = direct.replace(f"{PG_HOST}:{PG_PORT}", f"127.0.0.1:{relay.port}")
    settings = importlib.import_module(f"{name}.settings").Settings(
        database_url=through_relay, environment="test", log_requests=False
    )
    app = importlib.import_module(f"{name}.app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    headers = tokens.prefecture("430005", "admin")
    async with running(app) as client:
        assert (await client.get(READS[name], headers=headers)).status_code == 200
        assert (await client.get("/readyz")).status_code == 200

        await relay.cut()
        down = await client.get(READS[name], headers=headers)
        assert down.status_code == 503, down.text
        assert down.headers["content-type"].startswith("application/problem+json")
        assert int(down.headers["retry-after"]) > 0
        assert "データベース" in down.json()["title"]
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert ready.headers["retry-after"]
        assert (await client.get("/healthz")).status_code == 200

        await relay.start()
        answers = []
        for _ in range(20):  # the pool's pre-ping replaces the dead connections on its own
            answers.append((await client.get(READS[name], headers=headers)).status_code)
            if answers[-1] == 200:
                break
            await asyncio.sleep(0.25)
        assert answers[-1] == 200, answers
        assert (await client.get("/readyz")).status_code == 200


def test_a_wrong_statement_is_a_defect_not_an_outage() -> None:
    from sqlalchemy import exc as sa_exc

    from chiiki_common.errors import is_database_unavailable

    missing_table = sa_exc.OperationalError("SELECT 1", {}, Exception("no such table: plans"))
    locked = sa_exc.OperationalError("SELECT 1", {}, Exception("database is locked"))
    assert not is_database_unavailable(missing_table)
    assert not is_database_unavailable(FileNotFoundError("attachments/x"))
    assert is_database_unavailable(locked)
    assert is_database_unavailable(ConnectionRefusedError(111, "Connect call failed"))
