"""Who may call the company routes: anyone with a token reads (the tenancy filter shows prefecture
staff their own prefecture's companies and national users all); staff (editor or above) of the
company's HQ prefecture write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from chiiki_common.auth import Principal, Role, caller
from chiiki_common.db import SessionDep
from scoring_api.companies import service
from scoring_api.companies.schemas import CorporateNumberPath
from scoring_api.models import Company
from scoring_api.tenancy import prefecture_staff

CompanyReader = Annotated[Principal, caller()]
CompanyEditor = Annotated[Principal, prefecture_staff(Role.editor)]


async def visible_company(
    corporate_number: CorporateNumberPath, session: SessionDep, principal: CompanyReader
) -> Company:
    """The company of the path, when the caller may see it (404 otherwise)."""
    return await service.visible_company(session, principal, corporate_number)


VisibleCompany = Annotated[Company, Depends(visible_company)]


async def editable_company(company: VisibleCompany, principal: CompanyEditor) -> Company:
    """A visible company (404 first) the caller may change: its prefecture's editors (403)."""
    return company


EditableCompany = Annotated[Company, Depends(editable_company)]
