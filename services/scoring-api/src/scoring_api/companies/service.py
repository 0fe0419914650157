"""Rules for companies and their figures: who may write, impossible figures, imports."""

from __future__ import annotations

from collections.abc import Sequence

import structlog
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock, textsearch
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from chiiki_common.pagination import PageParams
from scoring_api.companies import repository
from scoring_api.companies.schemas import (
    CompanyCreate,
    CompanyUpdate,
    FigureRow,
    FiguresImportResult,
    FiguresIn,
    TransactionRow,
    TransactionsImportResult,
)
from scoring_api.companies.tabular import by_row, read_rows
from scoring_api.models import AuditRecord, Company, CompanyFigures
from scoring_api.scores.service import recompute_scores
from scoring_api.tenancy import staff_prefecture
from scoring_api.upsert import upsert

log = structlog.get_logger("scoring.companies")

FIGURE_COLUMNS = {
    "法人番号": "corporate_number",
    "事業年度": "fiscal_year",
    "売上高": "sales",
    "域外売上高": "out_of_prefecture_sales",
    "うち域外売上高": "out_of_prefecture_sales",
    "仕入高": "purchases",
    "域内仕入高": "in_prefecture_purchases",
    "うち域内仕入高": "in_prefecture_purchases",
}
TRANSACTION_COLUMNS = {
    "売り手法人番号": "seller_corporate_number",
    "売り手本社都道府県": "seller_prefecture",
    "買い手法人番号": "buyer_corporate_number",
    "買い手本社都道府県": "buyer_prefecture",
    "取引額": "amount",
    "事業年度": "fiscal_year",
}


def figure_problems(figures: FiguresIn, prefix: str = "") -> list[FieldProblem]:
    """A part larger than its whole (様式2: うち域外売上高 ≤ 売上高, うち域内仕入高 ≤ 仕入高)."""
    problems = []
    if figures.out_of_prefecture_sales > figures.sales:
        problems.append(
            FieldProblem(
                field=f"{prefix}out_of_prefecture_sales",
                message="域外売上高が売上高を超えています",
                code="part_exceeds_whole",
            )
        )
    if figures.in_prefecture_purchases > figures.purchases:
        problems.append(
            FieldProblem(
                field=f"{prefix}in_prefecture_purchases",
                message="域内仕入高が仕入高を超えています",
                code="part_exceeds_whole",
            )
        )
    return problems


async def list_companies(
    session: AsyncSession,
    principal: Principal,
    *,
    prefecture: str | None,
    raw_query: str | None,
    page: PageParams,
) -> tuple[Sequence[Company], int]:
    return await repository.list_companies(
        session,
        principal,
        prefecture=prefecture,
        query=textsearch.parse_query(raw_query) if raw_query else None,
        limit=page.limit,
        offset=page.offset,
    )


async def visible_company(
    session: AsyncSession, principal: Principal, corporate_number: str
) -> Company:
    company = await repository.get_company(session, principal, corporate_number)
    if company is None:
        raise NotFound("企業が見つかりません")
    return company


async def create_company(
    session: AsyncSession, principal: Principal, body: CompanyCreate
) -> Company:
    prefecture = staff_prefecture(principal)
    if body.hq_prefecture != prefecture:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="hq_prefecture", message="自都道府県に本社がある企業のみ登録できます"
                )
            ]
        )
    if await repository.company_exists(session, body.corporate_number):
        raise Conflict("この法人番号の企業は既に登録されています")
    now = clock.now()
    company = Company(**body.model_dump(), created_at=now, updated_at=now)
    session.add(company)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.create",
        resource_type="company",
        resource_id=company.corporate_number,
    )
    return company


async def update_company(
    session: AsyncSession, principal: Principal, company: Company, body: CompanyUpdate
) -> Company:
    if body.hq_prefecture != staff_prefecture(principal):
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="hq_prefecture",
                    message="本社の他都道府県への移転は移転先の都道府県が登録します",
                )
            ]
        )
    for name, value in body.model_dump().items():
        setattr(company, name, value)
    company.updated_at = clock.now()
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.update",
        resource_type="company",
        resource_id=company.corporate_number,
    )
    return company


async def delete_company(session: AsyncSession, principal: Principal, company: Company) -> None:
    corporate_number = company.corporate_number
    await session.execute(delete(Company).where(Company.corporate_number == corporate_number))
    await recompute_scores(session, {company.hq_prefecture})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="company.delete",
        resource_type="company",
        resource_id=corporate_number,
    )


async def list_figures(session: AsyncSession, company: Company) -> Sequence[CompanyFigures]:
    return await repository.list_figures(session, company.corporate_number)


async def put_figures(
    session: AsyncSession,
    principal: Principal,
    company: Company,
    fiscal_year: int,
    body: FiguresIn,
) -> CompanyFigures:
    corporate_number = company.corporate_number
    problems = figure_problems(body)
    if problems:
        raise ValidationFailed(errors=problems)
    await upsert(
        session,
        CompanyFigures,
        [
            {
                "corporate_number": corporate_number,
                "fiscal_year": fiscal_year,
                **body.model_dump(),
                "source": "form",
                "updated_at": clock.now(),
            }
        ],
        keys=("corporate_number", "fiscal_year"),
    )
    await recompute_scores(session, {company.hq_prefecture}, {fiscal_year})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.put",
        resource_type="company",
        resource_id=corporate_number,
        details={"fiscal_year": fiscal_year},
    )
    figures = await repository.get_figures(session, corporate_number, fiscal_year)
    assert figures is not None
    await session.refresh(figures)
    return figures


