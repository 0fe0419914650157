"""Check digits of the 全国地方公共団体コード and the 法人番号, against the official list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from chiiki_common.schemas import CorporateNumber, LocalGovCode, Text
from chiiki_common.validators import (
    is_prefecture_code,
    is_valid_corporate_number,
    is_valid_local_gov_code,
    make_corporate_number,
    prefecture_code,
    prefecture_of,
)

OFFICIAL_LIST = Path(__file__).resolve().parents[3] / "shared" / "data" / "local_governments.csv"


@pytest.mark.skipif(not OFFICIAL_LIST.exists(), reason="shared/data is not beside this checkout")
def test_every_code_of_the_official_list_has_a_valid_check_digit() -> None:
    with OFFICIAL_LIST.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1965
    assert [row["code"] for row in rows if not is_valid_local_gov_code(row["code"])] == []
    prefectures = [row for row in rows if row["kind"] == "prefecture"]
    assert len(prefectures) == 47
    assert all(prefecture_code(row["pref_code"]) == row["code"] for row in prefectures)
    assert all(prefecture_of(row["code"]) == row["pref_code"] for row in rows)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("430005", True),
        ("431001", True),
        ("130001", True),
        ("430006", False),
        ("43000", False),
        ("480006", False),
        ("4300O5", False),
    ],
)
def test_local_government_codes(code: str, valid: bool) -> None:
    assert is_valid_local_gov_code(code) is valid


def test_prefecture_codes_are_recognised() -> None:
    assert is_prefecture_code("430005")
    assert not is_prefecture_code("431001")


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("7000012050002", True),  # 国税庁
        ("1180301018771", True),
        ("2180301018771", False),
        ("118030101877", False),
        ("11803010187710", False),
        ("118030101877a", False),
    ],
)
def test_corporate_numbers(number: str, valid: bool) -> None:
    assert is_valid_corporate_number(number) is valid


def test_made_corporate_numbers_validate() -> None:
    assert all(
        is_valid_corporate_number(make_corporate_number(f"{i:012d}")) for i in range(0, 10_000, 7)
    )


def test_pydantic_types_reject_bad_identifiers_in_japanese() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(CorporateNumber).validate_python("2180301018771")
    assert "法人番号" in str(caught.value)
    with pytest.raises(ValidationError):
        TypeAdapter(LocalGovCode).validate_python("430006")
    with pytest.raises(ValidationError):
        TypeAdapter(Text).validate_python("a\x00b")
