"""A KPI's withdrawal criterion (撤退基準): the comparison that marks a KPI as breached when
``actual <comparator> threshold`` holds, with its words and signs for people.

The one home of the comparators: the schema accepts exactly these codes, the KPI monitoring
compares with these operators, and the 様式 workbook, the version history and the PDF write these
words (「未満」「以下」「超」「以上」, the Japanese of below / at most / above / at least).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Literal

Comparator = Literal["lt", "le", "gt", "ge"]

COMPARE: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
"""The operator of each comparator: ``COMPARE[code](actual, threshold)``."""

COMPARATOR_LABELS: dict[str, str] = {"lt": "未満", "le": "以下", "gt": "超", "ge": "以上"}
"""Each comparator as people write it after the threshold (「10億円未満」)."""

COMPARATOR_SYMBOLS: dict[str, str] = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥"}
"""Each comparator as a sign (the breach notice: 「実績 8 < 10」)."""
