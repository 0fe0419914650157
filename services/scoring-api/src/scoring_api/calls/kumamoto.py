"""熊本県's real call (seed 003, 令和8年5月): the values the demo seeds and the tests use."""

from __future__ import annotations

from typing import Any

from scoring_api.calls.criteria import MAX_EMPLOYEES_DEFAULT, MIN_SALES_DEFAULT
from scoring_api.calls.schemas import REQUIRED_DOCUMENTS

KUMAMOTO_CALL: dict[str, Any] = {
    "title": "地域産業クラスター計画 重点支援企業の公募",
    "description": (
        "重点支援企業には、地域経済をけん引するとともに、クラスター形成の核となる役割が求められます。"
        "選定された場合、企業ごとに担当職員を配置し、伴走支援体制を整備します。"
        "応募先: 熊本県商工労働部産業振興局産業支援課"
    ),
    "opens_at": "2026-05-15T00:00:00+09:00",
    "closes_at": "2026-06-01T12:00:00+09:00",
    "target_fields": [
        "半導体産業と半導体ユーザー産業",
        "「食のみやこ熊本県」の創造とライフサイエンス産業",
    ],
    "min_sales": MIN_SALES_DEFAULT,
    "max_employees": MAX_EMPLOYEES_DEFAULT,
    "required_consents": [
        {"code": "accompanying_support", "label": "熊本県庁における伴走支援体制の承諾"},
        {
            "code": "executive_network",
            "label": "熊本県庁が開催する重点支援企業を対象とした経営者ネットワークへの参加",
        },
    ],
    "required_documents": [
        {"code": code, "label": label} for code, label in REQUIRED_DOCUMENTS.items()
    ],
}
