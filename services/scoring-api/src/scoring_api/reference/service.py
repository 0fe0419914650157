"""The 参考リスト (seed 000 ⑨) and the evidence (証憑) review flow for companies outside it.

The official list is 経済産業省's (「民間データベース等を参照し抽出」): METI imports it as a file,
each import is the next version of each fiscal year it holds, and "on the reference list" means on
the current version. The platform's own list from its figures is an estimate shown beside it.

「国が作成する「参考リスト」に記載がない企業において…実態として都道府県内で相対的に高い
コネクター度・ハブ度を有していることが確認できた企業については、対象となります。都道府県等から、
当該要件に係る証憑を経済産業省に提出いただき、経済産業省において内容を確認します。」
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

import structlog
from openpyxl import Workbook
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock, spreadsheets
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from scoring_api.attachments import repository as attachments
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.companies import repository as companies
from scoring_api.companies.tabular import by_row, read_rows
from scoring_api.models import AuditRecord, EvidenceEvent, EvidenceFiling, MetiReferenceVersion
from scoring_api.reference import repository
from scoring_api.reference.schemas import (
    Basis,
    EvidenceConfirmedOut,
    EvidenceEventOut,
    EvidenceFilingCreate,
    EvidenceFilingDetail,
    EvidenceReview,
    MetiEntryOut,
    MetiImportResult,
    MetiReferenceList,
    MetiReferenceRow,
    MetiVersionOut,
    ReferenceEntry,
    ReferenceList,
)
from scoring_api.scores.formulas import in_top_percent
from scoring_api.settings import Settings
from scoring_api.tenancy import own_prefecture, staff_prefecture

log = structlog.get_logger("scoring.reference")

REVIEWING_MINISTRY = "meti"
"""経済産業省 confirms evidence (seed 000 ⑨)."""

EXPORT_HEADINGS = [
    "法人番号",
    "企業名",
    "都道府県",
    "事業年度",
    "従業員数",
    "コネクター度(都道府県内シェア)",
    "コネクター度順位",
    "ハブ度(都道府県内シェア)",
    "ハブ度順位",
    "順位付け企業数",
    "推計の理由",
    "経済産業省リスト掲載",
    "証憑で確認済み",
]
ESTIMATE_TITLE = "本システムによる推計"
"""The export's title (sheet name and first line): an estimate, never METI's 参考リスト."""
ESTIMATE_FILENAME = "estimate-{fiscal_year}.{format}"
BASIS_LABELS = {"connector": "コネクター度上位", "hub": "ハブ度上位"}
METI_COLUMNS = {
    "法人番号": "corporate_number",
    "企業名": "name",
    "法人名": "name",
    "名称": "name",
    "都道府県": "prefecture",
    "本社都道府県": "prefecture",
    "都道府県番号": "prefecture",
    "都道府県コード": "prefecture",
    "事業年度": "fiscal_year",
    "年度": "fiscal_year",
    "備考": "note",
}
"""Headings of METI's 参考リスト file (English field names are accepted as well)."""


async def reference_list(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    *,
    fiscal_year: int,
    prefecture: str | None,
) -> ReferenceList:
    """The platform's estimate: companies of the prefecture with a top connector or hub share and
    ≤ the employee limit, each marked with whether METI's current list names it."""
    top = settings.reference_list_top_percent
    prefecture = prefecture or own_prefecture(principal)
    candidates = await repository.reference_candidates(
        session,
        principal,
        fiscal_year=fiscal_year,
        prefecture=prefecture,
        top_percent=top,
        max_employees=settings.reference_list_max_employees,
    )
    numbers = {company.corporate_number for _, company in candidates}
    listed = await repository.meti_listed_among(session, numbers, fiscal_year)
    confirmed = await repository.confirmed_among(session, numbers, fiscal_year)
    entries = []
    for score, company in candidates:
        basis: list[Basis] = []
        if (score.connector_share or 0) > 0 and in_top_percent(
            score.connector_share_rank, score.companies_counted, top
        ):
            basis.append("connector")
        if (score.hub_share or 0) > 0 and in_top_percent(
            score.hub_share_rank, score.companies_counted, top
        ):
            basis.append("hub")
        entries.append(
            ReferenceEntry(
                corporate_number=company.corporate_number,
                name=company.name,
                prefecture=score.prefecture,
                fiscal_year=fiscal_year,
                employees=company.employees,
                connector_share=score.connector_share,
                connector_share_rank=score.connector_share_rank,
                hub_share=score.hub_share,
                hub_share_rank=score.hub_share_rank,
                companies_counted=score.companies_counted,
                basis=basis,
                on_meti_list=company.corporate_number in listed,
                confirmed_by_evidence=company.corporate_number in confirmed,
            )
        )
    return ReferenceList(
        fiscal_year=fiscal_year,
        top_percent=top,
        max_employees=settings.reference_list_max_employees,
        meti_version=await repository.latest_meti_version_number(session, fiscal_year) or None,
        entries=entries,
    )


