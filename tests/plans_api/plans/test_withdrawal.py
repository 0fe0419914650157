"""The withdrawal comparators (撤退基準) have one home: the schema accepts exactly the codes that
have an operator, a word and a sign, and each operator compares the way its word reads."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from plans_api.plans.schemas import WithdrawalCriterion
from plans_api.plans.withdrawal import COMPARATOR_LABELS, COMPARATOR_SYMBOLS, COMPARE, Comparator


def test_every_accepted_code_has_its_operator_word_and_sign() -> None:
    codes = set(get_args(Comparator))
    assert codes == set(COMPARE) == set(COMPARATOR_LABELS) == set(COMPARATOR_SYMBOLS)
    assert WithdrawalCriterion.model_fields["comparator"].annotation is Comparator


@pytest.mark.parametrize(
    ("code", "word", "at_threshold", "below", "above"),
    [
        ("lt", "未満", False, True, False),
        ("le", "以下", True, True, False),
        ("gt", "超", False, False, True),
        ("ge", "以上", True, False, True),
    ],
)
def test_each_operator_compares_as_its_word_reads(
    code: str, word: str, at_threshold: bool, below: bool, above: bool
) -> None:
    assert COMPARATOR_LABELS[code] == word
    assert COMPARE[code](10, 10) is at_threshold
    assert COMPARE[code](9, 10) is below
    assert COMPARE[code](11, 10) is above


def test_a_code_without_a_word_is_refused() -> None:
    with pytest.raises(ValidationError):
        WithdrawalCriterion.model_validate({"comparator": "eq", "threshold": 1, "text": "等しい"})
