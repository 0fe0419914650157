"""``seed-demo``: 熊本県's open call (seed 003) and fictional companies, figures and transactions,
so the scores, 経済産業省's 参考リスト (one imported version) beside the platform's estimate, and a
selection can be shown at once.

Idempotent: what exists is left as it is, so a second run changes nothing. Every company is
fictional, named with 「(サンプル)」, with a 法人番号 whose check digit is valid.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from chiiki_common.validators import make_corporate_number
from scoring_api.calls.kumamoto import KUMAMOTO_CALL
from scoring_api.companies import repository as companies
from scoring_api.models import (
    Application,
    Call,
    Company,
    CompanyFigures,
    MetiReferenceVersion,
    Transaction,
)
from scoring_api.reference import repository as reference
from scoring_api.scores.service import recompute_scores
from scoring_api.settings import Settings

log = structlog.get_logger("scoring.demo")

FISCAL_YEAR = 2025
"""令和7年度: the latest closed fiscal year at the time of the call (令和8年5月)."""
KUMAMOTO, FUKUOKA, TOKYO = "43", "40", "13"

_KUMAMOTO_NAMES = [
    ("肥後精密工業", "E", "28"),
    ("阿蘇セミコンパーツ", "E", "28"),
    ("菊陽クリーンテック", "E", "26"),
    ("合志ウエハー加工", "E", "28"),
    ("球磨川化成", "E", "16"),
    ("天草マリンフーズ", "E", "09"),
    ("八代食品工業", "E", "09"),
    ("玉名ライフサイエンス", "E", "16"),
    ("宇土メディカル", "E", "27"),
    ("人吉酒造", "E", "10"),
    ("山鹿電子", "E", "29"),
    ("荒尾ロジスティクス", "H", "44"),
    ("水俣ケミカル", "E", "16"),
    ("上天草水産加工", "E", "09"),
    ("益城オートメーション", "E", "26"),
    ("大津ファインセラミックス", "E", "21"),
    ("御船プラスチック", "E", "18"),
    ("嘉島ソフトウェア", "G", "39"),
    ("宇城農産", "A", "01"),
    ("南阿蘇ミルク", "E", "09"),
    ("熊本シリコン材料", "E", "28"),
    ("西原メタルワークス", "E", "24"),
    ("甲佐バイオ", "E", "16"),
    ("氷川パッケージ", "E", "15"),
    ("長洲造船部品", "E", "31"),
    ("錦町精機", "E", "26"),
    ("相良フーズ", "E", "09"),
    ("小国木材", "E", "12"),
    ("高森エネルギー", "F", "33"),
    ("芦北ガラス", "E", "21"),
    ("津奈木製作所", "E", "25"),
    ("湯前テキスタイル", "E", "11"),
    ("多良木電装", "E", "29"),
    ("山都ハーブ", "E", "09"),
    ("美里ロボティクス", "E", "26"),
    ("和水計測", "E", "27"),
]
_PARTNERS = [
    (FUKUOKA, "博多半導体商事"),
    (FUKUOKA, "北九州製鉄資材"),
    (FUKUOKA, "久留米食品流通"),
    (FUKUOKA, "筑後電機"),
    (TOKYO, "東京エレクトロニクス販売"),
    (TOKYO, "丸の内総合商社"),
    (TOKYO, "品川医薬品"),
    (TOKYO, "大手町デバイス"),
]


def _number(prefecture: str, index: int) -> str:
    return make_corporate_number(f"{prefecture}{index:010d}")


def _companies(now: datetime) -> list[Company]:
    rng = random.Random(43)
    rows = []
    for i, (name, major, middle) in enumerate(_KUMAMOTO_NAMES, start=1):
        employees = 2_400 if i == 3 else rng.choice([45, 80, 120, 250, 400, 650, 900, 1_500])
        rows.append(
            Company(
                corporate_number=_number(KUMAMOTO, i),
                name=f"{name}株式会社(サンプル)",
                hq_prefecture=KUMAMOTO,
                jsic_major=major,
                jsic_middle=middle,
                employees=employees,
                web=f"https://example.jp/sample-{i:02d}",
                created_at=now,
                updated_at=now,
            )
        )
    for i, (prefecture, name) in enumerate(_PARTNERS, start=1):
        rows.append(
            Company(
                corporate_number=_number(prefecture, i),
                name=f"{name}株式会社(サンプル)",
                hq_prefecture=prefecture,
                jsic_major="I",
                jsic_middle="50",
                employees=rng.choice([300, 800, 1_800]),
                web=None,
                created_at=now,
                updated_at=now,
            )
        )
    return rows


def _transactions() -> list[companies.TransactionRecord]:
    """A transaction list for 熊本県 (令和7年度): each Kumamoto company sells to buyers inside and
    outside the prefecture and buys from suppliers inside and outside; a few stand out."""
    rng = random.Random(2026)
    local = [_number(KUMAMOTO, i) for i in range(1, len(_KUMAMOTO_NAMES) + 1)]
    outside = [(_number(p, i), p) for i, (p, _) in enumerate(_PARTNERS, start=1)]
    rows: list[companies.TransactionRecord] = []

    def add(seller: str, seller_pref: str, buyer: str, buyer_pref: str, amount: int) -> None:
        rows.append((KUMAMOTO, FISCAL_YEAR, seller, seller_pref, buyer, buyer_pref, amount))

    for index, company in enumerate(local, start=1):
        scale = 4.0 if index in (1, 2, 21) else 1.0  # the connectors of the demo
        hub = 3.0 if index in (6, 7, 15) else 1.0  # the hubs of the demo
        for buyer, pref in rng.sample(outside, 3):
            add(company, KUMAMOTO, buyer, pref, int(rng.randint(80, 600) * 1_000_000 * scale))
        for buyer in rng.sample([c for c in local if c != company], 3):
            add(company, KUMAMOTO, buyer, KUMAMOTO, rng.randint(20, 300) * 1_000_000)
        for seller in rng.sample([c for c in local if c != company], 2):
            add(seller, KUMAMOTO, company, KUMAMOTO, int(rng.randint(30, 200) * 1_000_000 * hub))
        seller, pref = rng.choice(outside)
        add(seller, pref, company, KUMAMOTO, rng.randint(50, 400) * 1_000_000)
    return rows


def _partner_figures(now: datetime) -> list[CompanyFigures]:
    rng = random.Random(40)
    figures = []
    for i, (prefecture, _) in enumerate(_PARTNERS, start=1):
        sales = rng.randint(5, 80) * 1_000_000_000
        purchases = sales * 7 // 10
        figures.append(
            CompanyFigures(
                corporate_number=_number(prefecture, i),
                fiscal_year=FISCAL_YEAR,
                sales=sales,
                out_of_prefecture_sales=sales * rng.randint(30, 80) // 100,
                purchases=purchases,
                in_prefecture_purchases=purchases * rng.randint(10, 60) // 100,
                source="form",
                updated_at=now,
            )
        )
    return figures


_METI_LISTED = [1, 2, 6, 7]
"""The Kumamoto companies 経済産業省's demo list names: three of the estimate's top connectors and
one company the estimate does not rank; 熊本シリコン材料 and the estimate's top hubs are left off,
so the evidence flow has companies the estimate ranks high but METI's list does not name."""
_METI_UNREGISTERED = [
    ("球磨テクノサービス株式会社(サンプル)", 90),
    ("人吉電子部品株式会社(サンプル)", 91),
]
"""Companies METI's list names that the platform holds no figures for (its list comes from
private databases, not from ours)."""


