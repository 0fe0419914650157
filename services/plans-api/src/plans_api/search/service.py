"""Searching plans in Japanese: the query's rules, the ranking and the snippets people read."""

from __future__ import annotations

from collections import defaultdict

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import textsearch
from chiiki_common.auth import Principal
from chiiki_common.pagination import PageParams
from plans_api.models import PlanSearchText, PlanState, PlanType
from plans_api.organisations import prefecture_name
from plans_api.search import repository
from plans_api.search.schemas import SearchPage, SearchResult, Snippet

log = structlog.get_logger("search.service")

CONTEXT = 30
"""Characters of the original text shown on each side of the first match."""
SNIPPETS_PER_PLAN = 3
ELLIPSIS = "…"


def snippet(text: PlanSearchText, query: str) -> Snippet:
    """The first match with up to :data:`CONTEXT` characters of the original text around it, and
    where in the snippet every match shown lies."""
    normalised, origins = textsearch.normalise_with_origins(text.text)
    starts = [0] if text.prefix_only else textsearch.find_all(normalised, query)
    spans = [textsearch.original_span(origins, text.text, s, len(query)) for s in starts]
    first_start, first_end = spans[0] if spans else (0, 0)
    begin = max(0, first_start - CONTEXT)
    end = min(len(text.text), first_end + CONTEXT)
    lead = ELLIPSIS if begin > 0 else ""
    tail = ELLIPSIS if end < len(text.text) else ""
    shift = len(lead) - begin
    highlights = [(s + shift, e + shift) for s, e in spans if s >= begin and e <= end]
    return Snippet(
        label=text.label, text=f"{lead}{text.text[begin:end]}{tail}", highlights=highlights
    )


async def search_plans(
    session: AsyncSession, principal: Principal, raw_query: str, page: PageParams
) -> SearchPage:
    query = textsearch.parse_query(raw_query)
    found = await repository.search(
        session,
        principal,
        query,
        textsearch.query_grams(query),
        limit=page.limit,
        offset=page.offset,
    )
    hits = found.page
    ids = [hit.plan_id for hit in hits]
    plans = await repository.plan_summaries(session, principal, ids)
    texts: dict[int, list[PlanSearchText]] = defaultdict(list)
    for text in await repository.matching_texts(session, ids, query):
        if len(texts[text.plan_id]) < SNIPPETS_PER_PLAN:
            texts[text.plan_id].append(text)
    items = []
    for hit in hits:
        plan = plans.get(hit.plan_id)
        if plan is None:
            continue
        state = PlanState(plan.state)
        items.append(
            SearchResult(
                id=plan.id,
                plan_type=PlanType(plan.plan_type),
                title=plan.title,
                lead_organisation=plan.lead_organisation,
                lead_prefecture=plan.lead_prefecture,
                prefecture_name=prefecture_name(plan.lead_prefecture),
                state=state,
                state_label=state.label,
                version=plan.version,
                score=hit.score,
                occurrences=hit.occurrences,
                snippets=[snippet(text, query) for text in texts[hit.plan_id]],
            )
        )
    log.info("search.plans", hits=found.total, query_length=len(query))
    return SearchPage(
        query=query,
        items=items,
        total=found.total,
        total_is_estimate=not found.exact,
        limit=page.limit,
        offset=page.offset,
    )
