"""``/api/plans/search``: Japanese full-text search over the plans the caller may see."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageParams
from plans_api.search import service
from plans_api.search.auth import Searcher
from plans_api.search.schemas import SearchPage

router = APIRouter(prefix="/api/plans", tags=["search"])


@router.get("/search", response_model=SearchPage)
async def search_plans(
    session: SessionDep,
    principal: Searcher,
    q: Annotated[str, Query(max_length=400, description="検索語(2文字から。例: 焼酎、半導)")],
    limit: Annotated[int, Query(ge=1, le=100, description="1ページの件数")] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000, description="先頭からの位置")] = 0,
) -> SearchPage:
    """計画の名称、記載項目の本文、KGI・KPI の名称、核となる企業・事業者の名称と法人番号(先頭からの
    一致)を検索します。国の職員は閲覧できるすべての計画を、自治体の職員は自団体が閲覧できる計画を
    検索します。全角・半角、カタカナ・ひらがなの違いは区別せず、空白と記号は無視します。結果は
    一致した項目の重み(名称 > 企業・KGI・KPI > 本文)と一致回数の順で、一致箇所の前後を含む抜粋と
    その中の一致範囲(highlights)を返します。検索語が空・記号のみ・100文字超・制御文字を含む場合は
    422 です。"""
    return await service.search_plans(session, principal, q, PageParams(limit=limit, offset=offset))
