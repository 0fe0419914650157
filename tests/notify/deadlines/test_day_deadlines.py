"""A round is its last day (「2026年7月15日(水)までに」): reminders count back from that day, the
day itself included, the wording says 本日 on it and あと1日 the day before, each round's reminder
goes to that round's audience, and the calendar links open the deadline in the SPA."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines import business_days, ical
from notify.deadlines.service import round_spec
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.models import Deadline, ReminderRun
from notify.scheduling import TaskContext
from notify.upstream import Round
from tests.notify.conftest import World
from tests.notify.factories import FIRST_BATCH_CUTOFF, demo_people, mails, national_rounds


def _first_batch_only(world: World) -> None:
    national_rounds(world)
    world.rounds = world.rounds[1:]
    demo_people(world)
    world.precheck_pending = {"430005"}


async def _runs(sessionmaker: async_sessionmaker[AsyncSession]) -> set[tuple[int, date]]:
    async with sessionmaker() as session:
        rows = await session.scalars(select(ReminderRun))
        return {(r.offset_days, r.send_on) for r in rows}


async def test_the_last_day_itself_gets_its_reminder_saying_today(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _first_batch_only(world)
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 14, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 15, 9, 0)):
        await send_due_reminders(context)
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 16, 9, 0)):
        await send_due_reminders(context)  # the round is over: nothing more
    assert (0, date(2026, 7, 15)) in await _runs(sessionmaker)
    subjects = sorted({(m.subject, m.body_text.splitlines()[2]) for m in await mails(sessionmaker)})
    assert subjects == [
        (
            "【期限まであと1日】第1弾 事前確認依頼の期限",
            "「第1弾 事前確認依頼の期限」の期限が近づいています。期限まであと1日です。",
        ),
        (
            "【本日期限】第1弾 事前確認依頼の期限",
            "「第1弾 事前確認依頼の期限」の期限が近づいています。本日が期限です。",
        ),
    ]
    today = [m for m in await mails(sessionmaker) if m.subject.startswith("【本日期限】")]
    assert all("期限: 令和8年7月15日(水)まで(日本時間)" in m.body_text for m in today)


def test_a_round_without_its_last_day_is_read_from_the_exclusive_cutoff() -> None:
    spec = round_spec(Round(code="r", name="第1弾", cutoff_at=FIRST_BATCH_CUTOFF))
    assert (spec.last_day, spec.due_at) == (date(2026, 7, 15), FIRST_BATCH_CUTOFF)
    # a 23:59 cutoff of the old model is read as that day, and the deadline is the day's end
    old = round_spec(
        Round(code="r", name="第1弾", cutoff_at=clock.jst_wall_clock(2026, 7, 15, 23, 59))
    )
    assert (old.last_day, old.due_at) == (date(2026, 7, 15), FIRST_BATCH_CUTOFF)


def test_a_day_deadline_on_a_closed_day_is_reminded_the_open_day_before() -> None:
    # 2026-07-18 is a Saturday: its "day itself" reminder goes out on Friday 7/17
    assert business_days.reminder_day(date(2026, 7, 18), 0) == date(2026, 7, 17)
    assert business_days.days_left(date(2026, 7, 18), date(2026, 7, 17)) == 1


async def test_each_rounds_reminder_goes_to_that_rounds_audience(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    national_rounds(world)
    demo_people(world)
    # 菊陽町 asked 熊本県 in the first batch and its plan waits there: plans-api names the
    # prefecture for that round; without a round it would answer the municipality
    world.precheck_pending = {"434043"}
    world.precheck_pending_by_round = {"2026-batch-1": {"430005"}, "2026-leading": set()}
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 14, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    sent = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in sent) == ["kumamoto-approver", "kumamoto-editor"]
    assert "kikuyo-editor" not in {m.recipient_user_id for m in sent}
    assert "plans/internal/deadline-audiences/precheck-pending" in world.requests


async def test_the_calendar_links_open_the_deadline_page_of_the_spa(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _first_batch_only(world)
    with clock.frozen_at(clock.jst_wall_clock(2026, 7, 14, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    async with sessionmaker() as session:
        deadline = await session.scalar(
            select(Deadline).where(Deadline.source_ref == "plans:round:2026-batch-1")
        )
    assert deadline is not None
    body = ical.calendar(
        [deadline], domain="test.example.jp", base_url="https://chiiki.example.jp/"
    )
    link = f"https://chiiki.example.jp/notifications/deadlines/{deadline.id}"
    assert f"URL:{link}" in body
    assert "/deadlines\r\n" not in body  # the old link, a 404 in the SPA
    [mail, *_] = await mails(sessionmaker)
    assert f"詳細: {link}" in mail.body_text


def test_closed_days_name_the_holidays_and_the_year_end_closure() -> None:
    days = business_days.closed_days(date(2026, 12, 28), date(2027, 1, 12))
    assert days == [
        (date(2026, 12, 29), "年末年始の休日"),
        (date(2026, 12, 30), "年末年始の休日"),
        (date(2026, 12, 31), "年末年始の休日"),
        (date(2027, 1, 1), "元日"),
        (date(2027, 1, 2), "年末年始の休日"),
        (date(2027, 1, 3), "年末年始の休日"),
        (date(2027, 1, 11), "成人の日"),
    ]
    # an ordinary week has none; a 振替休日 is named
    assert business_days.closed_days(date(2026, 6, 1), date(2026, 6, 7)) == []
    assert (date(2026, 5, 6), "振替休日") in business_days.closed_days(
        date(2026, 5, 1), date(2026, 5, 7)
    )
    assert (date(2026, 7, 20), "海の日") in business_days.closed_days(
        date(2026, 7, 1), date(2026, 7, 31)
    )
