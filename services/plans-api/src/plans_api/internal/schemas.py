"""Bodies of the ``/internal`` routes (contracts in the common brief)."""

from __future__ import annotations

from chiiki_common.schemas import CorporateNumber, InputModel, Name, OutputModel, ShortText, Text
from plans_api.plans.schemas import CoreCompanyOut


class CoreCompanyAdd(InputModel):
    corporate_number: CorporateNumber
    name: Name
    role: Text | None = None
    scale: ShortText | None = None


class PlanCoreCompanies(OutputModel):
    plan_id: int
    version: int
    core_companies: list[CoreCompanyOut]


class Audience(OutputModel):
    organisations: list[str]
