"""A KPI's half year (``2026H1``) is named in one place, ``plans_api.kpis.periods``: the 様式
workbook (both ways), the PDF and the version history read it from there, and no other module of
a service spells 上期 or 下期. notify's KPI report deadlines say 上半期 / 下半期 in its own mail
texts, the one place it names a half year."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans_api.kpis.periods import half_year_label, half_year_written
from tests.common.literals import string_literals

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [ROOT / "libs/common/src/chiiki_common", *sorted(ROOT.glob("services/*/src/*"))]
HOMES = {
    ("上期", "下期"): "services/plans-api/src/plans_api/kpis/periods.py",
    ("上半期", "下半期"): "services/notify/src/notify/mail/messages.py",
}


@pytest.mark.parametrize(
    ("period", "label", "short"),
    [
        ("2026H1", "2026年度上期(令和8年度上期)", "2026年度上期"),
        ("2026H2", "2026年度下期(令和8年度下期)", "2026年度下期"),
        ("2020H2", "2020年度下期(令和2年度下期)", "2020年度下期"),
        ("2026H3", "2026H3", "2026H3"),
        ("", "", ""),
    ],
)
def test_a_half_year_is_named_with_its_fiscal_year(period: str, label: str, short: str) -> None:
    assert half_year_label(period) == label
    assert half_year_label(period, with_wareki=False) == short


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2028年度上期", "2028H1"),
        ("2028年度下期(令和10年度下期)", "2028H2"),
        (" 2028 H1", "2028H1"),
        ("2028H2", "2028H2"),
        ("来年度", "来年度"),
        (None, None),
    ],
)
def test_a_half_year_as_written_reads_back(written: str | None, period: str | None) -> None:
    assert half_year_written(written) == period


def test_what_is_written_is_what_is_read() -> None:
    for period in ("2026H1", "2026H2", "2030H1"):
        assert half_year_written(half_year_label(period)) == period
        assert half_year_written(half_year_label(period, with_wareki=False)) == period


@pytest.mark.parametrize(("words", "home"), list(HOMES.items()))
def test_each_half_year_word_has_one_home(words: tuple[str, ...], home: str) -> None:
    found = {
        f"{rel}:{line}"
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if (rel := path.relative_to(ROOT).as_posix()) != home
        for line, text in string_literals(path.read_text(encoding="utf-8"))
        if any(word in text for word in words)
    }
    assert found == set(), f"name the half year through {home}"
    assert any(
        any(word in text for word in words)
        for _, text in string_literals((ROOT / home).read_text(encoding="utf-8"))
    )


def test_the_check_sees_a_half_year_spelled_out() -> None:
    source = '"""上期 in a docstring is documentation."""\nHALF = f"{year}年度下期"\n'
    assert [text for _, text in string_literals(source) if "下期" in text] == ["年度下期"]
    assert not [text for _, text in string_literals(source) if "上期" in text]
