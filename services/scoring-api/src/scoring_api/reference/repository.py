"""参考リスト and evidence queries, tenancy in SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Float, Select, and_, cast, func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from chiiki_common.auth import Principal
from scoring_api.models import (
    Company,
    CompanyScore,
    EvidenceEvent,
    EvidenceFiling,
    MetiReferenceEntry,
    MetiReferenceVersion,
)
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
) -> Sequence[tuple[EvidenceFiling, Company]]:
    f, c = EvidenceFiling, Company
    conditions = [
        f.fiscal_year == fiscal_year,
        f.status == "confirmed",
        prefecture_filter(principal, f.prefecture),
    ]
    if prefecture:
        conditions.append(f.prefecture == prefecture)
    rows = await session.execute(
        select(f, c)
        .join(c, c.corporate_number == f.corporate_number)
        .where(*conditions)
        .order_by(f.id)
    )
    return [(filing, company) for filing, company in rows]


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


async def latest_meti_version_number(session: AsyncSession, fiscal_year: int) -> int:
    """The current version number of METI's list of ``fiscal_year`` (0 when none was imported)."""
    found = await session.scalar(
        select(func.max(MetiReferenceVersion.version)).where(
            MetiReferenceVersion.fiscal_year == fiscal_year
        )
    )
    return int(found or 0)


async def meti_version(
    session: AsyncSession, fiscal_year: int, version: int | None
) -> MetiReferenceVersion | None:
    """Version ``version`` of the year's list, or the current one when ``version`` is None."""
    v = MetiReferenceVersion
    number = version or await latest_meti_version_number(session, fiscal_year)
    return await session.scalar(select(v).where(v.fiscal_year == fiscal_year, v.version == number))


async def meti_versions(
    session: AsyncSession, fiscal_year: int | None
) -> Sequence[MetiReferenceVersion]:
    v = MetiReferenceVersion
    condition = [] if fiscal_year is None else [v.fiscal_year == fiscal_year]
    rows = await session.scalars(
        select(v).where(*condition).order_by(v.fiscal_year.desc(), v.version.desc())
    )
    return rows.all()


async def add_meti_entries(
    session: AsyncSession, version_id: int, rows: Sequence[dict[str, object]]
) -> None:
    for start in range(0, len(rows), 5_000):
        await session.execute(
            insert(MetiReferenceEntry),
            [{**row, "version_id": version_id} for row in rows[start : start + 5_000]],
        )


async def meti_entries(
    session: AsyncSession, principal: Principal, version_id: int, prefecture: str | None
) -> Sequence[MetiReferenceEntry]:
    e = MetiReferenceEntry
    conditions = [e.version_id == version_id, prefecture_filter(principal, e.prefecture)]
    if prefecture:
        conditions.append(e.prefecture == prefecture)
    rows = await session.scalars(
        select(e).where(*conditions).order_by(e.prefecture, e.corporate_number)
    )
    return rows.all()


def _current_meti_entries(fiscal_year: int) -> Select[str]:
    v, e = MetiReferenceVersion, MetiReferenceEntry
    current = select(func.max(v.version)).where(v.fiscal_year == fiscal_year).scalar_subquery()
    return (
        select(e.corporate_number)
        .join(v, v.id == e.version_id)
        .where(v.fiscal_year == fiscal_year, v.version == current)
    )


async def on_meti_list(session: AsyncSession, corporate_number: str, fiscal_year: int) -> bool:
    """Whether METI's current 参考リスト of the fiscal year names the company."""
    found = await session.scalar(
        _current_meti_entries(fiscal_year).where(
            MetiReferenceEntry.corporate_number == corporate_number
        )
    )
    return found is not None


async def meti_listed_among(
    session: AsyncSession, numbers: Collection[str], fiscal_year: int
) -> set[str]:
    """Which of ``numbers`` METI's current list of the fiscal year names."""
    listed: set[str] = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 1000):  # keep every IN list within SQLite's bind limit
        chunk = ordered[start : start + 1000]
        rows = await session.scalars(
            _current_meti_entries(fiscal_year).where(MetiReferenceEntry.corporate_number.in_(chunk))
        )
        listed.update(rows)
    return listed


async def confirmed_among(
    session: AsyncSession, numbers: Collection[str], fiscal_year: int
) -> set[str]:
    """Which of ``numbers`` METI confirmed from evidence for the fiscal year."""
    f = EvidenceFiling
    confirmed: set[str] = set()
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 1000):
        rows = await session.scalars(
            select(f.corporate_number).where(
                f.fiscal_year == fiscal_year,
                f.status == "confirmed",
                f.corporate_number.in_(ordered[start : start + 1000]),
            )
        )
        confirmed.update(rows)
    return confirmed
