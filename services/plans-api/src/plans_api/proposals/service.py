"""候補プロジェクト案件: a prefecture drafts a proposal, its approver submits it (every
requirement met), and the bureau of its block adopts it into the block's draft, returns it for
changes, or does not adopt it. Each write raises the version (If-Match), is audited, and a
submission and a decision are published as events."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    PreconditionFailed,
    ValidationFailed,
)
from chiiki_common.outbox import emit
from plans_api.directory.service import names_of, organisation_label
from plans_api.models import AuditRecord, CandidateProject, OutboxEvent, ProposalState
from plans_api.organisations import prefecture_name
from plans_api.proposals.schemas import (
    DecisionIn,
    Investment,
    ProposalContent,
    ProposalIn,
    ProposalOut,
    ProposalPatch,
)
from plans_api.proposals.validation import submission_problems

CONTENT_FIELDS = tuple(ProposalContent.model_fields)
EDITABLE = frozenset({ProposalState.draft, ProposalState.returned})
STALE = "候補プロジェクト案件は他の利用者によって更新されています。最新の内容を取得してから操作してください"

DECISIONS: dict[str, ProposalState] = {
    "adopt": ProposalState.adopted,
    "return": ProposalState.returned,
    "not_adopt": ProposalState.not_adopted,
}


def content_of(proposal: CandidateProject) -> ProposalContent:
    return ProposalContent.model_validate(proposal.content)


async def out(session: AsyncSession, proposal: CandidateProject) -> ProposalOut:
    names = await names_of(session, [proposal.organisation])
    content = content_of(proposal)
    return ProposalOut(
        id=proposal.id,
        organisation=proposal.organisation,
        organisation_name=organisation_label(proposal.organisation, names),
        prefecture=proposal.prefecture,
        title=proposal.title,
        strategic_fields=list(proposal.strategic_fields),
        field_alignment=content.field_alignment,
        draft_alignment=content.draft_alignment,
        budget_coordination=content.budget_coordination,
        investment=content.investment,
        labour_environment=content.labour_environment,
        state=proposal.state,
        state_label=ProposalState(proposal.state).label,
        version=proposal.version,
        created_at=proposal.created_at,
        updated_at=proposal.updated_at,
        submitted_at=proposal.submitted_at,
        decided_at=proposal.decided_at,
        decision_comment=proposal.decision_comment,
    )


def _payload(proposal: CandidateProject) -> dict[str, Any]:
    """What notify needs to write to the bureau of the block (``prefecture``) or to the
    prefecture, in words: the prefecture's name and the state's."""
    return {
        "proposal_id": proposal.id,
        "title": proposal.title,
        "organisation": proposal.organisation,
        "organisation_name": prefecture_name(proposal.prefecture),
        "prefecture": proposal.prefecture,
        "state": proposal.state,
        "state_label": ProposalState(proposal.state).label,
    }


async def _audit(
    session: AsyncSession, principal: Principal, proposal: CandidateProject, action: str
) -> None:
    await record_audit(
        session,
        AuditRecord,
        principal,
        action=f"proposal.{action}",
        resource_type="candidate_project",
        resource_id=proposal.id,
        details={"state": proposal.state, "version": proposal.version},
    )


def _check_version(proposal: CandidateProject, expected: int) -> None:
    if proposal.version != expected:
        raise PreconditionFailed(STALE)


def _touch(proposal: CandidateProject) -> None:
    proposal.version += 1
    proposal.updated_at = clock.now()


async def create(session: AsyncSession, principal: Principal, body: ProposalIn) -> CandidateProject:
    """A new draft of the caller's prefecture."""
    now = clock.now()
    proposal = CandidateProject(
        organisation=principal.organisation,
        prefecture=principal.organisation[:2],
        title=body.title,
        strategic_fields=list(dict.fromkeys(body.strategic_fields)),
        content=ProposalContent.model_validate(
            body.model_dump(include=set(CONTENT_FIELDS))
        ).model_dump(mode="json"),
        state=ProposalState.draft.value,
        version=1,
        created_by=principal.subject,
        created_at=now,
        updated_at=now,
    )
    session.add(proposal)
    await session.flush()
    await _audit(session, principal, proposal, "create")
    return proposal


