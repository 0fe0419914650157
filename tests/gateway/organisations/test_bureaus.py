"""The regional bureaus in the directory: 8 地方経済産業局, the 北陸 branch of 中部 and 内閣府沖縄総合事務局,
each with the prefectures of its block as data (``gateway/data/bureau_blocks.csv``)."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import delete, select

from chiiki_common.db import create_engine, session_factory
from gateway.cli import run_seed_demo
from gateway.models import BureauPrefecture
from gateway.organisations.importer import (
    BLOCK_COLUMNS,
    ImportFailed,
    bundled_blocks,
    bundled_rows,
    bundled_text,
    parse_blocks,
    parse_records,
    read_csv,
)
from gateway.settings import Settings

BRANCH = "meti-chubu-hokuriku"
BLOCKS = {
    "meti-hokkaido": {"01"},
    "meti-tohoku": {"02", "03", "04", "05", "06", "07"},
    # 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟, 山梨 長野, 静岡
    "meti-kanto": {"08", "09", "10", "11", "12", "13", "14", "15", "19", "20", "22"},
    # 富山 石川 岐阜 愛知 三重
    "meti-chubu": {"16", "17", "21", "23", "24"},
    BRANCH: {"16", "17"},
    # 福井, 滋賀 京都 大阪 兵庫 奈良 和歌山
    "meti-kinki": {"18", "25", "26", "27", "28", "29", "30"},
    "meti-chugoku": {"31", "32", "33", "34", "35"},
    "meti-shikoku": {"36", "37", "38", "39"},
    "meti-kyushu": {"40", "41", "42", "43", "44", "45", "46"},
    "ogb-okinawa": {"47"},
}
NAMES = {
    "meti-hokkaido": "北海道経済産業局",
    "meti-tohoku": "東北経済産業局",
    "meti-kanto": "関東経済産業局",
    "meti-chubu": "中部経済産業局",
    BRANCH: "中部経済産業局 電力・ガス事業北陸支局",
    "meti-kinki": "近畿経済産業局",
    "meti-chugoku": "中国経済産業局",
    "meti-shikoku": "四国経済産業局",
    "meti-kyushu": "九州経済産業局",
    "ogb-okinawa": "内閣府沖縄総合事務局",
}


def _blocks_of(rows: list[tuple[str, str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for bureau, prefecture in rows:
        found.setdefault(bureau, set()).add(prefecture)
    return found


def test_the_bundled_list_has_the_bureaus_with_the_branch_under_chubu() -> None:
    bureaus = {row.code: row for row in bundled_rows() if row.kind == "bureau"}
    assert {code: row.name for code, row in bureaus.items()} == NAMES
    assert all(row.prefecture is None for row in bureaus.values())
    assert {code: row.parent_code for code, row in bureaus.items() if row.parent_code} == {
        BRANCH: "meti-chubu"
    }
    assert all(row.kana for row in bureaus.values())


def test_the_blocks_are_the_real_jurisdictions_each_prefecture_once() -> None:
    blocks = _blocks_of([(row.bureau_code, row.prefecture) for row in bundled_blocks()])
    assert blocks == BLOCKS
    # the eight bureaus and 沖縄総合事務局 take each of the 47 prefectures exactly once
    taken = Counter(p for code, block in blocks.items() if code != BRANCH for p in block)
    assert sorted(taken) == [f"{n:02d}" for n in range(1, 48)]
    assert set(taken.values()) == {1}
    # the 北陸 branch covers 富山・石川, within 中部's block
    assert blocks[BRANCH] <= blocks["meti-chubu"]


def _with(change: Callable[[str], str]) -> list[str]:
    """The problems of the bundled blocks after ``change`` to the CSV text."""
    text = change(bundled_text("bureau_blocks.csv"))
    with pytest.raises(ImportFailed) as failed:
        parse_blocks(read_csv(text, BLOCK_COLUMNS), bundled_rows())
    return failed.value.problems


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace("meti-kyushu,43,熊本県", "meti-kyusyu,43,熊本県"),
            ["局 meti-kyusyu が団体一覧にありません", "都道府県番号 43 (熊本県): 管轄する局は1つ"],
        ),
        (
            lambda t: t.replace("meti-kyushu,43,熊本県", "meti-kyushu,043,熊本県"),
            ["都道府県番号 043 が正しくありません", "都道府県番号 43 (熊本県): 管轄する局は1つ"],
        ),
        (
            lambda t: t.replace("meti-kyushu,43,熊本県", "meti-kyushu,４３,熊本県"),
            ["都道府県番号 ４３ が正しくありません"],
        ),
        (
            lambda t: t.replace("meti-kyushu,43,熊本県", "meti-kyushu,43,熊本市"),
            ["都道府県名 熊本市 が都道府県番号 43 と一致しません"],
        ),
        (
            lambda t: t + "meti-kyushu,43,熊本県\n",
            ["都道府県番号 43 が重複しています"],
        ),
        (
            lambda t: t.replace("ogb-okinawa,47,沖縄県\n", ""),
            ["内閣府沖縄総合事務局: 管轄の都道府県がありません", "都道府県番号 47"],
        ),
        (
            lambda t: t + "meti-chubu-hokuriku,18,福井県\n",
            ["都道府県番号 18 が親の局 中部経済産業局 の管轄にありません"],
        ),
        (
            lambda t: t + "meti-kyushu,47,沖縄県\n",
            ["都道府県番号 47 (沖縄県): 管轄する局は1つでなければなりません(該当: 九州経済産業局"],
        ),
    ],
    ids=[
        "unknown-bureau",
        "three-digits",
        "full-width",
        "wrong-name",
        "repeated",
        "empty-block",
        "branch-outside-parent",
        "prefecture-twice",
    ],
)
def test_each_rule_of_the_blocks_refuses_bad_data(
    change: Callable[[str], str], expected: list[str]
) -> None:
    problems = _with(change)
    for words in expected:
        assert any(words in problem for problem in problems), (words, problems)


def test_a_branch_hangs_under_a_bureau_that_is_not_a_branch() -> None:
    text = bundled_text("organisations.csv")
    for parent in ("meti-chubu-x", "meti", BRANCH):
        changed = text.replace(
            ",,,meti-chubu,中部経済産業局 電力", f",,,{parent},中部経済産業局 電力"
        )
        with pytest.raises(ImportFailed) as failed:
            parse_records(read_csv(changed), allow_national=True)
        assert any(
            f"({BRANCH}): 親の局 {parent} が一覧にないか" in p for p in failed.value.problems
        ), parent


def test_the_official_list_cannot_bring_a_bureau() -> None:
    text = "code,kind,pref_code,pref_name,parent_city_code,name,kana\n"
    with pytest.raises(ImportFailed) as failed:
        parse_records(read_csv(text + "meti-kyushu,bureau,,,,九州経済産業局,\n"))
    assert failed.value.problems == ["2 行目 (meti-kyushu): 国の機関は取り込めません"]


async def _members(settings: Settings) -> list[tuple[str, str]]:
    engine = create_engine(settings.database_url)
    async with session_factory(engine)() as session:
        rows = await session.execute(
            select(BureauPrefecture.bureau_code, BureauPrefecture.prefecture)
        )
        found = [(str(b), str(p)) for b, p in rows]
    await engine.dispose()
    return found


async def test_the_seed_stores_the_blocks_and_puts_a_changed_one_back(
    gateway_settings: Settings,
) -> None:
    assert _blocks_of(await _members(gateway_settings)) == BLOCKS
    engine = create_engine(gateway_settings.database_url)
    async with session_factory(engine)() as session, session.begin():
        await session.execute(
            delete(BureauPrefecture).where(
                BureauPrefecture.bureau_code == "meti-kyushu", BureauPrefecture.prefecture == "43"
            )
        )
        session.add(BureauPrefecture(bureau_code="meti-kyushu", prefecture="47"))
    await engine.dispose()
    await run_seed_demo(gateway_settings, argparse.Namespace())
    members = await _members(gateway_settings)
    assert len(members) == 49
    assert _blocks_of(members) == BLOCKS
