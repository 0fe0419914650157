"""``/api/plans/{id}/export.xlsx`` and ``/api/plans/{id}/import``: the 様式 workbook both ways."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile

from chiiki_common.db import SessionDep
from chiiki_common.errors import FieldProblem, ValidationFailed
from plans_api.exports import service
from plans_api.plans import service as plans
from plans_api.plans.auth import AuthoredPlan, Caller, EditablePlan, VisiblePlan
from plans_api.plans.schemas import PlanOut
from plans_api.versions.schemas import ImportPreview

router = APIRouter(prefix="/api/plans", tags=["exports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@router.get(
    "/{plan_id}/export.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "様式のExcelファイル"}},
)
async def export_plan_workbook(plan: VisiblePlan, session: SessionDep) -> Response:
    """The plan as its 様式 workbook (B: 様式1-1〜1-4, C: 様式2-1〜2-4), with the plan's version
    on every sheet and in the file name."""
    data, filename = await service.export_plan(session, plan)
    return Response(
        content=data,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def _upload(file: UploadFile) -> bytes:
    data = await file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationFailed(
            errors=[FieldProblem(field="file", message="ファイルが大きすぎます(5MBまで)")]
        )
    return data


@router.post("/{plan_id}/import/preview", response_model=ImportPreview)
async def preview_plan_workbook_import(
    plan: AuthoredPlan,
    file: Annotated[UploadFile, File(description="様式のExcelファイル(.xlsx)")],
) -> ImportPreview:
    """What importing the workbook would change, without writing anything: the description items,
    KGIs, KPIs and core companies added, changed and removed, each named in Japanese. Read with
    the same code as the import; a workbook of another plan or of another type is refused with a
    problem naming it. Apply with ``POST …/import`` and ``If-Match`` set to the answer's
    ``version`` (412 when the plan changed in between)."""
    data = await _upload(file)
    return await service.preview_import(plan, data)


@router.post("/{plan_id}/import", response_model=PlanOut)
async def import_plan_workbook(
    plan: EditablePlan,
    file: Annotated[UploadFile, File(description="様式のExcelファイル(.xlsx)")],
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """Read a 様式 workbook back into a draft of the same type (If-Match required). Every problem
    in the file is listed at once; nothing changes unless the whole file reads."""
    data = await _upload(file)
    plan = await service.import_plan(session, principal, plan, data)
    out = await plans.plan_out(session, plan)
    response.headers["ETag"] = plans.etag(out.version)
    return out
