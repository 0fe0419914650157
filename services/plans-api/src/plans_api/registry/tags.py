"""What a published version is filtered by on the open-data pages: its strategic fields (seed 004's
17 fields), its industries (日本標準産業分類) and the round (回) it was asked for pre-check in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FIELD, INDUSTRY, ROUND = "field", "industry", "round"


def tags_of(content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(kind, code)`` pairs of a snapshot's content, each once, in a stable order."""
    pairs = [(FIELD, str(code)) for code in content.get("strategic_fields") or []]
    pairs += [(INDUSTRY, str(code)) for code in content.get("jsic_codes") or []]
    if content.get("round_code"):
        pairs.append((ROUND, str(content["round_code"])))
    return list(dict.fromkeys(pairs))
