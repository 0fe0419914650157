"""Companies (法人番号), their 様式2 figures per fiscal year, and bulk imports.

Visible to the company's HQ prefecture and to national users; everyone else gets 404.
Writes: staff (editor or above) of the HQ prefecture.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, UploadFile, status

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from scoring_api.companies import service
from scoring_api.companies.auth import (
    CompanyEditor,
    CompanyReader,
    EditableCompany,
    VisibleCompany,
)
from scoring_api.companies.schemas import (
    CompanyCreate,
    CompanyOut,
    CompanyQuery,
    CompanyUpdate,
    FiguresImportResult,
    FiguresIn,
    FiguresOut,
    FiscalYearPath,
    PrefectureNumber,
    TransactionsImportResult,
)
from scoring_api.uploads import read_upload, upload_stream

router = APIRouter(prefix="/api/scoring", tags=["companies"])


@router.get("/companies", response_model=Page[CompanyOut])
async def list_companies(
    session: SessionDep,
    principal: CompanyReader,
    page: PageDep,
    prefecture: Annotated[PrefectureNumber | None, Query()] = None,
    q: CompanyQuery = None,
) -> Page[CompanyOut]:
    """企業の一覧。都道府県の職員は自都道府県に本社がある企業、国の職員は全企業を見られます。
    ``q`` を指定すると企業名と法人番号で検索し、名称が検索語で始まる企業・法人番号が一致する企業を
    先に返します。検索語が記号のみ・100文字超・制御文字を含む場合は 422 です。"""
    rows, total = await service.list_companies(
        session, principal, prefecture=prefecture, raw_query=q, page=page
    )
    return Page(
        items=[CompanyOut.model_validate(r) for r in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("/companies", response_model=CompanyOut, status_code=status.HTTP_201_CREATED)
async def create_company(
    body: CompanyCreate, session: SessionDep, principal: CompanyEditor
) -> CompanyOut:
    """企業を登録します(自都道府県に本社がある企業のみ、編集者以上)。法人番号はチェックデジットを検証します。"""
    return CompanyOut.model_validate(await service.create_company(session, principal, body))


@router.get("/companies/{corporate_number}", response_model=CompanyOut)
async def get_company(company: VisibleCompany) -> CompanyOut:
    """企業1件。見る権限のない企業は 404 です。"""
    return CompanyOut.model_validate(company)


@router.put("/companies/{corporate_number}", response_model=CompanyOut)
async def update_company(
    company: EditableCompany, body: CompanyUpdate, session: SessionDep, principal: CompanyEditor
) -> CompanyOut:
    """企業の基本情報を更新します(本社がある都道府県の編集者以上)。"""
    return CompanyOut.model_validate(
        await service.update_company(session, principal, company, body)
    )


@router.delete("/companies/{corporate_number}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_company(
    company: EditableCompany, session: SessionDep, principal: CompanyEditor
) -> None:
    """企業とその数値・スコアを削除し、都道府県内のスコアを再計算します。"""
    await service.delete_company(session, principal, company)


@router.get("/companies/{corporate_number}/figures", response_model=list[FiguresOut])
async def list_figures(company: VisibleCompany, session: SessionDep) -> list[FiguresOut]:
    """様式2の取引高情報(年度ごと)。"""
    rows = await service.list_figures(session, company)
    return [FiguresOut.model_validate(r) for r in rows]


@router.put("/companies/{corporate_number}/figures/{fiscal_year}", response_model=FiguresOut)
async def put_figures(
    company: EditableCompany,
    fiscal_year: FiscalYearPath,
    body: FiguresIn,
    session: SessionDep,
    principal: CompanyEditor,
) -> FiguresOut:
    """ある年度の様式2の数値を登録・更新します。内訳が全体を超える数値や負の数値は項目を示して拒否します。
    保存後、都道府県内のスコアを再計算します。"""
    return FiguresOut.model_validate(
        await service.put_figures(session, principal, company, fiscal_year, body)
    )


@router.delete(
    "/companies/{corporate_number}/figures/{fiscal_year}",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def delete_figures(
    company: EditableCompany,
    fiscal_year: FiscalYearPath,
    session: SessionDep,
    principal: CompanyEditor,
) -> None:
    """ある年度の数値を削除し、スコアを再計算します。"""
    await service.delete_figures(session, principal, company, fiscal_year)


@router.post("/figures/import", response_model=FiguresImportResult)
async def import_figures(
    request: Request, file: UploadFile, session: SessionDep, principal: CompanyEditor
) -> FiguresImportResult:
    """様式2の数値を CSV または xlsx で一括登録します(列: 法人番号, 事業年度, 売上高, 域外売上高,
    仕入高, 域内仕入高 または英語の列名)。全行が正しいときだけ取り込み、誤りはすべて
    ``rows/<行番号>/<項目>`` で示します(行番号は見出しを1行目とした表計算ソフトの行番号)。"""
    content = await read_upload(request, file)
    return await service.import_figures(
        session,
        principal,
        file.filename or "upload",
        content,
        request.app.state.settings.import_max_rows,
    )


@router.post("/transactions/import", response_model=TransactionsImportResult)
async def import_transactions(
    request: Request, file: UploadFile, session: SessionDep, principal: CompanyEditor
) -> TransactionsImportResult:
    """取引一覧(売り手法人番号, 売り手本社都道府県, 買い手法人番号, 買い手本社都道府県, 取引額,
    事業年度)を取り込み、登録企業ごとの売上高・域外売上高・仕入高・域内仕入高を集計して
    数値を置き換えます。同じ年度の自都道府県の取引一覧は置き換えられ、前の一覧から集計した数値も
    すべて置き換わります(新しい一覧にない企業にはその年度の集計値が残らず、都道府県の合計からも
    外れます)。全行か0行かです。"""
    return await service.import_transactions(
        session,
        principal,
        file.filename or "upload",
        upload_stream(request, file),
        request.app.state.settings.import_max_rows,
    )
