"""Hostile workbooks sent to the figures and transaction imports: each is refused with a 422 whose
Japanese title names the rule, and nothing is stored."""

from __future__ import annotations

import httpx
import pytest

from tests.fixtures import spreadsheets as hostile
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, create_company

HEADER = ["法人番号", "事業年度", "売上高", "域外売上高", "仕入高", "域内仕入高"]

ONE_SHARED_CELL = hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
BOMBS = {
    "zip-bomb": (hostile.zip_bomb(), "圧縮率が上限(100倍)"),
    "dimension-and-a-cell-far-out": (
        hostile.xlsx(
            {
                "Sheet1": hostile.sheet_xml(
                    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                    dimension="A1:XFD1048576",
                )
            }
        ),
        "行数が上限(250,000行)",
    ),
    "huge-shared-strings": (
        hostile.xlsx(
            {"Sheet1": ONE_SHARED_CELL}, shared_strings=hostile.shared_strings_xml(3_000_000, "x")
        ),
        "圧縮率が上限",
    ),
    "too-many-sheets": (
        hostile.xlsx({f"S{i}": hostile.sheet_xml("") for i in range(51)}),
        "シート数が上限(50)",
    ),
    "giant-cell": (hostile.table([HEADER, ["あ" * 40_000]]), "セルの文字数が上限(32,767文字)"),
    "billion-laughs": (
        hostile.xlsx(
            {
                "Sheet1": hostile.sheet_xml(
                    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
                    prolog=hostile.BILLION_LAUGHS,
                )
            }
        ),
        "外部の定義(実体宣言)",
    ),
}


async def _stored(client: httpx.AsyncClient, number: str, headers: dict[str, str]) -> list[object]:
    response = await client.get(f"/api/scoring/companies/{number}/figures", headers=headers)
    assert response.status_code == 200
    return list(response.json())


@pytest.mark.parametrize("path", ["figures/import", "transactions/import"])
@pytest.mark.parametrize("bomb", list(BOMBS))
async def test_a_hostile_workbook_is_refused_by_name_and_stores_nothing(
    client: httpx.AsyncClient, tokens: TokenFactory, bomb: str, path: str
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    data, title = BOMBS[bomb]
    response = await client.post(
        f"/api/scoring/{path}", files={"file": ("bomb.xlsx", data)}, headers=editor
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert title in response.json()["title"]
    assert response.json()["errors"][0]["field"] == "file"
    assert await _stored(client, number, editor) == []


async def test_a_formula_in_an_imported_workbook_is_refused_naming_the_cell_never_dropped(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    rows = hostile.rows_xml([HEADER, [number, 2024, 1000, 300, 500]])
    formula = '<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="D3"><f>C2/2</f><v>500</v></c></row>'
    data = hostile.xlsx({"様式2": hostile.sheet_xml(rows + formula)})
    response = await client.post(
        "/api/scoring/figures/import", files={"file": ("figures.xlsx", data)}, headers=editor
    )
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "数式のセルは取り込めません"
    assert [e["field"] for e in body["errors"]] == ["file", "file/様式2!D3"]
    assert await _stored(client, number, editor) == []


async def test_a_lying_dimension_alone_does_not_stop_a_good_file(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    rows = hostile.rows_xml([HEADER, [number, 2024, 1000, 300, 500, 200]])
    data = hostile.xlsx({"Sheet1": hostile.sheet_xml(rows, dimension="A1:XFD1048576")})
    response = await client.post(
        "/api/scoring/figures/import", files={"file": ("figures.xlsx", data)}, headers=editor
    )
    assert response.status_code == 200, response.text
    assert len(await _stored(client, number, editor)) == 1


async def test_a_csv_with_a_giant_field_is_a_422_not_a_500(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    content = (",".join(HEADER) + f"\n{number},2024,{'9' * 200_000},0,0,0\n").encode()
    response = await client.post(
        "/api/scoring/figures/import", files={"file": ("figures.csv", content)}, headers=editor
    )
    assert response.status_code == 422
    assert "セルの文字数が上限" in response.json()["title"]
    assert await _stored(client, number, editor) == []
