"""Which version of a plan a PDF shows and to whom, and the PDF itself.

- Public (open data): the published versions only, the current one or any earlier one by number.
- Staff: whoever may read the plan (its one tenancy filter) reads the plan as it is now, or any
  version of its version history (版の履歴, the numbers of ``/api/plans/{id}/versions/{n}``). A
  version that was published is its publication's PDF, the very file the public read; any other
  (the plan not, or not yet again, published; an earlier draft) is rendered from its content and
  marked 「下書き」 on every page.

A published version's PDF is the same file every time (``document.render`` is deterministic); it
is also kept in memory, per process, for the last :data:`CACHE_SIZE` versions asked for, so a
much-read plan is rendered once. Drafts are rendered on each request (the plan's content moves;
a draft of the history renders to the same bytes each time, its content and moment being stored).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.errors import NotFound, ProblemError
from plans_api.directory.service import names_of
from plans_api.downloads import Download, plan_file_names
from plans_api.models import Plan, PlanSnapshot, PlanState, PlanVersion
from plans_api.pdf import document
from plans_api.plans import service as plans
from plans_api.plans.validation import period_end_fy
from plans_api.registry import repository as published
from plans_api.versions import repository as history

log = structlog.get_logger("plans.pdf")

PDF = "application/pdf"
CACHE_SIZE = 32
"""Published versions' PDFs kept per process (each some 100 kB)."""


class FontsUnavailable(ProblemError):
    status, slug, title = (
        503,
        "pdf-fonts-unavailable",
        "PDFを作成できません。PDFに埋め込むフォントがサーバーに導入されていません",
    )


def _pdf(data: bytes, plan_id: int, title: str, version: int, *, draft: bool) -> Download:
    filename, ascii_filename = plan_file_names(plan_id, title, version, "pdf", draft=draft)
    return Download(data, PDF, filename, ascii_filename, disposition="inline")