def _meti_entries() -> list[dict[str, Any]]:
    names = dict(enumerate((name for name, _, _ in _KUMAMOTO_NAMES), start=1))
    rows: list[dict[str, Any]] = [
        {
            "corporate_number": _number(KUMAMOTO, i),
            "name": f"{names[i]}株式会社(サンプル)",
            "prefecture": KUMAMOTO,
            "note": "民間データベースから抽出(サンプル)",
        }
        for i in _METI_LISTED
    ]
    rows += [
        {
            "corporate_number": _number(KUMAMOTO, i),
            "name": name,
            "prefecture": KUMAMOTO,
            "note": "本システムに数値の登録なし(サンプル)",
        }
        for name, i in _METI_UNREGISTERED
    ]
    rows.append(
        {
            "corporate_number": _number(FUKUOKA, 1),
            "name": f"{_PARTNERS[0][1]}株式会社(サンプル)",
            "prefecture": FUKUOKA,
            "note": None,
        }
    )
    return rows


async def _meti_list(session: AsyncSession, now: datetime) -> int:
    """Version 1 of 経済産業省's 参考リスト for the demo year, as METI's import would store it."""
    if await reference.latest_meti_version_number(session, FISCAL_YEAR):
        return 0
    entries = _meti_entries()
    version = MetiReferenceVersion(
        fiscal_year=FISCAL_YEAR,
        version=1,
        filename="参考リスト_令和7年度(サンプル).xlsx",
        sha256="0" * 64,
        entry_count=len(entries),
        imported_by="seed-demo",
        organisation="meti",
        imported_at=now,
    )
    session.add(version)
    await session.flush()
    await reference.add_meti_entries(session, version.id, entries)
    return len(entries)


