"""A fiscal year (年度) is written in one place, ``chiiki_common.clock.fiscal_year_label``: 「2026年度
(令和8年度)」 in the 様式 workbook, the PDF and the version history, 「2026年度」 in plans-api's
messages, and no other module of a service writes a year followed by 年度 itself.

``NOT_YET``: scoring-api names its reference list's year in two texts of its own (edited elsewhere
as this check came in), to read the same function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chiiki_common import clock
from plans_api.models import PlanType
from plans_api.pdf.document import fiscal_year
from plans_api.versions.labels import describe

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "libs/common/src/chiiki_common", *sorted(ROOT.glob("services/*/src/*"))]
HOME = "libs/common/src/chiiki_common/clock.py"
NOT_YET = {"services/scoring-api/src/scoring_api/reference/service.py"}


def years_written(source: str) -> list[int]:
    """The lines of ``source`` that write a value followed by 年度: ``f"{year}年度…"`` or
    ``str(year) + "年度"``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            pairs = zip(node.values, node.values[1:], strict=False)
            found += [
                node.lineno
                for value, after in pairs
                if isinstance(value, ast.FormattedValue)
                and isinstance(after, ast.Constant)
                and str(after.value).startswith("年度")
            ]
        elif (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and isinstance(node.right, ast.Constant)
            and str(node.right.value).startswith("年度")
            and not isinstance(node.left, ast.Constant)
        ):
            found.append(node.lineno)
    return found


@pytest.mark.parametrize(
    ("year", "label", "short"),
    [
        (2026, "2026年度(令和8年度)", "2026年度"),
        (2020, "2020年度(令和2年度)", "2020年度"),
        (2019, "2019年度(平成31年度)", "2019年度"),
    ],
)
def test_a_fiscal_year_is_written_with_its_wareki(year: int, label: str, short: str) -> None:
    assert clock.fiscal_year_label(year) == label
    assert clock.fiscal_year_label(year, with_wareki=False) == short


def test_the_pdf_and_the_history_write_it_so() -> None:
    assert fiscal_year(2026) == "2026年度(令和8年度)"
    assert fiscal_year(None) == "—"
    (change,) = describe(PlanType.B, {"goal_fiscal_year": 2030}, {"goal_fiscal_year": 2035})
    assert (change.before, change.after) == ("2030年度(令和12年度)", "2035年度(令和17年度)")


def test_no_module_but_the_home_writes_a_fiscal_year() -> None:
    found = {
        f"{rel}:{line}"
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if (rel := path.relative_to(ROOT).as_posix()) != HOME
        and rel not in NOT_YET
        and "/migrations/" not in rel
        for line in years_written(path.read_text(encoding="utf-8"))
    }
    assert found == set(), f"write the fiscal year with clock.fiscal_year_label ({HOME})"


def test_the_check_sees_a_fiscal_year_written_again() -> None:
    source = (
        '"""{year}年度 in a docstring is documentation."""\n'
        'A = f"{value}年度({clock.wareki_fiscal_year(value)})"\n'
        'B = f"目標年度({goal}年度)です"\n'
        "C = str(year) + '年度'\n"
        'D = f"計画期間(開始年度)は{year}年から"\n'
    )
    assert years_written(source) == [2, 3, 4]
