"""Machine-client and signing-key queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from gateway.models import MachineClient, SigningKeyRecord


async def get_client(session: AsyncSession, client_id: str) -> MachineClient | None:
    return await session.get(MachineClient, client_id)


async def list_clients(session: AsyncSession) -> list[MachineClient]:
    return list(await session.scalars(select(MachineClient).order_by(MachineClient.client_id)))


async def live_key_records(session: AsyncSession) -> Sequence[SigningKeyRecord]:
    """The signing keys not retired, oldest first."""
    rows = await session.scalars(
        select(SigningKeyRecord)
        .where(SigningKeyRecord.retired_at.is_(None))
        .order_by(SigningKeyRecord.created_at, SigningKeyRecord.kid)
    )
    return rows.all()


async def retire_keys(session: AsyncSession, kids: list[str]) -> None:
    """Mark the signing keys ``kids`` retired as of now; returns nothing."""
    await session.execute(
        update(SigningKeyRecord)
        .where(SigningKeyRecord.kid.in_(kids))
        .values(retired_at=clock.now())
    )
