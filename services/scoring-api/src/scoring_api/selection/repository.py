"""The rows of pushing selections to plans-api: claiming the next pending one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from scoring_api.models import Application, Call, Selection


async def claim_next(session: AsyncSession, after_id: int) -> tuple[Selection, str] | None:
    """The next pending selection and its call's prefecture."""
    query = (
        select(Selection, Call.prefecture)
        .join(Application, Application.id == Selection.application_id)
        .join(Call, Call.id == Application.call_id)
        .where(Selection.status == "pending", Selection.id > after_id)
        .order_by(Selection.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Selection)
    row = (await session.execute(query)).first()
    return (row[0], row[1]) if row else None
