"""Plain factory functions for notify's test data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.models import OutboxMail
from tests.notify.conftest import World, round_payload

LEADING_EXAMPLES_LAST_DAY = date(2026, 6, 5)
FIRST_BATCH_LAST_DAY = date(2026, 7, 15)
LEADING_EXAMPLES_CUTOFF = clock.jst_wall_clock(2026, 6, 6)
"""「2026年6月5日(金)までに」: the exclusive start of the next JST day, as plans-api answers."""
FIRST_BATCH_CUTOFF = clock.jst_wall_clock(2026, 7, 16)


def national_rounds(world: World) -> None:
    world.rounds = [
        round_payload(
            "2026-leading",
            "先行事例(2026年6月5日までの事前確認依頼)",
            LEADING_EXAMPLES_CUTOFF,
            LEADING_EXAMPLES_LAST_DAY,
        ),
        round_payload(
            "2026-batch-1",
            "第1弾(2026年7月15日までの事前確認依頼)",
            FIRST_BATCH_CUTOFF,
            FIRST_BATCH_LAST_DAY,
        ),
    ]


def demo_people(world: World) -> None:
    world.add_user("kumamoto-editor", "430005", "editor")
    world.add_user("kumamoto-approver", "430005", "approver")
    world.add_user("city-editor", "431001", "editor")
    world.add_user("kikuyo-editor", "434043", "editor")
    world.add_user("fukuoka-editor", "400009", "editor")


async def mails(sessionmaker: async_sessionmaker[AsyncSession]) -> Sequence[OutboxMail]:
    async with sessionmaker() as session:
        rows = await session.scalars(select(OutboxMail).order_by(OutboxMail.id))
        return rows.all()


async def mail_count(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxMail)) or 0)
