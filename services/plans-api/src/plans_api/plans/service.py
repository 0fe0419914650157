"""The rules of writing a plan: who may author which type, optimistic concurrency on every write,
and the content models per type. Who may call each route is declared in its signature
(:mod:`plans_api.plans.auth`); the functions here take the plan already checked for the caller."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Tier
from chiiki_common.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    NotFound,
    PreconditionFailed,
    ValidationFailed,
    problems_from_pydantic,
)
from chiiki_common.pagination import PageParams
from plans_api.models import (
    AuditRecord,
    CoreCompany,
    Kgi,
    Kpi,
    KpiActual,
    Plan,
    PlanAuthor,
    PlanHistory,
    PlanState,
    PlanType,
    Round,
)
from plans_api.organisations import is_designated_city, is_local_government, is_prefecture
from plans_api.plans import repository
from plans_api.plans.auth import STALE
from plans_api.plans.content import (
    AUTHORABLE_TYPES,
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    empty_commitment,
    empty_sections,
)
from plans_api.plans.freeze import (
    changes,
    content_from_snapshot,
    content_of,
    unreviewed,
    without,
)
from plans_api.plans.kgi_requirements import (
    KgiKind,
    mandatory_years,
    value_added_increase,
)
from plans_api.plans.schemas import (
    AuthorOut,
    ChangesOut,
    ChangesSince,
    CoordinationEntry,
    CoreCompanyIn,
    CoreCompanyOut,
    EarlierReview,
    KgiIn,
    KgiOut,
    KpiActualOut,
    KpiIn,
    KpiOut,
    PlanCreate,
    PlanOut,
    PlanPatch,
    PlanSummary,
    PrefectureQueueItem,
    RequirementOut,
    RequirementReviewIn,
    ReviewQueueItem,
    RoundOut,
    ValueAddedCalculation,
    ValueAddedResult,
    WithdrawalCriterion,
)
from plans_api.plans.validation import (
    ValidationReport,
    machine_judgements,
    period_end_fy,
    validate_plan,
)
from plans_api.rounds import membership
from plans_api.versions import recording
from plans_api.workflow.transitions import (
    COORDINATION_STATES,
    EDITABLE_STATES,
    routes_through_prefecture,
)

log = structlog.get_logger("plans.service")


def etag(version: int) -> str:
    return f'"{version}"'


# --- who may author which type -------------------------------------------------------------------


def may_author(principal: Principal, plan_type: PlanType) -> bool:
    """DESIGN §2 / seed 000 ①策定主体: B by a prefecture or a designated city; C by a municipality
    or a prefecture. Type A is led nationally and not authored here (yet). That the caller is a
    local government's editor is checked before (``plans.auth.PlanCreator``)."""
    if plan_type == PlanType.B:
        return principal.tier is Tier.prefecture or (
            principal.tier is Tier.municipality
            and (principal.designated_city or is_designated_city(principal.organisation))
        )
    if plan_type == PlanType.C:
        return principal.tier in (Tier.prefecture, Tier.municipality)
    return False


def may_co_author(plan_type: PlanType, organisation: str) -> bool:
    if plan_type == PlanType.B:
        return is_prefecture(organisation) or is_designated_city(organisation)
    return is_local_government(organisation)


# --- reading -------------------------------------------------------------------------------------


async def round_window(session: AsyncSession, code: str | None) -> repository.AskedWindow | None:
    """The first-request window of round ``code`` (None: no round asked for)."""
    if code is None:
        return None
    rounds = await repository.all_rounds(session)
    found = next((r for r in rounds if r.code == code), None)
    if found is None:
        return repository.NO_PLAN
    window = membership.window(found, rounds)
    return repository.AskedWindow(window.start, window.end)


async def list_plans(
    session: AsyncSession,
    principal: Principal,
    filters: repository.PlanFilters,
    page: PageParams,
) -> tuple[list[PlanSummary], int]:
    window = await round_window(session, filters.round_code)
    plans, total = await repository.list_plans(session, principal, filters, page, window)
    rounds = await repository.all_rounds(session)
    return [summary_out(p, rounds) for p in plans], total


