"""Every query of the organisation names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from plans_api.models import OrganisationName


async def names(session: AsyncSession, codes: Iterable[str]) -> dict[str, str]:
    """The names of those of ``codes`` the directory has given (the others are left out)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    rows = await session.execute(
        select(OrganisationName.code, OrganisationName.name).where(
            OrganisationName.code.in_(wanted)
        )
    )
    return {str(code): str(name) for code, name in rows}


async def replace_all(
    session: AsyncSession, rows: Sequence[dict[str, str | None]], synced_at: datetime
) -> None:
    """The directory's whole list in place of the last one (an organisation gone from the
    directory, e.g. after a merger, keeps its name: published plans still name it)."""
    codes = [str(row["code"]) for row in rows]
    existing = {
        row.code: row
        for row in await session.scalars(
            select(OrganisationName).where(OrganisationName.code.in_(codes))
        )
    }
    for row in rows:
        current = existing.get(str(row["code"]))
        if current is None:
            session.add(
                OrganisationName(
                    code=str(row["code"]),
                    name=str(row["name"]),
                    kind=str(row["kind"]),
                    prefecture=row["prefecture"],
                    synced_at=synced_at,
                )
            )
        else:
            current.name = str(row["name"])
            current.kind = str(row["kind"])
            current.prefecture = row["prefecture"]
            current.synced_at = synced_at
    await session.flush()
