"""``/api/plans``: write a plan, read it, check it before asking for a pre-check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.models import Plan, PlanState, PlanType
from plans_api.plans import repository, service
from plans_api.plans.auth import (
    Caller,
    EditablePlan,
    LeadEditablePlan,
    PlanCreator,
    PlanForReview,
    PlanReader,
    PrefectureQueueReader,
    ReviewQueueReader,
    VisiblePlan,
)
from plans_api.plans.schemas import (
    ChangesOut,
    ChangesSince,
    CoAuthorsIn,
    CoordinationIn,
    CoreCompanyIn,
    HistoryOut,
    KgiIn,
    KpiIn,
    PlanCreate,
    PlanOut,
    PlanPatch,
    PlanSummary,
    PrefectureQueueItem,
    RequirementReviewIn,
    ReviewQueueItem,
    StrategicField,
    ValidationOut,
    ValueAddedCalculation,
    ValueAddedResult,
)

router = APIRouter(prefix="/api/plans", tags=["plans"])


async def _answer(session: AsyncSession, response: Response, plan: Plan) -> PlanOut:
    out = await service.plan_out(session, plan)
    response.headers["ETag"] = service.etag(out.version)
    return out


@router.post("", response_model=PlanOut, status_code=status.HTTP_201_CREATED)
async def create_plan(
    body: PlanCreate, session: SessionDep, principal: PlanCreator, response: Response
) -> PlanOut:
    """Create a draft plan. The caller's organisation becomes the lead author (never taken from the
    body). B: a prefecture or a designated city; C: a municipality or a prefecture (editor role)."""
    plan = await service.create_plan(session, principal, body)
    return await _answer(session, response, plan)


@router.get("", response_model=Page[PlanSummary])
async def list_plans(
    session: SessionDep,
    principal: PlanReader,
    page: PageDep,
    plan_type: Annotated[PlanType | None, Query(alias="type", description="類型")] = None,
    state: Annotated[PlanState | None, Query(description="状態")] = None,
    round_code: Annotated[str | None, Query(alias="round", max_length=30, description="回")] = None,
    prefecture: Annotated[
        str | None, Query(pattern=r"^\d{2}(\d{4})?$", description="都道府県(2桁又は団体コード)")
    ] = None,
    strategic_field: Annotated[
        StrategicField | None, Query(alias="field", description="戦略分野")
    ] = None,
) -> Page[PlanSummary]:
    """The plans the caller may see (DESIGN §1), newest first, filtered and paginated."""
    filters = repository.PlanFilters(plan_type, state, round_code, prefecture, strategic_field)
    items, total = await service.list_plans(session, principal, filters, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/review-queue", response_model=Page[ReviewQueueItem])
async def review_queue(
    session: SessionDep,
    principal: ReviewQueueReader,
    page: PageDep,
    round_code: Annotated[str | None, Query(alias="round", max_length=30, description="回")] = None,
) -> Page[ReviewQueueItem]:
    """The national pre-check queue (national users): every plan waiting for or in review, with
    its review clock (days since the request reached the national side, the round's target date,
    overdue when past it), sorted by the target date, plans without a round last."""
    items, total = await service.review_queue(session, principal, round_code, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/prefecture-queue", response_model=Page[PrefectureQueueItem])
async def prefecture_queue(
    session: SessionDep, principal: PrefectureQueueReader, page: PageDep
) -> Page[PrefectureQueueItem]:
    """The prefecture's 取りまとめ queue (prefecture users): its municipalities' plans waiting at it,
    each with ``pending_step`` (事前確認 or 正式提出) and ``waiting_since``, the longest waiting
    first. ``asked_at`` is the municipality's first request (its round), and
    ``first_precheck_requested_at`` the prefecture's first forward to the national side."""
    items, total = await service.prefecture_queue(session, principal, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.post("/calculators/value-added", response_model=ValueAddedResult)
async def calculate_value_added(
    body: ValueAddedCalculation, principal: PlanReader
) -> ValueAddedResult:
    """C's simple estimate of the value-added increase: 売上増加額 × 既存の付加価値率."""
    return service.calculate_value_added(body)


@router.get("/{plan_id}", response_model=PlanOut)
async def get_plan(plan: VisiblePlan, session: SessionDep, response: Response) -> PlanOut:
    """One plan with everything in it; the ETag header carries its version for If-Match."""
    return await _answer(session, response, plan)


@router.patch("/{plan_id}", response_model=PlanOut)
async def update_plan(
    plan: EditablePlan,
    body: PlanPatch,
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Change the plan's title, period, tags, description items (sections), commitment or the
    author's statements on the requirements. Needs If-Match (428 without, 412 when stale). Content
    changes only in ``draft`` and ``returned``: elsewhere 409 ``plan-frozen`` says why (after the
    pre-check: ``reopen`` first, then a new pre-check)."""
    plan = await service.update_plan(session, principal, plan, body)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/kgis", response_model=PlanOut)
async def replace_kgis(
    plan: EditablePlan,
    body: list[KgiIn],
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Replace the plan's KGIs (mandatory ones per type and the plan's own). The mandatory KGIs'
    years are the plan's: target year = goal year (目標年度); the cumulative capex runs from the
    start fiscal year (``baseline_year``) to it."""
    plan = await service.replace_kgis(session, principal, plan, body)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/kpis", response_model=PlanOut)
async def replace_kpis(
    plan: EditablePlan,
    body: list[KpiIn],
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Replace the plan's KPIs (half-year targets, withdrawal criterion 撤退基準, 5W1H, linked KGI)."""
    plan = await service.replace_kpis(session, principal, plan, body)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/core-companies", response_model=PlanOut)
async def replace_core_companies(
    plan: EditablePlan,
    body: list[CoreCompanyIn],
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Replace the core companies (B: 計画推進の核となる企業) / core business operators (C)."""
    plan = await service.replace_core_companies(session, principal, plan, body)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/co-authors", response_model=PlanOut)
async def replace_co_authors(
    plan: LeadEditablePlan,
    body: CoAuthorsIn,
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Replace the co-authoring organisations (lead author only)."""
    plan = await service.replace_co_authors(session, principal, plan, body.organisations)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/coordination", response_model=PlanOut)
async def replace_coordination(
    plan: EditablePlan,
    body: CoordinationIn,
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """The 各種調整 checklist (seed 000 ⑤ 3.): parties consulted, with dates and notes."""
    plan = await service.replace_coordination(session, principal, plan, body.entries)
    return await _answer(session, response, plan)


@router.put("/{plan_id}/requirements/{number}/review", response_model=PlanOut)
async def review_requirement(
    plan: PlanForReview,
    number: Annotated[int, Path(ge=1, le=7)],
    body: RequirementReviewIn,
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """A national reviewer's verdict and comment on one requirement (要件) during the pre-check."""
    plan = await service.review_requirement(session, principal, plan, number, body)
    return await _answer(session, response, plan)


@router.get("/{plan_id}/validation", response_model=ValidationOut)
async def validate_plan(plan: VisiblePlan, session: SessionDep) -> ValidationOut:
    """Every rule the plan breaks, all at once (field path + Japanese message), plus warnings
    (more than five B plans in one prefecture)."""
    report = await service.validation_report(session, plan)
    return ValidationOut(valid=report.valid, errors=report.errors, warnings=report.warnings)


@router.get("/{plan_id}/changes", response_model=ChangesOut)
async def changes_since_review(
    plan: VisiblePlan,
    session: SessionDep,
    since: Annotated[
        ChangesSince,
        Query(
            description="比較する版: review(最後の事前確認完了時、既定)、returned(最後の差戻し"
            "(修正依頼)時)、published(最後に公表した版)"
        ),
    ] = ChangesSince.review,
) -> ChangesOut:
    """Field by field, what differs from a recorded version of the plan: ``review`` the content the
    last completed pre-check saw (a change request or a reopened plan), ``returned`` the version the
    reviewer last returned (a resubmitted plan), ``published`` the last published version; with the
    comments of the step that recorded that version. With no such version, every field is new and
    ``base_found`` is false."""
    return await service.changes_since_review(session, plan, since)


@router.get("/{plan_id}/history", response_model=list[HistoryOut])
async def plan_history(plan: VisiblePlan, session: SessionDep) -> list[HistoryOut]:
    """Every transition of the plan, oldest first (append-only)."""
    return [HistoryOut.model_validate(h) for h in await repository.history(session, plan.id)]
