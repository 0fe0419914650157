"""Attachment queries: an attachment is visible exactly when its owner (an application, an
evidence filing) is, decided in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from scoring_api.models import Application, Attachment, Call, EvidenceFiling
from scoring_api.tenancy import prefecture_filter

APPLICATION = "application"
EVIDENCE = "evidence"


async def get_visible(
    session: AsyncSession, principal: Principal, attachment_id: int
) -> Attachment | None:
    a = Attachment
    application_visible = (
        select(Application.id)
        .join(Call, Call.id == Application.call_id)
        .where(Application.id == a.owner_id, prefecture_filter(principal, Call.prefecture))
        .exists()
    )
    filing_visible = (
        select(EvidenceFiling.id)
        .where(
            EvidenceFiling.id == a.owner_id,
            prefecture_filter(principal, EvidenceFiling.prefecture),
        )
        .exists()
    )
    return await session.scalar(
        select(a).where(
            a.id == attachment_id,
            or_(
                and_(a.owner_type == APPLICATION, application_visible),
                and_(a.owner_type == EVIDENCE, filing_visible),
            ),
        )
    )


async def list_for(session: AsyncSession, owner_type: str, owner_id: int) -> Sequence[Attachment]:
    rows = await session.scalars(
        select(Attachment)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id)
        .order_by(Attachment.id)
    )
    return rows.all()
