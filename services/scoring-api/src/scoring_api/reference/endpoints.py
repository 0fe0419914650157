"""参考リスト (reference list): 経済産業省's list as METI imports it, the platform's estimate beside it,
and evidence (証憑) filings reviewed by 経済産業省."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request, UploadFile, status
from fastapi.responses import Response

from chiiki_common.db import SessionDep
from chiiki_common.schemas import FiscalYear, ShortText
from scoring_api.attachments import repository as attachment_repository
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.attachments.service import add_attachment
from scoring_api.companies.schemas import PrefectureNumber
from scoring_api.reference import service
from scoring_api.reference.auth import (
    EvidenceFiler,
    EvidenceReviewer,
    FilingToComplete,
    FilingToReview,
    MetiListKeeper,
    ReferenceReader,
    RulesReader,
    VisibleFiling,
)
from scoring_api.reference.rules import rules_document
from scoring_api.reference.schemas import (
    EvidenceFilingCreate,
    EvidenceFilingDetail,
    EvidenceFilingOut,
    EvidenceReview,
    MetiImportResult,
    MetiReferenceList,
    MetiVersionOut,
    ReferenceList,
)
from scoring_api.uploads import read_upload

router = APIRouter(prefix="/api/scoring", tags=["reference"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/reference/rules")
async def scoring_rules(
    request: Request, principal: RulesReader, response: Response
) -> dict[str, object]:
    """スコアリングの規則をデータで返します: 本システムによる参考リスト推計の条件(コネクター度・ハブ度の
    上位の割合、従業員数の上限)、公募の定量的基準の既定値(売上高の下限・従業員数の上限)、様式2の
    事業年度の最も早い開始日、すべての公募に必要な応募書類(種類と名称)、コネクター度・ハブ度の指標
    (名前と定義)。写しを持たずにこれを読んでください。変わるのはリリースか設定の変更のときだけです。"""
    response.headers["Cache-Control"] = "private, max-age=3600"
    return rules_document(request.app.state.settings)


@router.get("/reference-list/meti", response_model=MetiReferenceList)
async def get_meti_reference_list(
    session: SessionDep,
    principal: ReferenceReader,
    fiscal_year: Annotated[FiscalYear, Query(description="事業年度")],
    prefecture: Annotated[PrefectureNumber | None, Query()] = None,
    version: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="版(省略時は最新版)")
    ] = None,
) -> MetiReferenceList:
    """経済産業省の参考リスト(民間データベース等から抽出、経済産業省が取り込んだもの)。本システムで
    「参考リストに掲載」とはこのリストの最新版に載っていることです。証憑が経済産業省に確認された企業も
    あわせて示します。都道府県の職員は自都道府県分、国の職員は全都道府県を見られます。"""
    return await service.meti_list(
        session, principal, fiscal_year=fiscal_year, prefecture=prefecture, version=version
    )


@router.get("/reference-list/meti/versions", response_model=list[MetiVersionOut])
async def list_meti_reference_versions(
    session: SessionDep,
    principal: ReferenceReader,
    fiscal_year: Annotated[FiscalYear | None, Query(description="事業年度")] = None,
) -> list[MetiVersionOut]:
    """経済産業省の参考リストの版の一覧(年度ごとに新しい版から)。各版の取込日時・取込者・件数。"""
    return [
        MetiVersionOut.model_validate(v) for v in await service.meti_versions(session, fiscal_year)
    ]


@router.post("/reference-list/meti/import", response_model=MetiImportResult)
async def import_meti_reference_list(
    request: Request, file: UploadFile, session: SessionDep, principal: MetiListKeeper
) -> MetiImportResult:
    """経済産業省の参考リストを CSV または xlsx で取り込みます(経済産業省の編集者以上または審査担当者)。列: 法人番号,
    企業名, 都道府県(2桁の番号または6桁の団体コード), 事業年度, 備考。ファイルに含まれる年度ごとに
    新しい版になり、それまでの版も残ります。全行が正しいときだけ取り込み、誤りはすべて
    ``rows/<行番号>/<項目>`` で示します。"""
    content = await read_upload(request, file)
    return await service.import_meti_list(
        session,
        principal,
        file.filename or "upload",
        content,
        request.app.state.settings.import_max_rows,
    )


@router.get("/reference-list", response_model=ReferenceList)
async def get_reference_list(
    request: Request,
    session: SessionDep,
    principal: ReferenceReader,
    fiscal_year: Annotated[FiscalYear, Query(description="事業年度")],
    prefecture: Annotated[PrefectureNumber | None, Query()] = None,
) -> ReferenceList:
    """本システムによる推計(経済産業省の参考リストではありません): 本システムに登録された数値から、
    都道府県内でコネクター度またはハブ度(都道府県内シェア)が上位(既定 10%)で従業員数が上限(既定
    2,000 名)以下の企業。各企業に経済産業省の参考リスト(最新版)への掲載の有無(``on_meti_list``)
    と、証憑が経済産業省に確認されたか(``confirmed_by_evidence``)を示します。公式の参考リストは
    ``/reference-list/meti`` です。条件の値は ``/reference/rules`` にあります。"""
    return await service.reference_list(
        session,
        principal,
        request.app.state.settings,
        fiscal_year=fiscal_year,
        prefecture=prefecture,
    )


@router.get(
    "/reference-list/export",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX: {}}}},
)
async def export_reference_list(
    request: Request,
    session: SessionDep,
    principal: ReferenceReader,
    fiscal_year: Annotated[FiscalYear, Query(description="事業年度")],
    format: Annotated[Literal["csv", "xlsx"], Query(description="出力形式")] = "xlsx",
    prefecture: Annotated[PrefectureNumber | None, Query()] = None,
) -> Response:
    """本システムによる推計を CSV(UTF-8 BOM 付き)または xlsx で出力します(経済産業省の参考リストでは
    ありません)。1行目は表題「本システムによる推計」、2行目に推計の条件と掲載の判定に用いた経済産業省の
    参考リストの版、4行目が見出しで、各企業に「経済産業省リスト掲載」「証憑で確認済み」を示します。
    ファイル名は ``estimate-<年度>.<形式>`` です。"""
    listing = await service.reference_list(
        session,
        principal,
        request.app.state.settings,
        fiscal_year=fiscal_year,
        prefecture=prefecture,
    )
    filename = service.export_filename(fiscal_year, format)
    content, media_type = (
        (service.export_csv(listing), "text/csv; charset=utf-8")
        if format == "csv"
        else (service.export_xlsx(listing), XLSX)
    )
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/evidence-filings", response_model=EvidenceFilingOut, status_code=status.HTTP_201_CREATED
)
async def file_evidence(
    body: EvidenceFilingCreate, session: SessionDep, principal: EvidenceFiler
) -> EvidenceFilingOut:
    """経済産業省の参考リスト(その年度の最新版)に掲載されていない自都道府県の企業について、相対的に
    高いコネクター度・ハブ度の証憑(説明と数値)を経済産業省に提出します(都道府県の編集者以上)。
    本プラットフォームの推計で上位の企業も提出できます。書類は添付で追加します。"""
    filing = await service.file_evidence(session, principal, body)
    return EvidenceFilingOut.model_validate(filing)


@router.get("/evidence-filings", response_model=list[EvidenceFilingOut])
async def list_evidence_filings(
    session: SessionDep,
    principal: ReferenceReader,
    status_: Annotated[
        Literal["submitted", "confirmed", "rejected"] | None, Query(alias="status")
    ] = None,
) -> list[EvidenceFilingOut]:
    """証憑の提出一覧(都道府県は自都道府県分、国は全件)。"""
    rows = await service.list_filings(session, principal, status_)
    return [EvidenceFilingOut.model_validate(r) for r in rows]


@router.get("/evidence-filings/{filing_id}", response_model=EvidenceFilingDetail)
async def get_evidence_filing(filing: VisibleFiling, session: SessionDep) -> EvidenceFilingDetail:
    """証憑の提出1件と、その確認の履歴・添付書類。"""
    return await service.filing_detail(session, filing)


@router.post(
    "/evidence-filings/{filing_id}/attachments",
    response_model=AttachmentOut,
    status_code=status.HTTP_201_CREATED,
)
async def attach_evidence_document(
    filing: FilingToComplete,
    request: Request,
    file: UploadFile,
    session: SessionDep,
    principal: EvidenceFiler,
    document_type: Annotated[ShortText, Form(max_length=50)] = "evidence",
) -> AttachmentOut:
    """証憑書類(PDF・Office・画像)を添付します(提出した都道府県の編集者以上、確認の前のみ)。"""
    service.ensure_open(filing)
    settings = request.app.state.settings
    content = await read_upload(request, file, settings.attachment_max_bytes)
    attachment = await add_attachment(
        session,
        principal,
        folder=settings.attachment_folder,
        owner_type=attachment_repository.EVIDENCE,
        owner_id=filing.id,
        document_type=document_type,
        filename=file.filename or "file",
        content=content,
    )
    return AttachmentOut.model_validate(attachment)


@router.post("/evidence-filings/{filing_id}/review", response_model=EvidenceFilingDetail)
async def review_evidence_filing(
    filing: FilingToReview,
    body: EvidenceReview,
    request: Request,
    session: SessionDep,
    principal: EvidenceReviewer,
) -> EvidenceFilingDetail:
    """経済産業省の審査担当者が証憑を確認(confirmed)または却下(rejected)します。履歴に残ります。
    確認には従業員規模が上限(既定 2,000 名)以下であること(登録された従業員数)が必要で、超える場合は
    422 です。"""
    filing = await service.review(session, principal, request.app.state.settings, filing, body)
    return await service.filing_detail(session, filing)
