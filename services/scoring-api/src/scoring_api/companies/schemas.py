"""Request and response bodies for companies, figures and imports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

from chiiki_common.schemas import (
    CorporateNumber,
    Count,
    FiscalYear,
    InputModel,
    Name,
    OutputModel,
    ShortText,
    Yen,
)

PrefectureNumber = Annotated[
    str,
    Field(pattern=r"^(0[1-9]|[1-3][0-9]|4[0-7])$", description="都道府県番号(2桁、熊本県は43)"),
]
JsicMajor = Annotated[str, Field(pattern=r"^[A-T]$", description="日本標準産業分類 大分類 (A〜T)")]
JsicMiddle = Annotated[str, Field(pattern=r"^\d{2}$", description="日本標準産業分類 中分類 (2桁)")]
WebAddress = Annotated[ShortText, Field(pattern=r"^https?://\S+$")]
CorporateNumberPath = Annotated[str, Path(pattern=r"^\d{13}$", description="法人番号(13桁)")]
FiscalYearPath = Annotated[int, Path(ge=2000, le=2100, description="事業年度")]
CompanyQuery = Annotated[
    str | None,
    Query(
        max_length=400,
        description="企業名の一部(2文字から。全角・半角、カタカナ・ひらがなは区別しません)"
        "または法人番号(13桁、又はその先頭の数字)",
    ),
]


class CompanyUpdate(InputModel):
    name: Name
    hq_prefecture: PrefectureNumber
    jsic_major: JsicMajor | None = None
    jsic_middle: JsicMiddle | None = None
    employees: Count | None = None
    web: WebAddress | None = None


class CompanyCreate(CompanyUpdate):
    corporate_number: CorporateNumber


class CompanyOut(OutputModel):
    corporate_number: str
    name: str
    hq_prefecture: str
    jsic_major: str | None
    jsic_middle: str | None
    employees: int | None
    web: str | None
    created_at: datetime
    updated_at: datetime


class FiguresIn(InputModel):
    """様式2 1. 取引高情報 (円、税抜き)."""

    sales: Yen = Field(description="売上高")
    out_of_prefecture_sales: Yen = Field(
        description="うち域外売上高: 都道府県外に本社を置く企業者との取引高"
    )
    purchases: Yen = Field(description="仕入高")
    in_prefecture_purchases: Yen = Field(
        description="うち域内仕入高: 都道府県内に本社を置く企業者との取引高"
    )


class FigureRow(FiguresIn):
    """One row of a figures import."""

    corporate_number: CorporateNumber
    fiscal_year: FiscalYear


class FiguresOut(OutputModel):
    corporate_number: str
    fiscal_year: int
    sales: int
    out_of_prefecture_sales: int
    purchases: int
    in_prefecture_purchases: int
    source: str
    updated_at: datetime


class TransactionRow(InputModel):
    """One row of a transaction list: seller → buyer, with each party's HQ prefecture."""

    seller_corporate_number: CorporateNumber
    seller_prefecture: PrefectureNumber
    buyer_corporate_number: CorporateNumber
    buyer_prefecture: PrefectureNumber
    amount: Yen
    fiscal_year: FiscalYear


class FiguresImportResult(OutputModel):
    rows: int
    fiscal_years: list[int]


class TransactionsImportResult(OutputModel):
    rows: int
    fiscal_years: list[int]
    companies_derived: int
    """(company, fiscal year) pairs whose figures were derived from the list."""
