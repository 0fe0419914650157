"""Rules of calls (公募) and applications: the window, criteria, assessment, decisions, selection.

Applications are received only inside the call's window (seed 003: 令和8年5月15日〜6月1日正午);
outside it the answer is a refusal and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role
from chiiki_common.db import AfterCommit, after_commit
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from chiiki_common.outbox import emit
from chiiki_common.validators import prefecture_code
from scoring_api.attachments import repository as attachments
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.attachments.service import add_attachment
from scoring_api.calls import criteria, repository
from scoring_api.calls.schemas import (
    ApplicationCreate,
    ApplicationOut,
    AssessmentIn,
    CallCreate,
    DecisionIn,
    DecisionOut,
    SelectionOut,
)
from scoring_api.companies.schemas import FiguresIn
from scoring_api.companies.service import figure_problems
from scoring_api.models import (
    Application,
    ApplicationDecision,
    Attachment,
    AuditRecord,
    Call,
    OutboxEvent,
    Selection,
)
from scoring_api.permissions import ensure_prefecture_role
from scoring_api.scores.formulas import share

log = structlog.get_logger("scoring.calls")

OTHER_DOCUMENT = "other"


def _window_text(call: Call) -> str:
    opens, closes = clock.to_jst(call.opens_at), clock.to_jst(call.closes_at)
    return (
        f"{clock.wareki(opens.date())} {opens:%H:%M} 〜 "
        f"{clock.wareki(closes.date())} {closes:%H:%M}(日本時間)"
    )


def is_open(call: Call) -> bool:
    return call.opens_at <= clock.now() < call.closes_at


async def create_call(session: AsyncSession, principal: Principal, body: CallCreate) -> Call:
    """A prefecture approver opens a call for its own prefecture."""
    prefecture = ensure_prefecture_role(principal, Role.approver)
    if body.closes_at <= body.opens_at:
        raise ValidationFailed(
            errors=[FieldProblem(field="closes_at", message="締切は募集開始より後にしてください")]
        )
    data = body.model_dump()
    call = Call(
        **data,
        prefecture=prefecture,
        organisation=principal.organisation,
        created_by=principal.subject,
        created_at=clock.now(),
    )
    session.add(call)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="call.create",
        resource_type="call",
        resource_id=call.id,
    )
    return call


async def visible_call(session: AsyncSession, principal: Principal, call_id: int) -> Call:
    call = await repository.get_call(session, principal, call_id)
    if call is None:
        raise NotFound("公募が見つかりません")
    return call


async def list_calls(session: AsyncSession, principal: Principal) -> Sequence[Call]:
    return await repository.list_calls(session, principal)


async def set_plan(session: AsyncSession, principal: Principal, call_id: int, plan_id: str) -> Call:
    call = await visible_call(session, principal, call_id)
    ensure_prefecture_role(principal, Role.approver)
    call.plan_id = plan_id
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="call.set_plan",
        resource_type="call",
        resource_id=call.id,
        details={"plan_id": plan_id},
    )
    return call


def _ensure_window(call: Call) -> None:
    if not is_open(call):
        now = clock.now()
        state = "募集開始前です" if now < call.opens_at else "募集期間は終了しました"
        raise Conflict(
            f"{state}。募集期間は {_window_text(call)} です",
            title="募集期間外のため受け付けられません",
        )


async def submit_application(
    session: AsyncSession, principal: Principal, call_id: int, body: ApplicationCreate
) -> tuple[Application, Call]:
    """Submitted by the call's prefecture on the company's behalf; all checks come before any
    write, so a refusal stores nothing."""
    call = await visible_call(session, principal, call_id)
    ensure_prefecture_role(principal, Role.editor)
    _ensure_window(call)
    problems = figure_problems(
        FiguresIn(
            sales=body.sales,
            out_of_prefecture_sales=body.out_of_prefecture_sales,
            purchases=body.purchases,
            in_prefecture_purchases=body.in_prefecture_purchases,
        )
    )
    required = {item["code"]: item["label"] for item in call.required_consents}
    problems += [
        FieldProblem(field="consents", message=f"「{label}」への同意が必要です")
        for code, label in required.items()
        if code not in body.consents
    ]
    problems += [
        FieldProblem(field="consents", message=f"この公募にない同意項目です: {code}")
        for code in body.consents
        if code not in required
    ]
    if problems:
        raise ValidationFailed(errors=problems)
    if await repository.application_exists(session, call.id, body.corporate_number):
        raise Conflict("この企業は既にこの公募に応募しています")
    application = Application(
        **body.model_dump(),
        call_id=call.id,
        status="received",
        submitted_by=principal.subject,
        submitted_at=clock.now(),
    )
    session.add(application)
    await session.flush()
    emit(
        session,
        OutboxEvent,
        "application.received",
        aggregate_type="application",
        aggregate_id=application.id,
        payload={
            "call_id": call.id,
            "application_id": application.id,
            "prefecture_code": prefecture_code(call.prefecture),
            "company_name": application.company_name,
            "call_title": call.title,
            "organisations": [call.organisation],
        },
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="application.submit",
        resource_type="application",
        resource_id=application.id,
    )
    log.info("scoring.application.received", call=call.id, application=application.id)
    return application, call


async def visible_application(
    session: AsyncSession, principal: Principal, application_id: int
) -> tuple[Application, Call]:
    found = await repository.get_application(session, principal, application_id)
    if found is None:
        raise NotFound("応募が見つかりません")
    return found


async def list_applications(
    session: AsyncSession, principal: Principal, call_id: int
) -> Sequence[Application]:
    call = await visible_call(session, principal, call_id)
    return await repository.list_applications(session, call.id)


async def application_detail(
    session: AsyncSession, application: Application, call: Call
) -> ApplicationOut:
    files = await attachments.list_for(session, attachments.APPLICATION, application.id)
    history = await repository.decisions(session, application.id)
    selection = await repository.selection_of(session, application.id)
    out = ApplicationOut.model_validate(application)
    return out.model_copy(
        update={
            "connector_ratio": share(application.out_of_prefecture_sales, application.sales),
            "hub_ratio": share(application.in_prefecture_purchases, application.purchases),
            "criteria": criteria.evaluate(call, application, (f.document_type for f in files)),
            "decisions": [DecisionOut.model_validate(d) for d in history],
            "attachments": [AttachmentOut.model_validate(f) for f in files],
            "selection": SelectionOut.model_validate(selection) if selection else None,
        }
    )


async def attach_document(
    session: AsyncSession,
    principal: Principal,
    application_id: int,
    *,
    folder: str,
    document_type: str,
    filename: str,
    content: bytes,
) -> Attachment:
    """Documents belong to the application, so they too are accepted only inside the window."""
    application, call = await visible_application(session, principal, application_id)
    ensure_prefecture_role(principal, Role.editor)
    _ensure_window(call)
    allowed = {item["code"] for item in call.required_documents} | {OTHER_DOCUMENT}
    if document_type not in allowed:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="document_type",
                    message="この公募の応募書類の種類を指定してください: "
                    + ", ".join(sorted(allowed)),
                )
            ]
        )
    return await add_attachment(
        session,
        principal,
        folder=folder,
        owner_type=attachments.APPLICATION,
        owner_id=application.id,
        document_type=document_type,
        filename=filename,
        content=content,
    )


async def assess(
    session: AsyncSession, principal: Principal, application_id: int, body: AssessmentIn
) -> tuple[Application, Call]:
    application, call = await visible_application(session, principal, application_id)
    ensure_prefecture_role(principal, Role.editor)
    for name, value in body.model_dump().items():
        setattr(application, name, value)
    application.assessed_by = principal.subject
    application.assessed_at = clock.now()
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="application.assess",
        resource_type="application",
        resource_id=application.id,
    )
    return application, call


ALLOWED_DECISIONS = {
    "received": {"selected", "declined"},
    "declined": {"selected"},
    "selected": set(),
}
"""A declined application may be reconsidered; a selection is final (it is pushed to the plan)."""


def _scale(application: Application) -> str:
    return f"従業員 {application.employees:,}名・売上高 {criteria.yen(application.sales)}"


async def decide(
    session: AsyncSession,
    principal: Principal,
    application_id: int,
    body: DecisionIn,
    *,
    push_selections: AfterCommit,
) -> tuple[Application, Call]:
    """Select or decline. Selecting stores a pending selection in the same transaction; it is
    pushed to plans-api after the commit (and retried until plans-api has it)."""
    application, call = await visible_application(session, principal, application_id)
    ensure_prefecture_role(principal, Role.approver)
    if body.decision not in ALLOWED_DECISIONS[application.status]:
        raise Conflict(
            "この応募は既に選定されています"
            if application.status == "selected"
            else "既に同じ判定です"
        )
    if body.decision == "selected":
        failing = [c for c in criteria.quantitative(call, application) if not c.passed]
        if failing:
            raise ValidationFailed(
                "定量的基準を満たしていないため選定できません",
                errors=[
                    FieldProblem(field=f"criteria/{c.code}", message=f"{c.label}(実績: {c.actual})")
                    for c in failing
                ],
            )
        if call.plan_id is None:
            raise Conflict("公募に選定企業が参加する B 計画が設定されていません")
    now = clock.now()
    application.status = body.decision
    session.add(
        ApplicationDecision(
            application_id=application.id,
            decision=body.decision,
            comment=body.comment,
            actor=principal.subject,
            organisation=principal.organisation,
            decided_at=now,
        )
    )
    if body.decision == "selected":
        assert call.plan_id is not None
        session.add(
            Selection(
                application_id=application.id,
                plan_id=call.plan_id,
                corporate_number=application.corporate_number,
                name=application.company_name,
                role=body.role or f"重点支援企業(公募「{call.title}」で選定)",
                scale=_scale(application),
                status="pending",
                attempts=0,
                created_at=now,
            )
        )
        after_commit(session, push_selections)
    await session.flush()
    emit(
        session,
        OutboxEvent,
        "application.decided",
        aggregate_type="application",
        aggregate_id=application.id,
        payload={
            "call_id": call.id,
            "application_id": application.id,
            "prefecture_code": prefecture_code(call.prefecture),
            "company_name": application.company_name,
            "call_title": call.title,
            "decision": body.decision,
            "organisations": [call.organisation],
        },
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action=f"application.{body.decision}",
        resource_type="application",
        resource_id=application.id,
    )
    log.info("scoring.application.decided", application=application.id, decision=body.decision)
    return application, call
