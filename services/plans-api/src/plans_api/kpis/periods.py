"""The half years (半期) KPIs are targeted and reported by, written ``2026H1`` (``HalfYear`` of
``plans.schemas``), and how people read them: the fiscal year's 上期 (April–September) and 下期
(October–March). The 様式 workbook, the PDF and the version history all name them through here."""

from __future__ import annotations

import re

from chiiki_common import clock

HALVES = {"1": "上期", "2": "下期"}
_PERIOD = re.compile(r"(\d{4})H([12])")
_WRITTEN = re.compile(rf"\s*(\d{{4}})\s*(?:年度)?\s*({'|'.join(HALVES.values())}|H1|H2)")


def half_year_label(period: object, *, with_wareki: bool = True) -> str:
    """``2026H2`` → 「2026年度下期(令和8年度下期)」, or 「2026年度下期」 without the 和暦;
    anything that is not a half year as it is written."""
    text = str(period)
    if not (match := _PERIOD.fullmatch(text)):
        return text
    year, half = int(match.group(1)), HALVES[match.group(2)]
    label = clock.fiscal_year_label(year, with_wareki=False) + half
    return f"{label}({clock.wareki_fiscal_year(year)}{half})" if with_wareki else label


def half_year_written(value: object) -> object:
    """A half year as a form writes it (「2028年度上期」, 「2028年度上期(令和10年度上期)」,
    「2028 H1」) → ``2028H1``; anything else unchanged."""
    if isinstance(value, str) and (match := _WRITTEN.match(value)):
        half = match.group(2)
        return f"{match.group(1)}H{'1' if half in (HALVES['1'], 'H1') else '2'}"
    return value