def summary_out(plan: Plan, rounds: Sequence[Round]) -> PlanSummary:
    round_ = membership.round_of(plan.first_asked_at, rounds)
    return PlanSummary(
        id=plan.id,
        plan_type=PlanType(plan.plan_type),
        title=plan.title,
        lead_organisation=plan.lead_organisation,
        lead_prefecture=plan.lead_prefecture,
        state=PlanState(plan.state),
        version=plan.version,
        revision=plan.revision,
        round_code=round_.code if round_ else None,
        leading_example=membership.is_leading_example(plan.first_asked_at, rounds),
        asked_at=plan.first_asked_at,
        first_precheck_requested_at=plan.first_precheck_requested_at,
        published_version=plan.published_version,
        updated_at=plan.updated_at,
    )


def round_out(round_: Round) -> RoundOut:
    return RoundOut(
        code=round_.code,
        name=round_.name,
        kind=round_.kind,
        last_day=membership.last_day_of(round_.cutoff_at),
        cutoff_at=round_.cutoff_at,
        review_target_date=round_.review_target_date,
        editable=clock.now() < round_.cutoff_at,
    )


async def review_queue(
    session: AsyncSession, principal: Principal, round_code: str | None, page: PageParams
) -> tuple[list[ReviewQueueItem], int]:
    """The national queue (事前確認の審査待ち・審査中): sorted by the round's target date (those
    without a round last), then by how long they have waited; the overdue ones marked."""
    window = await round_window(session, round_code)
    plans = await repository.plans_in_states(session, principal, membership.IN_REVIEW, window)
    rounds = await repository.all_rounds(session)
    now = clock.now()
    items = []
    for plan in plans:
        round_ = membership.round_of(plan.first_asked_at, rounds)
        review = membership.review_clock(plan.state, plan.review_requested_at, round_, now)
        assert review is not None
        items.append((plan, round_, review))
    items.sort(key=lambda i: (i[2].target_date is None, i[2].target_date, i[2].requested_at))
    chosen = items[page.offset : page.offset + page.limit]
    full = await repository.full_plans(session, [plan.id for plan, _, _ in chosen])
    return [
        ReviewQueueItem(
            **summary_out(plan, rounds).model_dump(),
            round_name=round_.name if round_ else None,
            review_clock=review,
            changed_since_review=(
                full[plan.id].reviewed_content is not None and unreviewed(full[plan.id])
            ),
        )
        for plan, round_, review in chosen
    ], len(items)


def _earlier_review(step: PlanHistory | None) -> EarlierReview | None:
    if step is None:
        return None
    details = step.details or {}
    return EarlierReview(
        action=step.action,
        occurred_at=step.occurred_at,
        actor_name=step.actor_name,
        comment=step.comment,
        requirement_comments=details.get("requirement_comments") or [],
        section_comments=details.get("section_comments") or [],
    )


async def changes_since_review(
    session: AsyncSession, plan: Plan, since: ChangesSince = ChangesSince.review
) -> ChangesOut:
    """What changed since a recorded version of the plan (everything, when there is none):
    ``review`` the content the last completed pre-check saw, ``returned`` the content the reviewer
    last returned (kept with the return), ``published`` the last published version (kept with the
    publication; for older publications the published snapshot, without its withheld items)."""
    current = content_of(plan)
    base: dict[str, Any] | None
    if since is ChangesSince.review:
        step = await repository.last_step(session, plan.id, "complete_precheck")
        base = plan.reviewed_content
    elif since is ChangesSince.returned:
        step = await repository.last_step(session, plan.id, "return_with_comments")
        base = (step.details or {}).get("content") if step else None
    else:
        step = await repository.last_step(session, plan.id, "publish")
        base = (step.details or {}).get("content") if step else None
        if base is None and plan.published_version is not None:
            snapshot = await repository.current_snapshot_content(session, plan.id)
            if snapshot is not None:
                base = content_from_snapshot(snapshot)
                current = without(current, list(snapshot.get("withheld") or []))
    return ChangesOut(
        since=since,
        base_found=base is not None,
        base_at=step.occurred_at if step and base is not None else None,
        reviewed_at=await repository.last_completion(session, plan.id),
        changes=changes(base, current),
        earlier_review=_earlier_review(step) if base is not None else None,
    )


