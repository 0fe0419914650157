"""The search index of plans (計画の検索): what of a plan is searchable, under which Japanese label
and with which weight, kept current after every write and rebuilt in full on demand.

Searchable: the title, every description item (記載項目) of the sections, each KGI's and KPI's name
(a mandatory KGI by its kind's label and by the name its authors gave it), each core company's
name and 法人番号 (DESIGN §2 content). Each text is stored as written (for the snippet) and
normalised (``chiiki_common.textsearch``); its bigrams and characters go into
``plan_search_grams`` once per plan with their weight and occurrences (a 法人番号 its prefixes), so
a query's candidates, and their rank, come from the plans holding all its grams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import textsearch
from chiiki_common.db import create_engine, session_factory
from plans_api.models import Plan, PlanType
from plans_api.plans import repository as plans_repository
from plans_api.plans.content import SECTION_MODELS
from plans_api.plans.headings import HEADINGS
from plans_api.search import repository
from plans_api.settings import Settings
from plans_api.versions.labels import area_labels, kgi_name

log = structlog.get_logger("search.index")

TITLE_WEIGHT = 10
NAME_WEIGHT = 3
"""A core company's name or 法人番号, a KGI's or KPI's name."""
SECTION_WEIGHT = 1
"""A match in the title ranks above one in a name, which ranks above one in the body text."""


@dataclass(frozen=True)
class SearchText:
    field: str
    """Where the text sits, as a path (``sections/path/basic_strategy``, ``kgis/value_added``)."""
    label: str
    """The same place as people read it (「4. 勝ち筋… (1) 基本戦略」)."""
    weight: int
    text: str
    prefix_only: bool = False


def _section_label(plan_type: PlanType, section: str, item: str) -> str:
    heading = HEADINGS.get(plan_type, {}).get(section, section)
    model = SECTION_MODELS.get(plan_type)
    fields = model.model_fields[section].annotation.model_fields if model else {}  # type: ignore[union-attr]
    description = fields[item].description if item in fields else None
    return f"{heading} {description}" if description else heading


def texts_of(
    plan_type: str,
    title: str,
    sections: Mapping[str, Any],
    kgis: Iterable[Mapping[str, Any]],
    kpis: Iterable[Mapping[str, Any]],
    companies: Iterable[Mapping[str, Any]],
) -> list[SearchText]:
    """The searchable texts of a plan, from plain values (the plan row and its children's columns),
    so the migration's backfill and the write path index alike."""
    kind = PlanType(plan_type)
    areas = area_labels(kind)
    found = [SearchText("title", "計画の名称", TITLE_WEIGHT, title)]
    for section, items in (sections or {}).items():
        if not isinstance(items, Mapping):
            continue
        for item, value in items.items():
            if isinstance(value, str) and value.strip():
                label = _section_label(kind, section, item)
                found.append(SearchText(f"sections/{section}/{item}", label, SECTION_WEIGHT, value))
    for kgi in kgis:
        named = kgi_name(dict(kgi))
        found.append(SearchText(f"kgis/{kgi.get('key')}", "KGI名", NAME_WEIGHT, named))
        # a mandatory KGI is named by its kind; the name its authors gave it is found too
        own = str(kgi.get("name") or "")
        if own and own not in (named, kgi.get("kind")):
            found.append(SearchText(f"kgis/{kgi.get('key')}/name", "KGI名", NAME_WEIGHT, own))
    for kpi in kpis:
        found.append(SearchText(f"kpis/{kpi.get('key')}", "KPI名", NAME_WEIGHT, str(kpi["name"])))
    for position, company in enumerate(companies):
        key = company.get("corporate_number") or position
        found.append(
            SearchText(
                f"core_companies/{key}/name", areas["core_companies"], NAME_WEIGHT, company["name"]
            )
        )
        if company.get("corporate_number"):
            found.append(
                SearchText(
                    f"core_companies/{key}/corporate_number",
                    f"{areas['core_companies']}の法人番号",
                    NAME_WEIGHT,
                    str(company["corporate_number"]),
                    prefix_only=True,
                )
            )
    return [text for text in found if text.text]


def rows_of(
    plan_id: int, texts: list[SearchText]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The index rows of one plan: its texts (with their normalised form) and its grams, each with
    the summed weight of the texts holding it and its occurrences in them."""
    rows: list[dict[str, Any]] = []
    weights: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    for position, text in enumerate(texts):
        normalised = textsearch.normalise(text.text)
        rows.append(
            {
                "plan_id": plan_id,
                "position": position,
                "field": text.field[:100],
                "label": text.label[:300],
                "weight": text.weight,
                "prefix_only": text.prefix_only,
                "text": text.text,
                "normalised": normalised,
            }
        )
        counts = (
            Counter(textsearch.prefix_keys(normalised))
            if text.prefix_only
            else textsearch.gram_counts(normalised)
        )
        occurrences.update(counts)
        weights.update(dict.fromkeys(counts, text.weight))
    grams = [
        {"gram": gram, "plan_id": plan_id, "weight": weights[gram], "occurrences": count}
        for gram, count in sorted(occurrences.items())
    ]
    return rows, grams


def plan_texts(plan: Plan) -> list[SearchText]:
    """The searchable texts of a plan loaded with its children."""
    return texts_of(
        plan.plan_type,
        plan.title,
        plan.sections,
        ({"key": k.key, "kind": k.kind, "name": k.name} for k in plan.kgis),
        ({"key": k.key, "name": k.name} for k in plan.kpis),
        ({"corporate_number": c.corporate_number, "name": c.name} for c in plan.core_companies),
    )


async def reindex_plan(session: AsyncSession, plan_id: int) -> None:
    """Bring one plan's index up to date with the plan as it now stands (call it after each write
    of the content, in the write's transaction); a plan that no longer exists leaves no entry."""
    plan = await plans_repository.get_plan(session, plan_id)
    rows, grams = rows_of(plan_id, plan_texts(plan)) if plan is not None else ([], [])
    await repository.replace_index(session, plan_id, rows, grams)
    log.debug("search.reindexed", plan_id=plan_id, texts=len(rows), grams=len(grams))


async def rebuild_all(session: AsyncSession, *, batch: int = 200) -> int:
    """Rebuild the index of every plan (maintenance, after a change to what is indexed or to the
    normalisation); returns the number of plans indexed."""
    count = 0
    after = 0
    while ids := await repository.plan_ids_after(session, after, batch):
        for plan in (await plans_repository.full_plans(session, ids)).values():
            rows, grams = rows_of(plan.id, plan_texts(plan))
            await repository.replace_index(session, plan.id, rows, grams)
            count += 1
        after = ids[-1]
        session.expunge_all()
    log.info("search.rebuilt", plans=count)
    return count


async def rebuild_command(settings: Settings, _args: object) -> None:
    """``chiiki-plans-api reindex-search``: rebuild the whole index in one transaction."""
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await rebuild_all(session)
    finally:
        await engine.dispose()
