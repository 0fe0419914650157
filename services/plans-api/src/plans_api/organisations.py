"""What plans-api knows about organisations without asking the gateway: codes carry the
prefecture in their first two digits, and the 20 政令指定都市 are fixed by law."""

from __future__ import annotations

from chiiki_common.validators import is_prefecture_code, is_valid_local_gov_code

PREFECTURE_NAMES: dict[str, str] = dict(
    item.split(",")
    for item in [
        "01,北海道",
        "02,青森県",
        "03,岩手県",
        "04,宮城県",
        "05,秋田県",
        "06,山形県",
        "07,福島県",
        "08,茨城県",
        "09,栃木県",
        "10,群馬県",
        "11,埼玉県",
        "12,千葉県",
        "13,東京都",
        "14,神奈川県",
        "15,新潟県",
        "16,富山県",
        "17,石川県",
        "18,福井県",
        "19,山梨県",
        "20,長野県",
        "21,岐阜県",
        "22,静岡県",
        "23,愛知県",
        "24,三重県",
        "25,滋賀県",
        "26,京都府",
        "27,大阪府",
        "28,兵庫県",
        "29,奈良県",
        "30,和歌山県",
        "31,鳥取県",
        "32,島根県",
        "33,岡山県",
        "34,広島県",
        "35,山口県",
        "36,徳島県",
        "37,香川県",
        "38,愛媛県",
        "39,高知県",
        "40,福岡県",
        "41,佐賀県",
        "42,長崎県",
        "43,熊本県",
        "44,大分県",
        "45,宮崎県",
        "46,鹿児島県",
        "47,沖縄県",
    ]
)

DESIGNATED_CITIES: frozenset[str] = frozenset(
    [
        "011002",
        "041009",
        "111007",
        "121002",
        "141003",
        "141305",
        "141500",
        "151009",
        "221007",
        "221309",
        "231002",
        "261009",
        "271004",
        "271403",
        "281000",
        "331007",
        "341002",
        "401005",
        "401307",
        "431001",
    ]
)
"""政令指定都市 (may author type B, seed 000 B ①策定主体)."""


def is_designated_city(code: str) -> bool:
    return code in DESIGNATED_CITIES


def is_local_government(code: str) -> bool:
    return is_valid_local_gov_code(code)


def is_prefecture(code: str) -> bool:
    return is_valid_local_gov_code(code) and is_prefecture_code(code)


def prefecture_name(prefecture: str) -> str:
    return PREFECTURE_NAMES.get(prefecture[:2], prefecture)
