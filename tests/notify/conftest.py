"""Fixtures of notify: a migrated database per test, the other services faked at their
contracts (httpx transports answering the internal endpoints), and the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common.db import create_engine, session_factory
from notify import MIGRATIONS
from notify.app import create_app
from notify.scheduling import TaskContext
from notify.settings import Settings
from notify.upstream import Upstream, build_upstream
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory


@dataclass
class World:
    """What plans-api, scoring-api and the gateway directory answer right now."""

    precheck_pending: set[str] = field(default_factory=set)
    precheck_pending_by_round: dict[str, set[str]] = field(default_factory=dict)
    """What ``?round=<code>`` answers (a round not listed answers ``precheck_pending``)."""
    published_authors: set[str] = field(default_factory=set)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    bureaus: list[dict[str, Any]] = field(default_factory=list)
    """The directory's bureaus (``code``, ``name``, ``kind``, ``block``)."""
    events: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"plans": [], "scoring": []}
    )
    failing: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)

    def add_user(self, user_id: str, organisation: str, *roles: str) -> dict[str, Any]:
        user = {
            "id": user_id,
            "email": f"{user_id}@demo.example.jp",
            "name": f"{user_id} 様",
            "organisation": organisation,
            "organisation_name": organisation,
            "tier": "municipality" if organisation[2:5] != "000" else "prefecture",
            "roles": list(roles or ("editor",)),
        }
        self.users.append(user)
        return user

    def add_event(self, source: str, event_type: str, payload: dict[str, Any]) -> int:
        feed = self.events[source]
        event_id = len(feed) + 1
        feed.append(
            {
                "id": event_id,
                "event_type": event_type,
                "aggregate_type": "plan",
                "aggregate_id": str(payload.get("plan_id", payload.get("call_id", ""))),
                "payload": payload,
                "occurred_at": "2026-05-20T00:00:00Z",
            }
        )
        return event_id

    def _answer(self, name: str, request: httpx.Request) -> httpx.Response:
        self.requests.append(f"{name}{request.url.path}")
        if name in self.failing:
            return httpx.Response(503, json={"title": "unavailable"})
        path, params = request.url.path, request.url.params
        if name in ("plans", "scoring") and path == "/internal/events":
            after, limit = int(params.get("after", 0)), int(params.get("limit", 100))
            events = [e for e in self.events[name] if e["id"] > after][:limit]
            cursor = events[-1]["id"] if events else after
            return httpx.Response(200, json={"events": events, "next_cursor": cursor})
        pending = self.precheck_pending_by_round.get(params.get("round", ""), self.precheck_pending)
        routes: dict[tuple[str, str], Any] = {
            ("plans", "/internal/deadline-audiences/precheck-pending"): sorted(pending),
            ("plans", "/internal/deadline-audiences/published-authors"): sorted(
                self.published_authors
            ),
            ("plans", "/internal/rounds"): self.rounds,
            ("scoring", "/internal/calls/open"): self.calls,
        }
        if name == "gateway" and path == "/internal/directory/users":
            organisation = params.get("organisation")
            return httpx.Response(
                200, json=[u for u in self.users if u["organisation"] == organisation]
            )
        if name == "gateway" and path == "/internal/directory/organisations":
            kind = params.get("kind")
            return httpx.Response(200, json=[b for b in self.bureaus if kind in (None, "bureau")])
        if (name, path) in routes:
            return httpx.Response(200, json=routes[(name, path)])
        return httpx.Response(404, json={"title": "not found"})

    def transports(self) -> dict[str, httpx.AsyncBaseTransport]:
        return {
            name: httpx.MockTransport(lambda request, name=name: self._answer(name, request))
            for name in ("plans", "scoring", "gateway")
        }


def round_payload(
    code: str, name: str, cutoff_at: datetime, last_day: date | None = None
) -> dict[str, Any]:
    """A round as plans-api's ``/internal/rounds`` answers it (``last_day`` beside the exclusive
    cutoff); without ``last_day`` the old shape, from which notify derives it."""
    payload = {"code": code, "name": name, "cutoff_at": cutoff_at.isoformat(), "kind": "national"}
    if last_day is not None:
        payload["last_day"] = last_day.isoformat()
    return payload


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def database_url(backend: str, database_factory: DatabaseFactory) -> str:
    return database_factory.fresh(backend, "notify", MIGRATIONS)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        environment="test",
        public_base_url="https://chiiki.example.jp",
        retry_base_seconds=0.05,
        retry_cap_seconds=0.2,
        delivery_lease_seconds=30,
        smtp_timeout_seconds=5,
    )


@pytest.fixture
async def sessionmaker(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def upstream(settings: Settings, world: World) -> AsyncIterator[Upstream]:
    clients = build_upstream(settings, transports=world.transports())
    yield clients
    await clients.aclose()


@pytest.fixture
def context(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], upstream: Upstream
) -> TaskContext:
    return TaskContext(settings=settings, sessionmaker=sessionmaker, upstream=upstream)


@pytest.fixture
async def client(settings: Settings, tokens: TokenFactory) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    async with running(app) as http:
        yield http
