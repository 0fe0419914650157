"""A chunk of plain rows is checked a column at a time and the registered HQ prefecture once per
file: both take exactly the rows that the row-by-row check takes, and name the same problems."""

from __future__ import annotations

import httpx
import pytest

from chiiki_common.errors import FieldProblem
from scoring_api.companies import tabular
from scoring_api.companies.service import TransactionCells
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.companies.test_transaction_streaming import (
    HEADER,
    PLAIN,
    TRICKY,
    _figures,
    _import,
)
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company

NUMBERS = [corporate_number(n) for n in range(1, 6)]
ODD_ROWS: list[tuple[int, object]] = [
    *TRICKY,
    (1, "40"),  # the importing prefecture is no party
    (2, PLAIN[0]),  # seller = buyer
]


def _chunk(column: int, value: object) -> list[tuple[object, ...]]:
    rows = [
        (NUMBERS[i % 5], "43", NUMBERS[(i + 1) % 5], "40" if i % 3 else "43", str(100 + i), "2024")
        for i in range(40)
    ]
    rows[17] = tuple(value if i == column else cell for i, cell in enumerate(PLAIN))
    return rows


@pytest.mark.parametrize(("column", "value"), ODD_ROWS, ids=[repr(v) for _, v in ODD_ROWS])
def test_a_chunk_with_an_odd_row_is_read_as_row_by_row(column: int, value: object) -> None:
    chunk = _chunk(column, value)
    numbers = list(range(2, 2 + len(chunk)))
    by_chunk: list[FieldProblem] = []
    by_row: list[FieldProblem] = []
    one_at_a_time = TransactionCells("43")

    records = TransactionCells("43").rows(numbers, chunk, by_chunk)

    expected = [one_at_a_time(n, row, by_row) for n, row in zip(numbers, chunk, strict=True)]
    assert records == [record for record in expected if record is not None]
    assert by_chunk == by_row


def test_a_chunk_of_plain_rows_is_read_a_column_at_a_time() -> None:
    chunk = _chunk(0, PLAIN[0])
    cells = TransactionCells("43")

    records = cells.rows(list(range(2, 42)), chunk, [])

    assert records == [("43", 2024, s, sp, b, bp, int(a)) for s, sp, b, bp, a, _ in chunk]
    assert cells.stated == {number + "43" for number in NUMBERS} | {
        number + "40" for number in NUMBERS
    }
    assert cells.fiscal_years == {2024}


async def test_a_registered_company_stated_elsewhere_in_one_row_of_many_is_named(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b = await create_company(client, editor, 1), await create_company(client, editor, 2)
    outsider = corporate_number(500)
    rows = [f"{a},43,{outsider},40,{100 + i},2024" for i in range(3 * tabular.CHUNK_ROWS)]
    rows[2_500] = f"{b},43,{a},13,5,2024"

    response = await _import(client, editor, "\n".join([HEADER, *rows]).encode())

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["rows/2502/buyer_prefecture"]
    assert await _figures(client, editor, a) == {}


async def test_an_unregistered_company_may_be_stated_with_two_prefectures(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """Only a registered company's HQ prefecture is known: another's is taken as each row says."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a = await create_company(client, editor, 1)
    outsider = corporate_number(500)
    content = f"{HEADER}\n{a},43,{outsider},40,700,2024\n{outsider},13,{a},43,200,2024\n"

    response = await _import(client, editor, content.encode())

    assert response.status_code == 200, response.text
    assert await _figures(client, editor, a) == {2024: [700, 700, 200, 0]}
