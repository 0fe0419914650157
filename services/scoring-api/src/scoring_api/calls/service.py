"""Rules of calls (公募) and applications: the window, criteria, assessment, decisions, selection.

Applications are received only inside the call's window (seed 003: 令和8年5月15日〜6月1日正午);
outside it the answer is a refusal and nothing is stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.db import AfterCommit, after_commit
from chiiki_common.errors import (
    Conflict,
    FieldProblem,
    NotFound,
    UpstreamTimeout,
    UpstreamUnavailable,
    ValidationFailed,
)
from chiiki_common.outbox import emit
from chiiki_common.validators import prefecture_code
from scoring_api.attachments import repository as attachments
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.attachments.service import add_attachment
from scoring_api.calls import criteria, repository
from scoring_api.calls.criteria import MAX_EMPLOYEES_DEFAULT
from scoring_api.calls.schemas import (
    ApplicationCreate,
    ApplicationOut,
    ApplicationSummary,
    AssessmentIn,
    CallCreate,
    CriterionResult,
    DecisionIn,
    DecisionOut,
    SelectionOut,
    WaiverIn,
    WaiverOut,
)
from scoring_api.companies.schemas import FiguresIn
from scoring_api.companies.service import figure_problems
from scoring_api.models import (
    Application,
    ApplicationDecision,
    Attachment,
    AuditRecord,
    Call,
    DocumentWaiver,
    OutboxEvent,
    Selection,
)
from scoring_api.scores.formulas import share
from scoring_api.selection.client import PlansConnection, selection_target
from scoring_api.tenancy import staff_prefecture

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


def _emit_application_event(
    session: AsyncSession, event_type: str, call: Call, application: Application, **extra: str
) -> None:
    """An application's event for notify (its call's prefecture is mailed), in the transaction."""
    emit(
        session,
        OutboxEvent,
        event_type,
        aggregate_type="application",
        aggregate_id=application.id,
        payload={
            "call_id": call.id,
            "application_id": application.id,
            "prefecture_code": prefecture_code(call.prefecture),
            "company_name": application.company_name,
            "call_title": call.title,
            **extra,
            "organisations": [call.organisation],
        },
    )


async def plan_problems(
    plans: PlansConnection, plan_id: str, prefecture: str
) -> list[FieldProblem]:
    """A call's plan must be a B plan of the call's own prefecture that the freeze rule lets take
    a selected company: checked with plans-api when the plan is set, so a wrong plan is refused
    then and never discovered at selection. A plan closed only while it is in review is accepted
    (its selections wait and are pushed when the review ends)."""
    target = await selection_target(plans, plan_id, prefecture)
    if target.open_to_selection or target.retryable:
        return []
    return [
        FieldProblem(field="plan_id", message=reason.message, code=reason.code)
        for reason in target.reasons
    ] or [FieldProblem(field="plan_id", message="この計画には選定企業を追加できません")]


async def create_call(
    session: AsyncSession, principal: Principal, body: CallCreate, plans: PlansConnection
) -> Call:
    """A prefecture approver opens a call for its own prefecture."""
    prefecture = staff_prefecture(principal)
    problems: list[FieldProblem] = []
    if body.closes_at <= body.opens_at:
        problems.append(
            FieldProblem(field="closes_at", message="締切は募集開始より後にしてください")
        )
    if body.plan_id is not None:
        problems += await plan_problems(plans, body.plan_id, prefecture)
    if problems:
        raise ValidationFailed(errors=problems)
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
    # notify learns the closing from the creation on, so reminders before the window opens go out
    emit(
        session,
        OutboxEvent,
        "call.created",
        aggregate_type="call",
        aggregate_id=call.id,
        payload={
            "call_id": call.id,
            "prefecture_code": prefecture_code(call.prefecture),
            "title": call.title,
            "opens_at": call.opens_at.isoformat(),
            "closes_at": call.closes_at.isoformat(),
            "organisations": [call.organisation],
        },
    )
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


async def set_plan(
    session: AsyncSession, principal: Principal, call: Call, plan_id: str, plans: PlansConnection
) -> Call:
    problems = await plan_problems(plans, plan_id, call.prefecture)
    if problems:
        raise ValidationFailed(title="選定企業が参加する計画として設定できません", errors=problems)
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
    session: AsyncSession, principal: Principal, call: Call, body: ApplicationCreate
) -> tuple[Application, Call]:
    """Submitted by the call's prefecture on the company's behalf; all checks come before any
    write, so a refusal stores nothing."""
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
    if any(code not in required for code in body.consents):
        problems.append(
            FieldProblem(
                field="consents",
                message="この公募にない同意項目が指定されています(画面を開き直してください)",
            )
        )
    period_problem = criteria.form2_period_problem(body.fiscal_period, clock.today_jst())
    if period_problem:
        problems.append(
            FieldProblem(field="fiscal_period", message=period_problem, code="form2_fiscal_year")
        )
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
    _emit_application_event(session, "application.received", call, application)
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


async def list_applications(session: AsyncSession, call: Call) -> list[ApplicationSummary]:
    """Each application with the automatic check of the call's quantitative criteria."""
    return [
        ApplicationSummary.model_validate(application).model_copy(
            update={"quantitative_criteria": criteria.quantitative(call, application)}
        )
        for application in await repository.list_applications(session, call.id)
    ]


