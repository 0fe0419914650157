"""The six headings of the description items (①記載項目) have one home, ``plans/headings.py``
``HEADINGS``: the 様式 workbook and the PDF read them from there (the workbook no longer parses
them out of the section models' docstrings) and no other module of plans-api writes one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plans_api.exports.workbook import Heading, sheets_for
from plans_api.models import PlanType
from plans_api.plans.headings import HEADINGS
from tests.common.literals import string_literals

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "services/plans-api/src/plans_api"
HOME = PACKAGE / "plans/headings.py"
_NUMBER = re.compile(r"\d\. ")


def headings_written(source: str) -> list[int]:
    """The lines of ``source`` that write a heading, with its number or without."""
    headings = {h for titles in HEADINGS.values() for h in titles.values()}
    headings |= {_NUMBER.sub("", h, count=1) for h in headings}
    return [line for line, text in string_literals(source) if text in headings]


@pytest.mark.parametrize("plan_type", [PlanType.B, PlanType.C])
def test_the_workbook_heads_each_section_with_its_heading(plan_type: PlanType) -> None:
    numbered = [
        item.text
        for _, _, items in sheets_for(plan_type)
        for item in items
        if isinstance(item, Heading) and _NUMBER.match(item.text)
    ]
    assert numbered == list(HEADINGS[plan_type].values())


def test_no_module_but_the_home_writes_a_heading() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != HOME and (lines := headings_written(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "read the heading from plans_api.plans.headings.HEADINGS"


def test_the_check_sees_a_heading_written_again() -> None:
    source = (
        '"""3. 現状認識と目指す姿【目標】 in a docstring is documentation."""\n'
        'A = "3. 現状認識と目指す姿【目標】"\n'
        'B = {"path": "勝ち筋の特定と定量的なインパクト【道筋】"}\n'
        'C = "現状認識と目指す姿【目標】・勝ち筋【道筋】"\n'
    )
    assert headings_written(source) == [2, 3]