async def prefecture_queue(
    session: AsyncSession, principal: Principal, page: PageParams
) -> tuple[list[PrefectureQueueItem], int]:
    """取りまとめ: the plans of the prefecture's municipalities waiting at it, each with what they
    came for (事前確認 or 正式提出) and since when; the longest waiting first."""
    plans = [
        p
        for p in await repository.plans_in_states(
            session, principal, frozenset({PlanState.prefecture_review.value})
        )
        if p.lead_organisation != principal.organisation
    ]
    since = await repository.arrivals(
        session, [p.id for p in plans], PlanState.prefecture_review.value
    )
    plans.sort(key=lambda p: (since.get(p.id) is None, since.get(p.id), p.id))
    rounds = await repository.all_rounds(session)
    return [
        PrefectureQueueItem(
            **summary_out(p, rounds).model_dump(),
            pending_step=p.pending_step,
            waiting_since=since.get(p.id),
        )
        for p in plans[page.offset : page.offset + page.limit]
    ], len(plans)


def _requirements_out(plan: Plan) -> list[RequirementOut]:
    judged = machine_judgements(plan)
    stored = plan.requirements or {}
    out = []
    for requirement in REQUIREMENTS[PlanType(plan.plan_type)]:
        entry = stored.get(str(requirement.number)) or {}
        machine = judged.get(requirement.number)
        out.append(
            RequirementOut(
                number=requirement.number,
                label=requirement.label,
                text=requirement.text,
                statement=entry.get("statement"),
                verdict=entry.get("verdict"),
                comment=entry.get("comment"),
                machine_judgement=machine[0] if machine else None,
                machine_notes=machine[1] if machine else [],
            )
        )
    return out


def kpi_out(kpi: Kpi, actuals: Sequence[KpiActual]) -> KpiOut:
    withdrawal = None
    if kpi.withdrawal_comparator and kpi.withdrawal_threshold is not None:
        withdrawal = WithdrawalCriterion(
            comparator=kpi.withdrawal_comparator,
            threshold=kpi.withdrawal_threshold,
            text=kpi.withdrawal_text,
        )
    mine = [KpiActualOut.model_validate(a) for a in actuals if a.kpi_key == kpi.key]
    return KpiOut(
        key=kpi.key,
        name=kpi.name,
        unit=kpi.unit,
        baseline=kpi.baseline,
        targets=kpi.targets,
        withdrawal=withdrawal,
        five_w1h=kpi.five_w1h,
        kgi_key=kpi.kgi_key,
        actuals=mine,
        breached=bool(mine and mine[-1].breached),
    )


def kgi_out(kgi: Kgi) -> KgiOut:
    """A KGI with its years shown as the forms show them (和暦 fiscal years)."""
    label = None
    if kgi.target_year is not None:
        label = clock.wareki_fiscal_year(kgi.target_year)
        if kgi.kind == KgiKind.capex_cumulative and kgi.baseline_year is not None:
            label = f"{clock.wareki_fiscal_year(kgi.baseline_year)}〜{label}の累積"
    return KgiOut.model_validate(kgi).model_copy(update={"years_label": label})


async def plan_out(session: AsyncSession, plan: Plan) -> PlanOut:
    actuals = await repository.kpi_actuals(session, plan.id)
    return plan_out_from(plan, actuals, await repository.all_rounds(session))


def plan_out_from(plan: Plan, actuals: Sequence[KpiActual], rounds: Sequence[Round]) -> PlanOut:
    round_ = membership.round_of(plan.first_asked_at, rounds)
    return PlanOut(
        **summary_out(plan, rounds).model_dump(),
        authors=[AuthorOut.model_validate(a) for a in plan.authors],
        pending_step=plan.pending_step,
        period_start_fy=plan.period_start_fy,
        period_end_fy=period_end_fy(plan.period_start_fy),
        goal_fiscal_year=plan.goal_fiscal_year,
        strategic_fields=plan.strategic_fields,
        jsic_codes=plan.jsic_codes,
        sections=plan.sections,
        commitment=plan.commitment,
        core_companies=[CoreCompanyOut.model_validate(c) for c in plan.core_companies],
        kgis=[kgi_out(k) for k in plan.kgis],
        kpis=[kpi_out(k, actuals) for k in plan.kpis],
        requirements=_requirements_out(plan),
        coordination=plan.coordination,
        round=round_out(round_) if round_ else None,
        prefecture_forwarded_at=(
            plan.first_precheck_requested_at if routes_through_prefecture(plan) else None
        ),
        review_clock=membership.review_clock(
            plan.state, plan.review_requested_at, round_, clock.now()
        ),
        changed_since_review=plan.reviewed_content is not None and unreviewed(plan),
        announcement_date=plan.announcement_date,
        announcement_url=plan.announcement_url,
        precheck_completed_at=plan.precheck_completed_at,
        published_at=plan.published_at,
        created_at=plan.created_at,
    )


