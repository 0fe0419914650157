"""Open calls for key support companies (重点支援企業の公募), applications, attachments,
assessment and decisions. Visible to the call's prefecture and to national users only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request, UploadFile, status

from chiiki_common.auth import CurrentPrincipal
from chiiki_common.db import SessionDep
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.calls import service
from scoring_api.calls.schemas import (
    ApplicationCreate,
    ApplicationOut,
    ApplicationSummary,
    AssessmentIn,
    CallCreate,
    CallOut,
    CallPlanUpdate,
    DecisionIn,
    WaiverIn,
)
from scoring_api.selection.client import PlansDep
from scoring_api.selection.tasks import push_now
from scoring_api.uploads import read_upload

router = APIRouter(prefix="/api/scoring", tags=["calls"])

CallId = Annotated[int, Path(ge=1, le=2**63 - 1)]
ApplicationId = Annotated[int, Path(ge=1, le=2**63 - 1)]


@router.post("/calls", response_model=CallOut, status_code=status.HTTP_201_CREATED)
async def create_call(
    body: CallCreate, session: SessionDep, principal: CurrentPrincipal, plans: PlansDep
) -> CallOut:
    """公募を開始します(都道府県の承認者)。募集期間は日本時間で指定でき(オフセットなしは日本時間)、
    UTC で保存します。定量的基準(売上高の下限・従業員数の上限)、必要な同意、応募書類(様式1・様式2・
    決算書・企業概要は必須)、選定企業が参加する B 計画を指定します。計画は plans-api に確認し、公募の
    都道府県の B 計画で選定企業を追加できる状態でなければ 422 で理由を示します(何も保存しません)。"""
    return CallOut.model_validate(await service.create_call(session, principal, body, plans))


@router.get("/calls", response_model=list[CallOut])
async def list_calls(session: SessionDep, principal: CurrentPrincipal) -> list[CallOut]:
    """公募の一覧(都道府県は自都道府県分、国は全件)。"""
    return [CallOut.model_validate(c) for c in await service.list_calls(session, principal)]


@router.get("/calls/{call_id}", response_model=CallOut)
async def get_call(call_id: CallId, session: SessionDep, principal: CurrentPrincipal) -> CallOut:
    """公募1件。"""
    return CallOut.model_validate(await service.visible_call(session, principal, call_id))


@router.put("/calls/{call_id}/plan", response_model=CallOut)
async def set_call_plan(
    call_id: CallId,
    body: CallPlanUpdate,
    session: SessionDep,
    principal: CurrentPrincipal,
    plans: PlansDep,
) -> CallOut:
    """選定企業が参加する B 計画(plans-api の計画 ID)を設定します(承認者)。公募の都道府県が作成者の
    B 計画で、選定企業を追加できる状態(事前確認の審査中は審査後に追加)でなければ 422 で理由を示し、
    設定しません。plans-api に確認できないときは 502/504 で、設定しません。"""
    return CallOut.model_validate(
        await service.set_plan(session, principal, call_id, body.plan_id, plans)
    )


@router.post(
    "/calls/{call_id}/applications",
    response_model=ApplicationOut,
    status_code=status.HTTP_201_CREATED,
)
async def submit_application(
    call_id: CallId, body: ApplicationCreate, session: SessionDep, principal: CurrentPrincipal
) -> ApplicationOut:
    """応募(様式1・様式2)を受け付けます。都道府県の職員が企業に代わって登録します。募集期間外は 409 で
    拒否し、何も保存しません。必要な同意がない場合や数値の内訳が全体を超える場合は 422 です。"""
    application, call = await service.submit_application(session, principal, call_id, body)
    return await service.application_detail(session, application, call)


@router.get("/calls/{call_id}/applications", response_model=list[ApplicationSummary])
async def list_applications(
    call_id: CallId, session: SessionDep, principal: CurrentPrincipal
) -> list[ApplicationSummary]:
    """公募への応募の一覧。"""
    rows = await service.list_applications(session, principal, call_id)
    return [ApplicationSummary.model_validate(r) for r in rows]


@router.get("/applications/{application_id}", response_model=ApplicationOut)
async def get_application(
    application_id: ApplicationId, session: SessionDep, principal: CurrentPrincipal
) -> ApplicationOut:
    """応募1件: 様式1・様式2、基準ごとの自動判定、評価、判定の履歴、添付書類、計画への反映状況。"""
    application, call = await service.visible_application(session, principal, application_id)
    return await service.application_detail(session, application, call)


@router.post(
    "/applications/{application_id}/attachments",
    response_model=AttachmentOut,
    status_code=status.HTTP_201_CREATED,
)
async def attach_application_document(
    application_id: ApplicationId,
    request: Request,
    file: UploadFile,
    document_type: Annotated[str, Form(pattern=r"^[a-z0-9_]{1,50}$", description="応募書類の種類")],
    session: SessionDep,
    principal: CurrentPrincipal,
) -> AttachmentOut:
    """応募書類を添付します(PDF・Office・画像、上限サイズあり、SHA-256 を記録)。募集期間内のみ。"""
    settings = request.app.state.settings
    content = await read_upload(request, file, settings.attachment_max_bytes)
    attachment = await service.attach_document(
        session,
        principal,
        application_id,
        folder=settings.attachment_folder,
        document_type=document_type,
        filename=file.filename or "file",
        content=content,
    )
    return AttachmentOut.model_validate(attachment)


@router.post(
    "/applications/{application_id}/waivers",
    response_model=ApplicationOut,
    status_code=status.HTTP_201_CREATED,
)
async def waive_application_document(
    application_id: ApplicationId,
    body: WaiverIn,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ApplicationOut:
    """必須の応募書類(様式1・様式2・決算書・企業概要など)の提出を、理由を記録して免除します(承認者)。
    選定には、必須の書類それぞれの添付または免除の記録が必要です。記録は変更できません。"""
    application, call = await service.waive_document(session, principal, application_id, body)
    return await service.application_detail(session, application, call)


@router.put("/applications/{application_id}/assessment", response_model=ApplicationOut)
async def assess_application(
    application_id: ApplicationId,
    body: AssessmentIn,
    session: SessionDep,
    principal: CurrentPrincipal,
) -> ApplicationOut:
    """定性的基準の評価(コネクター度・ハブ度の卓越性、対象分野への合致)を記録します。"""
    application, call = await service.assess(session, principal, application_id, body)
    return await service.application_detail(session, application, call)


@router.post("/applications/{application_id}/decisions", response_model=ApplicationOut)
async def decide_application(
    application_id: ApplicationId,
    body: DecisionIn,
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    plans: PlansDep,
) -> ApplicationOut:
    """選定(selected)または不選定(declined)を記録します(承認者)。選定には定量的基準、様式2の事業年度
    (2024年4月以降開始)、必須の応募書類それぞれの添付または免除の記録が必要で、満たさない条件はすべて
    422 で示します。選定すると公募の B 計画の計画推進の核となる企業として plans-api に登録されます
    (連携できない間は保留され、再試行されます)。計画に公表される規模は ``scale``(都道府県の表現、
    金額は不可)か、省略時は従業員数の区分で、様式2の金額は送りません。"""
    app = request.app
    application, call = await service.decide(
        session, principal, application_id, body, plans, push_selections=lambda: push_now(app)
    )
    return await service.application_detail(session, application, call)