class PdfCache:
    """Rendered published versions by (plan id, version), least recently asked for out first;
    renders run one at a time off the event loop (the machines have few cores)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[int, int], bytes] = OrderedDict()
        self.limiter = anyio.CapacityLimiter(1)

    def get(self, key: tuple[int, int]) -> bytes | None:
        data = self.entries.get(key)
        if data is not None:
            self.entries.move_to_end(key)
        return data

    def put(self, key: tuple[int, int], data: bytes) -> None:
        self.entries[key] = data
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _render(cache: PdfCache, font_dir: Path, plan: document.PlanDocument) -> bytes:
    try:
        fonts = document.font_files(font_dir)
    except document.FontsMissing as exc:
        log.error(
            "plans.pdf.fonts_missing",
            missing=[str(p) for p in exc.missing],
            remedy="run scripts/fetch_fonts.py or set PLANS_PDF_FONT_DIR",
        )
        raise FontsUnavailable(
            "PDFに埋め込む日本語フォントが導入されていません。"
            "システムの管理者にお問い合わせください"
        ) from exc
    return await anyio.to_thread.run_sync(document.render, plan, fonts, limiter=cache.limiter)


async def _author_names(session: AsyncSession, content: dict[str, Any]) -> dict[str, str]:
    codes = {str(a.get("organisation") or "") for a in content.get("authors") or []}
    codes.add(str(content.get("lead_organisation") or ""))
    return await names_of(session, codes - {""})


async def _published_pdf(
    session: AsyncSession, cache: PdfCache, font_dir: Path, snapshot: PlanSnapshot
) -> Download:
    key = (snapshot.plan_id, snapshot.version_number)
    data = cache.get(key)
    if data is None:
        moment = _aware(snapshot.published_at)
        data = await _render(
            cache,
            font_dir,
            document.PlanDocument(
                content=snapshot.content,
                version=snapshot.version_number,
                published_at=moment,
                as_of=moment,
                names=await _author_names(session, snapshot.content),
            ),
        )
        cache.put(key, data)
    return _pdf(data, snapshot.plan_id, snapshot.title, snapshot.version_number, draft=False)


async def _snapshot(session: AsyncSession, plan_id: int, version: int | None) -> PlanSnapshot:
    if version is None:
        snapshot = await published.current_snapshot(session, plan_id)
    else:
        snapshot = await published.publication(session, plan_id, version)
    if snapshot is None:
        raise NotFound(
            "公表された計画が見つかりません"
            if version is None
            else "指定された版は公表されていません"
        )
    return snapshot


async def public_pdf(
    session: AsyncSession, cache: PdfCache, font_dir: Path, plan_id: int, version: int | None
) -> Download:
    """A published version (the current one when ``version`` is None); 404 for anything else."""
    return await _published_pdf(
        session, cache, font_dir, await _snapshot(session, plan_id, version)
    )


async def _draft_pdf(
    session: AsyncSession,
    cache: PdfCache,
    font_dir: Path,
    plan_id: int,
    content: dict[str, Any],
    revision: int,
    as_of: datetime,
) -> Download:
    data = await _render(
        cache,
        font_dir,
        document.PlanDocument(
            content=content,
            version=revision,
            published_at=None,
            as_of=as_of,
            names=await _author_names(session, content),
        ),
    )
    return _pdf(data, plan_id, str(content.get("title") or ""), revision, draft=True)


def _recorded_content(plan: Plan, recorded: PlanVersion) -> dict[str, Any]:
    """A version of the history (``plans.freeze.content_of``: the authors by code, none of the
    plan's fixed facts) in the shape the document reads, a published snapshot's."""
    content = dict(recorded.content)
    start = content.get("period_start_fy")
    organisations = content.get("authors") or plan.organisations
    content.update(
        plan_type=plan.plan_type,
        lead_organisation=plan.lead_organisation,
        lead_prefecture=plan.lead_prefecture,
        authors=[
            {"organisation": code, "is_lead": code == plan.lead_organisation}
            for code in organisations
        ],
        period_end_fy=period_end_fy(start if isinstance(start, int) else None),
    )
    return content


async def _publication_of(
    session: AsyncSession, plan_id: int, recorded: PlanVersion
) -> PlanSnapshot | None:
    """The publication of a version of the history, if it was published: a revision is published
    with its newest version (its content is frozen from the completed pre-check to publication,
    and the next edit belongs to the next revision), so any earlier version of it was a draft."""
    if await history.last_of_revision(session, plan_id, recorded.revision) != recorded.version:
        return None
    return await published.publication_of_revision(session, plan_id, recorded.revision)


async def staff_pdf(
    session: AsyncSession,
    cache: PdfCache,
    font_dir: Path,
    plan: Plan,
    version: int | None,
) -> Download:
    """The plan as the caller may read it: ``version`` None is the plan now (its published
    version when it stands published, else the draft of its revision); a number is that version
    of the history, its publication's PDF when it was published, else its draft; 404 for a number
    the history does not hold."""
    if version is not None:
        recorded = await history.get(session, plan.id, version)
        if recorded is None:
            raise NotFound("指定された版が見つかりません")
        snapshot = await _publication_of(session, plan.id, recorded)
        if snapshot is not None:
            return await _published_pdf(session, cache, font_dir, snapshot)
        return await _draft_pdf(
            session,
            cache,
            font_dir,
            plan.id,
            _recorded_content(plan, recorded),
            recorded.revision,
            _aware(recorded.written_at),
        )
    if PlanState(plan.state) == PlanState.published:
        return await _published_pdf(
            session, cache, font_dir, await _snapshot(session, plan.id, None)
        )
    content = (await plans.plan_out(session, plan)).model_dump(mode="json")
    return await _draft_pdf(
        session, cache, font_dir, plan.id, content, plan.revision, _aware(plan.updated_at)
    )
