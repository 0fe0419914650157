"""The plan rules have one home: the API serves them from the domain code and the SPA's generated
module is exactly that document (a rule changed in plans-api without regenerating fails here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from plans_api.models import PlanType, ProposalState
from plans_api.organisations import PREFECTURE_NAMES
from plans_api.pdf.document import TYPE_NAMES
from plans_api.plans.content import (
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    STRATEGIC_FIELDS,
)
from plans_api.plans.coordination import PARTY_KIND_LABELS, PartyKind
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import MANDATORY_KGIS
from plans_api.plans.schemas import CoordinationEntry
from plans_api.plans.validation import FIVE_W1H_LABELS
from plans_api.plans.withdrawal import COMPARATOR_LABELS, COMPARATOR_SYMBOLS
from plans_api.reference.rules import rules_document
from plans_api.rollup.service import TOKYO_AREA_PREFECTURES
from plans_api.workflow.transitions import TRANSITIONS, Action
from tests.plans_api.conftest import PlansContext

ROOT = Path(__file__).resolve().parents[3]


async def test_the_api_serves_the_rules_of_the_domain_code(ctx: PlansContext) -> None:
    response = await ctx.client.get(
        "/api/plans/reference/rules", headers=ctx.tokens.prefecture("430005", "viewer")
    )
    assert response.status_code == 200
    body = response.json()
    assert body == rules_document()
    assert [f["label"] for f in body["strategic_fields"]] == list(STRATEGIC_FIELDS.values())
    assert len(body["strategic_fields"]) == 17
    assert [r["label"] for r in body["requirements"]["C"]] == [r.label for r in REQUIREMENTS["C"]]
    assert [k["name"] for k in body["mandatory_kgis"]["B"]] == [m.name for m in MANDATORY_KGIS["B"]]
    assert body["editable_states"] == ["draft", "returned"]
    unauthenticated = await ctx.client.get("/api/plans/reference/rules")
    assert unauthenticated.status_code == 401


def test_the_prefectures_and_the_tokyo_area_are_the_domain_s_own() -> None:
    document = rules_document()
    prefectures = document["prefectures"]
    assert [p["code"] for p in prefectures] == [f"{n:02d}" for n in range(1, 48)]
    assert {p["code"]: p["name"] for p in prefectures} == PREFECTURE_NAMES
    assert (prefectures[0]["name"], prefectures[42]["name"]) == ("北海道", "熊本県")
    assert document["tokyo_area_prefectures"] == sorted(TOKYO_AREA_PREFECTURES)
    assert [PREFECTURE_NAMES[c] for c in document["tokyo_area_prefectures"]] == [
        "埼玉県",
        "千葉県",
        "東京都",
        "神奈川県",
    ]


def test_the_comparators_and_the_5w1h_are_the_domain_s_own() -> None:
    document = rules_document()
    assert [(c["code"], c["label"]) for c in document["comparators"]] == list(
        COMPARATOR_LABELS.items()
    )
    assert {c["code"]: c["symbol"] for c in document["comparators"]} == COMPARATOR_SYMBOLS
    assert [(p["name"], p["label"]) for p in document["five_w1h"]] == list(FIVE_W1H_LABELS.items())


def test_the_description_items_are_the_headings_and_fields_of_the_domain() -> None:
    document = rules_document()
    for plan_type in (PlanType.B, PlanType.C):
        headings = document["sections"][plan_type.value]
        assert [(h["key"], h["title"]) for h in headings] == list(HEADINGS[plan_type].items())
        for heading, model_field in zip(
            headings, SECTION_MODELS[plan_type].model_fields.values(), strict=True
        ):
            model = model_field.annotation
            assert isinstance(model, type)
            assert [(i["name"], i["label"]) for i in heading["items"]] == [
                (name, f.description) for name, f in model.model_fields.items()
            ]
        optional = [i["name"] for h in headings for i in h["items"] if not i["required"]]
        assert optional == ["notes"]  # 6. 留意事項, only for out-of-area companies


def test_the_commitment_items_are_the_fields_of_the_domain() -> None:
    document = rules_document()
    for plan_type in (PlanType.B, PlanType.C):
        items = document["commitment"][plan_type.value]
        assert [(i["name"], i["label"]) for i in items] == [
            (name, f.description) for name, f in COMMITMENT_MODELS[plan_type].model_fields.items()
        ]
    by_name = {i["name"]: i for t in ("B", "C") for i in document["commitment"][t]}
    required = {name for name, i in by_name.items() if i["required"]}
    assert required == {
        "support_fields",
        "staff",
        "departments",
        "measures",
        "frequency",
        "department",
    }
    assert {n for n, i in by_name.items() if i["list"]} == {
        "departments",
        "financial_institutions",
        "further_departments",
    }
    assert {n for n, i in by_name.items() if i["multiline"]} == {"support_fields", "measures"}


def test_the_commitment_items_follow_the_seed_and_every_label_uses_full_width_brackets() -> None:
    document = rules_document()
    # seed 000 B ⑥※: 「伴走支援を行う分野…人員確保、体制構築、担当部署、具体的取組や頻度」, then 地域金融機関
    assert [i["name"] for i in document["commitment"]["B"]] == [
        "support_fields",
        "staff",
        "departments",
        "measures",
        "frequency",
        "financial_institutions",
    ]
    labels = [
        label
        for t in ("B", "C")
        for label in [i["label"] for h in document["sections"][t] for i in h["items"]]
        + [i["label"] for i in document["commitment"][t]]
    ]
    assert "留意事項（域外企業の誘致の場合）" in labels
    assert "参画する地域金融機関（あれば）" in labels
    # a half-width bracket only numbers an item as the seed does (「(2) 特定の理由」)
    assert [label for label in labels if re.search(r"\((?!\d\) )|(?<!\(\d)\)", label)] == []


def test_the_plan_types_are_the_domain_s_own_and_the_exports_name_them_so() -> None:
    document = rules_document()
    assert document["plan_types"] == [{"type": t.value, "label": t.label} for t in PlanType]
    assert [t["label"] for t in document["plan_types"]] == [
        "戦略産業クラスター計画",
        "地域産業クラスター計画",
        "地場産業成長プラン",
    ]
    for plan_type in PlanType:
        assert plan_type.full_label == f"{plan_type.value}類型 {plan_type.label}"
        assert TYPE_NAMES[plan_type.value] == plan_type.full_label
    assert PlanType.B.full_label == "B類型 地域産業クラスター計画"


def test_the_actions_are_the_rows_of_the_transition_table() -> None:
    document = rules_document()
    assert [(a["action"], a["label"], a["needs_comment"]) for a in document["actions"]] == [
        (t.action.value, t.label, t.needs_comment) for t in TRANSITIONS.values()
    ]
    assert [a["action"] for a in document["actions"]] == [a.value for a in TRANSITIONS]
    assert set(TRANSITIONS) == set(Action)
    assert {a["action"] for a in document["actions"] if a["needs_comment"]} == {
        "return_to_author",
        "return_with_comments",
        "reopen",
    }


def test_the_coordination_parties_are_the_domain_s_own() -> None:
    document = rules_document()
    assert [(p["kind"], p["label"]) for p in document["coordination_parties"]] == [
        (k.value, label) for k, label in PARTY_KIND_LABELS.items()
    ]
    assert set(PARTY_KIND_LABELS) == set(PartyKind)
    assert {k: k.label for k in PartyKind} == PARTY_KIND_LABELS
    assert CoordinationEntry.model_fields["party_kind"].annotation is PartyKind


def test_the_spa_reads_the_same_document() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/spa_rules.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_the_check_fails_when_the_spa_copy_differs(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("spa_rules", ROOT / "scripts/spa_rules.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.TARGET = tmp_path / "rules.gen.ts"
    module.TARGET.write_text(module.render().replace("AI・半導体", "AI・半導体(旧)"))
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 1
    # the words this change made one: the SPA's old copies fail the check too
    for ours, theirs in (
        ("伴走支援の人員確保・体制構築", "人員確保・体制構築"),
        ('"label": "地域産業クラスター計画"', '"label": "B 地域産業クラスター計画"'),
        ('"label": "都道府県による取りまとめ・送付"', '"label": "都道府県による送付"'),
        ('"label": "経済団体・業界団体"', '"label": "経済団体"'),
    ):
        module.TARGET.write_text(module.render().replace(ours, theirs))
        assert module.main() == 1, theirs
    sys.argv = ["spa_rules.py"]
    assert module.main() == 0
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 0


def test_every_field_a_proposal_s_check_names_has_its_words_in_the_rules() -> None:
    """The SPA names a proposal's failing field from ``proposal_fields``: every path the
    submission check reports (a row's index left out) is there, in the schema's words."""
    from datetime import date

    from plans_api.proposals.schemas import BudgetCoordination, ProposalContent
    from plans_api.proposals.validation import submission_problems

    labels = {f["name"]: f["label"] for f in rules_document()["proposal_fields"]}
    empty = ProposalContent(budget_coordination=[BudgetCoordination(ministry="経済産業省")])
    paths = {
        "/".join(part for part in p.field.split("/") if not part.isdigit())
        for p in submission_problems("", [], empty, date(2026, 12, 1))
    }
    assert paths <= set(labels), paths - set(labels)
    assert labels["investment/amount_yen"] == "投資見込額（円）"
    assert labels["investment/investors/corporate_number"] == "法人番号"
    states = {s["state"]: s["label"] for s in rules_document()["proposal_states"]}
    assert states == {s.value: s.label for s in ProposalState}
    assert states["not_adopted"] == "不採用"
    assert rules_document()["proposal_editable_states"] == ["draft", "returned"]