async def validation_report(session: AsyncSession, plan: Plan) -> ValidationReport:
    count = await repository.count_b_plans_in_prefecture(session, plan.lead_prefecture)
    return validate_plan(plan, b_plans_in_prefecture=count)


def calculate_value_added(body: ValueAddedCalculation) -> ValueAddedResult:
    return ValueAddedResult(
        value_added_increase=value_added_increase(body.sales_increase, body.value_added_rate),
        formula="売上増加額 × 既存の付加価値率",
    )


# --- writing -------------------------------------------------------------------------------------


def _tags(fields: Sequence[str]) -> str:
    unique = list(dict.fromkeys(fields))
    return f"|{'|'.join(unique)}|" if unique else ""


def _authors(lead: str, co_authors: Sequence[str], plan_type: PlanType) -> list[PlanAuthor]:
    problems = []
    seen = {lead}
    for index, organisation in enumerate(co_authors):
        if organisation in seen:
            problems.append(
                FieldProblem(field=f"co_authors/{index}", message="作成団体が重複しています")
            )
        elif not may_co_author(plan_type, organisation):
            problems.append(
                FieldProblem(
                    field=f"co_authors/{index}",
                    message="B類型を共同作成できるのは都道府県又は政令指定都市です",
                )
            )
        seen.add(organisation)
    if problems:
        raise ValidationFailed("共同作成団体に誤りがあります", errors=problems)
    organisations = [lead, *co_authors]
    return [
        PlanAuthor(organisation=o, prefecture=o[:2], is_lead=i == 0, position=i)
        for i, o in enumerate(organisations)
    ]


async def create_plan(session: AsyncSession, principal: Principal, body: PlanCreate) -> Plan:
    if body.plan_type not in AUTHORABLE_TYPES:
        raise ValidationFailed(
            f"A類型({PlanType.A.label})は国が主導するため、ここでは作成できません",
            errors=[FieldProblem(field="plan_type", message="B又はCを選んでください")],
        )
    if not may_author(principal, body.plan_type):
        raise Forbidden(
            "B類型は都道府県・政令指定都市、C類型は市区町村・都道府県の編集者が作成できます"
        )
    now = clock.now()
    plan = Plan(
        plan_type=body.plan_type.value,
        title=body.title,
        lead_organisation=principal.organisation,
        lead_prefecture=principal.organisation[:2],
        state=PlanState.draft.value,
        version=1,
        revision=1,
        period_start_fy=body.period_start_fy,
        goal_fiscal_year=body.goal_fiscal_year,
        field_tags=_tags(body.strategic_fields),
        jsic_codes=list(dict.fromkeys(body.jsic_codes)),
        sections=empty_sections(body.plan_type),
        commitment=empty_commitment(body.plan_type),
        requirements={},
        coordination=[],
        created_at=now,
        updated_at=now,
        authors=_authors(principal.organisation, body.co_authors, body.plan_type),
        core_companies=[],
        kgis=[],
        kpis=[],
    )
    session.add(plan)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="plan.create",
        resource_type="plan",
        resource_id=plan.id,
    )
    log.info("plans.created", plan_id=plan.id, plan_type=plan.plan_type)
    await recording.record(session, principal, plan, "plan.create")
    return plan


def ensure_editable(plan: Plan, states: frozenset[PlanState] = EDITABLE_STATES) -> None:
    """The freeze rule (:mod:`plans_api.plans.freeze`): the authors change the content only in
    ``states``; elsewhere 409 ``plan-frozen`` says why and what to do."""
    if PlanState(plan.state) not in states:
        raise frozen_refusal(PlanState(plan.state), states)


