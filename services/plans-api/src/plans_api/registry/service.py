"""The ministries' registry (審査上の考慮): is this company a core company of a published plan, of
which type, and is it a target of the accompanying support?"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Tier
from chiiki_common.errors import FieldProblem, NotFound, ValidationFailed
from chiiki_common.input_guard import has_control
from chiiki_common.pagination import PageParams
from chiiki_common.schemas import Page
from chiiki_common.validators import ascii_digits, is_valid_corporate_number, prefecture_code
from plans_api.directory.service import names_of, organisation_label
from plans_api.models import AuditRecord, PlanSnapshot, PlanType, RegistryReceipt
from plans_api.organisations import prefecture_name
from plans_api.registry import repository
from plans_api.registry.schemas import (
    AttestationOut,
    BatchLookupEntry,
    CompanyLookup,
    CoreCompanyEntry,
    InvalidNumber,
    PublishedCoreCompany,
    PublishedPlan,
)

ROLE_LABELS = {
    PlanType.A.value: f"{PlanType.A.label}の核となる企業",
    PlanType.B.value: "計画推進の核となる企業",
    PlanType.C.value: "推進の核となる事業者",
}
"""The company's role by plan type, in the seed's words (seed 000 B ①2(2) / C ①2(2))."""


def b_review_consideration(plan_type: str, support_target: bool) -> bool:
    """seed 000 ⑨: 「B. 地域産業クラスター計画において記載された、伴走支援の対象となる計画推進の
    核となる企業は…審査上の考慮を受けることが可能」 — B, and a target of the support."""
    return plan_type == PlanType.B and support_target


def published_plan(snapshot: PlanSnapshot, names: Mapping[str, str] | None = None) -> PublishedPlan:
    """A published version as the registry and the open data answer it; ``names`` are the
    organisations' names (``plans_api.directory``)."""
    b_plan = snapshot.plan_type == PlanType.B
    return PublishedPlan(
        plan_id=snapshot.plan_id,
        plan_type=snapshot.plan_type,
        title=snapshot.title,
        lead_organisation=snapshot.lead_organisation,
        lead_organisation_name=organisation_label(snapshot.lead_organisation, names or {}),
        organisations=snapshot.organisations,
        prefecture_code=prefecture_code(snapshot.lead_prefecture),
        prefecture_name=prefecture_name(snapshot.lead_prefecture),
        version=snapshot.version_number,
        published_at=snapshot.published_at,
        core_companies=[
            PublishedCoreCompany(
                corporate_number=c.get("corporate_number"),
                name=c["name"],
                role=c.get("role", ""),
                role_label=ROLE_LABELS.get(snapshot.plan_type, ""),
                support_target=b_plan and bool(c.get("support_target", True)),
            )
            for c in snapshot.content.get("core_companies", [])
        ],
    )


async def published_page(
    session: AsyncSession, query: repository.PublishedQuery, page: PageParams
) -> dict[str, Any]:
    """One page of the published plans (the current published version of each), as JSON: the one
    answer of the registry's list and of the open data's."""
    snapshots, total = await repository.published_plans(session, query, page)
    names = await names_of(session, {s.lead_organisation for s in snapshots})
    return Page(
        items=[published_plan(s, names) for s in snapshots],
        total=total,
        limit=page.limit,
        offset=page.offset,
    ).model_dump(mode="json")


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
        role_label=ROLE_LABELS.get(row.plan_type, ""),
        role=row.role,
        support_target=row.plan_type == PlanType.B and row.support_target,
        b_review_consideration=b_review_consideration(row.plan_type, row.support_target),
    )


def _flags(entries: Sequence[CoreCompanyEntry]) -> dict[str, bool]:
    return {
        "is_core_company": any(e.plan_type == PlanType.B for e in entries),
        "b_review_consideration": any(e.b_review_consideration for e in entries),
        "c_core_operator": any(e.plan_type == PlanType.C for e in entries),
    }


async def lookup(
    connection: AsyncSession | AsyncConnection, numbers: Sequence[str]
) -> dict[str, CompanyLookup]:
    """Each distinct number's answer, from one query for the whole batch."""
    unique = list(dict.fromkeys(numbers))
    found: dict[str, list[CoreCompanyEntry]] = {n: [] for n in unique}
    if unique:
        for row in await repository.core_company_rows(connection, unique):
            found[row.corporate_number].append(_entry(row))
    return {
        n: CompanyLookup(corporate_number=n, plans=entries, **_flags(entries))
        for n, entries in found.items()
    }