async def application_detail(
    session: AsyncSession, application: Application, call: Call
) -> ApplicationOut:
    files = await attachments.list_for(session, attachments.APPLICATION, application.id)
    waivers = await repository.waivers(session, application.id)
    history = await repository.decisions(session, application.id)
    selection = await repository.selection_of(session, application.id)
    out = ApplicationOut.model_validate(application)
    return out.model_copy(
        update={
            "quantitative_criteria": criteria.quantitative(call, application),
            "connector_ratio": share(application.out_of_prefecture_sales, application.sales),
            "hub_ratio": share(application.in_prefecture_purchases, application.purchases),
            "criteria": _evaluate(call, application, files, waivers),
            "decisions": [DecisionOut.model_validate(d) for d in history],
            "attachments": [AttachmentOut.model_validate(f) for f in files],
            "waivers": [WaiverOut.model_validate(w) for w in waivers],
            "selection": SelectionOut.model_validate(selection) if selection else None,
        }
    )


async def _criteria(
    session: AsyncSession, call: Call, application: Application
) -> list[CriterionResult]:
    files = await attachments.list_for(session, attachments.APPLICATION, application.id)
    waivers = await repository.waivers(session, application.id)
    return _evaluate(call, application, files, waivers)


def _evaluate(
    call: Call,
    application: Application,
    files: Sequence[Attachment],
    waivers: Sequence[DocumentWaiver],
) -> list[CriterionResult]:
    return criteria.evaluate(
        call,
        application,
        (f.document_type for f in files),
        {w.document_type: w.reason for w in waivers},
        clock.today_jst(),
    )


async def attach_document(
    session: AsyncSession,
    principal: Principal,
    application: Application,
    call: Call,
    *,
    folder: str,
    document_type: str,
    filename: str,
    content: bytes,
) -> Attachment:
    """Documents belong to the application, so they too are accepted only inside the window."""
    _ensure_window(call)
    labels = {item["code"]: item["label"] for item in call.required_documents}
    allowed = set(labels) | {OTHER_DOCUMENT}
    if document_type not in allowed:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="document_type",
                    message="この公募の応募書類の種類を指定してください: "
                    + "、".join([*labels.values(), "その他"]),
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


async def waive_document(
    session: AsyncSession,
    principal: Principal,
    application: Application,
    call: Call,
    body: WaiverIn,
) -> tuple[Application, Call]:
    """An approver records that the application need not bring one required document, and why
    (also after the window: it is a decision, not a document). Recorded once, never edited."""
    required = {item["code"]: item["label"] for item in call.required_documents}
    if body.document_type not in required:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="document_type",
                    message="この公募の応募書類の種類を指定してください: "
                    + "、".join(required.values()),
                )
            ]
        )
    if application.status == "selected":
        raise Conflict("選定済みの応募の書類は免除できません")
    files = await attachments.list_for(session, attachments.APPLICATION, application.id)
    if any(f.document_type == body.document_type for f in files):
        raise Conflict("この書類は添付されているため、免除は不要です")
    if any(
        w.document_type == body.document_type
        for w in await repository.waivers(session, application.id)
    ):
        raise Conflict("この書類の免除は既に記録されています")
    session.add(
        DocumentWaiver(
            application_id=application.id,
            document_type=body.document_type,
            reason=body.reason,
            actor=principal.subject,
            organisation=principal.organisation,
            waived_at=clock.now(),
        )
    )
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="application.waive_document",
        resource_type="application",
        resource_id=application.id,
        details={"document_type": body.document_type},
    )
    return application, call


