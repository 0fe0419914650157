"""Call and application queries; an application is visible exactly when its call is."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from scoring_api.models import Application, ApplicationDecision, Call, DocumentWaiver, Selection
from scoring_api.tenancy import prefecture_filter


async def get_call(session: AsyncSession, principal: Principal, call_id: int) -> Call | None:
    return await session.scalar(
        select(Call).where(Call.id == call_id, prefecture_filter(principal, Call.prefecture))
    )


async def list_calls(session: AsyncSession, principal: Principal) -> Sequence[Call]:
    rows = await session.scalars(
        select(Call).where(prefecture_filter(principal, Call.prefecture)).order_by(Call.id)
    )
    return rows.all()


async def open_calls(session: AsyncSession, now: datetime) -> Sequence[Call]:
    rows = await session.scalars(
        select(Call).where(Call.opens_at <= now, Call.closes_at > now).order_by(Call.closes_at)
    )
    return rows.all()


async def get_application(
    session: AsyncSession, principal: Principal, application_id: int
) -> tuple[Application, Call] | None:
    row = (
        await session.execute(
            select(Application, Call)
            .join(Call, Call.id == Application.call_id)
            .where(Application.id == application_id, prefecture_filter(principal, Call.prefecture))
        )
    ).first()
    return (row[0], row[1]) if row else None


async def list_applications(session: AsyncSession, call_id: int) -> Sequence[Application]:
    rows = await session.scalars(
        select(Application).where(Application.call_id == call_id).order_by(Application.id)
    )
    return rows.all()


async def application_exists(session: AsyncSession, call_id: int, corporate_number: str) -> bool:
    return bool(
        await session.scalar(
            select(
                exists().where(
                    Application.call_id == call_id,
                    Application.corporate_number == corporate_number,
                )
            )
        )
    )


async def decisions(session: AsyncSession, application_id: int) -> Sequence[ApplicationDecision]:
    rows = await session.scalars(
        select(ApplicationDecision)
        .where(ApplicationDecision.application_id == application_id)
        .order_by(ApplicationDecision.id)
    )
    return rows.all()


async def selection_of(session: AsyncSession, application_id: int) -> Selection | None:
    return await session.scalar(select(Selection).where(Selection.application_id == application_id))


async def waivers(session: AsyncSession, application_id: int) -> Sequence[DocumentWaiver]:
    rows = await session.scalars(
        select(DocumentWaiver)
        .where(DocumentWaiver.application_id == application_id)
        .order_by(DocumentWaiver.id)
    )
    return rows.all()
