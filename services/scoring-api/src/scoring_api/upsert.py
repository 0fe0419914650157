"""INSERT … ON CONFLICT DO UPDATE for SQLite and PostgreSQL (both dialects have it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


async def upsert(
    session: AsyncSession,
    model: type[Any],
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
) -> None:
    """Insert ``rows``; where ``keys`` already exist, overwrite every other column."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    module: Any = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(model)
    updated = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    await session.execute(
        statement.on_conflict_do_update(index_elements=list(keys), set_=updated), list(rows)
    )
