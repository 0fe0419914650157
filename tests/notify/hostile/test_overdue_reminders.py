"""A reminder whose moment passed while notify was not running, or before notify learnt of the
deadline, goes out on the next open day at 09:00 JST: never on a Saturday, a Sunday or a public
holiday. A reminder whose deadline has itself passed is not sent at all."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.models import Deadline, ReminderRun, ReminderRunState
from notify.scheduling import TaskContext
from tests.notify.conftest import World, round_payload
from tests.notify.factories import demo_people, mails


def _round_due(world: World, due_at: datetime) -> None:
    world.rounds = [round_payload("2026-batch-2", "第2弾(事前確認依頼)", due_at)]
    world.precheck_pending = {"430005"}
    demo_people(world)


async def _subjects(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str]:
    return sorted({m.subject for m in await mails(sessionmaker)})


async def _tick_at(context: TaskContext, moment: datetime, *, sync: bool = False) -> None:
    with clock.frozen_at(moment):
        if sync:
            await sync_deadlines(context)
        await send_due_reminders(context)


async def test_a_reminder_missed_on_friday_waits_out_the_weekend_and_goes_monday_at_nine(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _round_due(world, clock.jst_wall_clock(2026, 6, 26, 23, 59))  # Friday
    await _tick_at(context, clock.jst_wall_clock(2026, 6, 11, 9, 0), sync=True)  # Thursday
    assert await _subjects(sessionmaker) == ["【期限まであと15日】第2弾 事前確認依頼の期限"]
    # notify is down on Friday 6/12, when the 14-day reminder was due; it is back on Saturday
    for moment in (
        clock.jst_wall_clock(2026, 6, 13, 10, 0),
        clock.jst_wall_clock(2026, 6, 13, 18, 0),
        clock.jst_wall_clock(2026, 6, 14, 9, 0),
        clock.jst_wall_clock(2026, 6, 14, 23, 0),
        clock.jst_wall_clock(2026, 6, 15, 8, 59),
    ):
        await _tick_at(context, moment, sync=True)
        assert len(await mails(sessionmaker)) == 2, moment  # 熊本県's two people, Thursday's
    await _tick_at(context, clock.jst_wall_clock(2026, 6, 15, 9, 0))
    assert await _subjects(sessionmaker) == [
        "【期限まであと11日】第2弾 事前確認依頼の期限",
        "【期限まであと15日】第2弾 事前確認依頼の期限",
    ]
    monday = [m for m in await mails(sessionmaker) if "あと11日" in m.subject]
    assert sorted(m.recipient_user_id for m in monday) == ["kumamoto-approver", "kumamoto-editor"]
    assert {clock.to_jst(m.created_at) for m in monday} == {
        clock.to_jst(clock.jst_wall_clock(2026, 6, 15, 9, 0))
    }


async def test_a_deadline_learnt_on_saturday_before_a_holiday_monday_is_reminded_on_tuesday(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    # 2026-07-20 is 海の日 (Monday); the deadline is Friday 7/31, its 14-day reminder Friday 7/17
    _round_due(world, clock.jst_wall_clock(2026, 7, 31, 23, 59))
    for moment in (
        clock.jst_wall_clock(2026, 7, 18, 10, 0),  # notify learns of the deadline on Saturday
        clock.jst_wall_clock(2026, 7, 19, 9, 0),
        clock.jst_wall_clock(2026, 7, 20, 9, 0),
        clock.jst_wall_clock(2026, 7, 20, 15, 0),
        clock.jst_wall_clock(2026, 7, 21, 8, 59),
    ):
        await _tick_at(context, moment, sync=True)
        assert await mails(sessionmaker) == [], moment
    await _tick_at(context, clock.jst_wall_clock(2026, 7, 21, 9, 0))
    # one mail per person (the nearest overdue reminder), not one per missed offset
    sent = await mails(sessionmaker)
    assert sorted((m.recipient_user_id, m.subject) for m in sent) == [
        ("kumamoto-approver", "【期限まであと10日】第2弾 事前確認依頼の期限"),
        ("kumamoto-editor", "【期限まであと10日】第2弾 事前確認依頼の期限"),
    ]


async def test_an_overdue_reminder_whose_deadline_has_passed_is_never_sent(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    # due Sunday 6/14: the day-of reminder falls on Friday 6/12, when notify is down
    _round_due(world, clock.jst_wall_clock(2026, 6, 14, 23, 59))
    await _tick_at(context, clock.jst_wall_clock(2026, 6, 11, 9, 0), sync=True)
    assert await _subjects(sessionmaker) == ["【期限まであと3日】第2弾 事前確認依頼の期限"]
    for moment in (
        clock.jst_wall_clock(2026, 6, 13, 10, 0),
        clock.jst_wall_clock(2026, 6, 14, 10, 0),
        clock.jst_wall_clock(2026, 6, 15, 9, 0),
        clock.jst_wall_clock(2026, 6, 16, 9, 0),
    ):
        await _tick_at(context, moment)
    assert await _subjects(sessionmaker) == ["【期限まであと3日】第2弾 事前確認依頼の期限"]
    async with sessionmaker() as session:
        runs = (
            await session.scalars(
                select(ReminderRun)
                .join(Deadline, Deadline.id == ReminderRun.deadline_id)
                .where(Deadline.source_ref == "plans:round:2026-batch-2")
                .order_by(ReminderRun.send_on)
            )
        ).all()
    assert [(r.send_on, r.state) for r in runs if r.send_on >= date(2026, 6, 11)] == [
        (date(2026, 6, 11), ReminderRunState.done),
        (date(2026, 6, 12), ReminderRunState.skipped),
    ]