async def import_meti_list(
    session: AsyncSession, principal: Principal, filename: str, content: bytes, max_rows: int
) -> MetiImportResult:
    """METI's file becomes the next version of the list of each fiscal year it holds; all rows or
    none, every bad row at once. The companies need not be registered in the platform."""
    rows, problems = await read_rows(
        filename, content, MetiReferenceRow, METI_COLUMNS, max_rows=max_rows
    )
    seen: dict[tuple[str, int], int] = {}
    for number, row in rows:
        key = (row.corporate_number, row.fiscal_year)
        if key in seen:
            problems.append(
                FieldProblem(
                    field=f"rows/{number}/corporate_number",
                    message=f"同じ法人番号・事業年度の行が{seen[key]}行目にもあります",
                )
            )
        seen.setdefault(key, number)
    if not rows and not problems:
        raise ValidationFailed(
            "データ行がありません",
            errors=[FieldProblem(field="file", message="参考リストの行がありません")],
        )
    if problems:
        raise ValidationFailed(
            "誤りのある行があるため、1行も取り込んでいません", errors=by_row(problems)
        )
    digest = hashlib.sha256(content).hexdigest()
    now = clock.now()
    versions = []
    for year in sorted({row.fiscal_year for _, row in rows}):
        entries = [
            row.model_dump(exclude={"fiscal_year"}) for _, row in rows if row.fiscal_year == year
        ]
        version = MetiReferenceVersion(
            fiscal_year=year,
            version=await repository.latest_meti_version_number(session, year) + 1,
            filename=filename[:255],
            sha256=digest,
            entry_count=len(entries),
            imported_by=principal.subject,
            organisation=principal.organisation,
            imported_at=now,
        )
        session.add(version)
        try:
            await session.flush()
        except IntegrityError as exc:  # another import of the same year took this number first
            raise Conflict(
                "同じ年度の参考リストが同時に取り込まれました。一覧を確認してから再度取り込んでください"
            ) from exc
        await repository.add_meti_entries(session, version.id, entries)
        versions.append(MetiVersionOut.model_validate(version))
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="reference.meti.import",
        resource_type="meti_reference_list",
        resource_id=",".join(f"{v.fiscal_year}v{v.version}" for v in versions),
        details={"rows": len(rows), "file": filename[:200], "sha256": digest},
    )
    log.info("scoring.reference.meti_imported", rows=len(rows), versions=len(versions))
    return MetiImportResult(rows=len(rows), versions=versions)


