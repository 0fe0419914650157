"""Bodies of the ``/internal`` routes: the selection contract between scoring-api and plans-api."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from chiiki_common.schemas import CorporateNumber, InputModel, Name, OutputModel
from plans_api.plans.schemas import CoreCompanyOut, PublishedShortText, PublishedText

PrefectureRef = Annotated[
    str,
    StringConstraints(pattern=r"^\d{2}(\d{4})?$"),
    Field(description="公募を行う都道府県(2桁又は6桁の団体コード)"),
]


class CoreCompanyAdd(InputModel):
    """A company selected in an open call (重点支援企業の公募). ``role`` and ``scale`` are published
    with the plan: never a sales or purchase figure (an employee band or the prefecture's wording)."""

    corporate_number: CorporateNumber
    name: Name
    prefecture_code: PrefectureRef
    role: PublishedText | None = None
    scale: PublishedShortText | None = None
    support_target: bool = Field(True, description="伴走支援の対象")


SelectionEffect = Literal["added", "change_request", "unchanged"]


class PlanCoreCompanies(OutputModel):
    plan_id: int
    version: int
    state: str
    effect: SelectionEffect = Field(
        description="added: 追加 / change_request: 追加し事前確認に戻した / unchanged: 追加済み"
    )
    core_companies: list[CoreCompanyOut]


class SelectionReason(OutputModel):
    code: str
    message: str
    retryable: bool = Field(description="審査が終われば受け付けられる(選定は保留のまま再送)")


class SelectionTarget(OutputModel):
    """Whether a plan may receive the companies a prefecture's open call selects."""

    plan_id: int
    found: bool
    plan_type: str | None
    title: str | None
    state: str | None
    open_to_selection: bool
    effect: Literal["added", "change_request"] | None
    reasons: list[SelectionReason]


class Audience(OutputModel):
    organisations: list[str]
