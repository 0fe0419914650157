"""The rows of candidate projects, read through the one tenancy filter :func:`readable`."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal, Tier
from plans_api.models import CandidateProject, ProposalState


def _seen_by(principal: Principal) -> ColumnElement[bool]:
    """A prefecture sees its own proposals, drafts included; the bureau of a block sees the
    submitted proposals of its prefectures (submitted, returned, decided); the national side sees
    every submitted one. Municipalities, ministry systems and services see none."""
    not_draft = CandidateProject.state != ProposalState.draft.value
    if principal.tier is Tier.prefecture:
        return CandidateProject.organisation == principal.organisation
    if principal.tier is Tier.bureau:
        if not principal.block:
            return false()
        return not_draft & CandidateProject.prefecture.in_(sorted(principal.block))
    if principal.tier is Tier.national:
        return not_draft
    if principal.tier is Tier.municipality:
        return false()  # type A projects are proposed by prefectures only
    return false()  # ministry systems and services


def readable(principal: Principal) -> Select[CandidateProject]:
    """The proposals ``principal`` may read, to narrow further."""
    return select(CandidateProject).where(_seen_by(principal))


async def get_readable(
    session: AsyncSession, principal: Principal, proposal_id: int
) -> CandidateProject | None:
    query = readable(principal).where(CandidateProject.id == proposal_id)
    return (await session.scalars(query)).one_or_none()


async def page(
    session: AsyncSession,
    principal: Principal,
    *,
    state: ProposalState | None,
    strategic_field: str | None,
    limit: int,
    offset: int,
) -> tuple[list[CandidateProject], int]:
    """One page of the proposals ``principal`` reads, newest change first, and their count. A
    block receives tens of proposals, not thousands: the field filter (a JSON list, read alike on
    SQLite and PostgreSQL) runs on the rows read."""
    query = readable(principal).where(
        CandidateProject.state == state.value if state else true(),
    )
    rows = list(
        await session.scalars(
            query.order_by(CandidateProject.updated_at.desc(), CandidateProject.id.desc())
        )
    )
    if strategic_field:
        rows = [r for r in rows if strategic_field in r.strategic_fields]
    return rows[offset : offset + limit], len(rows)
