"""The ministries' registry (審査上の考慮): is this company a core company of a published plan?"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Tier
from chiiki_common.errors import NotFound
from chiiki_common.validators import prefecture_code
from plans_api.models import AuditRecord, PlanSnapshot, RegistryReceipt
from plans_api.organisations import prefecture_name
from plans_api.registry import repository
from plans_api.registry.schemas import (
    AttestationOut,
    CompanyLookup,
    CoreCompanyEntry,
    PublishedCoreCompany,
    PublishedPlan,
)


def published_plan(snapshot: PlanSnapshot) -> PublishedPlan:
    return PublishedPlan(
        plan_id=snapshot.plan_id,
        plan_type=snapshot.plan_type,
        title=snapshot.title,
        lead_organisation=snapshot.lead_organisation,
        organisations=snapshot.organisations,
        prefecture_code=prefecture_code(snapshot.lead_prefecture),
        prefecture_name=prefecture_name(snapshot.lead_prefecture),
        version=snapshot.version_number,
        published_at=snapshot.published_at,
        core_companies=[
            PublishedCoreCompany.model_validate(c)
            for c in snapshot.content.get("core_companies", [])
        ],
    )


def _entry(row: Row[Any]) -> CoreCompanyEntry:
    return CoreCompanyEntry(
        plan_id=row.plan_id,
        plan_type=row.plan_type,
        title=row.title,
        prefecture_code=prefecture_code(row.lead_prefecture),
        prefecture_name=prefecture_name(row.lead_prefecture),
        lead_organisation=row.lead_organisation,
        version=row.version_number,
        published_at=row.published_at,
        company_name=row.name,
        role=row.role,
    )


async def lookup(
    connection: AsyncSession | AsyncConnection, numbers: list[str]
) -> list[CompanyLookup]:
    unique = list(dict.fromkeys(numbers))
    found: dict[str, list[CoreCompanyEntry]] = {n: [] for n in unique}
    for row in await repository.core_company_rows(connection, unique):
        found[row.corporate_number].append(_entry(row))
    return [
        CompanyLookup(corporate_number=n, is_core_company=bool(entries), plans=entries)
        for n, entries in found.items()
    ]


def end_of_day_jst(day: date) -> datetime:
    """The last moment of ``day`` in Japan: a plan published at any time that day counts."""
    start = datetime.combine(day, time(0, 0), tzinfo=clock.JST)
    return start + timedelta(days=1) - timedelta(microseconds=1)


async def attest(
    session: AsyncSession, principal: Principal, corporate_number: str, on_date: date
) -> AttestationOut:
    rows = await repository.core_company_rows(
        session, [corporate_number], at=end_of_day_jst(on_date)
    )
    out = AttestationOut(
        id=str(uuid.uuid4()),
        corporate_number=corporate_number,
        on_date=on_date,
        was_core_company=bool(rows),
        plans=[_entry(row) for row in rows],
        issued_at=clock.now(),
        issued_to=principal.organisation,
    )
    session.add(
        RegistryReceipt(
            id=out.id,
            client_organisation=principal.organisation,
            client=principal.subject,
            corporate_number=corporate_number,
            on_date=on_date,
            issued_at=out.issued_at,
            answer=out.model_dump(mode="json"),
        )
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="registry.attestation.issue",
        resource_type="registry_receipt",
        resource_id=out.id,
    )
    return out


async def get_receipt(
    session: AsyncSession, principal: Principal, receipt_id: str
) -> AttestationOut:
    owner = None if principal.tier is Tier.national else principal.organisation
    found = await repository.receipt(session, receipt_id, owner)
    if found is None:
        raise NotFound("照会記録が見つかりません")
    return AttestationOut.model_validate(found.answer)


def body_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
