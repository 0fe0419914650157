"""Bodies of ``/registry/v1`` and ``/public/v1``: plan, type, prefecture, role, publication date —
never a sales or purchase figure."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from chiiki_common.schemas import CorporateNumber, InputModel, OutputModel


class PublishedCoreCompany(OutputModel):
    corporate_number: str | None
    name: str
    role: str


class PublishedPlan(OutputModel):
    plan_id: int
    plan_type: str
    title: str
    lead_organisation: str
    organisations: list[str]
    prefecture_code: str
    prefecture_name: str
    version: int
    published_at: datetime
    core_companies: list[PublishedCoreCompany]


class CoreCompanyEntry(OutputModel):
    """One published plan naming the company as a core company (計画推進の核となる企業)."""

    plan_id: int
    plan_type: str
    title: str
    prefecture_code: str
    prefecture_name: str
    lead_organisation: str
    version: int
    published_at: datetime
    company_name: str
    role: str


class CompanyLookup(OutputModel):
    corporate_number: str
    is_core_company: bool
    plans: list[CoreCompanyEntry]


class BatchLookupIn(InputModel):
    corporate_numbers: list[CorporateNumber] = Field(min_length=1, max_length=1000)


class BatchLookupOut(OutputModel):
    results: list[CompanyLookup]


class AttestationIn(InputModel):
    """「法人番号 X は日付 D に公表済み計画の核となる企業だったか」."""

    corporate_number: CorporateNumber
    on_date: date


class AttestationOut(OutputModel):
    """A receipt: keep ``id`` with the review record and fetch it again later."""

    id: str
    corporate_number: str
    on_date: date
    was_core_company: bool
    plans: list[CoreCompanyEntry]
    issued_at: datetime
    issued_to: str
