"""The 参考リスト export (CSV and xlsx) never holds a field a spreadsheet evaluates."""

from __future__ import annotations

import csv
import io

import openpyxl

from scoring_api.app import create_app
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, create_company

TRIGGERS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]
"""Company names cannot hold a tab or a carriage return (refused on input); the writer's handling
of those two is tested in tests/common/test_spreadsheets.py."""


async def test_reference_list_exports_neutralise_names_and_keep_numbers_numeric(
    settings: Settings, tokens: TokenFactory
) -> None:
    everyone = settings.model_copy(update={"reference_list_top_percent": 100.0})
    app = create_app(everyone, verifier=tokens.verifier("scoring-api"))
    editor = tokens.prefecture(KUMAMOTO, "editor")
    async with running(app) as client:
        lines = ["法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高"]
        for n, name in enumerate(TRIGGERS, start=1):
            number = await create_company(client, editor, n, name=name)
            lines.append(f"{number},2024,1000,{100 * n},1000,{100 * n}")
        imported = await client.post(
            "/api/scoring/figures/import",
            files={"file": ("figures.csv", "\n".join(lines).encode())},
            headers=editor,
        )
        assert imported.status_code == 200, imported.text
        exports = {
            kind: await client.get(
                "/api/scoring/reference-list/export",
                params={"fiscal_year": 2024, "format": kind},
                headers=editor,
            )
            for kind in ("csv", "xlsx")
        }
    # three lines of title (本システムによる推計) and a blank line come before the headings
    rows = list(csv.reader(io.StringIO(exports["csv"].content.decode("utf-8-sig"), newline="")))[4:]
    assert sorted(r[1] for r in rows) == sorted("'" + t for t in TRIGGERS)
    assert {r[4] for r in rows} == {"100"}  # employees: a bare number
    sheet = openpyxl.load_workbook(io.BytesIO(exports["xlsx"].content)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert sorted(c.value for c in cells if c.column == 2 and c.row > 4) == sorted(TRIGGERS)
    assert all(c.data_type == "n" for c in cells if c.column == 5 and c.row > 4)
