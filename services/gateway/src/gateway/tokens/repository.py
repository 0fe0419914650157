"""Machine-client queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import MachineClient


async def get_client(session: AsyncSession, client_id: str) -> MachineClient | None:
    return await session.get(MachineClient, client_id)


async def list_clients(session: AsyncSession) -> list[MachineClient]:
    return list(await session.scalars(select(MachineClient).order_by(MachineClient.client_id)))
