"""The description items (①記載項目), the commitment and the requirements (②要件) per plan type.

Drafts may be partial, so every text here is optional at input; :mod:`plans_api.plans.validation`
says which must be filled before a pre-check request. Type A has no sections yet: adding it means
adding its models to :data:`SECTION_MODELS` and :data:`COMMITMENT_MODELS`, nothing else changes shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from chiiki_common.schemas import InputModel, Name, ShortText, Text
from plans_api.models import PlanType

STRATEGIC_FIELDS: dict[str, str] = {
    "ai_semiconductor": "AI・半導体",
    "shipbuilding": "造船",
    "quantum": "量子",
    "synthetic_biology": "合成生物学・バイオ",
    "aerospace": "航空・宇宙",
    "digital_cybersecurity": "デジタル・サイバーセキュリティ",
    "content": "コンテンツ",
    "foodtech": "フードテック",
    "energy_gx": "資源・エネルギー安全保障・GX",
    "disaster_resilience": "防災・国土強靱化",
    "drug_discovery_medicine": "創薬・先端医療",
    "fusion_energy": "フュージョンエネルギー",
    "materials": "マテリアル（重要鉱物・部素材）",
    "port_logistics": "港湾ロジスティクス",
    "defence_industry": "防衛産業",
    "information_communication": "情報通信",
    "ocean": "海洋",
}
"""The 17 strategic fields (17の戦略分野, seed 004 / seed 002)."""


# --- B. 地域産業クラスター計画: seed 000 (2) ①記載項目 ---------------------------------------


class IndustryDomainB(InputModel):
    """1. 地域産業クラスターの形成を目指す産業領域 ((1) 業種 = ``jsic_codes`` on the plan)."""

    reason: Text | None = Field(None, description="(2) 特定の理由")


class AreaB(InputModel):
    """2. 地域産業クラスターの形成を目指す区域 ((2) 核となる企業 = ``core_companies``)."""

    core_area: Text | None = Field(None, description="(1) 特にクラスター形成の核となる区域")
    reason: Text | None = Field(None, description="(3) 特定の理由")


class PresentAndGoals(InputModel):
    """3. 現状認識と目指す姿【目標】 ((2) 目標 = ``kgis``)."""

    present_state: Text | None = Field(None, description="(1) 現状の整理")
    basis: Text | None = Field(None, description="(3) 設定の根拠")
    verification: Text | None = Field(None, description="(4) 効果検証")


class PathB(InputModel):
    """4. 勝ち筋の特定と投資の具体像、定量的なインパクト【道筋】."""

    basic_strategy: Text | None = Field(None, description="(1) 基本戦略")
    investment_picture: Text | None = Field(None, description="(2) 投資の具体像")
    regional_impact: Text | None = Field(None, description="(3) 地域へのインパクト、目指すべき姿")


class PolicyB(InputModel):
    """5. 投資促進に向けた課題と事業環境整備の取組【政策手段】 ((3) KPI = ``kpis``)."""

    issues: Text | None = Field(None, description="(1) 投資促進に向けた課題")
    policy_package: Text | None = Field(None, description="(2) 講じるべき政策パッケージ")


class Localisation(InputModel):
    """6. 現地化の取組."""

    policy: Text | None = Field(None, description="(1) 現地化の方針")
    notes: Text | None = Field(None, description="留意事項（域外企業の誘致の場合）")


class SectionsB(InputModel):
    industry: IndustryDomainB = IndustryDomainB()
    area: AreaB = AreaB()
    present_and_goals: PresentAndGoals = PresentAndGoals()
    path: PathB = PathB()
    policy: PolicyB = PolicyB()
    localisation: Localisation = Localisation()


# --- C. 地場産業成長プラン: seed 000 (2) ①記載項目 (C) ------------------------------------------


class FieldC(InputModel):
    """1. 地場産業の成長を支援する分野."""

    crops_varieties: Text | None = Field(None, description="(1) 該当する作物・品種等")
    reason: Text | None = Field(None, description="(2) 特定の理由")


class AreaC(InputModel):
    """2. 支援する地域及び推進の核となる事業者 ((2) 核となる事業者 = ``core_companies``)."""

    core_area: Text | None = Field(None, description="(1) 特に本プラン遂行の核となる地域")
    reason: Text | None = Field(None, description="(3) 特定の理由")


class PathC(InputModel):
    """4. 勝ち筋の特定と定量的なインパクト【道筋】."""

    basic_strategy: Text | None = Field(None, description="(1) 基本戦略")
    initiatives: Text | None = Field(None, description="(2) 取組の具体像")
    regional_impact: Text | None = Field(None, description="(3) 地域へのインパクト、目指すべき姿")


class PolicyC(InputModel):
    """5. 取組に向けた課題と自治体が行う取組【政策手段】 ((4) KPI = ``kpis``)."""

    issues: Text | None = Field(None, description="(1) 取組に向けた課題")
    policy_package: Text | None = Field(None, description="(2) 講じるべき政策パッケージ")
    support_mechanism: Text | None = Field(None, description="(3) 地場産業を支える仕組みづくり")


class SectionsC(InputModel):
    field: FieldC = FieldC()
    area: AreaC = AreaC()
    present_and_goals: PresentAndGoals = PresentAndGoals()
    path: PathC = PathC()
    policy: PolicyC = PolicyC()
    localisation: Localisation = Localisation()


# --- Commitment (⑥ / ⑤ 自治体のコミットメント) -------------------------------------------------


class SupportStructureB(InputModel):
    """伴走支援体制 (seed 000 B 要件⑥※): 「伴走支援を行う分野を明記するとともに、その分野において
    伴走支援を実施するための人員確保、体制構築、担当部署、具体的取組や頻度等の方針を明記」, and the
    regional financial institutions involved (「地域金融機関等を巻き込んで」), if any. The fields are
    in the seed's order: the SPA's editor, the 様式 workbook and the PDF show them so."""

    support_fields: Text | None = Field(None, description="伴走支援を行う分野")
    staff: ShortText | None = Field(None, description="伴走支援の人員確保・体制構築")
    departments: list[Name] = Field(
        default_factory=list, max_length=50, description="伴走支援の担当部署"
    )
    measures: Text | None = Field(None, description="伴走支援の具体的取組")
    frequency: ShortText | None = Field(None, description="伴走支援の頻度")
    financial_institutions: list[Name] = Field(
        default_factory=list, max_length=50, description="参画する地域金融機関（あれば）"
    )


class ConsultationDeskC(InputModel):
    """相談窓口 (seed 000 C 要件⑤※): 「自治体及び関係団体等の担当部署を特定して記載」 — one
    department of the authoring government, and any number of further departments, its own or
    those of partner bodies (商工会、農協、観光協会など)."""

    department: Name | None = Field(None, description="相談窓口の担当部署")
    further_departments: list[Name] = Field(
        default_factory=list,
        max_length=50,
        description="その他の相談窓口（自治体の他部署・関係団体等の担当部署、1件ずつ）",
    )
    contact: ShortText | None = Field(None, description="相談窓口の連絡先")


SECTION_MODELS: dict[PlanType, type[BaseModel]] = {
    PlanType.B: SectionsB,
    PlanType.C: SectionsC,
}
COMMITMENT_MODELS: dict[PlanType, type[BaseModel]] = {
    PlanType.B: SupportStructureB,
    PlanType.C: ConsultationDeskC,
}
AUTHORABLE_TYPES = frozenset(SECTION_MODELS)


def empty_sections(plan_type: PlanType) -> dict[str, object]:
    return SECTION_MODELS[plan_type]().model_dump()


def empty_commitment(plan_type: PlanType) -> dict[str, object]:
    return COMMITMENT_MODELS[plan_type]().model_dump()


# --- Requirements (②要件) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    number: int
    label: str
    text: str


REQUIREMENTS: dict[PlanType, tuple[Requirement, ...]] = {
    PlanType.B: (
        Requirement(
            1,
            "有望度",
            "製品・サービスが明確で市場ニーズを特定し、外貨獲得又は国内上位シェアを目指せるか",
        ),
        Requirement(2, "実現可能性", "計画推進の核となる企業が存在しているか"),
        Requirement(
            3,
            "外部依存性",
            "必須・高付加価値の部品・技術・工程を地域又は国内で調達・提供することを目指すか",
        ),
        Requirement(4, "費用対効果", "業種内比較及び地域比較において高い付加価値創出が目指せるか"),
        Requirement(
            5, "域内への波及", "域内取引額、売上額、持続可能な労働環境の整備が計画されているか"
        ),
        Requirement(6, "自治体のコミットメント", "伴走支援体制の確立、知事等としての発表"),
        Requirement(
            7, "EBPMメルクマール", "必須KGIの設定、KPI及び撤退基準の設定、定期的なモニタリング"
        ),
    ),
    PlanType.C: (
        Requirement(
            1,
            "有望度",
            "製品・サービスが明確で市場ニーズを特定し、付加価値向上又は販路拡大が見込まれるか",
        ),
        Requirement(2, "実現可能性", "推進の核となる事業者が存在しているか"),
        Requirement(3, "外部依存性", "特定の者に過度に依存する計画となっていないか"),
        Requirement(
            4, "域内への波及", "域内取引額、売上額、労働環境の整備に関する目標値を設定できているか"
        ),
        Requirement(5, "自治体のコミットメント", "相談窓口の設置、市町村長等としての発表"),
        Requirement(
            6, "EBPMメルクマール", "必須KGIの設定、KPI及び撤退基準の設定、定期的なモニタリング"
        ),
    ),
}
"""要件 ①–⑦ (B) and ①–⑥ (C), seed 000 (2) ②要件."""