async def meti_list(
    session: AsyncSession,
    principal: Principal,
    *,
    fiscal_year: int,
    prefecture: str | None,
    version: int | None,
) -> MetiReferenceList:
    """METI's list of the fiscal year (the current version unless one is asked for), the caller's
    prefecture only for prefecture staff, with the companies METI confirmed from evidence."""
    prefecture = prefecture or own_prefecture(principal)
    found = await repository.meti_version(session, fiscal_year, version)
    if found is None and version is not None:
        raise NotFound(f"{fiscal_year}年度の参考リスト第{version}版はありません")
    entries = (
        await repository.meti_entries(session, principal, found.id, prefecture) if found else []
    )
    confirmed = await repository.confirmed_by_evidence(
        session, principal, fiscal_year=fiscal_year, prefecture=prefecture
    )
    return MetiReferenceList(
        fiscal_year=fiscal_year,
        version=MetiVersionOut.model_validate(found) if found else None,
        entries=[
            MetiEntryOut(
                corporate_number=e.corporate_number,
                name=e.name,
                prefecture=e.prefecture,
                fiscal_year=fiscal_year,
                note=e.note,
            )
            for e in entries
        ],
        confirmed_by_evidence=[
            EvidenceConfirmedOut(
                corporate_number=company.corporate_number,
                name=company.name,
                prefecture=filing.prefecture,
                fiscal_year=filing.fiscal_year,
                filing_id=filing.id,
                confirmed_at=filing.decided_at,
            )
            for filing, company in confirmed
        ],
    )


async def meti_versions(
    session: AsyncSession, fiscal_year: int | None
) -> Sequence[MetiReferenceVersion]:
    return await repository.meti_versions(session, fiscal_year)


def _export_rows(listing: ReferenceList) -> list[list[object]]:
    return [
        [
            e.corporate_number,
            e.name,
            e.prefecture,
            e.fiscal_year,
            e.employees,
            e.connector_share,
            e.connector_share_rank,
            e.hub_share,
            e.hub_share_rank,
            e.companies_counted,
            "・".join(BASIS_LABELS[b] for b in e.basis),
            "掲載" if e.on_meti_list else "",
            "確認済み" if e.confirmed_by_evidence else "",
        ]
        for e in listing.entries
    ]


def _title_rows(listing: ReferenceList) -> list[list[object]]:
    """The first lines say what the file is: the platform's estimate, not METI's list."""
    meti = (
        f"経済産業省の参考リスト第{listing.meti_version}版"
        if listing.meti_version
        else "経済産業省の参考リスト(未取込)"
    )
    return [
        [f"{ESTIMATE_TITLE}({listing.fiscal_year}年度)"],
        [
            f"{listing.label}。都道府県内でコネクター度またはハブ度が上位{listing.top_percent:g}%・"
            f"従業員{listing.max_employees:,}名以下の企業。掲載の有無は{meti}によります。"
        ],
        [],
    ]


def export_filename(fiscal_year: int, format: str) -> str:
    return ESTIMATE_FILENAME.format(fiscal_year=fiscal_year, format=format)


def export_csv(listing: ReferenceList) -> bytes:
    """UTF-8 with BOM so that Excel opens the Japanese headings correctly; no field is ever
    evaluated as a formula (:func:`chiiki_common.spreadsheets.csv_text`)."""
    rows: list[Sequence[object]] = [*_title_rows(listing), EXPORT_HEADINGS, *_export_rows(listing)]
    return spreadsheets.csv_text(rows).encode("utf-8-sig")


