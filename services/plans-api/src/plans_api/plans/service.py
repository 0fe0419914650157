"""The rules of writing a plan: who may author which type, optimistic concurrency on every write,
and the content models per type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
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
    PlanState,
    PlanType,
    Round,
)
from plans_api.organisations import is_designated_city, is_local_government, is_prefecture
from plans_api.plans import repository
from plans_api.plans.content import (
    AUTHORABLE_TYPES,
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    empty_commitment,
    empty_sections,
)
from plans_api.plans.kgi_requirements import value_added_increase
from plans_api.plans.schemas import (
    AuthorOut,
    CoordinationEntry,
    CoreCompanyIn,
    CoreCompanyOut,
    KgiIn,
    KgiOut,
    KpiActualOut,
    KpiIn,
    KpiOut,
    PlanCreate,
    PlanOut,
    PlanPatch,
    RequirementOut,
    RequirementReviewIn,
    RoundOut,
    ValueAddedCalculation,
    ValueAddedResult,
    WithdrawalCriterion,
)
from plans_api.plans.validation import (
    PLAN_PERIOD_YEARS,
    ValidationReport,
    machine_judgements,
    validate_plan,
)
from plans_api.workflow.transitions import COORDINATION_STATES, EDITABLE_STATES

log = structlog.get_logger("plans.service")


# --- If-Match ------------------------------------------------------------------------------------


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(header: str | None) -> int:
    """The version an If-Match names: missing → 428, unreadable → 412."""
    if header is None or not header.strip():
        raise PreconditionRequired("更新には If-Match ヘッダー(取得時の ETag)が必要です")
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise PreconditionFailed("If-Match の値が正しくありません")
    return int(value)


# --- who may do what -----------------------------------------------------------------------------


def may_author(principal: Principal, plan_type: PlanType) -> bool:
    """DESIGN §2 / seed 000 ①策定主体: B by a prefecture or a designated city; C by a municipality
    or a prefecture. Type A is led nationally and not authored here (yet)."""
    if not principal.has_role(Role.editor):
        return False
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


def is_author(principal: Principal, plan: Plan) -> bool:
    return principal.is_local and principal.organisation in plan.organisations


def ensure_author_editor(principal: Principal, plan: Plan) -> None:
    if not is_author(principal, plan):
        raise Forbidden("この計画の作成団体ではないため、閲覧のみ可能です")
    if not principal.has_role(Role.editor):
        raise Forbidden("計画の編集には編集者以上の役割が必要です")


# --- reading -------------------------------------------------------------------------------------


async def get_plan_for(session: AsyncSession, principal: Principal, plan_id: int) -> Plan:
    plan = await repository.get_visible_plan(session, principal, plan_id)
    if plan is None:
        raise NotFound("計画が見つかりません")
    return plan


async def list_plans(
    session: AsyncSession,
    principal: Principal,
    filters: repository.PlanFilters,
    page: PageParams,
) -> tuple[list[Plan], int]:
    return await repository.list_plans(session, principal, filters, page)


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
            comparator=kpi.withdrawal_comparator,  # type: ignore[arg-type]
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


async def plan_out(session: AsyncSession, plan: Plan) -> PlanOut:
    actuals = await repository.kpi_actuals(session, plan.id)
    round_ = await repository.round_by_code(session, plan.round_code) if plan.round_code else None
    return plan_out_from(plan, actuals, round_)


def plan_out_from(plan: Plan, actuals: Sequence[KpiActual], round_: Round | None) -> PlanOut:
    return PlanOut(
        id=plan.id,
        plan_type=PlanType(plan.plan_type),
        title=plan.title,
        lead_organisation=plan.lead_organisation,
        lead_prefecture=plan.lead_prefecture,
        state=PlanState(plan.state),
        version=plan.version,
        revision=plan.revision,
        round_code=plan.round_code,
        leading_example=plan.leading_example,
        first_precheck_requested_at=plan.first_precheck_requested_at,
        published_version=plan.published_version,
        updated_at=plan.updated_at,
        authors=[AuthorOut.model_validate(a) for a in plan.authors],
        pending_step=plan.pending_step,
        period_start_fy=plan.period_start_fy,
        period_end_fy=(
            plan.period_start_fy + PLAN_PERIOD_YEARS - 1 if plan.period_start_fy else None
        ),
        goal_fiscal_year=plan.goal_fiscal_year,
        strategic_fields=plan.strategic_fields,
        jsic_codes=plan.jsic_codes,
        sections=plan.sections,
        commitment=plan.commitment,
        core_companies=[CoreCompanyOut.model_validate(c) for c in plan.core_companies],
        kgis=[KgiOut.model_validate(k) for k in plan.kgis],
        kpis=[kpi_out(k, actuals) for k in plan.kpis],
        requirements=_requirements_out(plan),
        coordination=plan.coordination,
        round=RoundOut.model_validate(round_) if round_ else None,
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
            "A類型(戦略産業クラスター計画)は国が主導するため、ここでは作成できません",
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
        leading_example=False,
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
    return plan


async def begin_write(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    *,
    states: frozenset[PlanState] = EDITABLE_STATES,
) -> tuple[Plan, int]:
    expected = parse_if_match(if_match)
    plan = await get_plan_for(session, principal, plan_id)
    ensure_author_editor(principal, plan)
    if plan.version != expected:
        raise PreconditionFailed(
            "計画は他の利用者によって更新されています。最新の内容を取得してから編集してください"
        )
    if PlanState(plan.state) not in states:
        raise Conflict("この状態の計画は編集できません(下書き又は差戻しの計画のみ編集できます)")
    return plan, expected


async def claim(
    session: AsyncSession, plan: Plan, expected: int, values: dict[str, Any] | None = None
) -> None:
    """The compare-and-set that guards the write; done first, so a concurrent writer waits on the
    row lock and then finds the version moved on (412, and its transaction rolls back)."""
    if not await repository.compare_and_set(
        session, plan.id, expected, now=clock.now(), expected_state=plan.state, values=values
    ):
        raise PreconditionFailed(
            "計画は他の利用者によって更新されています。最新の内容を取得してから編集してください"
        )


async def done(session: AsyncSession, principal: Principal, plan: Plan, action: str) -> Plan:
    """Audit the write and reload the plan as it now stands."""
    await record_audit(
        session, AuditRecord, principal, action=action, resource_type="plan", resource_id=plan.id
    )
    await session.flush()
    reloaded = await repository.get_visible_plan(session, principal, plan.id, refresh=True)
    assert reloaded is not None
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
    session: AsyncSession, principal: Principal, plan_id: int, if_match: str | None, body: PlanPatch
) -> Plan:
    plan, expected = await begin_write(session, principal, plan_id, if_match)
    await claim(session, plan, expected, patch_values(plan, body))
    return await done(session, principal, plan, "plan.update")


def _keys(items: Sequence[KgiIn] | Sequence[KpiIn], field: str) -> list[str]:
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
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    body: list[KgiIn],
) -> Plan:
    plan, expected = await begin_write(session, principal, plan_id, if_match)
    await claim(session, plan, expected)
    await put_kgis(session, plan, body)
    return await done(session, principal, plan, "plan.kgis.replace")


async def put_kgis(session: AsyncSession, plan: Plan, body: Sequence[KgiIn]) -> None:
    keys = _keys(body, "kgis")
    await session.execute(delete(Kgi).where(Kgi.plan_id == plan.id))
    session.add_all(
        Kgi(plan_id=plan.id, position=i, key=keys[i], **item.model_dump(exclude={"key"}))
        for i, item in enumerate(body)
    )


async def replace_kpis(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    body: list[KpiIn],
) -> Plan:
    plan, expected = await begin_write(session, principal, plan_id, if_match)
    await claim(session, plan, expected)
    await put_kpis(session, plan, body)
    return await done(session, principal, plan, "plan.kpis.replace")


async def put_kpis(session: AsyncSession, plan: Plan, body: Sequence[KpiIn]) -> None:
    keys = _keys(body, "kpis")
    await session.execute(delete(Kpi).where(Kpi.plan_id == plan.id))
    for index, item in enumerate(body):
        session.add(
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
        )


async def replace_core_companies(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    body: list[CoreCompanyIn],
) -> Plan:
    plan, expected = await begin_write(session, principal, plan_id, if_match)
    await claim(session, plan, expected)
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
    await session.execute(delete(CoreCompany).where(CoreCompany.plan_id == plan.id))
    session.add_all(
        CoreCompany(plan_id=plan.id, position=i, **item.model_dump()) for i, item in enumerate(body)
    )


async def replace_co_authors(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    organisations: list[str],
) -> Plan:
    plan, expected = await begin_write(session, principal, plan_id, if_match)
    if principal.organisation != plan.lead_organisation:
        raise Forbidden("共同作成団体は代表団体のみが変更できます")
    authors = _authors(plan.lead_organisation, organisations, PlanType(plan.plan_type))
    await claim(session, plan, expected)
    await session.execute(
        delete(PlanAuthor).where(PlanAuthor.plan_id == plan.id, PlanAuthor.is_lead.is_(False))
    )
    for author in authors[1:]:
        author.plan_id = plan.id
        session.add(author)
    return await done(session, principal, plan, "plan.co_authors.replace")


async def replace_coordination(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    entries: list[CoordinationEntry],
) -> Plan:
    plan, expected = await begin_write(
        session, principal, plan_id, if_match, states=COORDINATION_STATES
    )
    await claim(
        session, plan, expected, {"coordination": [e.model_dump(mode="json") for e in entries]}
    )
    return await done(session, principal, plan, "plan.coordination.replace")


async def review_requirement(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    number: int,
    if_match: str | None,
    body: RequirementReviewIn,
) -> Plan:
    """A national reviewer's verdict and comment on one requirement, while reviewing."""
    expected = parse_if_match(if_match)
    plan = await get_plan_for(session, principal, plan_id)
    if not (principal.tier is Tier.national and principal.has_role(Role.reviewer)):
        raise Forbidden("要件の確認は国の確認担当者が行います")
    if number not in {r.number for r in REQUIREMENTS[PlanType(plan.plan_type)]}:
        raise NotFound("要件が見つかりません")
    if plan.version != expected:
        raise PreconditionFailed("計画は他の利用者によって更新されています")
    if plan.state != PlanState.in_review:
        raise Conflict("要件の確認は事前確認中の計画に対してのみ行えます")
    requirements = {k: dict(v) for k, v in (plan.requirements or {}).items()}
    requirements.setdefault(str(number), {}).update(verdict=body.verdict, comment=body.comment)
    await claim(session, plan, expected, {"requirements": requirements})
    return await done(session, principal, plan, "plan.requirement.review")
