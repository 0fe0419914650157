"""The plan as a PDF: ``/public/v1/plans/{id}.pdf`` (published versions, no login) and
``/api/plans/{id}/document.pdf`` (staff, any version they may read)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from chiiki_common.db import ReadSessionDep, SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES
from plans_api.pdf import service
from plans_api.plans.auth import VisiblePlan
from plans_api.registry.endpoints import IfNoneMatch

router = APIRouter(prefix="/api/plans", tags=["documents"])
public_router = APIRouter(prefix="/public/v1", tags=["public"], responses=PROBLEM_RESPONSES)

PDF_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {service.PDF: {}},
        "description": "計画のPDF(A4縦、フォント埋め込み)",
        "headers": {
            "ETag": {"description": "PDFの内容のハッシュ", "schema": {"type": "string"}},
            "Content-Disposition": {
                "description": "ファイル名(filename* に日本語名、RFC 5987)",
                "schema": {"type": "string"},
            },
        },
    },
    304: {"description": "If-None-Match と一致(変更なし)"},
}
PublicPlanId = Annotated[int, Path(ge=1, le=2**63 - 1, description="計画ID")]
PublishedVersion = Annotated[int, Path(ge=1, le=2**31 - 1, description="公表した版の番号")]


def _cache(request: Request) -> service.PdfCache:
    state = request.app.state
    cache: service.PdfCache | None = getattr(state, "plan_pdfs", None)
    if cache is None:
        cache = state.plan_pdfs = service.PdfCache()
    return cache


@public_router.get("/plans/{plan_id}.pdf", response_class=Response, responses=PDF_RESPONSES)
async def get_public_plan_pdf(
    plan_id: PublicPlanId,
    request: Request,
    session: ReadSessionDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The current published version of the plan as a PDF: the six description items, the KGI
    and KPI tables, the core companies (name and role), the commitment, the version and the
    publication date. The same version always gives the same file. 404 when the plan is not
    published."""
    pdf = await service.public_pdf(
        session, _cache(request), request.app.state.settings.pdf_font_dir, plan_id, None
    )
    return pdf.response(if_none_match, "public, max-age=300")


@public_router.get(
    "/plans/{plan_id}/versions/{version}.pdf", response_class=Response, responses=PDF_RESPONSES
)
async def get_public_plan_version_pdf(
    plan_id: PublicPlanId,
    version: PublishedVersion,
    request: Request,
    session: ReadSessionDep,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """One published version of the plan (第n版, current or superseded) as a PDF, as it was
    published. 404 when the plan has no such published version."""
    pdf = await service.public_pdf(
        session, _cache(request), request.app.state.settings.pdf_font_dir, plan_id, version
    )
    return pdf.response(if_none_match, "public, max-age=86400")


@router.get("/{plan_id}/document.pdf", response_class=Response, responses=PDF_RESPONSES)
async def get_plan_pdf(
    plan: VisiblePlan,
    request: Request,
    session: SessionDep,
    version: Annotated[
        int | None,
        Query(
            ge=1,
            le=2**31 - 1,
            description="版(版の履歴に記録された版の番号)。省略時は現在の計画",
        ),
    ] = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The plan as a PDF for whoever may read it: by default the plan as it is now (its published
    version when it stands published); ``version`` picks a version of the version history (版の
    履歴), the one published being the very file of its publication. A version not published
    carries 「下書き」 on every page. A plan the caller may not read, or a version its history does
    not hold, answers 404."""
    pdf = await service.staff_pdf(
        session, _cache(request), request.app.state.settings.pdf_font_dir, plan, version
    )
    return pdf.response(if_none_match, "private, no-cache")
