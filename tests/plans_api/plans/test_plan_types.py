"""The plan types' names (「地域産業クラスター計画」…) have one home, ``PlanType.label`` in
``plans_api.models.plans``: the 様式 workbook, the PDF, the open data, the registry, the import's and
the creation's messages compose them from there, and no other module of a service spells one.

notify, which cannot import plans-api, names type A in its mail texts, the one place it names a
plan type. What else still spells one, on purpose: demo records and a real call's title (data a
person wrote, not the platform's words) and the migrations (history)."""

from __future__ import annotations

from pathlib import Path

from plans_api.exports.service import TYPE_NAMES as IMPORT_TYPE_NAMES
from plans_api.exports.workbook import FORM_NUMBERS, SHEET_NAMES
from plans_api.models import PlanType
from plans_api.pdf.document import TYPE_NAMES
from plans_api.registry.schemas import B_FLAG, C_FLAG
from plans_api.registry.service import ROLE_LABELS
from tests.common.literals import string_literals

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [ROOT / "libs/common/src/chiiki_common", *sorted(ROOT.glob("services/*/src/*"))]
HOME = "services/plans-api/src/plans_api/models/plans.py"
NOTIFY_HOME = "services/notify/src/notify/mail/messages.py"
DATA = {
    "services/plans-api/src/plans_api/demo.py",
    "services/scoring-api/src/scoring_api/calls/kumamoto.py",
}


def names_written(source: str) -> list[int]:
    """The lines of ``source`` that spell a plan type's name, alone or inside a text."""
    names = {t.label for t in PlanType}
    return [line for line, text in string_literals(source) if any(n in text for n in names)]


def _left_alone(rel: str) -> bool:
    return rel in (HOME, NOTIFY_HOME) or rel in DATA or "/migrations/" in rel


def test_each_type_is_named_as_the_seed_names_it() -> None:
    assert {t: t.label for t in PlanType} == {
        PlanType.A: "戦略産業クラスター計画",
        PlanType.B: "地域産業クラスター計画",
        PlanType.C: "地場産業成長プラン",
    }
    assert [t.full_label for t in PlanType] == [
        "A類型 戦略産業クラスター計画",
        "B類型 地域産業クラスター計画",
        "C類型 地場産業成長プラン",
    ]
    assert {t.value: t.full_label for t in PlanType} == TYPE_NAMES


def test_the_compositions_read_the_same_words() -> None:
    assert IMPORT_TYPE_NAMES == {
        PlanType.B: "B類型(地域産業クラスター計画、様式1)",
        PlanType.C: "C類型(地場産業成長プラン、様式2)",
    }
    assert {t: names[0] for t, names in SHEET_NAMES.items()} == {
        t: f"様式{n}-1" for t, n in FORM_NUMBERS.items()
    }
    assert ROLE_LABELS[PlanType.A.value] == "戦略産業クラスター計画の核となる企業"
    assert B_FLAG.startswith("B類型(地域産業クラスター計画)の公表版に")
    assert C_FLAG.startswith("C類型(地場産業成長プラン)の公表版に")


def test_no_module_but_the_home_names_a_type() -> None:
    found = {
        f"{rel}:{line}"
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if not _left_alone(rel := path.relative_to(ROOT).as_posix())
        for line in names_written(path.read_text(encoding="utf-8"))
    }
    assert found == set(), f"name the type through PlanType.label ({HOME})"


def test_the_check_sees_a_name_written_again() -> None:
    source = (
        '"""地域産業クラスター計画 in a docstring is documentation."""\n'
        'A = {"B": "地域産業クラスター計画", "C": "地場産業成長プラン"}\n'
        'B = f"{kind}類型(戦略産業クラスター計画)は国が主導します"\n'
        'C = "地域産業成長プラン"\n'
    )
    assert names_written(source) == [2, 2, 3]
