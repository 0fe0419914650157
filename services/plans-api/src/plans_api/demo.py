"""``seed-demo``: plans a newcomer can walk through at once (idempotent: a plan already there, by
lead organisation and title, is left alone).

熊本県's two B plans at different states, a 熊本市 C plan being drafted, a 菊陽町 C plan waiting at
the prefecture, and published plans in several prefectures (one in 東京都, so the national roll-up's
Tokyo-area exclusion shows). Every company is fictional, marked （サンプル）, with a valid 法人番号.

Type A: 熊本県's candidate project for ①AI・半導体, submitted to 九州経済産業局, and 福岡県's, still a
draft (:func:`seed_proposals`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.db import create_engine, session_factory
from chiiki_common.validators import make_corporate_number, prefecture_code
from plans_api.models import CandidateProject, Plan, PlanType
from plans_api.organisations import is_prefecture
from plans_api.plans import service as plans
from plans_api.plans.kgi_requirements import MANDATORY_KGIS
from plans_api.plans.schemas import (
    CoordinationEntry,
    CoreCompanyIn,
    KgiIn,
    KpiIn,
    PlanCreate,
    PlanPatch,
)
from plans_api.proposals import service as proposals
from plans_api.proposals.schemas import ProposalIn
from plans_api.settings import Settings
from plans_api.workflow import service as workflow
from plans_api.workflow.schemas import TransitionIn
from plans_api.workflow.transitions import Action

log = structlog.get_logger("plans.demo")

NATIONAL = Principal(
    subject="demo-seed",
    tier=Tier.national,
    organisation="cas",
    roles=frozenset({Role.reviewer, Role.publisher, Role.admin}),
    name="デモデータ(内閣官房)",
)

PREFECTURAL_PATH = (
    Action.request_precheck,
    Action.start_review,
    Action.complete_precheck,
    Action.announce,
    Action.submit,
    Action.publish,
)
MUNICIPAL_PATH = (
    Action.request_precheck,
    Action.forward,
    Action.start_review,
    Action.complete_precheck,
    Action.announce,
    Action.submit,
    Action.forward,
    Action.publish,
)


@dataclass(frozen=True)
class DemoPlan:
    organisation: str
    plan_type: PlanType
    title: str
    until: Action | None
    fields: tuple[str, ...]
    jsic: tuple[str, ...]
    subject: str
    companies: tuple[tuple[str, str, str], ...]
    """(12-digit body of the 法人番号, name, role)."""
    scale: float = 1.0


DEMO_PLANS = (
    DemoPlan(
        "430005",
        PlanType.B,
        "半導体産業と半導体ユーザー産業",
        Action.publish,
        ("ai_semiconductor",),
        ("E28", "E29"),
        "半導体製造装置・部材と、半導体を使う自動車・ロボット産業",
        (
            ("900000000001", "くまもと精密装置株式会社（サンプル）", "前工程装置の精密部品"),
            ("900000000002", "肥後マテリアル株式会社（サンプル）", "高純度薬液・ガスの供給"),
            ("900000000003", "阿蘇モビリティ工業株式会社（サンプル）", "車載半導体のユーザー企業"),
        ),
        scale=3.0,
    ),
    DemoPlan(
        "430005",
        PlanType.B,
        "食のみやこ熊本県とライフサイエンス産業",
        Action.start_review,
        ("foodtech", "drug_discovery_medicine"),
        ("E09", "E16"),
        "農産物の高付加価値加工と機能性食品・医薬",
        (
            ("900000000004", "火の国フーズ株式会社（サンプル）", "機能性食品の加工"),
            ("900000000005", "天草バイオ株式会社（サンプル）", "原料の機能性評価"),
        ),
    ),
    DemoPlan(
        "431001",
        PlanType.C,
        "熊本市 くまもと果実ブランド成長プラン",
        None,
        ("foodtech",),
        (),
        "いちご・メロン等の果実",
        (("900000000006", "熊本市果実出荷組合（サンプル）", "集荷・ブランド管理"),),
        scale=0.1,
    ),
    DemoPlan(
        "434043",
        PlanType.C,
        "菊陽町 にんじん産地と加工の成長プラン",
        Action.request_precheck,
        ("foodtech",),
        (),
        "にんじん及びその加工品",
        (("900000000007", "菊陽ファーム株式会社（サンプル）", "生産と一次加工"),),
        scale=0.05,
    ),
    DemoPlan(
        "400009",
        PlanType.B,
        "福岡県 水素・グリーンエネルギー産業クラスター計画",
        Action.publish,
        ("energy_gx",),
        ("E21", "F33"),
        "水素の製造・利活用",
        (("900000000008", "博多水素株式会社（サンプル）", "水電解装置の製造"),),
        scale=2.0,
    ),
    DemoPlan(
        "130001",
        PlanType.B,
        "東京都 コンテンツ産業クラスター計画",
        Action.publish,
        ("content",),
        ("G41",),
        "アニメ・ゲーム",
        (("900000000009", "江戸コンテンツ制作株式会社（サンプル）", "アニメ制作"),),
        scale=4.0,
    ),
    DemoPlan(
        "010006",
        PlanType.C,
        "北海道 乳製品の地場産業成長プラン",
        Action.publish,
        ("foodtech",),
        (),
        "生乳・チーズ",
        (("900000000010", "十勝デイリー株式会社（サンプル）", "チーズ製造"),),
        scale=0.3,
    ),
    DemoPlan(
        "270008",
        PlanType.B,
        "大阪府 次世代医療・ライフサイエンス産業クラスター計画",
        Action.complete_precheck,
        ("drug_discovery_medicine",),
        ("E16",),
        "再生医療・医療機器",
        (("900000000011", "なにわ医療機器株式会社（サンプル）", "医療機器の製造"),),
        scale=2.5,
    ),
)


def _author(organisation: str, role: Role) -> Principal:
    tier = Tier.prefecture if is_prefecture(organisation) else Tier.municipality
    return Principal(
        subject="demo-seed",
        tier=tier,
        organisation=organisation,
        roles=frozenset({role}),
        name="デモデータ",
        designated_city=organisation == "431001",
    )


def _content(demo: DemoPlan) -> PlanPatch:
    b = demo.plan_type == PlanType.B
    first = (
        {"reason": f"{demo.subject}は地域の強みであり、外貨獲得が見込めるため"}
        if b
        else {"crops_varieties": demo.subject, "reason": "地域の特産で販路拡大が見込めるため"}
    )
    sections: dict[str, Any] = {
        "industry" if b else "field": first,
        "area": {"core_area": "県内の産業集積地", "reason": "関連企業が集積しているため"},
        "present_and_goals": {
            "present_state": "出荷額は増加傾向だが人材が不足している",
            "basis": "経済センサス及び県民経済計算に政策効果を見込んだ",
            "verification": "毎年度、KPIと併せて効果を検証する",
        },
        "path": {
            "basic_strategy": "域内調達率を高め、付加価値の高い工程を誘致・育成する",
            "investment_picture" if b else "initiatives": "核となる企業の設備投資と共同研究",
            "regional_impact": "域内取引の拡大と賃上げ",
        },
        "policy": {
            "issues": "人材確保と用地",
            "policy_package": "人材育成講座、用地整備、販路開拓支援",
            **({} if b else {"support_mechanism": "商工会と連携した伴走支援"}),
        },
        "localisation": {"policy": "地元企業の参画と収益の域内再投資を促す"},
    }
    commitment: dict[str, Any] = (
        {
            "departments": ["商工労働部 産業振興課"],
            "staff": "専任職員5名",
            "frequency": "月1回の訪問",
            "support_fields": "経営計画の策定、AIを活用した合理化",
            "measures": "企業ごとの担当職員の配置、補助金情報の提供と支援機関へのつなぎ",
            "financial_institutions": ["地方銀行（サンプル）", "信用金庫（サンプル）"],
        }
        if b
        else {"department": "農林水産部 農業振興課", "contact": "代表電話(サンプル)"}
    )
    numbers = range(1, 8) if b else range(1, 7)
    return PlanPatch(
        strategic_fields=list(demo.fields),
        jsic_codes=list(demo.jsic),
        sections=sections,
        commitment=commitment,
        requirement_statements={
            n: f"要件{n}について、{demo.subject}の計画で充足している" for n in numbers
        },
    )


def _kgis(demo: DemoPlan) -> list[KgiIn]:
    units = {
        "capex_target_year": ("億円", 120.0),
        "capex_cumulative": ("億円", 500.0),
        "value_added": ("億円", 80.0),
        "human_resources": ("人", 1500.0),
        "labour_productivity": ("万円", 50.0),
    }
    kgis = []
    for mandatory in MANDATORY_KGIS[demo.plan_type]:
        kind = mandatory.accepted[0]
        unit, target = units[kind.value]
        kgis.append(
            KgiIn(
                key=kind.value,
                kind=kind,
                name=mandatory.label,
                unit=unit,
                baseline=0.0,
                baseline_year=2026,
                target=round(target * demo.scale, 1),
                target_year=2030,
                basis="核となる企業の投資計画の積み上げ及び統計に基づく推計",
            )
        )
    return kgis


def _kpis() -> list[KpiIn]:
    return [
        KpiIn.model_validate(
            {
                "key": "support-visits",
                "name": "伴走支援の実施件数",
                "unit": "件",
                "baseline": 0,
                "targets": [
                    {"period": "2026H2", "value": 20},
                    {"period": "2027H1", "value": 40},
                    {"period": "2027H2", "value": 60},
                ],
                "withdrawal": {
                    "comparator": "lt",
                    "threshold": 10,
                    "text": "半期の実施件数が10件未満の場合、支援手法を見直す",
                },
                "five_w1h": {
                    "why": "核となる企業の成長を後押しする",
                    "what": "専門家派遣と経営支援",
                    "deadline": "2030年度末",
                    "department": "産業振興課",
                    "forum": "推進協議会",
                    "how": "四半期ごとに進捗を確認",
                },
                "kgi_key": "value_added",
            }
        )
    ]


async def _seed_plan(session: AsyncSession, demo: DemoPlan) -> bool:
    exists = await session.scalar(
        select(Plan.id).where(Plan.lead_organisation == demo.organisation, Plan.title == demo.title)
    )
    if exists is not None:
        return False
    editor = _author(demo.organisation, Role.admin)
    plan = await plans.create_plan(
        session,
        editor,
        PlanCreate(
            plan_type=demo.plan_type, title=demo.title, period_start_fy=2026, goal_fiscal_year=2035
        ),
    )
    plan = await plans.update_plan(session, editor, plan, _content(demo))
    plan = await plans.replace_kgis(session, editor, plan, _kgis(demo))
    plan = await plans.replace_kpis(session, editor, plan, _kpis())
    companies = [
        CoreCompanyIn(
            corporate_number=make_corporate_number(body),
            name=name,
            role=role,
            scale="従業員300名規模",
        )
        for body, name, role in demo.companies
    ]
    plan = await plans.replace_core_companies(session, editor, plan, companies)
    if demo.until is None:
        return True
    path = PREFECTURAL_PATH if is_prefecture(demo.organisation) else MUNICIPAL_PATH
    prefecture = _author(prefecture_code(demo.organisation[:2]), Role.admin)
    for action in path:
        if action is Action.announce:
            plan = await plans.replace_coordination(
                session,
                editor,
                plan,
                [
                    CoordinationEntry(
                        party_kind="financial_institution",
                        party_name="地方銀行（サンプル）",
                        consulted_on=clock.to_jst(plan.precheck_completed_at).date(),  # type: ignore[arg-type]
                        notes="伴走支援への参画を確認",
                    )
                ],
            )
        actor = {
            Action.forward: prefecture,
            Action.start_review: NATIONAL,
            Action.complete_precheck: NATIONAL,
            Action.publish: NATIONAL,
        }.get(action, editor)
        body = TransitionIn(
            action=action,
            comment="デモデータ",
            announcement_date=(
                clock.to_jst(plan.precheck_completed_at).date()  # type: ignore[arg-type]
                if action is Action.announce
                else None
            ),
            announcement_url=(
                "https://www.example.lg.jp/plan" if action is Action.announce else None
            ),
        )
        plan = await workflow.transition(session, actor, plan, body)
        if action is demo.until:
            break
    return True


async def seed(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Add the demo plans that are missing; returns how many were added."""
    added = 0
    for demo in DEMO_PLANS:
        async with sessionmaker() as session, session.begin():
            if await _seed_plan(session, demo):
                added += 1
    log.info("plans.demo.seeded", added=added)
    return added


