"""Open data (公表された計画) as CSV: streamed in batches, capped per answer, never evaluated by a
spreadsheet."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.requests import Request

from chiiki_common import clock, spreadsheets
from chiiki_common.errors import NotFound
from plans_api.models import PlanSnapshot, PlanType
from plans_api.plans import repository as plans_repository
from plans_api.plans import service as plans_service
from plans_api.plans.content import STRATEGIC_FIELDS
from plans_api.public.schemas import Publication, PublicRound
from plans_api.reference import jsic
from plans_api.reference.endpoints import COVERAGE as JSIC_COVERAGE
from plans_api.reference.endpoints import REVISION as JSIC_REVISION
from plans_api.reference.schemas import JsicEntryOut, JsicListOut
from plans_api.registry import repository, service
from plans_api.rounds import membership
from plans_api.versions import labels
from plans_api.versions.schemas import DescribedChange

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
    query: repository.PublishedQuery,
    *,
    offset: int,
    cap: int,
) -> CsvExport:
    """At most ``cap`` published plans from ``offset`` on. The body opens its own short read
    sessions (it runs after the request's session has closed); the BOM lets Excel read the
    Japanese."""
    total = await repository.count_published(session, query)

    async def body() -> AsyncIterator[bytes]:
        yield ("\ufeff" + spreadsheets.csv_line(CSV_HEADINGS)).encode()
        sent, last = 0, None
        while sent < cap:
            async with sessions() as batch_session:
                batch = await repository.published_batch(
                    batch_session,
                    query,
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


def next_link(path: str, query: repository.PublishedQuery, offset: int) -> str:
    """RFC 8288 ``Link`` to the next part of a capped CSV, with the same filters."""
    return f'<{path}?{urlencode({**filter_parameters(query), "offset": str(offset)})}>; rel="next"'


def filter_parameters(query: repository.PublishedQuery) -> dict[str, str]:
    """The query parameters that ask for ``query`` again."""
    named = (
        ("type", query.plan_type),
        ("prefecture", query.prefecture),
        ("field", query.field),
        ("industry", query.industry),
        ("round", query.round_code),
    )
    return {name: value for name, value in named if value}


# --- reference lists (no login) ------------------------------------------------------------------

ROUND_KIND_LABELS = {
    membership.LEADING_EXAMPLE: "先行事例",
    membership.BATCH: "取りまとめ(一斉公表)",
}


def jsic_list() -> JsicListOut:
    """The 日本標準産業分類 list the plans are written against, as the login-only route serves it."""
    return JsicListOut(
        revision=JSIC_REVISION,
        coverage=JSIC_COVERAGE,
        items=[
            JsicEntryOut(
                code=e.code, name=e.name, level=e.level, label=e.label, keywords=list(e.keywords)
            )
            for e in jsic.entries()
        ],
    )


async def public_rounds(session: AsyncSession) -> list[PublicRound]:
    """Every round, oldest cutoff first, with the dates people read (the last day a request
    counted, the review's target date); never who scheduled what or whether it may still change."""
    out = []
    for round_ in await plans_repository.all_rounds(session):
        shown = plans_service.round_out(round_)
        out.append(
            PublicRound(
                code=shown.code,
                name=shown.name,
                kind=shown.kind,
                kind_label=ROUND_KIND_LABELS.get(shown.kind, shown.kind),
                last_day=shown.last_day,
                review_target_date=shown.review_target_date,
                filterable=shown.kind == membership.BATCH,
            )
        )
    return out


# --- the catalogue (DCAT) ------------------------------------------------------------------------

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
"""CC BY 4.0, as Japan's open data usually is (政府標準利用規約 第2.0版 is compatible with it)."""
CATALOGUE_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "hydra": "http://www.w3.org/ns/hydra/core#",
}
PUBLISHER = {"@type": "foaf:Agent", "foaf:name": "内閣官房"}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CATALOGUE_PAGE = 1000
"""Plans' data sets per catalogue answer."""


def base_url(request: Request) -> str:
    """The platform's public address (``public_base_url``), for the catalogue's absolute links."""
    return str(request.app.state.settings.public_base_url).rstrip("/")


async def published_version(
    session: AsyncSession, plan_id: int, version: int | None
) -> PlanSnapshot:
    """Published version ``version`` of the plan (the current one when None); 404 otherwise."""
    if version is None:
        current = await repository.current_snapshot(session, plan_id)
        if current is None:
            raise NotFound("公表された計画が見つかりません")
        return current
    found = await repository.publication(session, plan_id, version)
    if found is None:
        raise NotFound("公表された版が見つかりません")
    return found


def publication(snapshot: PlanSnapshot) -> Publication:
    return Publication(
        version=snapshot.version_number, title=snapshot.title, published_at=snapshot.published_at
    )


def described(snapshot: PlanSnapshot) -> list[DescribedChange]:
    """The published content named for people. The authors are left out (the page names the
    prefecture; plans-api holds no municipality names), as are the publication's own fields."""
    return described_content(snapshot.plan_type, snapshot.content)


def described_content(plan_type: str, content: dict[str, Any]) -> list[DescribedChange]:
    """:func:`described` of a published content (the files fill in the withheld items' notes)."""
    shown = {k: v for k, v in content.items() if k != "authors"}
    return labels.describe(PlanType(plan_type), None, shown)


def _distribution(title: str, url: str, media_type: str) -> dict[str, object]:
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": media_type,
        "dct:license": {"@id": LICENCE},
    }


