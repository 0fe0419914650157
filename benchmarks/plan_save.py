"""Saving and validating a full plan through the gateway, as the editor does it, with a bare ASGI
baseline measured in the same run.

``python -m benchmarks.plan_save [--samples 50]`` (``make bench`` runs it as the ``plan-save`` part).
An editor of 熊本県 logs in with a session cookie and fills a type B plan completely: every section
with a few hundred characters per item, the accompanying-support commitment, the seven requirement
statements, the four mandatory KGIs and two of its own, six KPIs with ten half-year targets each and
five core companies. Then, ``samples`` times each, in turn and one request at a time:

- save: ``PATCH /api/plans/{id}`` with the whole text of the plan (If-Match, CSRF);
- save all: that PATCH and the three table saves (``PUT …/kgis``, ``…/kpis``, ``…/core-companies``);
- validate: ``GET /api/plans/{id}/validation``;
- baseline: ``GET /`` of the bare hello-world app over the same kind of HTTP client.

Figures are wall-clock times seen by the client on loopback: p50 and p95, and p50 ÷ the baseline's p50.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from chiiki_common.validators import make_corporate_number  # noqa: E402

DEMO_PASSWORD = "Demo-2026!"
EDITOR = "kumamoto-editor@demo.example.jp"
START, GOAL = 2027, 2036


@dataclass
class Timing:
    name: str
    samples_ms: list[float]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    def row(self, baseline: Timing) -> str:
        return (
            f"{self.name:<58} p50 {self.p50:7.1f} ms  p95 {self.p95:7.1f} ms"
            f"  ×{self.p50 / baseline.p50:6.1f} bare p50"
        )


def _text(subject: str, length: int = 300) -> str:
    sentence = f"{subject}について、県内の半導体関連企業と支援機関が連携して取り組む。"
    return (sentence * (length // len(sentence) + 1))[:length]


def full_patch() -> dict[str, Any]:
    """Every text of a type B plan (sections 1–6, commitment, requirement statements)."""
    return {
        "title": "くまもと半導体サプライチェーン強化計画(ベンチマーク)",
        "period_start_fy": START,
        "goal_fiscal_year": GOAL,
        "jsic_codes": ["E28", "E2671", "E2814"],
        "strategic_fields": ["ai_semiconductor"],
        "sections": {
            "industry": {"reason": _text("産業領域の選定理由")},
            "area": {"core_area": _text("中核地域", 120), "reason": _text("地域の選定理由")},
            "present_and_goals": {
                "present_state": _text("現状", 600),
                "basis": _text("目標値の根拠"),
                "verification": _text("効果検証の方法"),
            },
            "path": {
                "basic_strategy": _text("基本戦略", 600),
                "investment_picture": _text("投資の全体像"),
                "regional_impact": _text("地域への波及"),
            },
            "policy": {"issues": _text("課題"), "policy_package": _text("政策パッケージ", 600)},
            "localisation": {"policy": _text("地域定着の方針")},
        },
        "commitment": {
            "departments": ["商工労働部 産業振興課", "商工労働部 企業立地課"],
            "staff": _text("人員確保", 120),
            "frequency": "月1回",
            "support_fields": _text("支援分野", 120),
            "measures": _text("具体的取組"),
            "financial_institutions": ["肥後銀行(サンプル)", "熊本銀行(サンプル)"],
        },
        "requirement_statements": {str(n): _text(f"要件{n}の充足状況") for n in range(1, 8)},
    }


def kgis() -> list[dict[str, Any]]:
    mandatory = ["capex_target_year", "capex_cumulative", "value_added", "human_resources"]
    rows = [
        {
            "key": kind,
            "kind": kind,
            "name": kind,
            "unit": "億円" if kind != "human_resources" else "人",
            "baseline": 100.0,
            "baseline_year": START,
            "target": 1200.0 + i,
            "target_year": GOAL,
            "basis": _text("KGIの根拠", 200),
        }
        for i, kind in enumerate(mandatory)
    ]
    rows += [
        {
            "key": f"own-{n}",
            "kind": "own",
            "name": f"独自KGI {n}",
            "unit": "社",
            "baseline": 10.0,
            "baseline_year": START,
            "target": 40.0 + n,
            "target_year": GOAL,
            "basis": _text("独自KGIの根拠", 200),
        }
        for n in (1, 2)
    ]
    return rows


def kpis() -> list[dict[str, Any]]:
    periods = [f"{year}H{half}" for year in range(START, START + 5) for half in (1, 2)]
    return [
        {
            "key": f"kpi-{n}",
            "name": f"支援指標 {n}",
            "unit": "件",
            "baseline": 0,
            "targets": [{"period": p, "value": 10 * (i + 1)} for i, p in enumerate(periods)],
            "withdrawal": {"comparator": "lt", "threshold": 5, "text": _text("撤退基準", 120)},
            "five_w1h": {
                "why": _text("意義", 150),
                "what": _text("取組の中身", 150),
                "deadline": "2031年度",
                "department": "産業振興課",
                "forum": "推進会議",
                "how": _text("進め方", 150),
            },
            "kgi_key": "value_added",
        }
        for n in range(1, 7)
    ]


def core_companies() -> list[dict[str, Any]]:
    return [
        {
            "corporate_number": make_corporate_number(f"{8 * 10**10 + n:012d}"),
            "name": f"ベンチマーク製作所{n}(サンプル)",
            "role": _text("サプライチェーンでの役割", 150),
            "scale": "従業員300名",
        }
        for n in range(1, 6)
    ]


class Editor:
    """One logged-in editor keeping the plan's current ETag, as the SPA does."""

    def __init__(self, client: httpx.Client, plan_id: int, etag: str, csrf: str) -> None:
        self.client, self.plan_id, self.etag, self.csrf = client, plan_id, etag, csrf

    def write(self, method: str, path: str, body: Any) -> None:
        response = self.client.request(
            method,
            f"/api/plans/{self.plan_id}{path}",
            json=body,
            headers={"X-CSRF-Token": self.csrf, "If-Match": self.etag},
        )
        response.raise_for_status()
        self.etag = response.headers["etag"]

    def save(self) -> None:
        self.write("PATCH", "", full_patch())

    def save_all(self) -> None:
        self.save()
        self.write("PUT", "/kgis", kgis())
        self.write("PUT", "/kpis", kpis())
        self.write("PUT", "/core-companies", core_companies())

    def validate(self) -> None:
        response = self.client.get(f"/api/plans/{self.plan_id}/validation")
        response.raise_for_status()
        if not response.json()["valid"]:
            raise RuntimeError(f"the benchmark plan does not pass validation: {response.text}")