async def delete_figures(
    session: AsyncSession, principal: Principal, company: Company, fiscal_year: int
) -> None:
    corporate_number = company.corporate_number
    figures = await repository.get_figures(session, corporate_number, fiscal_year)
    if figures is None:
        raise NotFound("この年度の数値は登録されていません")
    await session.delete(figures)
    await session.flush()
    await recompute_scores(session, {company.hq_prefecture}, {fiscal_year})
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.delete",
        resource_type="company",
        resource_id=corporate_number,
        details={"fiscal_year": fiscal_year},
    )


async def import_figures(
    session: AsyncSession, principal: Principal, filename: str, content: bytes, max_rows: int
) -> FiguresImportResult:
    """All rows or none: every bad row and field is reported in one answer."""
    prefecture = staff_prefecture(principal)
    rows, problems = await read_rows(
        filename, content, FigureRow, FIGURE_COLUMNS, max_rows=max_rows
    )
    known = await repository.companies_by_number(session, {row.corporate_number for _, row in rows})
    seen: dict[tuple[str, int], int] = {}
    for number, row in rows:
        prefix = f"rows/{number}/"
        company = known.get(row.corporate_number)
        if company is None or company.hq_prefecture != prefecture:
            problems.append(
                FieldProblem(
                    field=f"{prefix}corporate_number",
                    message="自都道府県の登録企業ではありません(先に企業を登録してください)",
                )
            )
        key = (row.corporate_number, row.fiscal_year)
        if key in seen:
            problems.append(
                FieldProblem(
                    field=f"{prefix}fiscal_year",
                    message=f"同じ企業・年度の行が{seen[key]}行目にもあります",
                )
            )
        seen.setdefault(key, number)
        problems += figure_problems(row, prefix)
    if problems:
        raise ValidationFailed(
            "誤りのある行があるため、1行も取り込んでいません", errors=by_row(problems)
        )
    now = clock.now()
    values = [{**row.model_dump(), "source": "import", "updated_at": now} for _, row in rows]
    for start in range(0, len(values), 5_000):
        await upsert(
            session,
            CompanyFigures,
            values[start : start + 5_000],
            keys=("corporate_number", "fiscal_year"),
        )
    years = sorted({row.fiscal_year for _, row in rows})
    await recompute_scores(session, {prefecture}, years)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="figures.import",
        resource_type="prefecture",
        resource_id=prefecture,
        details={"rows": len(rows), "fiscal_years": years, "file": filename[:200]},
    )
    log.info("scoring.figures.imported", rows=len(rows), prefecture=prefecture)
    return FiguresImportResult(rows=len(rows), fiscal_years=years)


async def import_transactions(
    session: AsyncSession, principal: Principal, filename: str, content: bytes, max_rows: int
) -> TransactionsImportResult:
    """Replace the prefecture's transaction list of the fiscal years in the file and derive every
    registered company's figures from it (set-based), then recompute the scores."""
    prefecture = staff_prefecture(principal)
    rows, problems = await read_rows(
        filename, content, TransactionRow, TRANSACTION_COLUMNS, max_rows=max_rows
    )
    numbers = {row.seller_corporate_number for _, row in rows} | {
        row.buyer_corporate_number for _, row in rows
    }
    known = await repository.companies_by_number(session, numbers)
    for number, row in rows:
        prefix = f"rows/{number}/"
        if prefecture not in (row.seller_prefecture, row.buyer_prefecture):
            problems.append(
                FieldProblem(
                    field=f"{prefix}seller_prefecture",
                    message="売り手・買い手のどちらかが自都道府県に本社を置く取引のみ取り込めます",
                )
            )
        if row.seller_corporate_number == row.buyer_corporate_number:
            problems.append(
                FieldProblem(
                    field=f"{prefix}buyer_corporate_number",
                    message="売り手と買い手が同じ法人です",
                )
            )
        for party in ("seller", "buyer"):
            company = known.get(getattr(row, f"{party}_corporate_number"))
            stated = getattr(row, f"{party}_prefecture")
            if company is not None and company.hq_prefecture != stated:
                problems.append(
                    FieldProblem(
                        field=f"{prefix}{party}_prefecture",
                        message=f"登録済みの本社都道府県({company.hq_prefecture})と異なります",
                    )
                )
    if problems:
        raise ValidationFailed(
            "誤りのある行があるため、1行も取り込んでいません", errors=by_row(problems)
        )
    years = sorted({row.fiscal_year for _, row in rows})
    await repository.replace_transactions(
        session,
        prefecture,
        years,
        [
            {
                "importer_prefecture": prefecture,
                "fiscal_year": row.fiscal_year,
                "seller_number": row.seller_corporate_number,
                "seller_prefecture": row.seller_prefecture,
                "buyer_number": row.buyer_corporate_number,
                "buyer_prefecture": row.buyer_prefecture,
                "amount": row.amount,
            }
            for _, row in rows
        ],
    )
    derived = await repository.derive_figures(session, prefecture, years, clock.now())
    await recompute_scores(session, {prefecture}, years)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="transactions.import",
        resource_type="prefecture",
        resource_id=prefecture,
        details={"rows": len(rows), "fiscal_years": years, "derived": derived},
    )
    log.info("scoring.transactions.imported", rows=len(rows), derived=derived)
    return TransactionsImportResult(rows=len(rows), fiscal_years=years, companies_derived=derived)
