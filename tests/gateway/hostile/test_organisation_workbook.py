"""The organisation list importer (``chiiki-gateway import-organisations``) reads workbooks with
the platform's one safe reader: a bomb or a formula stops the import with the rule named, and the
directory is unchanged."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chiiki_common.db import create_engine, session_factory
from gateway.cli import run_import
from gateway.models import Organisation
from gateway.settings import Settings
from tests.fixtures import spreadsheets as hostile

HEADER = ["団体コード", "都道府県名（漢字）", "市区町村名（漢字）"]


async def _organisations(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    async with session_factory(engine)() as session:
        count = int(await session.scalar(select(func.count()).select_from(Organisation)) or 0)
    await engine.dispose()
    return count


@pytest.mark.parametrize(
    ("workbook", "said"),
    [
        (hostile.zip_bomb(), "圧縮率が上限(100倍)"),
        (
            hostile.xlsx(
                {
                    "Sheet1": hostile.sheet_xml(
                        hostile.rows_xml([HEADER, ["434043", "熊本県"]])
                        + '<row r="3"><c r="A3"><f>434043+1</f><v>434044</v></c></row>'
                    )
                }
            ),
            "数式のセルは取り込めません",
        ),
        (hostile.table([HEADER, ["434043", "熊本県", "菊" * 40_000]]), "セルの文字数が上限"),
    ],
    ids=["zip-bomb", "formula", "giant-cell"],
)
async def test_a_hostile_official_workbook_stops_the_import_and_changes_nothing(
    gateway_settings: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    workbook: bytes,
    said: str,
) -> None:
    path = tmp_path / "000925835.xlsx"
    path.write_bytes(workbook)
    before = await _organisations(gateway_settings)
    with pytest.raises(SystemExit) as stopped:
        await run_import(gateway_settings, argparse.Namespace(path=str(path)))
    assert "取り込みを中止しました" in str(stopped.value)
    assert said in capsys.readouterr().err
    assert await _organisations(gateway_settings) == before
