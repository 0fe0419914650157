"""参考リスト and evidence queries, tenancy in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Float, and_, cast, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from chiiki_common.auth import Principal
from scoring_api.models import Company, CompanyScore, EvidenceEvent, EvidenceFiling
from scoring_api.tenancy import prefecture_filter


def _top(
    rank: InstrumentedAttribute[int | None],
    value: InstrumentedAttribute[float | None],
    top_percent: float,
) -> ColumnElement[bool]:
    """Condition ① of the 参考リスト for one value (see ``scores.formulas.in_top_percent``)."""
    return and_(
        value > 0,
        cast(rank - 1, Float) * 100 < cast(CompanyScore.companies_counted, Float) * top_percent,
    )


async def reference_candidates(
    session: AsyncSession,
    principal: Principal,
    *,
    fiscal_year: int,
    prefecture: str | None,
    top_percent: float,
    max_employees: int,
) -> Sequence[tuple[CompanyScore, Company]]:
    s, c = CompanyScore, Company
    conditions = [
        s.fiscal_year == fiscal_year,
        prefecture_filter(principal, s.prefecture),
        c.employees <= max_employees,
        or_(
            _top(s.connector_share_rank, s.connector_share, top_percent),
            _top(s.hub_share_rank, s.hub_share, top_percent),
        ),
    ]
    if prefecture:
        conditions.append(s.prefecture == prefecture)
    rows = await session.execute(
        select(s, c)
        .join(c, c.corporate_number == s.corporate_number)
        .where(*conditions)
        .order_by(s.prefecture, s.connector_share_rank, s.corporate_number)
    )
    return [(score, company) for score, company in rows]


async def confirmed_by_evidence(
    session: AsyncSession, principal: Principal, *, fiscal_year: int, prefecture: str | None
) -> Sequence[tuple[EvidenceFiling, Company, CompanyScore | None]]:
    f, c, s = EvidenceFiling, Company, CompanyScore
    conditions = [
        f.fiscal_year == fiscal_year,
        f.status == "confirmed",
        prefecture_filter(principal, f.prefecture),
    ]
    if prefecture:
        conditions.append(f.prefecture == prefecture)
    rows = await session.execute(
        select(f, c, s)
        .join(c, c.corporate_number == f.corporate_number)
        .outerjoin(
            s, and_(s.corporate_number == f.corporate_number, s.fiscal_year == f.fiscal_year)
        )
        .where(*conditions)
        .order_by(f.id)
    )
    return [(filing, company, score) for filing, company, score in rows]


async def get_filing(
    session: AsyncSession, principal: Principal, filing_id: int
) -> EvidenceFiling | None:
    return await session.scalar(
        select(EvidenceFiling).where(
            EvidenceFiling.id == filing_id,
            prefecture_filter(principal, EvidenceFiling.prefecture),
        )
    )


async def list_filings(
    session: AsyncSession, principal: Principal, status: str | None
) -> Sequence[EvidenceFiling]:
    conditions = [prefecture_filter(principal, EvidenceFiling.prefecture)]
    if status:
        conditions.append(EvidenceFiling.status == status)
    rows = await session.scalars(
        select(EvidenceFiling).where(*conditions).order_by(EvidenceFiling.id)
    )
    return rows.all()


async def pending_filing_exists(
    session: AsyncSession, corporate_number: str, fiscal_year: int
) -> bool:
    found = await session.scalar(
        select(EvidenceFiling.id).where(
            EvidenceFiling.corporate_number == corporate_number,
            EvidenceFiling.fiscal_year == fiscal_year,
            EvidenceFiling.status.in_(("submitted", "confirmed")),
        )
    )
    return found is not None


async def history(session: AsyncSession, filing_id: int) -> Sequence[EvidenceEvent]:
    rows = await session.scalars(
        select(EvidenceEvent).where(EvidenceEvent.filing_id == filing_id).order_by(EvidenceEvent.id)
    )
    return rows.all()