class PlanFrozen(Conflict):
    slug, title = "plan-frozen", "この状態の計画の内容は変更できません"


_FROZEN_REASONS = {
    PlanState.prefecture_review: "都道府県が取りまとめ中のため、内容は変更できません"
    "(変更する場合は都道府県から差し戻してもらってください)",
    PlanState.precheck_requested: "事前確認を依頼中のため、内容は変更できません"
    "(確認担当者の差戻しを待つか、取り下げてください)",
    PlanState.in_review: "事前確認中のため、内容は変更できません(差戻し後に修正できます)",
    PlanState.precheck_completed: "事前確認が完了した内容は、再度の事前確認なしには変更できません。"
    "変更する場合は承認者が「内容変更のための再編集」を行い、改めて事前確認を依頼してください",
    PlanState.published: "公表済みの計画は変更できません。改訂して新しい版を作成してください",
    PlanState.withdrawn: "取り下げられた計画は変更できません",
}
_FROZEN_REASONS[PlanState.announced] = _FROZEN_REASONS[PlanState.precheck_completed]
_FROZEN_REASONS[PlanState.submitted] = _FROZEN_REASONS[PlanState.precheck_completed]


def frozen_refusal(state: PlanState, states: frozenset[PlanState]) -> PlanFrozen:
    """The problem for a write the plan's state does not allow, saying why and what to do."""
    if states is EDITABLE_STATES:
        return PlanFrozen(_FROZEN_REASONS.get(state, "この状態の計画は編集できません"))
    return PlanFrozen("この状態の計画ではこの項目を変更できません")


async def claim(session: AsyncSession, plan: Plan, values: dict[str, Any] | None = None) -> None:
    """The compare-and-set that guards the write, at the version the caller's If-Match named
    (``plan.version``, checked on loading); done first, so a concurrent writer waits on the row
    lock and then finds the version moved on (412, and its transaction rolls back)."""
    if not await repository.compare_and_set(
        session, plan.id, plan.version, now=clock.now(), expected_state=plan.state, values=values
    ):
        raise PreconditionFailed(STALE)


async def done(
    session: AsyncSession,
    principal: Principal,
    plan: Plan,
    action: str,
    *,
    restored_from: int | None = None,
) -> Plan:
    """Audit the write, reload the plan as it now stands and record its content in the version
    history (版の履歴): the one place every write of the content finishes."""
    await record_audit(
        session, AuditRecord, principal, action=action, resource_type="plan", resource_id=plan.id
    )
    await session.flush()
    reloaded = await repository.get_visible_plan(session, principal, plan.id, refresh=True)
    assert reloaded is not None
    await recording.record(session, principal, reloaded, action, restored_from=restored_from)
    return reloaded


def _validated(model: type[Any], data: dict[str, Any], prefix: str) -> dict[str, Any]:
    try:
        return model.model_validate(data).model_dump()  # type: ignore[no-any-return]
    except ValidationError as exc:
        problems = problems_from_pydantic(list(exc.errors()))
        for problem in problems:
            problem.field = f"{prefix}/{problem.field}"
        raise ValidationFailed("入力内容を確認してください", errors=problems) from exc


def patch_values(plan: Plan, body: PlanPatch) -> dict[str, Any]:
    """The plan columns a patch changes, validated against the plan's type."""
    plan_type = PlanType(plan.plan_type)
    values: dict[str, Any] = {}
    given = body.model_fields_set
    for name in ("title", "period_start_fy", "goal_fiscal_year"):
        if name in given:
            if name == "title" and body.title is None:
                raise ValidationFailed(errors=[FieldProblem(field="title", message="必須項目です")])
            values[name] = getattr(body, name)
    if "strategic_fields" in given:
        values["field_tags"] = _tags(body.strategic_fields or [])
    if "jsic_codes" in given:
        values["jsic_codes"] = list(dict.fromkeys(body.jsic_codes or []))
    if "sections" in given:
        values["sections"] = _validated(SECTION_MODELS[plan_type], body.sections or {}, "sections")
    if "commitment" in given:
        values["commitment"] = _validated(
            COMMITMENT_MODELS[plan_type], body.commitment or {}, "commitment"
        )
    if "requirement_statements" in given:
        numbers = {r.number for r in REQUIREMENTS[plan_type]}
        statements = body.requirement_statements or {}
        unknown = [n for n in statements if n not in numbers]
        if unknown:
            raise ValidationFailed(
                errors=[
                    FieldProblem(field=f"requirement_statements/{n}", message="存在しない要件です")
                    for n in unknown
                ]
            )
        requirements = {k: dict(v) for k, v in (plan.requirements or {}).items()}
        for number, statement in statements.items():
            requirements.setdefault(str(number), {})["statement"] = statement
        values["requirements"] = requirements
    return values