def _ensure_own(principal: Principal, proposal: CandidateProject) -> None:
    if proposal.organisation != principal.organisation:
        raise Forbidden("この候補プロジェクト案件の提案団体ではないため、閲覧のみ可能です")


async def update(
    session: AsyncSession,
    principal: Principal,
    proposal: CandidateProject,
    body: ProposalPatch,
    expected: int,
) -> CandidateProject:
    """Change a draft or a returned proposal of the caller's prefecture."""
    _ensure_own(principal, proposal)
    _check_version(proposal, expected)
    if ProposalState(proposal.state) not in EDITABLE:
        raise Conflict("提案済み・採否決定済みの候補プロジェクト案件は編集できません")
    changed = body.model_fields_set
    if "title" in changed and body.title is not None:
        proposal.title = body.title
    if "strategic_fields" in changed:
        proposal.strategic_fields = list(dict.fromkeys(body.strategic_fields or []))
    content = content_of(proposal).model_dump(mode="json")
    for name in CONTENT_FIELDS:
        if name in changed:
            value = getattr(body, name)
            if value is None and name == "investment":
                value = Investment()
            elif value is None and name == "budget_coordination":
                value = []
            content[name] = ProposalContent.model_validate({name: value}).model_dump(mode="json")[
                name
            ]
    proposal.content = content
    _touch(proposal)
    await _audit(session, principal, proposal, "update")
    return proposal


def problems(proposal: CandidateProject) -> list[FieldProblem]:
    """What the proposal does not show yet of the four requirements."""
    return submission_problems(
        proposal.title, list(proposal.strategic_fields), content_of(proposal), clock.today_jst()
    )


async def submit(
    session: AsyncSession, principal: Principal, proposal: CandidateProject, expected: int
) -> CandidateProject:
    """Submit the proposal to the bureau of its block (every requirement met, else 422 naming
    each field)."""
    _ensure_own(principal, proposal)
    _check_version(proposal, expected)
    if ProposalState(proposal.state) not in EDITABLE:
        raise Conflict("この候補プロジェクト案件はすでに提案済みです")
    if found := problems(proposal):
        raise ValidationFailed("提案の要件を満たしていない項目があります", errors=found)
    proposal.state = ProposalState.submitted.value
    proposal.submitted_at = clock.now()
    proposal.decided_at = None
    proposal.decided_by = None
    _touch(proposal)
    await _audit(session, principal, proposal, "submit")
    emit(
        session,
        OutboxEvent,
        "proposal.submitted",
        aggregate_type="candidate_project",
        aggregate_id=proposal.id,
        payload=_payload(proposal),
    )
    return proposal


async def decide(
    session: AsyncSession,
    principal: Principal,
    proposal: CandidateProject,
    body: DecisionIn,
    expected: int,
) -> CandidateProject:
    """The bureau's decision on a submitted proposal of its block."""
    if proposal.prefecture not in principal.block:
        raise Forbidden("この候補プロジェクト案件はブロック外の都道府県のものです")
    _check_version(proposal, expected)
    if ProposalState(proposal.state) is not ProposalState.submitted:
        raise Conflict("採否を決定できるのは提案済みの候補プロジェクト案件のみです")
    comment = (body.comment or "").strip()
    if body.decision != "adopt" and not comment:
        raise ValidationFailed(
            "理由を入力してください",
            errors=[
                FieldProblem(
                    field="comment",
                    message="差戻し・不採用の理由を入力してください",
                    code="proposal.comment_missing",
                )
            ],
        )
    proposal.state = DECISIONS[body.decision].value
    proposal.decided_at = clock.now()
    proposal.decided_by = principal.subject
    proposal.decision_comment = comment or None
    _touch(proposal)
    await _audit(session, principal, proposal, "decide")
    emit(
        session,
        OutboxEvent,
        "proposal.decided",
        aggregate_type="candidate_project",
        aggregate_id=proposal.id,
        payload={**_payload(proposal), "comment": proposal.decision_comment},
    )
    return proposal
