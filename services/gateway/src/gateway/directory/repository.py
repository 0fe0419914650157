"""Directory queries: active users by organisation and role, organisations by kind and prefecture."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from chiiki_common.auth import Role
from gateway.models import Organisation, User

SelectT = TypeVar("SelectT", bound=Select[Any])

_RANKED = (Role.viewer, Role.editor, Role.approver, Role.admin)


def roles_at_least(role: Role) -> list[Role]:
    """Roles that include ``role``: ranked for viewer..admin, exact for reviewer and publisher."""
    if role in _RANKED:
        return list(_RANKED[_RANKED.index(role) :])
    return [role]


def with_role(query: Select[User, Organisation], role: Role) -> Select[User, Organisation]:
    padded = literal(" ") + User.roles + literal(" ")
    return query.where(or_(*(padded.like(f"% {r.value} %") for r in roles_at_least(role))))


async def users(
    session: AsyncSession, *, organisation: str | None, role: Role | None
) -> list[tuple[User, Organisation]]:
    query = (
        select(User, Organisation)
        .join(Organisation, Organisation.code == User.organisation_code)
        .where(User.active.is_(True))
        .order_by(User.id)
    )
    if organisation:
        query = query.where(User.organisation_code == organisation)
    if role:
        query = with_role(query, role)
    return [(u, o) for u, o in (await session.execute(query)).all()]


async def organisations(
    session: AsyncSession,
    *,
    kind: str | None = None,
    prefecture: str | None = None,
    codes: list[str] | None = None,
) -> list[Organisation]:
    """Organisations by kind, prefecture and codes (every one when no filter is given), with the
    blocks of the bureaus among them."""
    query = (
        select(Organisation)
        .options(selectinload(Organisation.block_members))
        .order_by(Organisation.code)
    )
    if codes is not None:
        query = query.where(Organisation.code.in_(codes))
    if kind:
        query = query.where(Organisation.kind == kind)
    if prefecture:
        query = query.where(Organisation.prefecture == prefecture)
    return list(await session.scalars(query))
