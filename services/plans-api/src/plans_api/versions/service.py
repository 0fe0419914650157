"""The version history of a plan (版の履歴): list, view, restore.

Reading follows the plan's tenancy (whoever may read the plan reads its history). A restore is a
write of the authors like any other (``plans.auth.EditablePlan``: If-Match, an author editor;
content editable only in ``draft`` and ``returned``, the freeze rule of ``plans/freeze.py``); it
writes the old content as a NEW version, so nothing is ever overwritten.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from chiiki_common.errors import Forbidden, NotFound
from chiiki_common.pagination import PageParams
from plans_api.models import Plan, PlanType, PlanVersion
from plans_api.plans import service as plans
from plans_api.plans.content import REQUIREMENTS
from plans_api.plans.freeze import content_of
from plans_api.plans.schemas import CoreCompanyIn, KgiIn, KpiIn, PlanPatch
from plans_api.versions import labels, repository
from plans_api.versions.schemas import VersionOut, VersionSource, VersionSummary

SOURCE_LABELS = {
    VersionSource.created: "作成",
    VersionSource.edited: "編集",
    VersionSource.imported: "取込",
    VersionSource.restored: "復元",
}


def _summary(
    plan: Plan, version: PlanVersion, before: PlanVersion | None, current: dict[str, Any]
) -> VersionSummary:
    plan_type = PlanType(plan.plan_type)
    changed = labels.describe(plan_type, before.content if before else None, version.content)
    source = VersionSource(version.source)
    return VersionSummary(
        version=version.version,
        revision=version.revision,
        written_at=version.written_at,
        actor_name=version.actor_name,
        organisation=version.organisation,
        source=source,
        source_label=SOURCE_LABELS[source],
        restored_from=version.restored_from,
        changed_areas=list(dict.fromkeys(c.area_label for c in changed)),
        change_count=len(changed),
        current=version.content == current,
    )


async def list_versions(
    session: AsyncSession, plan: Plan, page: PageParams
) -> tuple[list[VersionSummary], int]:
    """Newest first; each entry says what it changed from the version before it."""
    rows, before_page, total = await repository.page(session, plan.id, page)
    current = content_of(plan)
    out = []
    for index, row in enumerate(rows):
        before = rows[index + 1] if index + 1 < len(rows) else before_page
        out.append(_summary(plan, row, before, current))
    return out, total


async def get_version(session: AsyncSession, plan: Plan, number: int) -> VersionOut:
    """One version: its content, labelled, and what restoring it would change."""
    version = await _version(session, plan, number)
    before = await repository.previous(session, plan.id, number)
    current = content_of(plan)
    plan_type = PlanType(plan.plan_type)
    return VersionOut(
        **_summary(plan, version, before, current).model_dump(),
        items=labels.describe(plan_type, None, version.content),
        changes_to_current=labels.describe(plan_type, current, version.content),
    )


async def _version(session: AsyncSession, plan: Plan, number: int) -> PlanVersion:
    version = await repository.get(session, plan.id, number)
    if version is None:
        raise NotFound("指定された版が見つかりません")
    return version


async def restore(session: AsyncSession, principal: Principal, plan: Plan, number: int) -> Plan:
    """Write version ``number``'s content as a new version (「この版に戻す」). A version whose
    co-authors differ from the plan's changes who co-authors it: the lead author's alone to do."""
    plans.ensure_editable(plan)
    content = (await _version(session, plan, number)).content
    plan_type = PlanType(plan.plan_type)
    statements = content.get("requirement_statements") or {}
    patch = PlanPatch.model_validate(
        {
            "title": content["title"],
            "period_start_fy": content.get("period_start_fy"),
            "goal_fiscal_year": content.get("goal_fiscal_year"),
            "strategic_fields": content.get("strategic_fields") or [],
            "jsic_codes": content.get("jsic_codes") or [],
            "sections": content.get("sections") or {},
            "commitment": content.get("commitment") or {},
            "requirement_statements": {
                r.number: statements.get(str(r.number)) or "" for r in REQUIREMENTS[plan_type]
            },
        }
    )
    values = plans.patch_values(plan, patch)
    kgis = [KgiIn.model_validate(k) for k in content.get("kgis") or []]
    kpis = [KpiIn.model_validate(k) for k in content.get("kpis") or []]
    companies = [CoreCompanyIn.model_validate(c) for c in content.get("core_companies") or []]
    organisations = content.get("authors") or plan.organisations
    authors = None
    if organisations != plan.organisations:
        if principal.organisation != plan.lead_organisation:
            raise Forbidden("この版は共同作成団体が現在と異なるため、代表団体のみが戻せます")
        authors = plans.co_author_rows(plan, organisations[1:])
    await plans.claim(session, plan, values)
    years = (
        values.get("period_start_fy", plan.period_start_fy),
        values.get("goal_fiscal_year", plan.goal_fiscal_year),
    )
    await plans.put_kgis(session, plan, kgis, years)
    await plans.put_kpis(session, plan, kpis)
    await plans.put_core_companies(session, plan, companies)
    if authors is not None:
        await plans.put_co_authors(session, plan, authors)
    return await plans.done(session, principal, plan, "plan.restore", restored_from=number)