async def assess(
    session: AsyncSession,
    principal: Principal,
    application: Application,
    call: Call,
    body: AssessmentIn,
) -> tuple[Application, Call]:
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


EMPLOYEE_BANDS: tuple[tuple[int, str], ...] = (
    (20, "従業員 20名以下"),
    (50, "従業員 21〜50名"),
    (100, "従業員 51〜100名"),
    (300, "従業員 101〜300名"),
    (1000, "従業員 301〜1,000名"),
    (MAX_EMPLOYEES_DEFAULT, f"従業員 1,001〜{MAX_EMPLOYEES_DEFAULT:,}名"),
)
"""The published scale of a selected company: a band of the 様式1 従業員数, never a 様式2 amount;
the last band ends at the call's 定量的基準 (seed 003 「従業員規模が2,000名以下」)."""

_AMOUNT_WORDS = re.compile(
    r"円|売上|売り上げ|仕入|販売額|購入額|取引額|取引高|sales|purchase", re.I
)


def employee_band(employees: int) -> str:
    for upper, label in EMPLOYEE_BANDS:
        if employees <= upper:
            return label
    return f"従業員 {EMPLOYEE_BANDS[-1][0] + 1:,}名以上"


def _published_text_problems(body: DecisionIn) -> list[FieldProblem]:
    """The role and scale are published with the plan: no sales, purchase or other yen figure
    (issue 12; stricter than plans-api's own check, so a push is never refused for it)."""
    return [
        FieldProblem(
            field=field,
            message="計画とともに公表されるため、売上高・仕入高などの金額は書けません"
            "(規模は従業員数の区分などで記載してください)",
            code="trade_figure",
        )
        for field, text in (("role", body.role), ("scale", body.scale))
        if text and _AMOUNT_WORDS.search(text)
    ]


async def _ensure_plan_takes_selections(plans: PlansConnection, call: Call) -> None:
    """The plan was checked when it was set; a plan published or withdrawn since is refused here
    rather than left as a selection that can never be added. If plans-api cannot answer now the
    selection is stored and its push finds out."""
    assert call.plan_id is not None
    try:
        target = await selection_target(plans, call.plan_id, call.prefecture)
    except (UpstreamUnavailable, UpstreamTimeout):
        log.warning("scoring.selection.target_unchecked", call=call.id, plan=call.plan_id)
        return
    if not (target.open_to_selection or target.retryable):
        raise Conflict(
            "".join(r.message for r in target.reasons)
            + " 公募の計画を設定し直してから選定してください",
            title="公募の計画に選定企業を追加できません",
        )


async def decide(
    session: AsyncSession,
    principal: Principal,
    application: Application,
    call: Call,
    body: DecisionIn,
    plans: PlansConnection,
    *,
    push_selections: AfterCommit,
) -> tuple[Application, Call]:
    """Select or decline. Selecting stores a pending selection in the same transaction; it is
    pushed to plans-api after the commit (and retried until plans-api has it)."""
    if body.decision not in ALLOWED_DECISIONS[application.status]:
        raise Conflict(
            "この応募は既に選定されています"
            if application.status == "selected"
            else "既に同じ判定です"
        )
    if body.decision == "selected":
        failing = [c for c in await _criteria(session, call, application) if not c.passed]
        problems = [
            FieldProblem(
                field=f"criteria/{c.code}",
                message=f"「{c.label}」が添付されていません(提出できない場合は免除の理由を記録してください)"
                if c.kind == "document"
                else f"{c.label}(実績: {c.actual})",
            )
            for c in failing
        ]
        problems += _published_text_problems(body)
        if problems:
            raise ValidationFailed(
                title="選定の条件を満たしていないため選定できません", errors=problems
            )
        if call.plan_id is None:
            raise Conflict("公募に選定企業が参加する B 計画が設定されていません")
        await _ensure_plan_takes_selections(plans, call)
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
                scale=body.scale or employee_band(application.employees),
                status="pending",
                attempts=0,
                created_at=now,
            )
        )
        after_commit(session, push_selections)
    await session.flush()
    _emit_application_event(
        session, "application.decided", call, application, decision=body.decision
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