async def update_plan(
    session: AsyncSession, principal: Principal, plan: Plan, body: PlanPatch
) -> Plan:
    ensure_editable(plan)
    await apply_patch(session, plan, patch_values(plan, body))
    return await done(session, principal, plan, "plan.update")


async def apply_patch(session: AsyncSession, plan: Plan, values: dict[str, Any]) -> None:
    """Write the plan columns; the mandatory KGIs follow a changed start or goal year."""
    await claim(session, plan, values)
    start = values.get("period_start_fy", plan.period_start_fy)
    goal = values.get("goal_fiscal_year", plan.goal_fiscal_year)
    if (start, goal) != (plan.period_start_fy, plan.goal_fiscal_year):
        await tie_kgi_years(session, plan, start, goal)


async def tie_kgi_years(
    session: AsyncSession, plan: Plan, start: int | None, goal: int | None
) -> None:
    """seed 000 ④: the mandatory KGIs' target year is the plan's goal year and the cumulative
    capex runs from the plan's start year — one source for those years, the plan's."""
    plan_type = PlanType(plan.plan_type)
    for kind in {k.kind for k in plan.kgis}:
        years = mandatory_years(plan_type, kind, start, goal)
        if years:
            await repository.set_kgi_years(session, plan.id, kind, years)


def _keys(items: Sequence[KgiIn | KpiIn], field: str) -> list[str]:
    """Each KGI / KPI's key (the client's, or ``<kind>-<n>`` / ``kpi-<n>``); unique in the plan."""
    keys = [
        item.key
        or (f"{item.kind.value}-{index + 1}" if isinstance(item, KgiIn) else f"kpi-{index + 1}")
        for index, item in enumerate(items)
    ]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValidationFailed(
            errors=[
                FieldProblem(field=f"{field}/{i}/key", message="キーが重複しています")
                for i, k in enumerate(keys)
                if k in duplicates
            ]
        )
    return keys


async def replace_kgis(
    session: AsyncSession, principal: Principal, plan: Plan, body: list[KgiIn]
) -> Plan:
    ensure_editable(plan)
    await claim(session, plan)
    await put_kgis(session, plan, body)
    return await done(session, principal, plan, "plan.kgis.replace")


async def put_kgis(
    session: AsyncSession,
    plan: Plan,
    body: Sequence[KgiIn],
    years: tuple[int | None, int | None] | None = None,
) -> None:
    """Replace the KGIs; mandatory ones take their years from the plan (``years``: the plan's
    start and goal year when the same write changes them, as an import does)."""
    await repository.delete_kgis(session, plan.id)
    session.add_all(kgi_rows(plan, body, years))


def kgi_rows(
    plan: Plan, body: Sequence[KgiIn], years: tuple[int | None, int | None] | None = None
) -> list[Kgi]:
    """The KGI rows a write stores (also what an import preview compares, without storing)."""
    keys = _keys(body, "kgis")
    start, goal = years or (plan.period_start_fy, plan.goal_fiscal_year)
    plan_type = PlanType(plan.plan_type)
    return [
        Kgi(
            plan_id=plan.id,
            position=i,
            key=keys[i],
            **{
                **item.model_dump(exclude={"key"}),
                **mandatory_years(plan_type, item.kind, start, goal),
            },
        )
        for i, item in enumerate(body)
    ]


async def replace_kpis(
    session: AsyncSession, principal: Principal, plan: Plan, body: list[KpiIn]
) -> Plan:
    ensure_editable(plan)
    await claim(session, plan)
    await put_kpis(session, plan, body)
    return await done(session, principal, plan, "plan.kpis.replace")