def check_number(value: object) -> tuple[str | None, InvalidNumber | None]:
    """A batch item as a 法人番号, or why it is not one (reported at its position)."""
    if not isinstance(value, str):
        return None, InvalidNumber(
            code="corporate_number.type", message="法人番号は文字列で指定してください"
        )
    number = ascii_digits(value)
    if has_control(number) or len(number) > 64:
        return None, InvalidNumber(
            code="corporate_number.format", message="法人番号は13桁の数字です"
        )
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return number, InvalidNumber(
            code="corporate_number.format",
            message=f"法人番号は13桁の数字です(受け取った値は{len(number)}文字)",
        )
    if not is_valid_corporate_number(number):
        return number, InvalidNumber(
            code="corporate_number.check_digit",
            message="法人番号のチェックデジット(先頭の1桁)が一致しません",
        )
    return number, None


async def batch_lookup(
    connection: AsyncSession | AsyncConnection, items: Sequence[object]
) -> list[BatchLookupEntry]:
    """Every valid number answered and every invalid one marked in place (position, reason)."""
    checked = [check_number(item) for item in items]
    answers = await lookup(connection, [n for n, error in checked if n and error is None])
    out = []
    for position, (number, error) in enumerate(checked):
        if error is not None:
            out.append(
                BatchLookupEntry(
                    position=position, corporate_number=number, valid=False, error=error
                )
            )
            continue
        assert number is not None
        answer = answers[number]
        # built from an answer already validated: constructed, not validated a second time
        out.append(
            BatchLookupEntry.model_construct(
                position=position,
                corporate_number=answer.corporate_number,
                valid=True,
                error=None,
                is_core_company=answer.is_core_company,
                b_review_consideration=answer.b_review_consideration,
                c_core_operator=answer.c_core_operator,
                plans=answer.plans,
            )
        )
    return out


def end_of_day_jst(day: date) -> datetime:
    """The last moment of ``day`` in Japan: a plan published at any time that day counts."""
    start = datetime.combine(day, time(0, 0), tzinfo=clock.JST)
    return start + timedelta(days=1) - timedelta(microseconds=1)


async def _reason(session: AsyncSession, corporate_number: str, on_date: date) -> tuple[str, str]:
    first = await repository.first_publication(session)
    if first is None or on_date < clock.to_jst(first).date():
        return (
            "before_first_publication",
            f"{on_date.isoformat()}は最初の計画の公表"
            + (f"({clock.to_jst(first).date().isoformat()})" if first else "")
            + "より前のため、その日に公表済みの計画はありません",
        )
    listed = await repository.first_listed(session, corporate_number)
    if listed is not None and clock.to_jst(listed).date() > on_date:
        return (
            "not_yet_listed",
            f"この法人が公表済みの計画に初めて掲載されたのは{clock.to_jst(listed).date().isoformat()}で、"
            f"{on_date.isoformat()}時点では掲載されていません",
        )
    return "not_listed", f"{on_date.isoformat()}時点の公表済みの計画に掲載されていません"


async def attest(
    session: AsyncSession, principal: Principal, corporate_number: str, on_date: date
) -> AttestationOut:
    today = clock.today_jst()
    if on_date > today:
        raise ValidationFailed(
            "未来の日付について証明することはできません",
            errors=[
                FieldProblem(
                    field="on_date",
                    message=f"照会日は本日({today.isoformat()}、日本時間)以前にしてください",
                )
            ],
        )
    rows = await repository.core_company_rows(
        session, [corporate_number], at=end_of_day_jst(on_date)
    )
    entries = [_entry(row) for row in rows]
    flags = _flags(entries)
    reason_code = reason = None
    if not flags["is_core_company"]:
        if entries:
            reason_code = "not_listed"
            reason = (
                "B類型の計画推進の核となる企業としては掲載されていません(C類型の事業者として掲載)"
            )
        else:
            reason_code, reason = await _reason(session, corporate_number, on_date)
    out = AttestationOut(
        id=str(uuid.uuid4()),
        corporate_number=corporate_number,
        on_date=on_date,
        was_core_company=flags["is_core_company"],
        b_review_consideration=flags["b_review_consideration"],
        c_core_operator=flags["c_core_operator"],
        plans=entries,
        reason=reason,
        reason_code=reason_code,
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
) -> dict[str, Any]:
    """A receipt exactly as it was issued: the stored answer, never re-read through today's
    models, so a later change of the schema or the plans cannot alter it."""
    owner = None if principal.tier is Tier.national else principal.organisation
    found = await repository.receipt(session, receipt_id, owner)
    if found is None:
        raise NotFound("照会記録が見つかりません")
    return found.answer


def body_etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
