"""What a published plan may show, in one place.

- No sales or purchase figure of a company appears in anything public (registry, open data, the
  published plan): a core company's ``scale`` and ``role`` are published, so a text that names a
  sales or purchase amount (e.g. the 様式2 figures of a company selected in an open call) is refused
  where it is written. An employee band or the prefecture's own wording is what ``scale`` holds.
- Selected companies' names and business outlines are published with the plan; individual
  investment cases never are (seed 003: 「企業における個別の投資案件を公表することはありません」).
  B's 4(2) 投資の具体像 is where a plan describes them, so it is withheld from the published
  version (national users and the authors read it in the plan itself).
"""

from __future__ import annotations

import re
from typing import Any

TRADE_WORDS = re.compile(r"売上|売り上げ|仕入|販売額|購入額|取引額|取引高|sales|purchase", re.I)
AMOUNT = re.compile(
    r"[0-9０-９][0-9０-９,，.．]*\s*(?:兆|億|千万|百万|万|千)?\s*円"
    r"|[0-9０-９][0-9０-９,，.．]*\s*(?:兆|億|千万|百万|万)"
    r"|[¥￥]\s*[0-9０-９]"
    r"|[一二三四五六七八九十百千万億兆]+円"
)
TRADE_FIGURE_MESSAGE = (
    "売上高・仕入高などの金額は公表されるため記載できません(従業員数の区分などで記載してください)"
)

WITHHELD_SECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "B": {"path": ("investment_picture",)},
}
"""Description items never published, per plan type: heading → items."""
WITHHELD_NOTE = "企業の個別の投資案件を含むため公表していません"


def names_trade_figure(text: str | None) -> bool:
    """True when ``text`` states a sales or purchase amount (a trade word and an amount)."""
    return bool(text) and bool(TRADE_WORDS.search(text or "")) and bool(AMOUNT.search(text or ""))


def refuse_trade_figure(value: str | None) -> str | None:
    """Validator for published company texts (``scale``, ``role``)."""
    if names_trade_figure(value):
        raise ValueError(TRADE_FIGURE_MESSAGE)
    return value


def published_sections(plan_type: str, sections: dict[str, Any]) -> dict[str, Any]:
    """The description items as published: the withheld items replaced by a note."""
    withheld = WITHHELD_SECTIONS.get(plan_type, {})
    out = {heading: dict(items or {}) for heading, items in sections.items()}
    for heading, names in withheld.items():
        for name in names:
            if name in out.get(heading, {}):
                out[heading][name] = None
    return out


def withheld_paths(plan_type: str) -> dict[str, str]:
    return {
        f"sections/{heading}/{name}": WITHHELD_NOTE
        for heading, names in WITHHELD_SECTIONS.get(plan_type, {}).items()
        for name in names
    }
