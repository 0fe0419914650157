"""``/api/proposals``: a prefecture's 候補プロジェクト案件 for a 戦略産業クラスター計画 (type A),
from its draft to the decision of the bureau of its block."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.models import CandidateProject, ProposalState
from plans_api.plans.auth import ExpectedVersion
from plans_api.plans.schemas import StrategicField
from plans_api.plans.service import etag
from plans_api.proposals import repository, service
from plans_api.proposals.auth import (
    ProposalDecider,
    ProposalEditor,
    ProposalReader,
    ProposalSubmitter,
    VisibleProposal,
)
from plans_api.proposals.schemas import DecisionIn, ProposalIn, ProposalOut, ProposalPatch

router = APIRouter(prefix="/api/proposals", tags=["proposals"])


async def _answer(
    session: AsyncSession, response: Response, proposal: CandidateProject
) -> ProposalOut:
    out = await service.out(session, proposal)
    response.headers["ETag"] = etag(out.version)
    return out


@router.get("", response_model=Page[ProposalOut])
async def list_proposals(
    session: SessionDep,
    principal: ProposalReader,
    page: PageDep,
    state: Annotated[ProposalState | None, Query(description="状態で絞り込む")] = None,
    strategic_field: Annotated[
        StrategicField | None, Query(description="17の戦略分野で絞り込む")
    ] = None,
) -> Page[ProposalOut]:
    """The proposals the caller reads: a prefecture its own, a bureau those submitted by the
    prefectures of its block, the national side every submitted one."""
    rows, total = await repository.page(
        session,
        principal,
        state=state,
        strategic_field=strategic_field,
        limit=page.limit,
        offset=page.offset,
    )
    return Page(
        items=[await service.out(session, r) for r in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("", response_model=ProposalOut, status_code=status.HTTP_201_CREATED)
async def create_proposal(
    body: ProposalIn, session: SessionDep, principal: ProposalEditor, response: Response
) -> ProposalOut:
    """A new draft of the caller's prefecture (a prefecture's editor)."""
    proposal = await service.create(session, principal, body)
    return await _answer(session, response, proposal)


@router.get("/{proposal_id}", response_model=ProposalOut)
async def get_proposal(
    proposal: VisibleProposal, session: SessionDep, principal: ProposalReader, response: Response
) -> ProposalOut:
    """One proposal; the ETag header carries its version for If-Match."""
    return await _answer(session, response, proposal)


@router.patch("/{proposal_id}", response_model=ProposalOut)
async def update_proposal(
    proposal: VisibleProposal,
    body: ProposalPatch,
    expected: ExpectedVersion,
    session: SessionDep,
    principal: ProposalEditor,
    response: Response,
) -> ProposalOut:
    """Change a draft or a returned proposal (its prefecture's editor; If-Match)."""
    await service.update(session, principal, proposal, body, expected)
    return await _answer(session, response, proposal)


@router.post("/{proposal_id}/submit", response_model=ProposalOut)
async def submit_proposal(
    proposal: VisibleProposal,
    expected: ExpectedVersion,
    session: SessionDep,
    principal: ProposalSubmitter,
    response: Response,
) -> ProposalOut:
    """Submit the proposal to the bureau of its block (its prefecture's approver; If-Match).
    422 names every requirement not yet met."""
    await service.submit(session, principal, proposal, expected)
    return await _answer(session, response, proposal)


@router.post("/{proposal_id}/decision", response_model=ProposalOut)
async def decide_proposal(
    proposal: VisibleProposal,
    body: DecisionIn,
    expected: ExpectedVersion,
    session: SessionDep,
    principal: ProposalDecider,
    response: Response,
) -> ProposalOut:
    """Adopt, return or not adopt a submitted proposal (an approver of the bureau of its block;
    If-Match). Returning and not adopting say why."""
    await service.decide(session, principal, proposal, body, expected)
    return await _answer(session, response, proposal)
