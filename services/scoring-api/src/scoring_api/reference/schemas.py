"""参考リスト entries and evidence (証憑) filings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from chiiki_common.schemas import (
    CorporateNumber,
    FiscalYear,
    InputModel,
    Name,
    OutputModel,
    ShortText,
    Text,
    Yen,
)
from chiiki_common.validators import is_prefecture_code
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.companies.schemas import PrefectureNumber

Basis = Literal["connector", "hub"]

ESTIMATE_LABEL = "本システムによる推計(経済産業省の参考リストではありません)"
METI_LABEL = "経済産業省 参考リスト"


def _prefecture_of_code(value: object) -> object:
    """METI's file may name the prefecture by its 6-digit code (``430005``) as well as ``43``."""
    text = str(value).strip() if value is not None else value
    if isinstance(text, str) and len(text) == 6 and is_prefecture_code(text):
        return text[:2]
    return value


class MetiReferenceRow(InputModel):
    """One row of METI's 参考リスト file (法人番号, 企業名, 都道府県, 事業年度, 備考)."""

    corporate_number: CorporateNumber
    name: Name
    prefecture: Annotated[PrefectureNumber, BeforeValidator(_prefecture_of_code)]
    fiscal_year: FiscalYear
    note: ShortText | None = None


class MetiVersionOut(OutputModel):
    """One imported version of METI's list for a fiscal year (the highest is the current one)."""

    fiscal_year: int
    version: int
    filename: str
    sha256: str
    entry_count: int
    """Companies on this version, every prefecture."""
    imported_by: str
    organisation: str
    imported_at: datetime


class MetiImportResult(OutputModel):
    rows: int
    versions: list[MetiVersionOut]
    """The new version of each fiscal year in the file."""


class MetiEntryOut(OutputModel):
    corporate_number: str
    name: str
    prefecture: str
    fiscal_year: int
    note: str | None


class EvidenceConfirmedOut(OutputModel):
    """A company METI confirmed from the prefecture's evidence although its list does not name it."""

    corporate_number: str
    name: str
    prefecture: str
    fiscal_year: int
    filing_id: int
    confirmed_at: datetime | None


class MetiReferenceList(OutputModel):
    """経済産業省's 参考リスト: what "on the reference list" means on this platform."""

    fiscal_year: int
    source: Literal["meti"] = "meti"
    label: str = METI_LABEL
    version: MetiVersionOut | None
    """The version shown (the current one unless asked); None: METI has not imported this year."""
    entries: list[MetiEntryOut]
    confirmed_by_evidence: list[EvidenceConfirmedOut]


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
    """Why estimated: top connector share, top hub share."""
    on_meti_list: bool
    """Whether METI's current 参考リスト of the fiscal year names the company (経済産業省リスト掲載)."""
    confirmed_by_evidence: bool = False
    """Whether METI confirmed evidence (証憑) filed for the company for the fiscal year
    (証憑で確認済み)."""


class ReferenceList(OutputModel):
    """The platform's estimate of the 参考リスト from the figures it holds, shown beside METI's list
    (never instead of it)."""

    fiscal_year: int
    source: Literal["platform_estimate"] = "platform_estimate"
    label: str = ESTIMATE_LABEL
    top_percent: float
    max_employees: int
    meti_version: int | None
    """The version of METI's list the ``on_meti_list`` flags were read from (None: none imported)."""
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
