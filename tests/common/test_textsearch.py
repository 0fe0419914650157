"""Japanese text as search compares it: width, case and kana variants fold to one form, spaces and
punctuation go, and every normalised character still points at the original one."""

from __future__ import annotations

import pytest

from chiiki_common.errors import ValidationFailed
from chiiki_common.textsearch import (
    find_all,
    grams,
    normalise,
    normalise_with_origins,
    original_span,
    parse_query,
    query_grams,
)


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("ｼｮｳﾁｭｳ", "しょうちゅう"),
        ("ショウチュウ", "しょうちゅう"),
        ("しょうちゅう", "しょうちゅう"),
        ("ＡＢＣ精密", "abc精密"),
        ("abc精密", "abc精密"),
        ("ﾊﾟﾝｶﾞｰﾃﾞﾝ", "ぱんがーでん"),
        ("パンガーデン", "ぱんがーでん"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("AI・半導体", "ai半導体"),
        ("㈱熊本　製作所", "株熊本製作所"),
        ("１２３４", "1234"),
        ("焼\u200b酎", "焼酎"),
    ],
)
def test_variants_of_a_word_normalise_alike(variant: str, expected: str) -> None:
    assert normalise(variant) == expected


def test_the_long_vowel_mark_stays() -> None:
    assert normalise("データ") == "でーた"
    assert normalise("データ") != normalise("デタ")


def test_each_normalised_character_points_at_its_original() -> None:
    text = "xﾊﾟﾝ　ｶﾞ"
    normalised, origins = normalise_with_origins(text)
    assert normalised == "xぱんが"
    assert origins == [0, 1, 3, 5]
    start = normalised.index("が")
    assert original_span(origins, text, start, 1) == (5, 7)  # ｶ and its ﾞ


def test_two_character_query_is_one_bigram_and_a_text_holds_it() -> None:
    text = normalise("球磨焼酎の輸出拡大")
    assert query_grams(normalise("焼酎")) == {"焼酎"}
    assert query_grams(normalise("焼酎")) <= grams(text)
    assert query_grams("半導体") == {"半導", "導体"}
    assert query_grams("半") == {"半"}
    assert "半" in grams(normalise("半導体"))


def test_find_all_returns_every_occurrence() -> None:
    assert find_all("しょうちゅうとしょうちゅう", "しょうちゅう") == [0, 7]
    assert find_all("ぱん", "めん") == []


def test_a_query_is_normalised_like_the_texts() -> None:
    assert parse_query(" ｼｮｳﾁｭｳ ") == "しょうちゅう"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "検索語を入力してください"),
        ("　、。・", "空白や記号だけ"),
        ("焼酎\u0085", "制御文字"),
        ("あ" * 101, "100文字以内"),
    ],
)
def test_an_empty_control_or_overlong_query_is_refused_on_q(raw: str, words: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_query(raw)
    assert refused.value.status == 422
    assert refused.value.errors is not None
    assert refused.value.errors[0].field == "q"
    assert words in refused.value.errors[0].message
    assert refused.value.title == "検索語を確認してください"
