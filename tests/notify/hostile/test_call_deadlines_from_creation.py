"""notify learns a call's closing when the call is created (scoring-api's ``call.created``
event), not when its window opens: the early reminders reach the prefecture's staff on their
business days although scoring-api lists the call as open only from 5/15."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.events.tasks import consume_event_feeds
from notify.models import Deadline
from notify.scheduling import TaskContext
from tests.notify.conftest import World
from tests.notify.factories import demo_people, mails

CALL = {
    "call_id": 7,
    "prefecture_code": "430005",
    "title": "熊本県 半導体関連 重点支援企業",
    "opens_at": clock.jst_wall_clock(2026, 5, 15, 0, 0).isoformat(),
    "closes_at": clock.jst_wall_clock(2026, 6, 1, 12, 0).isoformat(),
    "organisations": ["430005"],
}
SUBJECT = "【期限まであと{days}日】公募「熊本県 半導体関連 重点支援企業」の締切"


async def _tick(context: TaskContext) -> None:
    await consume_event_feeds(context)
    await sync_deadlines(context)
    await send_due_reminders(context)


async def test_a_call_created_before_its_window_gets_its_early_reminders(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event("scoring", "call.created", CALL)
    with clock.frozen_at(clock.jst_wall_clock(2026, 4, 1, 10, 0)):
        await _tick(context)
    async with sessionmaker() as session:
        deadline = await session.scalar(
            select(Deadline).where(Deadline.source_ref == "scoring:call:7")
        )
    assert deadline is not None
    assert (deadline.active, deadline.due_at) == (True, clock.jst_wall_clock(2026, 6, 1, 12, 0))
    assert await mails(sessionmaker) == []  # the creation itself mails nobody
    # 30 days before 6/1 is Saturday 5/2 (and 5/4–5/6 are holidays): Friday 5/1, 09:00 JST
    with clock.frozen_at(clock.jst_wall_clock(2026, 4, 30, 9, 0)):
        await _tick(context)
    assert await mails(sessionmaker) == []
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 1, 9, 0)):
        await _tick(context)  # scoring-api lists no open call yet
    assert sorted((m.recipient_user_id, m.subject) for m in await mails(sessionmaker)) == [
        ("kumamoto-approver", SUBJECT.format(days=31)),
        ("kumamoto-editor", SUBJECT.format(days=31)),
    ]
    world.calls = [
        {
            "id": 7,
            "prefecture_code": "430005",
            "title": CALL["title"],
            "closes_at": CALL["closes_at"],
        }
    ]
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 18, 9, 0)):
        await _tick(context)
    assert {m.subject for m in await mails(sessionmaker)} == {
        SUBJECT.format(days=31),
        SUBJECT.format(days=14),
    }
    assert {m.organisation for m in await mails(sessionmaker)} == {"430005"}


async def test_a_created_call_no_longer_listed_once_its_window_opened_stops_being_reminded(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event("scoring", "call.created", CALL)
    with clock.frozen_at(clock.jst_wall_clock(2026, 4, 1, 10, 0)):
        await _tick(context)
    # from 5/15 the call should be listed as open; it is not (closed early): no more reminders
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 18, 9, 0)):
        await _tick(context)
    async with sessionmaker() as session:
        active = await session.scalar(
            select(Deadline.active).where(Deadline.source_ref == "scoring:call:7")
        )
    assert active is False
    assert await mails(sessionmaker) == []


async def test_a_call_event_without_its_window_is_passed_over_and_the_feed_goes_on(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event("scoring", "call.created", {"call_id": 8, "title": "窓口なし"})
    world.add_event("scoring", "call.created", CALL)
    with clock.frozen_at(clock.jst_wall_clock(2026, 4, 1, 10, 0)):
        await _tick(context)
    async with sessionmaker() as session:
        sources = (await session.scalars(select(Deadline.source_ref))).all()
    assert "scoring:call:7" in sources
    assert "scoring:call:8" not in sources
