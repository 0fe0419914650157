"""Open data (公表された計画) as CSV: streamed in batches, capped per answer, never evaluated by a
spreadsheet."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock, spreadsheets
from plans_api.models import PlanSnapshot
from plans_api.plans.content import STRATEGIC_FIELDS
from plans_api.registry import repository, service

CSV_HEADINGS = [
    "計画ID",
    "類型",
    "計画名",
    "代表団体コード",
    "作成団体コード",
    "都道府県",
    "版",
    "公表日時(日本時間)",
    "戦略分野",
    "核となる企業・事業者",
]
BATCH = 500
"""Plans read per query while streaming: one short read each, no cursor held open for a slow
client."""


@dataclass(frozen=True)
class CsvExport:
    body: AsyncIterator[bytes]
    total: int
    next_offset: int | None
    """Where the next part starts, when the cap cut this one short."""


def _row(snapshot: PlanSnapshot) -> list[object]:
    plan = service.published_plan(snapshot)
    return [
        plan.plan_id,
        plan.plan_type,
        plan.title,
        plan.lead_organisation,
        " ".join(plan.organisations),
        plan.prefecture_name,
        plan.version,
        clock.to_jst(plan.published_at).strftime("%Y-%m-%d %H:%M"),
        " ".join(STRATEGIC_FIELDS.get(f, f) for f in snapshot.content.get("strategic_fields", [])),
        " ".join(c["name"] for c in snapshot.content.get("core_companies", [])),
    ]


async def published_csv(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    *,
    plan_type: str | None,
    prefecture: str | None,
    offset: int,
    cap: int,
) -> CsvExport:
    """At most ``cap`` published plans from ``offset`` on. The body opens its own short read
    sessions (it runs after the request's session has closed); the BOM lets Excel read the
    Japanese."""
    total = await repository.count_published(session, plan_type, prefecture)

    async def body() -> AsyncIterator[bytes]:
        yield ("\ufeff" + spreadsheets.csv_line(CSV_HEADINGS)).encode()
        sent, last = 0, None
        while sent < cap:
            async with sessions() as batch_session:
                batch = await repository.published_batch(
                    batch_session,
                    plan_type,
                    prefecture,
                    after_plan_id=last,
                    offset=offset,
                    limit=min(BATCH, cap - sent),
                )
            if not batch:
                return
            yield "".join(spreadsheets.csv_line(_row(s)) for s in batch).encode()
            sent += len(batch)
            last = batch[-1].plan_id

    more = offset + cap < total
    return CsvExport(body=body(), total=total, next_offset=offset + cap if more else None)


def next_link(path: str, plan_type: str | None, prefecture: str | None, offset: int) -> str:
    """RFC 8288 ``Link`` to the next part of a capped CSV."""
    query = {k: v for k, v in (("type", plan_type), ("prefecture", prefecture)) if v}
    query["offset"] = str(offset)
    return f'<{path}?{urlencode(query)}>; rel="next"'
