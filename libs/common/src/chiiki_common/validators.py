"""Check digits of the identifiers the domain runs on.

- 全国地方公共団体コード (JIS X 0401/0402): 5 digits plus a modulus-11 check digit.
- 法人番号 (corporate number): a check digit in front of 12 digits (国税庁 rule).

Both are ASCII digits matched in full (no sign, space or trailing newline). The platform's one rule
for full-width digits (１２３, as a Japanese IME types them): they are converted to ASCII on input
by :func:`ascii_digits`, and the converted value is what is stored and answered back.
"""

from __future__ import annotations

import re

_SIX_DIGITS = re.compile(r"[0-9]{6}")
_THIRTEEN_DIGITS = re.compile(r"[0-9]{13}")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(value: str) -> str:
    """Full-width digits to ASCII (``４３０００５`` → ``430005``); every other character is kept, so
    the strict check that follows still refuses it."""
    return value.translate(_FULL_WIDTH_DIGITS)


def local_gov_check_digit(first_five: str) -> int:
    """Check digit of a 全国地方公共団体コード: weights 6,5,4,3,2; 11 − (sum mod 11), mod 10."""
    total = sum(int(d) * w for d, w in zip(first_five, (6, 5, 4, 3, 2), strict=True))
    remainder = total % 11
    return (11 - remainder) % 10 if remainder else 1


def is_valid_local_gov_code(code: str) -> bool:
    if not _SIX_DIGITS.fullmatch(code):
        return False
    if not 1 <= int(code[:2]) <= 47:
        return False
    return local_gov_check_digit(code[:5]) == int(code[5])


def prefecture_of(code: str) -> str:
    """The two-digit prefecture number of a local-government code (``431001`` → ``43``)."""
    return code[:2]


def prefecture_code(pref_number: str | int) -> str:
    """The full 6-digit code of a prefecture from its number (``43`` → ``430005``)."""
    first_five = f"{int(pref_number):02d}000"
    return first_five + str(local_gov_check_digit(first_five))


def is_prefecture_code(code: str) -> bool:
    return is_valid_local_gov_code(code) and code[2:5] == "000"


def corporate_number_check_digit(body: str) -> int:
    """Check digit of a 法人番号 for its 12-digit body (国税庁 法人番号の指定等に関する省令)."""
    digits = [int(d) for d in reversed(body)]  # position 1 is the rightmost digit
    total = sum(d * (1 if i % 2 == 0 else 2) for i, d in enumerate(digits))
    return 9 - (total % 9)


def is_valid_corporate_number(number: str) -> bool:
    if not _THIRTEEN_DIGITS.fullmatch(number):
        return False
    return corporate_number_check_digit(number[1:]) == int(number[0])


def make_corporate_number(body: str) -> str:
    """A valid 法人番号 for a 12-digit body (used for demo and test data)."""
    return f"{corporate_number_check_digit(body)}{body}"
