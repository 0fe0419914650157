"""Bodies of ``/api/plans/reference``."""

from __future__ import annotations

from pydantic import Field

from chiiki_common.schemas import OutputModel
from plans_api.reference.jsic import JsicLevel


class JsicEntryOut(OutputModel):
    """One industry of 日本標準産業分類 (令和5年7月改定)."""

    code: str = Field(description="大分類の英字+分類番号(例: E28)")
    name: str = Field(description="分類項目名")
    level: JsicLevel = Field(description="大分類・中分類・小分類・細分類")
    label: str = Field(description="画面と様式での表示(例: E28 電子部品・デバイス・電子回路製造業)")
    keywords: list[str] = Field(description="検索の手がかり(分類項目名には含まれない語)")


class JsicListOut(OutputModel):
    """The whole shipped list and what it covers."""

    revision: str = Field(description="改定")
    coverage: str = Field(description="収録範囲")
    items: list[JsicEntryOut]
