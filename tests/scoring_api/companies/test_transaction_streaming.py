"""A long transaction list is read as a stream and written in batches (COPY on PostgreSQL): the
figures are those of the list, a bad row in the last batch refuses the whole list with nothing
written, and a row of plain cells is read exactly as ``TransactionRow`` reads it."""

from __future__ import annotations

import asyncio
import io
import random
from collections import defaultdict
from typing import Any

import aiosqlite
import asyncpg
import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from chiiki_common.db import create_engine
from chiiki_common.errors import FieldProblem
from scoring_api.companies import tabular
from scoring_api.companies.schemas import TransactionRow
from scoring_api.companies.service import TRANSACTION_FIELDS, TransactionCells
from scoring_api.models import Transaction
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company

HEADER = "売り手法人番号,売り手本社都道府県,買い手法人番号,買い手本社都道府県,取引額,事業年度"
ROWS = 50_000
"""More than two batches of ``tabular.BATCH_ROWS``."""
Row = tuple[str, str, str, str, int, int]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"attachment_max_bytes": 1024 * 1024})


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[Row]) -> bytes:
    lines = [HEADER, *(",".join(str(v) for v in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


def _long_list(inside: list[str], outside: list[str], count: int) -> list[Row]:
    rng = random.Random(16)
    rows: list[Row] = []
    while len(rows) < count:
        seller, buyer = rng.choice(inside + outside), rng.choice(inside)
        if seller == buyer:
            continue
        row = (seller, "43" if seller in inside else "40", buyer, "43", rng.randrange(1, 999), 2024)
        rows.append(row if rng.random() < 0.5 else (row[2], row[3], row[0], row[1], *row[4:]))
    return rows


def _expected(rows: list[Row], registered: set[str]) -> dict[str, list[int]]:
    """The 様式2 figures from the list alone (seed 003 ※1, ※2), written out independently."""
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for seller, seller_pref, buyer, buyer_pref, amount, _ in rows:
        if seller in registered:
            figures[seller][0] += amount
            figures[seller][1] += amount if buyer_pref != seller_pref else 0
        if buyer in registered:
            figures[buyer][2] += amount
            figures[buyer][3] += amount if seller_pref == buyer_pref else 0
    return dict(figures)


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], content: bytes, name: str = "tx.csv"
) -> httpx.Response:
    return await client.post(
        "/api/scoring/transactions/import", files={"file": (name, content)}, headers=headers
    )


async def _figures(
    client: httpx.AsyncClient, headers: dict[str, str], number: str
) -> dict[int, list[int]]:
    rows = (await client.get(f"/api/scoring/companies/{number}/figures", headers=headers)).json()
    return {
        r["fiscal_year"]: [
            r["sales"],
            r["out_of_prefecture_sales"],
            r["purchases"],
            r["in_prefecture_purchases"],
        ]
        for r in rows
    }


async def _stored_rows(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(select(func.count()).select_from(Transaction)) or 0)
    finally:
        await engine.dispose()


async def _companies(client: httpx.AsyncClient, headers: dict[str, str]) -> list[str]:
    return [await create_company(client, headers, n) for n in range(1, 13)]


async def test_a_list_of_several_batches_gives_the_figures_of_the_whole_list(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    inside = await _companies(client, editor)
    rows = _long_list(inside, [corporate_number(500 + n) for n in range(5)], ROWS)
    assert ROWS > 2 * tabular.BATCH_ROWS

    response = await _import(client, editor, _csv(rows))

    assert response.status_code == 200, response.text
    assert response.json() == {"rows": ROWS, "fiscal_years": [2024], "companies_derived": 12}
    expected = _expected(rows, set(inside))
    for number in inside:
        assert (await _figures(client, editor, number)) == {2024: expected[number]}
    assert await _stored_rows(settings) == ROWS


async def test_the_same_list_small_or_long_derives_the_same_figures(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """Forty copies of a small known list, imported in batches, give forty times its figures."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b = await create_company(client, editor, 1), await create_company(client, editor, 2)
    outsider = corporate_number(500)
    small: list[Row] = [
        (a, "43", outsider, "40", 700, 2024),
        (a, "43", b, "43", 300, 2024),
        (outsider, "40", a, "43", 200, 2024),
        (b, "43", a, "43", 50, 2024),
    ]
    assert (await _import(client, editor, _csv(small))).status_code == 200
    once = {n: await _figures(client, editor, n) for n in (a, b)}
    assert once[a] == {2024: [1000, 700, 250, 50]}

    copies = ROWS // len(small)
    assert (await _import(client, editor, _csv(small * copies))).status_code == 200

    for number in (a, b):
        assert (await _figures(client, editor, number)) == {
            2024: [value * copies for value in once[number][2024]]
        }


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (lambda row: (*row[:4], "abc", row[5]), "amount"),
        (lambda row: (row[0], "13", *row[2:]), "seller_prefecture"),
    ],
    ids=["unreadable-amount", "registered-company-stated-elsewhere"],
)
async def test_a_bad_row_in_the_last_batch_refuses_the_whole_list_and_nothing_is_written(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    settings: Settings,
    bad: Any,
    field: str,
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    inside = await _companies(client, editor)
    outsider = corporate_number(500)
    previous: list[Row] = [(inside[0], "43", outsider, "40", 100, 2024)]
    assert (await _import(client, editor, _csv(previous))).status_code == 200
    rows = _long_list(inside, [outsider], ROWS)
    last = ROWS - 10
    rows[last] = bad((inside[1], "43", inside[2], "43", 5, 2024))

    response = await _import(client, editor, _csv(rows))

    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [f"rows/{last + 2}/{field}"]
    assert await _figures(client, editor, inside[0]) == {2024: [100, 100, 0, 0]}
    assert await _figures(client, editor, inside[1]) == {}
    assert await _stored_rows(settings) == len(previous)


async def test_the_rows_are_written_by_copy_on_postgresql_and_executemany_on_sqlite(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    backend: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No row goes through the ORM or one INSERT per row: the bulk path of each database writes
    them all, in batches."""
    written: list[int] = []
    if backend == "postgresql":
        copy = asyncpg.Connection.copy_records_to_table

        async def spy_copy(self: Any, table: str, *, records: Any, **kwargs: Any) -> str:
            assert table == "transactions"
            written.append(len(records))
            return await copy(self, table, records=records, **kwargs)

        monkeypatch.setattr(asyncpg.Connection, "copy_records_to_table", spy_copy)
    else:
        executemany = aiosqlite.Connection.executemany

        async def spy_executemany(self: Any, sql: str, parameters: Any) -> Any:
            if sql.startswith("INSERT INTO transactions"):
                written.append(len(parameters))
            return await executemany(self, sql, parameters)

        monkeypatch.setattr(aiosqlite.Connection, "executemany", spy_executemany)
    editor = tokens.prefecture(KUMAMOTO, "editor")
    inside = await _companies(client, editor)
    rows = _long_list(inside, [corporate_number(500)], ROWS)

    assert (await _import(client, editor, _csv(rows))).status_code == 200

    assert sum(written) == ROWS
    assert len(written) == -(-ROWS // tabular.BATCH_ROWS)


async def test_a_shift_jis_list_and_an_xlsx_list_are_read(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a = await create_company(client, editor, 1)
    outsider = corporate_number(500)
    content = f"{HEADER}\r\n{a},43,{outsider},40,700,2024\r\n".encode("cp932")
    assert (await _import(client, editor, content)).status_code == 200
    assert await _figures(client, editor, a) == {2024: [700, 700, 0, 0]}
    workbook = _xlsx([HEADER.split(","), [int(a), 43, int(outsider), 40, 300, 2024]])
    assert (await _import(client, editor, workbook, "tx.xlsx")).status_code == 200
    assert await _figures(client, editor, a) == {2024: [300, 300, 0, 0]}


async def test_a_csv_with_a_nul_byte_is_refused_by_name(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    response = await _import(client, editor, f"{HEADER}\n\x00\n".encode())
    assert response.status_code == 422
    assert response.json()["title"] == "CSV として読み込めません"


NUMBER, OTHER = corporate_number(1), corporate_number(2)
PLAIN = (NUMBER, "43", OTHER, "43", "700", "2024")
TRICKY: list[tuple[int, object]] = [
    (0, f" {NUMBER}"),
    (0, "１" + NUMBER[1:]),
    (0, NUMBER[:-1] + "0" if NUMBER[-1] != "0" else NUMBER[:-1] + "1"),
    (0, int(NUMBER)),
    (1, "1"),
    (1, 43),
    (1, "48"),
    (1, "00"),
    (3, " 43"),
    (4, "0700"),
    (4, "0"),
    (4, "1,000"),
    (4, "+5"),
    (4, "-5"),
    (4, "５"),
    (4, "1e3"),
    (4, "700.0"),
    (4, 700.0),
    (4, str(10**15)),
    (4, str(10**15 + 1)),
    (4, "9" * 17),
    (4, ""),
    (4, None),
    (5, "1999"),
    (5, "2101"),
    (5, "2024.0"),
    (5, 2024),
    (5, "０２０２４"),
]


@pytest.mark.parametrize(("column", "value"), TRICKY, ids=[repr(v) for _, v in TRICKY])
def test_a_cell_is_read_as_transaction_row_reads_it(column: int, value: object) -> None:
    cells = tuple(value if i == column else cell for i, cell in enumerate(PLAIN))
    read: list[FieldProblem] = []
    row = TransactionCells("43")(7, cells, read)

    expected: list[FieldProblem] = []
    model = tabular.validated(
        7, dict(zip(TRANSACTION_FIELDS, cells, strict=True)), TransactionRow, expected
    )
    assert read == expected
    if model is None:
        assert row is None
    else:
        assert row == (
            "43",
            model.fiscal_year,
            model.seller_corporate_number,
            model.seller_prefecture,
            model.buyer_corporate_number,
            model.buyer_prefecture,
            model.amount,
        )


async def test_two_imports_of_one_prefecture_at_once_leave_one_list(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    """Two people send the prefecture's list at the same moment: the second waits for the first
    and replaces it, so the stored list and the figures are one list's, never both added up."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    inside = await _companies(client, editor)
    rows = _long_list(inside, [corporate_number(500 + n) for n in range(5)], 30_000)

    first, second = await asyncio.gather(
        _import(client, editor, _csv(rows)), _import(client, editor, _csv(rows))
    )

    answered = sorted([first.status_code, second.status_code])
    # SQLite has one writer: the second is either serialised or refused as busy, never both kept
    assert answered in ([200, 200], [200, 409], [200, 503]), (first.text, second.text)
    assert await _stored_rows(settings) == len(rows)
    expected = _expected(rows, set(inside))
    for number in inside[:3]:
        assert (await _figures(client, editor, number)) == {2024: expected[number]}