def _time(name: str, action: Callable[[], object], samples: int) -> Timing:
    action()  # warm up (connections, caches)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return Timing(name, times)


def measure(base_url: str, bare_url: str, samples: int) -> list[Timing]:
    """The baseline first, then save, save all and validate of one full plan."""
    with httpx.Client(timeout=30) as bare:
        baseline = _time(
            "bare ASGI hello-world (GET)", lambda: bare.get(bare_url).raise_for_status(), samples
        )
    with httpx.Client(base_url=base_url, timeout=30) as client:
        login = client.post("/auth/login", json={"email": EDITOR, "password": DEMO_PASSWORD})
        login.raise_for_status()
        csrf = str(login.json()["csrf_token"])
        created = client.post(
            "/api/plans",
            json={"plan_type": "B", "title": "ベンチマーク計画", "period_start_fy": START},
            headers={"X-CSRF-Token": csrf},
        )
        created.raise_for_status()
        editor = Editor(client, int(created.json()["id"]), created.headers["etag"], csrf)
        editor.save_all()
        return [
            baseline,
            _time("save the full plan (PATCH, every text), gateway", editor.save, samples),
            _time("save all parts (PATCH + KGI/KPI/company PUTs)", editor.save_all, samples),
            _time("validate the full plan (GET validation), gateway", editor.validate, samples),
        ]


def main() -> None:
    from stack import running_stack

    from benchmarks.run import bare_server

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--port", type=int, default=18700)
    args = parser.parse_args()
    # Latency is measured, not the rate limits: lift them for this stack only.
    for name in ("USER", "CLIENT"):
        os.environ[f"GATEWAY_RATE_LIMIT_{name}_PER_SECOND"] = "1000000"
        os.environ[f"GATEWAY_RATE_LIMIT_{name}_BURST"] = "1000000"
    with (
        bare_server(args.port + 290) as bare_url,
        running_stack(
            port=args.port, upstream_base=args.port + 100, smtp_port=args.port + 25
        ) as stack,
    ):
        timings = measure(stack.base_url, bare_url, args.samples)
    print(f"plan save / validate, {args.samples} sequential requests each, one client, loopback")
    for timing in timings:
        print("  " + timing.row(timings[0]))


if __name__ == "__main__":
    main()
