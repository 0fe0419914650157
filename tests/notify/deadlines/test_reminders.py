"""Reminders before deadlines: due at 09:00 JST on business days, recipients from the state at
that moment, one mail per (deadline, offset, recipient) however often the scheduler ticks."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.models import Deadline, ReminderRun
from notify.scheduling import TaskContext
from tests.notify.conftest import World
from tests.notify.factories import demo_people, mail_count, mails, national_rounds

MAY_20_0900 = clock.jst_wall_clock(2026, 5, 20, 9, 0)
MAY_22_0900 = clock.jst_wall_clock(2026, 5, 22, 9, 0)


def _prepare(world: World) -> None:
    national_rounds(world)
    demo_people(world)
    world.precheck_pending = {"430005", "431001"}


async def test_as_of_may_20_0900_jst_the_reminders_due_before_june_5_are_produced(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await send_due_reminders(context)
    sent = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in sent) == [
        "city-editor",
        "kumamoto-approver",
        "kumamoto-editor",
    ]
    assert {m.subject for m in sent} == {"【期限まであと16日】先行事例 事前確認依頼の期限"}
    # the round is its last day (「…までに」 = until the end of that JST day), never 23:59
    assert "期限: 令和8年6月5日(金)まで(日本時間)" in sent[0].body_text
    assert "23:59" not in sent[0].body_text
    assert all(m.mandatory and m.reason == "reminder.national_round" for m in sent)
    async with sessionmaker() as session:
        first_batch = await session.scalar(
            select(Deadline).where(Deadline.source_ref == "plans:round:2026-batch-1")
        )
        assert first_batch is not None
        runs = (
            await session.scalars(
                select(ReminderRun).where(ReminderRun.deadline_id == first_batch.id)
            )
        ).all()
    assert {(r.offset_days, r.send_on) for r in runs} == {
        (30, date(2026, 6, 15)),
        (14, date(2026, 7, 1)),
        (7, date(2026, 7, 8)),
        (3, date(2026, 7, 10)),
        (1, date(2026, 7, 14)),
        (0, date(2026, 7, 15)),
    }


async def test_a_second_tick_and_a_second_replica_never_make_a_second_mail(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await asyncio.gather(send_due_reminders(context), send_due_reminders(context))
        await send_due_reminders(context)
    assert await mail_count(sessionmaker) == 3


async def test_a_plan_requested_on_time_stops_getting_reminders(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await send_due_reminders(context)
    world.precheck_pending.discard("431001")  # 熊本市 requested its pre-check on 5/21
    with clock.frozen_at(MAY_22_0900):
        await send_due_reminders(context)
    fourteen_day = [m for m in await mails(sessionmaker) if "あと14日" in m.subject]
    assert sorted(m.recipient_user_id for m in fourteen_day) == [
        "kumamoto-approver",
        "kumamoto-editor",
    ]


async def test_nothing_goes_out_before_0900_jst_on_the_business_day(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await send_due_reminders(context)
    with clock.frozen_at(MAY_22_0900 - timedelta(minutes=1)):
        await send_due_reminders(context)
    assert await mail_count(sessionmaker) == 3


async def test_call_closing_reminds_its_prefecture_only_while_the_call_is_open(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.calls = [
        {
            "id": 7,
            "prefecture_code": "430005",
            "title": "熊本県 半導体関連 重点支援企業",
            "closes_at": clock.jst_wall_clock(2026, 6, 1, 12, 0).isoformat(),
        }
    ]
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await send_due_reminders(context)
    sent = await mails(sessionmaker)
    # the 30-day reminder (5/1) was overtaken by the 14-day one (5/18): one mail each, not two
    assert sorted((m.recipient_user_id, m.subject) for m in sent) == [
        ("kumamoto-approver", "【期限まであと12日】公募「熊本県 半導体関連 重点支援企業」の締切"),
        ("kumamoto-editor", "【期限まであと12日】公募「熊本県 半導体関連 重点支援企業」の締切"),
    ]
    world.calls = []  # closed early
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 29, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    assert await mail_count(sessionmaker) == 2


async def test_an_unavailable_upstream_leaves_the_reminder_for_the_next_tick(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        world.failing.add("gateway")
        await send_due_reminders(context)
        assert await mail_count(sessionmaker) == 0
        world.failing.clear()
        await send_due_reminders(context)
    assert await mail_count(sessionmaker) == 3


async def test_a_moved_round_gets_reminders_for_its_new_date(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
        await send_due_reminders(context)
        world.rounds[0]["cutoff_at"] = clock.jst_wall_clock(2026, 6, 13).isoformat()
        world.rounds[0]["last_day"] = "2026-06-12"
        await sync_deadlines(context)
        await send_due_reminders(context)
    subjects = sorted({m.subject for m in await mails(sessionmaker)})
    assert subjects == [
        "【期限まであと16日】先行事例 事前確認依頼の期限",
        "【期限まであと23日】先行事例 事前確認依頼の期限",
    ]


async def test_kpi_reports_are_deadlines_for_published_plans_authors(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.published_authors = {"434043"}
    with clock.frozen_at(clock.jst_wall_clock(2026, 10, 1, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    sent = await mails(sessionmaker)
    assert [(m.recipient_user_id, m.subject) for m in sent] == [
        ("kikuyo-editor", "【期限まであと30日】KPI実績報告(令和8年度上半期)")
    ]


async def test_a_sync_that_changes_nothing_leaves_the_deadlines_untouched(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _prepare(world)
    with clock.frozen_at(MAY_20_0900):
        await sync_deadlines(context)
    with clock.frozen_at(MAY_20_0900 + timedelta(hours=1)):
        await sync_deadlines(context)
    async with sessionmaker() as session:
        stamps = set((await session.scalars(select(Deadline.updated_at))).all())
    assert stamps == {MAY_20_0900}