def _plan_dataset(base: str, snapshot: PlanSnapshot) -> dict[str, object]:
    plan = service.published_plan(snapshot)
    url = f"{base}/public/v1/plans/{plan.plan_id}"
    fields = [STRATEGIC_FIELDS.get(f, f) for f in snapshot.content.get("strategic_fields", [])]
    return {
        "@id": url,
        "@type": "dcat:Dataset",
        "dct:identifier": str(plan.plan_id),
        "dct:title": plan.title,
        "dct:description": f"{plan.prefecture_name}の{PlanType(plan.plan_type).label}"
        f"(第{plan.version}版)",
        "dct:publisher": PUBLISHER,
        "dct:spatial": plan.prefecture_name,
        "dct:modified": clock.to_jst(plan.published_at).date().isoformat(),
        "dct:language": "ja",
        "dct:license": {"@id": LICENCE},
        "dcat:keyword": fields,
        "dcat:landingPage": {"@id": f"{base}/open-data/plans/{plan.plan_id}"},
        "dcat:distribution": [
            _distribution("計画の内容(JSON)", url, "application/json"),
            _distribution("計画の内容(PDF)", f"{url}.pdf", "application/pdf"),
            _distribution("計画の内容(CSV)", f"{url}.csv", "text/csv"),
            _distribution("計画の内容(Excel)", f"{url}.xlsx", XLSX),
        ],
    }


async def catalogue(session: AsyncSession, base: str, offset: int, limit: int) -> dict[str, object]:
    """The open data as a DCAT catalogue (JSON-LD) for harvesters such as the national data
    catalogue: the list of every published plan (JSON and CSV) and one data set per plan, a page
    of them per answer (``hydra:next`` links the next)."""
    query = repository.PublishedQuery()
    total = await repository.count_published(session, query)
    snapshots = await repository.published_batch(
        session, query, after_plan_id=None, offset=offset, limit=limit
    )
    modified = await repository.last_publication(session)
    updated = clock.to_jst(modified).date().isoformat() if modified else None
    listing = {
        "@id": f"{base}/public/v1/plans",
        "@type": "dcat:Dataset",
        "dct:identifier": "published-plans",
        "dct:title": "公表された地域産業成長プランの一覧",
        "dct:description": "公表された計画(各計画の最新の公表版)の類型、計画名、作成団体、"
        "都道府県、版、公表日時、戦略分野、核となる企業・事業者",
        "dct:publisher": PUBLISHER,
        "dct:modified": updated,
        "dct:language": "ja",
        "dct:license": {"@id": LICENCE},
        "dcat:landingPage": {"@id": f"{base}/open-data"},
        "dcat:distribution": [
            _distribution("一覧(JSON)", f"{base}/public/v1/plans", "application/json"),
            _distribution("一覧(CSV)", f"{base}/public/v1/plans.csv", "text/csv"),
        ],
    }
    datasets = ([listing] if offset == 0 else []) + [_plan_dataset(base, s) for s in snapshots]
    view: dict[str, object] = {
        "@id": f"{base}/public/v1/catalog.json?offset={offset}",
        "@type": "hydra:PartialCollectionView",
    }
    if offset + limit < total:
        view["hydra:next"] = {"@id": f"{base}/public/v1/catalog.json?offset={offset + limit}"}
    return {
        "@context": CATALOGUE_CONTEXT,
        "@id": f"{base}/public/v1/catalog.json",
        "@type": "dcat:Catalog",
        "dct:title": "地域産業成長プラン オープンデータ",
        "dct:description": "地域未来戦略に基づき公表された地域産業成長プランのデータセット",
        "dct:publisher": PUBLISHER,
        "dct:language": "ja",
        "dct:license": {"@id": LICENCE},
        "dct:modified": updated,
        "hydra:totalItems": total,
        "hydra:view": view,
        "dcat:dataset": datasets,
    }
