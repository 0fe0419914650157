"""Every query of the plans' search index. Which plans a person may find is decided by the plans'
one tenancy filter, :func:`plans_api.plans.repository.readable`, joined on the plan id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, func, insert, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only

from chiiki_common import textsearch
from chiiki_common.auth import Principal
from plans_api.models import Plan, PlanSearchGram, PlanSearchText
from plans_api.plans.repository import readable

_INSERT_CHUNK = 5_000
CORPORATE_NUMBER_LENGTH = 13


async def replace_index(
    session: AsyncSession,
    plan_id: int,
    texts: list[dict[str, Any]],
    grams: list[dict[str, Any]],
) -> None:
    await session.execute(delete(PlanSearchGram).where(PlanSearchGram.plan_id == plan_id))
    await session.execute(delete(PlanSearchText).where(PlanSearchText.plan_id == plan_id))
    if texts:
        await session.execute(insert(PlanSearchText), texts)
    for start in range(0, len(grams), _INSERT_CHUNK):
        await session.execute(insert(PlanSearchGram), grams[start : start + _INSERT_CHUNK])


async def plan_ids_after(session: AsyncSession, after: int, limit: int) -> list[int]:
    """Plan ids above ``after``, in order (the full rebuild's batches; no tenancy filter)."""
    query = select(Plan.id).where(Plan.id > after).order_by(Plan.id).limit(limit)
    return list(await session.scalars(query))


def _matches(query: str) -> ColumnElement[bool]:
    """The text holds the normalised query; a 法人番号 only from its first digit."""
    t = PlanSearchText
    return or_(
        and_(t.prefix_only.is_(True), t.normalised.startswith(query, autoescape=True)),
        and_(t.prefix_only.is_(False), t.normalised.contains(query, autoescape=True)),
    )


@dataclass(frozen=True)
class Hit:
    plan_id: int
    score: int
    occurrences: int


@dataclass(frozen=True)
class Hits:
    page: list[Hit]
    total: int
    exact: bool
    """False: ``total`` counts the candidates, some of which may not hold the query itself."""


CONFIRM_ALL = 500
"""Up to this many candidates of a long query are all checked against their texts (exact total
and order); beyond it, only as many as the page needs, in the index's order."""
CONFIRM_CHUNK = 200


def _candidates(principal: Principal, query: str, grams: set[str]) -> Select[Any]:
    """The visible plans holding every gram of ``query`` (or a 法人番号 starting with it), with the
    index's rank: exact for a query of one or two characters, an upper bound for a longer one."""
    g = PlanSearchGram
    parts: list[Select[int, int, int]] = [
        select(
            g.plan_id,
            func.min(g.weight).label("score"),
            func.min(g.occurrences).label("occurrences"),
        )
        .where(g.gram.in_(sorted(grams)))
        .group_by(g.plan_id)
        .having(func.count() == len(grams))
    ]
    if query.isascii() and query.isdigit() and len(query) <= CORPORATE_NUMBER_LENGTH:
        parts.append(
            select(g.plan_id, g.weight.label("score"), g.occurrences.label("occurrences")).where(
                g.gram == textsearch.PREFIX_MARK + query
            )
        )
    found = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery("found")
    # the tenancy filter narrows the grams' result (filtering inside the grouping leads SQLite's
    # planner to walk the plan_id index instead of the grams)
    visible = readable(principal).with_only_columns(Plan.id)
    return (
        select(
            found.c.plan_id,
            func.sum(found.c.score).label("score"),
            func.sum(found.c.occurrences).label("occurrences"),
        )
        .where(found.c.plan_id.in_(visible))
        .group_by(found.c.plan_id)
    )


def _ranked(candidates: Select[Any]) -> Select[Any]:
    ranked = candidates.subquery("ranked")
    return select(ranked).order_by(
        ranked.c.score.desc(), ranked.c.occurrences.desc(), ranked.c.plan_id.desc()
    )


async def _confirmed(session: AsyncSession, ids: Sequence[int], query: str) -> dict[int, Hit]:
    """Of ``ids``, the plans whose texts hold ``query`` itself, with their exact rank."""
    t = PlanSearchText
    occurrences = (
        func.length(t.normalised) - func.length(func.replace(t.normalised, query, ""))
    ) // len(query)
    statement = (
        select(t.plan_id, func.sum(t.weight), func.sum(occurrences))
        .where(t.plan_id.in_(list(ids)), _matches(query))
        .group_by(t.plan_id)
    )
    rows = await session.execute(statement)
    return {int(p): Hit(int(p), int(score), int(found or 0)) for p, score, found in rows}


def _order(hit: Hit) -> tuple[int, int, int]:
    return (-hit.score, -hit.occurrences, -hit.plan_id)


async def search(
    session: AsyncSession,
    principal: Principal,
    query: str,
    grams: set[str],
    *,
    limit: int,
    offset: int,
) -> Hits:
    """One page of the plans ``principal`` may read whose texts hold ``query`` (normalised), best
    first: by the summed weight of the texts holding it, then its occurrences, then newest.

    A query of one or two characters is one gram: the index answers it alone. A longer one is
    checked against the candidates' normalised texts (all their bigrams need not make the word)."""
    candidates = _candidates(principal, query, grams)
    if len(query) <= 2:
        counted = _ranked(candidates).add_columns(func.count().over().label("total"))
        rows = (await session.execute(counted.limit(limit).offset(offset))).all()
        page = [Hit(int(r.plan_id), int(r.score), int(r.occurrences)) for r in rows]
        if rows:
            return Hits(page, int(rows[0].total), exact=True)
        total = await session.scalar(select(func.count()).select_from(candidates.subquery()))
        return Hits(page, int(total or 0), exact=True)
    ordered = [int(r.plan_id) for r in await session.execute(_ranked(candidates))]
    if len(ordered) <= CONFIRM_ALL:
        hits: list[Hit] = []
        for start in range(0, len(ordered), CONFIRM_CHUNK * 5):
            found = await _confirmed(session, ordered[start : start + CONFIRM_CHUNK * 5], query)
            hits.extend(found.values())
        hits.sort(key=_order)
        return Hits(hits[offset : offset + limit], len(hits), exact=True)
    confirmed: list[Hit] = []
    for start in range(0, len(ordered), CONFIRM_CHUNK):
        chunk = ordered[start : start + CONFIRM_CHUNK]
        found = await _confirmed(session, chunk, query)
        confirmed.extend(found[p] for p in chunk if p in found)
        if len(confirmed) >= offset + limit:
            break
    return Hits(confirmed[offset : offset + limit], len(ordered), exact=False)


SUMMARY = (
    Plan.plan_type,
    Plan.title,
    Plan.lead_organisation,
    Plan.lead_prefecture,
    Plan.state,
    Plan.version,
)


async def plan_summaries(
    session: AsyncSession, principal: Principal, ids: Sequence[int]
) -> dict[int, Plan]:
    if not ids:
        return {}
    query = readable(principal).where(Plan.id.in_(list(ids))).options(load_only(*SUMMARY))
    return {plan.id: plan for plan in await session.scalars(query)}


async def matching_texts(
    session: AsyncSession, ids: Sequence[int], query: str
) -> list[PlanSearchText]:
    """The texts of ``ids`` that hold ``query``, heaviest first within each plan (the snippets)."""
    if not ids:
        return []
    t = PlanSearchText
    statement = (
        select(t)
        .where(t.plan_id.in_(list(ids)), _matches(query))
        .order_by(t.plan_id, t.weight.desc(), t.position)
    )
    return list(await session.scalars(statement))