def demo_proposals() -> tuple[tuple[str, bool, dict[str, Any]], ...]:
    """The demo proposals: (prefecture, submitted, body). A coordination has to have started by the
    day the demo is seeded (a stack started as of a past date included): its days are counted back
    from that day."""

    def days_ago(days: int) -> str:
        return (clock.today_jst() - timedelta(days=days)).isoformat()

    return (
        (
            "430005",
            True,
            {
                "title": "次世代半導体の製造・後工程拠点の形成（サンプル）",
                "strategic_fields": ["ai_semiconductor"],
                "field_alignment": "AI・半導体分野の官民投資ロードマップが掲げる先端半導体の国内製造基盤の"
                "強化に沿い、前工程と後工程の拠点を県内に集積する。",
                "draft_alignment": "九州ブロックの戦略産業クラスター計画の素案が示す半導体サプライチェーンの"
                "強靱化と、関連する人材育成の取組に位置付けられる。",
                "budget_coordination": [
                    {
                        "ministry": "経済産業省",
                        "since": days_ago(90),
                        "status": "半導体関連の補助事業の活用について協議中",
                    },
                    {
                        "ministry": "国土交通省",
                        "since": days_ago(45),
                        "status": "工業用水道と道路の整備について協議中",
                    },
                ],
                "investment": {
                    "amount_yen": 300_000_000_000,
                    "start_fy": 2027,
                    "end_fy": 2030,
                    "investors": [
                        {
                            "corporate_number": make_corporate_number("930000000001"),
                            "name": "九州先端デバイス株式会社（サンプル）",
                        }
                    ],
                },
                "labour_environment": "県内で500人を新たに採用し、賃金水準を県平均の1.2倍とする。"
                "毎年の賃上げと、高専・大学と連携した人材育成を行う。",
            },
        ),
        (
            "400009",
            False,
            {
                "title": "パワー半導体の量産拠点（サンプル）",
                "strategic_fields": ["ai_semiconductor", "energy_gx"],
                "field_alignment": "パワー半導体の量産により、AI・半導体とGXの双方のロードマップに寄与する。",
            },
        ),
    )


async def seed_proposals(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Add the demo proposals that are missing (by prefecture and title); returns how many."""
    added = 0
    for organisation, submitted, body in demo_proposals():
        async with sessionmaker() as session, session.begin():
            exists = await session.scalar(
                select(CandidateProject.id).where(
                    CandidateProject.organisation == organisation,
                    CandidateProject.title == body["title"],
                )
            )
            if exists is not None:
                continue
            proposal = await proposals.create(
                session, _author(organisation, Role.admin), ProposalIn.model_validate(body)
            )
            if submitted:
                await proposals.submit(
                    session, _author(organisation, Role.admin), proposal, proposal.version
                )
            added += 1
    log.info("plans.demo.proposals_seeded", added=added)
    return added


async def seed_demo_command(settings: Settings, _args: object) -> None:
    engine = create_engine(settings.database_url)
    try:
        await seed(session_factory(engine))
        await seed_proposals(session_factory(engine))
    finally:
        await engine.dispose()