def export_xlsx(listing: ReferenceList) -> bytes:
    """Every text a string cell, never a formula (:func:`chiiki_common.spreadsheets.append_row`)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ESTIMATE_TITLE
    rows: list[Sequence[object]] = [*_title_rows(listing), EXPORT_HEADINGS, *_export_rows(listing)]
    for row in rows:
        spreadsheets.append_row(sheet, row)
    for cell in sheet["A"]:
        cell.number_format = "@"  # 法人番号 stays text, never 1.23E+12
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def file_evidence(
    session: AsyncSession, principal: Principal, body: EvidenceFilingCreate
) -> EvidenceFiling:
    """A prefecture files evidence for one of its companies that METI's list of the fiscal year
    does not name (whatever the platform's estimate says)."""
    prefecture = staff_prefecture(principal)
    company = await companies.get_company(session, principal, body.corporate_number)
    if company is None:
        raise ValidationFailed(
            errors=[
                FieldProblem(field="corporate_number", message="自都道府県の登録企業ではありません")
            ]
        )
    # only METI's list counts: the platform's estimate may rank the company high, it still needs
    # evidence (seed 000 ⑨ 「国が作成する「参考リスト」に記載がない企業」)
    if await repository.on_meti_list(session, company.corporate_number, body.fiscal_year):
        raise Conflict(
            "この企業は経済産業省の参考リストに掲載されているため、証憑は不要です",
            title="経済産業省の参考リストに掲載済みです",
        )
    if await repository.pending_filing_exists(session, company.corporate_number, body.fiscal_year):
        raise Conflict("この企業・年度の証憑は既に提出され、確認中または確認済みです")
    now = clock.now()
    filing = EvidenceFiling(
        **body.model_dump(),
        prefecture=prefecture,
        status="submitted",
        filed_by=principal.subject,
        filed_at=now,
    )
    session.add(filing)
    await session.flush()
    session.add(
        EvidenceEvent(
            filing_id=filing.id,
            action="filed",
            actor=principal.subject,
            organisation=principal.organisation,
            occurred_at=now,
            comment=None,
        )
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="evidence.file",
        resource_type="evidence",
        resource_id=filing.id,
    )
    return filing


async def visible_filing(
    session: AsyncSession, principal: Principal, filing_id: int
) -> EvidenceFiling:
    filing = await repository.get_filing(session, principal, filing_id)
    if filing is None:
        raise NotFound("証憑の提出が見つかりません")
    return filing


def ensure_open(filing: EvidenceFiling) -> None:
    """Documents are added to a filing before its review only."""
    if filing.status != "submitted":
        raise Conflict("確認済みの証憑には書類を追加できません")


async def list_filings(
    session: AsyncSession, principal: Principal, status: str | None
) -> Sequence[EvidenceFiling]:
    return await repository.list_filings(session, principal, status)


async def filing_detail(session: AsyncSession, filing: EvidenceFiling) -> EvidenceFilingDetail:
    events = await repository.history(session, filing.id)
    files = await attachments.list_for(session, attachments.EVIDENCE, filing.id)
    return EvidenceFilingDetail.model_validate(
        {
            **{
                k: getattr(filing, k)
                for k in EvidenceFilingDetail.model_fields
                if hasattr(filing, k)
            },
            "history": [EvidenceEventOut.model_validate(e) for e in events],
            "attachments": [AttachmentOut.model_validate(a) for a in files],
        }
    )


async def review(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    filing: EvidenceFiling,
    body: EvidenceReview,
) -> EvidenceFiling:
    """経済産業省 confirms or rejects. A confirmation still needs 従業員規模
    ``settings.reference_list_max_employees`` 名以下 (seed 000 ⑨ ②「従業員規模が2,000名以下で
    あること」), the company's registered count."""
    if filing.status != "submitted":
        raise Conflict("この証憑は既に確認されています")
    if body.decision == "confirmed":
        limit = settings.reference_list_max_employees
        company = await companies.get_company(session, principal, filing.corporate_number)
        employees = company.employees if company else None
        if employees is None or employees > limit:
            raise ValidationFailed(
                "従業員数が登録されていないため確認できません(企業情報に従業員数を登録してください)"
                if employees is None
                else f"従業員数が{employees:,}名で、{limit:,}名を超えています",
                title=f"従業員規模が{limit:,}名以下でないため確認できません",
                errors=[
                    FieldProblem(
                        field="employees",
                        message=f"従業員規模{limit:,}名以下が要件です",
                        code="employees_over_limit",
                    )
                ],
            )
    now = clock.now()
    filing.status = body.decision
    filing.decided_at = now
    session.add(
        EvidenceEvent(
            filing_id=filing.id,
            action=body.decision,
            actor=principal.subject,
            organisation=principal.organisation,
            occurred_at=now,
            comment=body.comment,
        )
    )
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action=f"evidence.{body.decision}",
        resource_type="evidence",
        resource_id=filing.id,
    )
    log.info("scoring.evidence.reviewed", filing=filing.id, decision=body.decision)
    return filing