async def put_kpis(session: AsyncSession, plan: Plan, body: Sequence[KpiIn]) -> None:
    await repository.delete_kpis(session, plan.id)
    session.add_all(kpi_rows(plan, body))


def kpi_rows(plan: Plan, body: Sequence[KpiIn]) -> list[Kpi]:
    keys = _keys(body, "kpis")
    return [
        Kpi(
            plan_id=plan.id,
            position=index,
            key=keys[index],
            name=item.name,
            unit=item.unit,
            baseline=item.baseline,
            targets=[t.model_dump() for t in item.targets],
            withdrawal_comparator=item.withdrawal.comparator if item.withdrawal else None,
            withdrawal_threshold=item.withdrawal.threshold if item.withdrawal else None,
            withdrawal_text=item.withdrawal.text if item.withdrawal else "",
            five_w1h=item.five_w1h.model_dump(),
            kgi_key=item.kgi_key,
        )
        for index, item in enumerate(body)
    ]


async def replace_core_companies(
    session: AsyncSession, principal: Principal, plan: Plan, body: list[CoreCompanyIn]
) -> Plan:
    ensure_editable(plan)
    await claim(session, plan)
    await put_core_companies(session, plan, body)
    return await done(session, principal, plan, "plan.core_companies.replace")


async def put_core_companies(
    session: AsyncSession, plan: Plan, body: Sequence[CoreCompanyIn]
) -> None:
    numbers = [c.corporate_number for c in body if c.corporate_number]
    if len(numbers) != len(set(numbers)):
        raise ValidationFailed(
            errors=[
                FieldProblem(field="core_companies", message="同じ法人番号の企業が重複しています")
            ]
        )
    await repository.delete_core_companies(session, plan.id)
    session.add_all(company_rows(plan, body))


def company_rows(plan: Plan, body: Sequence[CoreCompanyIn]) -> list[CoreCompany]:
    b_plan = plan.plan_type == PlanType.B
    return [
        CoreCompany(
            plan_id=plan.id,
            position=i,
            **{**item.model_dump(), "support_target": b_plan and item.support_target},
        )
        for i, item in enumerate(body)
    ]


async def replace_co_authors(
    session: AsyncSession, principal: Principal, plan: Plan, organisations: list[str]
) -> Plan:
    ensure_editable(plan)
    authors = _authors(plan.lead_organisation, organisations, PlanType(plan.plan_type))
    await claim(session, plan)
    await put_co_authors(session, plan, authors)
    return await done(session, principal, plan, "plan.co_authors.replace")


def co_author_rows(plan: Plan, organisations: Sequence[str]) -> list[PlanAuthor]:
    """The lead and ``organisations`` as author rows, checked as a co-author change is."""
    return _authors(plan.lead_organisation, organisations, PlanType(plan.plan_type))


async def put_co_authors(session: AsyncSession, plan: Plan, authors: Sequence[PlanAuthor]) -> None:
    await repository.delete_co_authors(session, plan.id)
    for author in authors[1:]:
        author.plan_id = plan.id
        session.add(author)


async def replace_coordination(
    session: AsyncSession, principal: Principal, plan: Plan, entries: list[CoordinationEntry]
) -> Plan:
    ensure_editable(plan, COORDINATION_STATES)
    await claim(session, plan, {"coordination": [e.model_dump(mode="json") for e in entries]})
    return await done(session, principal, plan, "plan.coordination.replace")


async def review_requirement(
    session: AsyncSession,
    principal: Principal,
    plan: Plan,
    number: int,
    body: RequirementReviewIn,
) -> Plan:
    """A national reviewer's verdict and comment on one requirement, while reviewing."""
    if number not in {r.number for r in REQUIREMENTS[PlanType(plan.plan_type)]}:
        raise NotFound("要件が見つかりません")
    if plan.state != PlanState.in_review:
        raise Conflict("要件の確認は事前確認中の計画に対してのみ行えます")
    requirements = {k: dict(v) for k, v in (plan.requirements or {}).items()}
    requirements.setdefault(str(number), {}).update(verdict=body.verdict, comment=body.comment)
    await claim(session, plan, {"requirements": requirements})
    return await done(session, principal, plan, "plan.requirement.review")
