"""Who may call the proposal routes: a prefecture's editors draft, its approvers submit, the
bureau of its block decides; anyone reads what the tenancy filter lets them see."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier, caller
from chiiki_common.db import SessionDep
from chiiki_common.errors import NotFound
from plans_api.models import CandidateProject
from plans_api.proposals import repository

ProposalId = Annotated[int, Path(ge=1, le=2**63 - 1, description="候補プロジェクト案件のID")]

ProposalReader = Annotated[Principal, caller()]
"""Any caller, seeing what :func:`plans_api.proposals.repository.readable` selects."""

ProposalEditor = Annotated[
    Principal,
    caller(
        tiers=[Tier.prefecture],
        roles=[Role.editor],
        refusal="候補プロジェクト案件は都道府県の編集者が作成・編集できます",
    ),
]
ProposalSubmitter = Annotated[
    Principal,
    caller(
        tiers=[Tier.prefecture],
        roles=[Role.approver],
        refusal="候補プロジェクト案件の提案は都道府県の承認者が行えます",
    ),
]
ProposalDecider = Annotated[
    Principal,
    caller(
        tiers=[Tier.bureau],
        roles=[Role.approver],
        refusal="候補プロジェクト案件の採否は地方経済産業局等の承認者が決定できます",
    ),
]


async def _readable_proposal(
    proposal_id: ProposalId, session: SessionDep, principal: CurrentPrincipal
) -> CandidateProject:
    proposal = await repository.get_readable(session, principal, proposal_id)
    if proposal is None:
        raise NotFound("候補プロジェクト案件が見つかりません")
    return proposal


VisibleProposal = Annotated[CandidateProject, Depends(_readable_proposal)]
"""A proposal the caller may read; 404 for any other, as for one that does not exist (before
anything that would tell it exists)."""
