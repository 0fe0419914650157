"""Open calls for key support companies (重点支援企業の公募), applications, attachments,
assessment and decisions. Visible to the call's prefecture and to national users only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile, status

from chiiki_common.db import SessionDep
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.calls import service
from scoring_api.calls.auth import (
    ApplicationToDecide,
    ApplicationToEdit,
    CallApprover,
    CallEditor,
    CallsReader,
    CallToApplyTo,
    CallToManage,
    VisibleApplication,
    VisibleCall,
)
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


@router.post("/calls", response_model=CallOut, status_code=status.HTTP_201_CREATED)
async def create_call(
    body: CallCreate, session: SessionDep, principal: CallApprover, plans: PlansDep
) -> CallOut:
    """公募を開始します(都道府県の承認者)。募集期間は日本時間で指定でき(オフセットなしは日本時間)、
    UTC で保存します。定量的基準(売上高の下限・従業員数の上限)、必要な同意、応募書類(様式1・様式2・
    決算書・企業概要は必須)、選定企業が参加する B 計画を指定します。計画は plans-api に確認し、公募の
    都道府県の B 計画で選定企業を追加できる状態でなければ 422 で理由を示します(何も保存しません)。"""
    return CallOut.model_validate(await service.create_call(session, principal, body, plans))


@router.get("/calls", response_model=list[CallOut])
async def list_calls(session: SessionDep, principal: CallsReader) -> list[CallOut]:
    """公募の一覧(都道府県は自都道府県分、国は全件)。"""
    return [CallOut.model_validate(c) for c in await service.list_calls(session, principal)]


@router.get("/calls/{call_id}", response_model=CallOut)
async def get_call(call: VisibleCall) -> CallOut:
    """公募1件。"""
    return CallOut.model_validate(call)


@router.put("/calls/{call_id}/plan", response_model=CallOut)
async def set_call_plan(
    call: CallToManage,
    body: CallPlanUpdate,
    session: SessionDep,
    principal: CallApprover,
    plans: PlansDep,
) -> CallOut:
    """選定企業が参加する B 計画(plans-api の計画 ID)を設定します(承認者)。公募の都道府県が作成者の
    B 計画で、選定企業を追加できる状態(事前確認の審査中は審査後に追加)でなければ 422 で理由を示し、
    設定しません。plans-api に確認できないときは 502/504 で、設定しません。"""
    return CallOut.model_validate(
        await service.set_plan(session, principal, call, body.plan_id, plans)
    )


@router.post(
    "/calls/{call_id}/applications",
    response_model=ApplicationOut,
    status_code=status.HTTP_201_CREATED,
)
async def submit_application(
    call: CallToApplyTo, body: ApplicationCreate, session: SessionDep, principal: CallEditor
) -> ApplicationOut:
    """応募(様式1・様式2)を受け付けます。都道府県の職員が企業に代わって登録します。募集期間外は 409 で
    拒否し、何も保存しません。必要な同意がない場合や数値の内訳が全体を超える場合は 422 です。"""
    application, call = await service.submit_application(session, principal, call, body)
    return await service.application_detail(session, application, call)


@router.get("/calls/{call_id}/applications", response_model=list[ApplicationSummary])
async def list_applications(call: VisibleCall, session: SessionDep) -> list[ApplicationSummary]:
    """公募への応募の一覧。各応募に定量的基準(売上高・従業員数)の自動判定を示します。"""
    return await service.list_applications(session, call)


@router.get("/applications/{application_id}", response_model=ApplicationOut)
async def get_application(found: VisibleApplication, session: SessionDep) -> ApplicationOut:
    """応募1件: 様式1・様式2、基準ごとの自動判定、評価、判定の履歴、添付書類、計画への反映状況。"""
    application, call = found
    return await service.application_detail(session, application, call)


@router.post(
    "/applications/{application_id}/attachments",
    response_model=AttachmentOut,
    status_code=status.HTTP_201_CREATED,
)
async def attach_application_document(
    found: ApplicationToEdit,
    request: Request,
    file: UploadFile,
    document_type: Annotated[str, Form(pattern=r"^[a-z0-9_]{1,50}$", description="応募書類の種類")],
    session: SessionDep,
    principal: CallEditor,
) -> AttachmentOut:
    """応募書類を添付します(PDF・Office・画像、上限サイズあり、SHA-256 を記録)。募集期間内のみ。"""
    settings = request.app.state.settings
    content = await read_upload(request, file, settings.attachment_max_bytes)
    application, call = found
    attachment = await service.attach_document(
        session,
        principal,
        application,
        call,
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
    found: ApplicationToDecide, body: WaiverIn, session: SessionDep, principal: CallApprover
) -> ApplicationOut:
    """必須の応募書類(様式1・様式2・決算書・企業概要など)の提出を、理由を記録して免除します(承認者)。
    選定には、必須の書類それぞれの添付または免除の記録が必要です。記録は変更できません。"""
    application, call = await service.waive_document(session, principal, *found, body)
    return await service.application_detail(session, application, call)


@router.put("/applications/{application_id}/assessment", response_model=ApplicationOut)
async def assess_application(
    found: ApplicationToEdit, body: AssessmentIn, session: SessionDep, principal: CallEditor
) -> ApplicationOut:
    """定性的基準の評価(コネクター度・ハブ度の卓越性、対象分野への合致)を記録します。"""
    application, call = await service.assess(session, principal, *found, body)
    return await service.application_detail(session, application, call)


@router.post("/applications/{application_id}/decisions", response_model=ApplicationOut)
async def decide_application(
    found: ApplicationToDecide,
    body: DecisionIn,
    request: Request,
    session: SessionDep,
    principal: CallApprover,
    plans: PlansDep,
) -> ApplicationOut:
    """選定(selected)または不選定(declined)を記録します(承認者)。選定には定量的基準、様式2の事業年度
    (2024年4月以降開始)、必須の応募書類それぞれの添付または免除の記録が必要で、満たさない条件はすべて
    422 で示します。選定すると公募の B 計画の計画推進の核となる企業として plans-api に登録されます
    (連携できない間は保留され、再試行されます)。計画に公表される規模は ``scale``(都道府県の表現、
    金額は不可)か、省略時は従業員数の区分で、様式2の金額は送りません。"""
    app = request.app
    application, call = await service.decide(
        session, principal, *found, body, plans, push_selections=lambda: push_now(app)
    )
    return await service.application_detail(session, application, call)