_APPLICANTS = [1, 2, 3, 6, 21]
_APPLICATION_TEXT = {
    "philosophy": "地域の技術で世界の産業を支える",
    "present_state": "県外の大手メーカーとの取引が拡大する一方、県内調達の比率は伸び悩んでいる",
    "strategy": "県内サプライヤーとの共同開発と、九州域外への販路拡大を両輪で進める",
    "investment_picture": "令和9年度までに新工場・検査設備へ約20億円を投資",
    "regional_impact": "県内からの仕入額を5年で1.5倍、雇用を50名増やす",
    "vision": "熊本の半導体・食品クラスターの中核企業になる",
}


async def _applications(session: AsyncSession, call: Call, now: datetime) -> None:
    numbers = [_number(KUMAMOTO, i) for i in _APPLICANTS]
    found = await companies.companies_by_number(session, numbers)
    for offset, number in enumerate(numbers):
        company = found[number]
        figures = await session.get(CompanyFigures, (number, FISCAL_YEAR))
        assert figures is not None
        session.add(
            Application(
                call_id=call.id,
                status="received",
                corporate_number=number,
                company_name=company.name,
                hq_address="熊本県(サンプル住所)",
                business_summary=f"{company.name}の主力事業(サンプル)",
                employees=company.employees or 0,
                employees_as_of="2026年4月時点",
                current_sales=figures.sales,
                current_sales_period="2026年3月期",
                web=company.web,
                fiscal_period="2026-03",
                sales=figures.sales,
                out_of_prefecture_sales=figures.out_of_prefecture_sales,
                purchases=figures.purchases,
                in_prefecture_purchases=figures.in_prefecture_purchases,
                excellence_statement="県外大手との直接取引と、県内協力企業からの一貫調達",
                consents=[c["code"] for c in KUMAMOTO_CALL["required_consents"]],
                submitted_by="seed-demo",
                submitted_at=clock.jst_wall_clock(2026, 5, 18 + offset, 10, 0),
                **_APPLICATION_TEXT,
            )
        )


async def seed(session: AsyncSession, *, plan_id: str | None) -> dict[str, int]:
    """Add whatever of the demo is missing; returns what was added."""
    now = clock.now()
    added = {"companies": 0, "transactions": 0, "calls": 0, "meti_entries": 0}
    wanted = _companies(now)
    existing = await companies.companies_by_number(session, [c.corporate_number for c in wanted])
    for company in wanted:
        if company.corporate_number not in existing:
            session.add(company)
            added["companies"] += 1
    await session.flush()
    has_transactions = await session.scalar(
        select(func.count())
        .select_from(Transaction)
        .where(Transaction.importer_prefecture == KUMAMOTO, Transaction.fiscal_year == FISCAL_YEAR)
    )
    if not has_transactions:
        rows = _transactions()
        await companies.add_transactions(session, rows)
        await companies.derive_figures(session, KUMAMOTO, [FISCAL_YEAR], now)
        for figures in _partner_figures(now):
            if await session.get(CompanyFigures, (figures.corporate_number, FISCAL_YEAR)) is None:
                session.add(figures)
        added["transactions"] = len(rows)
        await recompute_scores(session, {KUMAMOTO, FUKUOKA, TOKYO})
    added["meti_entries"] = await _meti_list(session, now)
    call = await session.scalar(
        select(Call).where(Call.prefecture == KUMAMOTO, Call.title == KUMAMOTO_CALL["title"])
    )
    if call is None:
        call = Call(
            **{
                **KUMAMOTO_CALL,
                "opens_at": datetime.fromisoformat(KUMAMOTO_CALL["opens_at"]),
                "closes_at": datetime.fromisoformat(KUMAMOTO_CALL["closes_at"]),
            },
            prefecture=KUMAMOTO,
            organisation="430005",
            plan_id=plan_id,
            created_by="seed-demo",
            created_at=now,
        )
        session.add(call)
        await session.flush()
        await _applications(session, call, now)
        added["calls"] = 1
    return added


async def run(settings: Settings, args: argparse.Namespace) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            added = await seed(session, plan_id=args.plan_id)
        log.info("scoring.demo.seeded", **added)
    finally:
        await engine.dispose()
