"""参考リスト entries and evidence (証憑) filings."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from chiiki_common.schemas import (
    CorporateNumber,
    FiscalYear,
    InputModel,
    OutputModel,
    ShortText,
    Text,
    Yen,
)
from scoring_api.attachments.schemas import AttachmentOut

Basis = Literal["connector", "hub", "evidence"]


class ReferenceEntry(OutputModel):
    corporate_number: str
    name: str
    prefecture: str
    fiscal_year: int
    employees: int | None
    connector_share: float | None
    connector_share_rank: int | None
    hub_share: float | None
    hub_share_rank: int | None
    companies_counted: int | None
    basis: list[Basis]
    """Why listed: top connector share, top hub share, or evidence confirmed by METI."""


class ReferenceList(OutputModel):
    fiscal_year: int
    top_percent: float
    max_employees: int
    entries: list[ReferenceEntry]


class EvidenceFilingCreate(InputModel):
    corporate_number: CorporateNumber
    fiscal_year: FiscalYear
    statement: Text = Field(
        min_length=1, description="相対的に高いコネクター度・ハブ度を有する根拠"
    )
    claimed_out_of_prefecture_sales: Yen | None = None
    claimed_in_prefecture_purchases: Yen | None = None


class EvidenceReview(InputModel):
    decision: Literal["confirmed", "rejected"]
    comment: ShortText | None = None


class EvidenceEventOut(OutputModel):
    action: str
    actor: str
    organisation: str
    occurred_at: datetime
    comment: str | None


class EvidenceFilingOut(OutputModel):
    id: int
    corporate_number: str
    fiscal_year: int
    prefecture: str
    statement: str
    claimed_out_of_prefecture_sales: int | None
    claimed_in_prefecture_purchases: int | None
    status: str
    filed_by: str
    filed_at: datetime
    decided_at: datetime | None


class EvidenceFilingDetail(EvidenceFilingOut):
    history: list[EvidenceEventOut]
    attachments: list[AttachmentOut]
