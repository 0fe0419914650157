"""End to end with plans-api in-process: notify reads the rounds and a round's audience from the
real ``/internal`` routes. While a municipal plan asked in the first batch waits at its prefecture
(取りまとめ), the prefecture gets that round's reminders, not the municipality; the reminder on the
last day itself says 本日."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import plans_api
from chiiki_common import clock
from notify.deadlines.service import ROUND_SOURCE
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.models import Deadline, ReminderRun
from notify.scheduling import TaskContext
from notify.settings import Settings
from notify.upstream import Upstream
from plans_api.app import create_app as create_plans_app
from plans_api.settings import Settings as PlansSettings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.notify.conftest import World
from tests.notify.factories import mails
from tests.plans_api.factories import KIKUYO, KUMAMOTO, act, complete, create

JULY_10_0900 = clock.jst_wall_clock(
    2026, 7, 10, 9, 0
)  # Friday: the 3-day reminder (7/12 is a Sunday)


@pytest.fixture
async def plans(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> AsyncIterator[httpx.AsyncClient]:
    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    settings = PlansSettings(
        database_url=url, environment="test", log_requests=False, publication_poll_seconds=3600
    )
    async with running(
        create_plans_app(settings, verifier=tokens.verifier(settings.audience))
    ) as c:
        yield c


@pytest.fixture
async def live_context(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    world: World,
    plans: httpx.AsyncClient,
    tokens: TokenFactory,
) -> AsyncIterator[TaskContext]:
    """notify's upstream: the real plans-api (with notify's service token); the directory and
    scoring-api faked at their contracts."""
    fakes = world.transports()

    async def service_token(request: httpx.Request) -> None:
        # signed on the platform clock of the moment (the tests freeze it in July 2026)
        request.headers.update(tokens.service("notify", scope="plans:read events:read"))

    upstream = Upstream(
        plans=httpx.AsyncClient(
            transport=plans._transport,
            base_url="http://testserver",
            event_hooks={"request": [service_token]},
        ),
        scoring=httpx.AsyncClient(transport=fakes["scoring"], base_url="http://scoring"),
        gateway=httpx.AsyncClient(transport=fakes["gateway"], base_url="http://gateway"),
    )
    yield TaskContext(settings=settings, sessionmaker=sessionmaker, upstream=upstream)
    await upstream.aclose()


async def test_a_municipal_plan_waiting_at_its_prefecture_brings_the_round_reminder_there(
    backend: str,
    world: World,
    plans: httpx.AsyncClient,
    live_context: TaskContext,
    tokens: TokenFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    world.add_user("kikuyo-editor", KIKUYO, "editor")
    world.add_user("kikuyo-approver", KIKUYO, "approver")
    world.add_user("kumamoto-approver", KUMAMOTO, "approver")
    world.add_user("kumamoto-viewer", KUMAMOTO, "viewer")
    with clock.frozen_at(JULY_10_0900):
        editor = tokens.municipality(KIKUYO, "editor")
        plan = await complete(plans, editor, await create(plans, editor, "C"))
        plan = await act(plans, tokens.municipality(KIKUYO, "approver"), plan, "request_precheck")
        assert plan["state"] == "prefecture_review"
        await sync_deadlines(live_context)
        await send_due_reminders(live_context)
    sent = await mails(sessionmaker)
    assert [(m.recipient_user_id, m.subject) for m in sent] == [
        ("kumamoto-approver", "【期限まであと5日】第1弾 事前確認依頼の期限")
    ]
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 15, 9, 0)):
        await send_due_reminders(live_context)
    today = [m for m in await mails(sessionmaker) if m.subject.startswith("【本日期限】")]
    assert [m.recipient_user_id for m in today] == ["kumamoto-approver"]
    assert "令和8年7月15日(水)まで" in today[0].body_text
    # once the prefecture forwards it, the plan has reached the national side: no one is reminded
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 15, 10, 0)):
        await act(plans, tokens.prefecture(KUMAMOTO, "approver"), plan, "forward")
        pending = await live_context.upstream.precheck_pending_organisations("2026-batch-1")
    assert pending == set()


async def test_the_rounds_plans_api_announces_become_day_deadlines_once(
    backend: str, live_context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    """The round dates have one home, plans-api (seed 000 ⑥: 先行事例 2026年6月5日, 第1弾 2026年7月15日,
    「までに」): notify keeps no copy. Each round becomes a day deadline that ends at the start of the
    next JST day (never 23:59), with its reminders; a second sync changes nothing."""
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 1, 9, 0)):
        await sync_deadlines(live_context)
        first = await _deadlines(sessionmaker)
        await sync_deadlines(live_context)
        assert await _deadlines(sessionmaker) == first
    assert [(title, last_day, clock.to_jst(due_at)) for title, last_day, due_at, _ in first] == [
        ("先行事例 事前確認依頼の期限", date(2026, 6, 5), clock.jst_wall_clock(2026, 6, 6, 0, 0)),
        ("第1弾 事前確認依頼の期限", date(2026, 7, 15), clock.jst_wall_clock(2026, 7, 16, 0, 0)),
    ]
    assert sum(reminders for *_, reminders in first) == 12


async def _deadlines(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> list[tuple[str, date | None, datetime, int]]:
    async with sessionmaker() as session:
        rows = (
            await session.execute(
                select(
                    Deadline.title, Deadline.last_day, Deadline.due_at, func.count(ReminderRun.id)
                )
                .outerjoin(ReminderRun, ReminderRun.deadline_id == Deadline.id)
                .where(Deadline.active.is_(True), Deadline.source_ref.startswith(ROUND_SOURCE))
                .group_by(Deadline.id)
                .order_by(Deadline.due_at)
            )
        ).all()
    return [(title, last_day, due_at, int(count)) for title, last_day, due_at, count in rows]
