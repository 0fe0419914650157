"""The 参考リスト (seed 000 ⑨) and the evidence (証憑) review flow for companies outside it.

「国が作成する「参考リスト」に記載がない企業において…実態として都道府県内で相対的に高い
コネクター度・ハブ度を有していることが確認できた企業については、対象となります。都道府県等から、
当該要件に係る証憑を経済産業省に提出いただき、経済産業省において内容を確認します。」
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import structlog
from openpyxl import Workbook
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.errors import Conflict, FieldProblem, Forbidden, NotFound, ValidationFailed
from scoring_api.attachments import repository as attachments
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.companies import repository as companies
from scoring_api.models import AuditRecord, EvidenceEvent, EvidenceFiling
from scoring_api.permissions import ensure_prefecture_role
from scoring_api.reference import repository
from scoring_api.reference.schemas import (
    Basis,
    EvidenceEventOut,
    EvidenceFilingCreate,
    EvidenceFilingDetail,
    EvidenceReview,
    ReferenceEntry,
    ReferenceList,
)
from scoring_api.scores.formulas import in_top_percent
from scoring_api.settings import Settings
from scoring_api.tenancy import own_prefecture

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
    "掲載理由",
]
BASIS_LABELS = {"connector": "コネクター度上位", "hub": "ハブ度上位", "evidence": "証憑確認済み"}


async def reference_list(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    *,
    fiscal_year: int,
    prefecture: str | None,
) -> ReferenceList:
    """Companies of the prefecture with a top connector or hub share and ≤ the employee limit,
    plus those whose evidence METI confirmed."""
    top = settings.reference_list_top_percent
    prefecture = prefecture or own_prefecture(principal)
    entries: dict[str, ReferenceEntry] = {}
    for score, company in await repository.reference_candidates(
        session,
        principal,
        fiscal_year=fiscal_year,
        prefecture=prefecture,
        top_percent=top,
        max_employees=settings.reference_list_max_employees,
    ):
        basis: list[Basis] = []
        if (score.connector_share or 0) > 0 and in_top_percent(
            score.connector_share_rank, score.companies_counted, top
        ):
            basis.append("connector")
        if (score.hub_share or 0) > 0 and in_top_percent(
            score.hub_share_rank, score.companies_counted, top
        ):
            basis.append("hub")
        entries[company.corporate_number] = ReferenceEntry(
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
        )
    for filing, company, evidence_score in await repository.confirmed_by_evidence(
        session, principal, fiscal_year=fiscal_year, prefecture=prefecture
    ):
        entry = entries.get(company.corporate_number)
        if entry is not None:
            entry.basis.append("evidence")
            continue
        entries[company.corporate_number] = ReferenceEntry(
            corporate_number=company.corporate_number,
            name=company.name,
            prefecture=filing.prefecture,
            fiscal_year=fiscal_year,
            employees=company.employees,
            connector_share=evidence_score.connector_share if evidence_score else None,
            connector_share_rank=evidence_score.connector_share_rank if evidence_score else None,
            hub_share=evidence_score.hub_share if evidence_score else None,
            hub_share_rank=evidence_score.hub_share_rank if evidence_score else None,
            companies_counted=evidence_score.companies_counted if evidence_score else None,
            basis=["evidence"],
        )
    return ReferenceList(
        fiscal_year=fiscal_year,
        top_percent=top,
        max_employees=settings.reference_list_max_employees,
        entries=list(entries.values()),
    )


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
        ]
        for e in listing.entries
    ]


def export_csv(listing: ReferenceList) -> bytes:
    """UTF-8 with BOM so that Excel opens the Japanese headings correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(EXPORT_HEADINGS)
    writer.writerows(["" if v is None else v for v in row] for row in _export_rows(listing))
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(listing: ReferenceList) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "参考リスト"
    sheet.append(EXPORT_HEADINGS)
    for row in _export_rows(listing):
        sheet.append(row)
    for cell in sheet["A"]:
        cell.number_format = "@"  # 法人番号 stays text, never 1.23E+12
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def file_evidence(
    session: AsyncSession, principal: Principal, settings: Settings, body: EvidenceFilingCreate
) -> EvidenceFiling:
    prefecture = ensure_prefecture_role(principal, Role.editor)
    company = await companies.get_company(session, principal, body.corporate_number)
    if company is None:
        raise ValidationFailed(
            errors=[
                FieldProblem(field="corporate_number", message="自都道府県の登録企業ではありません")
            ]
        )
    listing = await reference_list(
        session, principal, settings, fiscal_year=body.fiscal_year, prefecture=prefecture
    )
    if any(e.corporate_number == company.corporate_number for e in listing.entries):
        raise Conflict("この企業は既に参考リストに掲載されています")
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


async def writable_filing(
    session: AsyncSession, principal: Principal, filing_id: int
) -> EvidenceFiling:
    """A filing documents may still be added to: the filer's prefecture, before the review."""
    filing = await visible_filing(session, principal, filing_id)
    ensure_prefecture_role(principal, Role.editor)
    if filing.status != "submitted":
        raise Conflict("確認済みの証憑には書類を追加できません")
    return filing


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
    session: AsyncSession, principal: Principal, filing_id: int, body: EvidenceReview
) -> EvidenceFiling:
    """経済産業省 (a national user of ``meti`` with the reviewer role) confirms or rejects."""
    filing = await visible_filing(session, principal, filing_id)
    if not (
        principal.tier is Tier.national
        and principal.organisation == REVIEWING_MINISTRY
        and principal.has_role(Role.reviewer)
    ):
        raise Forbidden("証憑の確認は経済産業省の審査担当者が行います")
    if filing.status != "submitted":
        raise Conflict("この証憑は既に確認されています")
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
