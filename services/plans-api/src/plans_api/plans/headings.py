"""The headings of the description items (記載項目) of each plan type."""

from __future__ import annotations

from plans_api.models import PlanType

HEADINGS: dict[PlanType, dict[str, str]] = {
    PlanType.B: {
        "industry": "1. 地域産業クラスターの形成を目指す産業領域",
        "area": "2. 地域産業クラスターの形成を目指す区域",
        "present_and_goals": "3. 現状認識と目指す姿【目標】",
        "path": "4. 勝ち筋の特定と投資の具体像、定量的なインパクト【道筋】",
        "policy": "5. 投資促進に向けた課題と事業環境整備の取組【政策手段】",
        "localisation": "6. 現地化の取組",
    },
    PlanType.C: {
        "field": "1. 地場産業の成長を支援する分野",
        "area": "2. 支援する地域及び推進の核となる事業者",
        "present_and_goals": "3. 現状認識と目指す姿【目標】",
        "path": "4. 勝ち筋の特定と定量的なインパクト【道筋】",
        "policy": "5. 取組に向けた課題と自治体が行う取組【政策手段】",
        "localisation": "6. 現地化の取組",
    },
}
"""seed 000 ①記載項目: the six headings per type, by the key of the section in ``sections`` (the
models of ``plans/content.py`` state them in their docstrings for the reader). The 様式 workbook,
the PDF, the version history, the search index, the return notes and the rules document the SPA
reads (``reference/rules.py``) all name a heading from here."""
