"""Bodies of ``/registry/v1`` and ``/public/v1``: plan, type, prefecture, role, publication date —
never a sales or purchase figure.

What a ministry acts on (seed 000 ⑨, (3)):
- ``b_review_consideration``: the company is a 計画推進の核となる企業 of a published **B** plan
  (地域産業クラスター計画) **and** a target of its accompanying support (伴走支援の対象) — the companies
  that may receive 審査上の考慮 (加点措置等). Never true for a C plan's operators.
- ``c_core_operator``: the company is a 推進の核となる事業者 of a published **C** plan (地場産業成長
  プラン); some measures give 優先採択 to efforts related to C plans. Its own flag, never mixed in.
- ``is_core_company``: listed as a 計画推進の核となる企業 of a published B plan (whether or not a
  support target).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import Field

from chiiki_common.schemas import CorporateNumber, InputModel, OutputModel
from plans_api.models import PlanType

B_FLAG = (
    f"B類型({PlanType.B.label})の公表版に「計画推進の核となる企業」かつ伴走支援の対象として"
    "掲載されている(審査上の考慮の対象)。C類型の事業者では常に false"
)
C_FLAG = (
    f"C類型({PlanType.C.label})の公表版に「推進の核となる事業者」として掲載されている"
    "(C類型に関連する取組の優先採択等に用いる独自のフラグ)"
)
CORE_FLAG = (
    "B類型の公表版に「計画推進の核となる企業」として掲載されている(伴走支援の対象か否かを問わない)"
)


class PublishedCoreCompany(OutputModel):
    corporate_number: str | None
    name: str
    role: str = Field(description="サプライチェーン・バリューチェーン内での役割")
    role_label: str = Field(description="B: 計画推進の核となる企業 / C: 推進の核となる事業者")
    support_target: bool = Field(description="伴走支援の対象(B類型のみ)")


class PublishedPlan(OutputModel):
    plan_id: int
    plan_type: str = Field(description="類型(A/B/C)")
    title: str
    lead_organisation: str
    lead_organisation_name: str = Field(
        description="代表団体の名称(例: 熊本県菊陽町。団体名簿にまだ無い団体は都道府県名と団体コード)"
    )
    organisations: list[str]
    prefecture_code: str
    prefecture_name: str
    version: int = Field(description="公表版の番号")
    published_at: datetime = Field(description="この版の公表日時")
    core_companies: list[PublishedCoreCompany]


class CoreCompanyEntry(OutputModel):
    """One published plan (its current version, or the version in force on the asked date) that
    names the company."""

    plan_id: int
    plan_type: str = Field(description="類型(A/B/C)")
    title: str
    prefecture_code: str
    prefecture_name: str
    lead_organisation: str
    version: int = Field(description="公表版の番号")
    published_at: datetime = Field(description="この版の公表日時")
    company_name: str
    role_label: str = Field(description="B: 計画推進の核となる企業 / C: 推進の核となる事業者")
    role: str = Field(description="サプライチェーン・バリューチェーン内での役割")
    support_target: bool = Field(description="伴走支援の対象(B類型のみ true になり得る)")
    b_review_consideration: bool = Field(description=B_FLAG)


class CompanyLookup(OutputModel):
    corporate_number: str
    is_core_company: bool = Field(description=CORE_FLAG)
    b_review_consideration: bool = Field(description=B_FLAG)
    c_core_operator: bool = Field(description=C_FLAG)
    plans: list[CoreCompanyEntry]


class BatchLookupIn(InputModel):
    corporate_numbers: list[Any] = Field(
        min_length=1,
        max_length=1000,
        description="法人番号(13桁の文字列)を最大1,000件。誤った番号は一括で拒否せず、その位置で理由を返す",
    )


class InvalidNumber(OutputModel):
    code: str
    message: str


class BatchLookupEntry(OutputModel):
    """The answer at one position of the batch: a lookup, or why the number is not valid."""

    position: int = Field(description="送られた配列での位置(0から)")
    corporate_number: str | None = Field(description="送られた値(全角数字は半角にして)")
    valid: bool
    error: InvalidNumber | None = None
    is_core_company: bool | None = Field(None, description=CORE_FLAG)
    b_review_consideration: bool | None = Field(None, description=B_FLAG)
    c_core_operator: bool | None = Field(None, description=C_FLAG)
    plans: list[CoreCompanyEntry] = Field(default_factory=list)


class BatchLookupOut(OutputModel):
    results: list[BatchLookupEntry]


class AttestationIn(InputModel):
    """「法人番号 X は日付 D(日本時間)に公表済み計画の核となる企業だったか」. D may not be after today."""

    corporate_number: CorporateNumber
    on_date: date


class AttestationOut(OutputModel):
    """A receipt: keep ``id`` with the review record and fetch it again later; it answers with
    the same content forever (stored as issued, never recomputed)."""

    id: str
    corporate_number: str
    on_date: date
    was_core_company: bool = Field(description=f"{CORE_FLAG}(その日の終わり時点)")
    b_review_consideration: bool = Field(description=f"{B_FLAG}(その日の終わり時点)")
    c_core_operator: bool = Field(description=f"{C_FLAG}(その日の終わり時点)")
    plans: list[CoreCompanyEntry]
    reason: str | None = Field(description="掲載されていなかった場合の理由")
    reason_code: str | None = Field(
        description="before_first_publication / not_yet_listed / not_listed"
    )
    issued_at: datetime
    issued_to: str
