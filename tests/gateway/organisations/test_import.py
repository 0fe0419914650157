"""The organisation directory: the bundled list, and importing the official list (CSV or xlsx)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from chiiki_common.db import create_engine, session_factory
from gateway import MIGRATIONS
from gateway.cli import run_import, run_seed_demo
from gateway.models import MachineClient, Organisation, User
from gateway.organisations.importer import ImportFailed, bundled_rows, read_file, upsert
from gateway.passwords import Passwords
from gateway.settings import Settings
from tests.fixtures.databases import DatabaseFactory
from tests.gateway.conftest import CHEAP_ARGON2

OFFICIAL_CSV = Path("/work/shared/data/local_governments.csv")
HEADER = "code,kind,pref_code,pref_name,parent_city_code,name,kana\n"


async def _count(settings: Settings, model: type, **where: str) -> int:
    engine = create_engine(settings.database_url)
    async with session_factory(engine)() as session:
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        count = int(await session.scalar(query) or 0)
    await engine.dispose()
    return count


def test_the_bundled_list_has_every_prefecture_designated_city_and_the_demo() -> None:
    rows = {row.code: row for row in bundled_rows()}
    kinds = [row.kind for row in rows.values()]
    assert kinds.count("prefecture") == 47
    assert kinds.count("designated_city") == 20
    assert rows["431001"].designated_city
    assert rows["431001"].prefecture == "43"
    assert rows["434043"].name == "菊陽町"
    assert rows["maff"].kind == "ministry"
    assert rows["cas"].prefecture is None


@pytest.mark.skipif(not OFFICIAL_CSV.exists(), reason="the shared test data is not present")
async def test_importing_the_official_csv_loads_every_row_once(
    gateway_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(path=str(OFFICIAL_CSV))
    rows = read_file(OFFICIAL_CSV)
    assert len(rows) == 1965
    await run_import(gateway_settings, args)
    first = capsys.readouterr().out
    await run_import(gateway_settings, args)
    second = capsys.readouterr().out
    assert first.startswith("1965 件")
    assert "変更なし 1965" in second
    assert "追加 0、更新 0" in second
    assert await _count(gateway_settings, Organisation, kind="ward") == 171
    # and the national bodies and the regional bureaus
    assert await _count(gateway_settings, Organisation) == 1965 + 3 + 10


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "430005,prefecture,43,熊本県,,熊本県,くまもとけん\n"
        + "431002,city,43,熊本県,,誤り市,\n"
        + "434043,village,43,熊本県,,菊陽町,\n"
        + "434043,town_village,43,熊本県,,菊陽町,\n"
        + "434043,town_village,43,熊本県,,菊陽町,\n"
        + "401307,designated_city,43,福岡県,,福岡市,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failed:
        read_file(path)
    problems = failed.value.problems
    assert len(problems) == 4
    assert problems[0].startswith("3 行目 (431002)")
    assert "チェックデジット" in problems[0]
    assert "種別" in problems[1]
    assert "重複" in problems[2]
    assert "都道府県コード" in problems[3]


async def test_an_invalid_file_changes_nothing(gateway_settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "011002,designated_city,01,北海道,,札幌市X,\n999999,city,99,,,x,\n")
    before = await _count(gateway_settings, Organisation)
    with pytest.raises(SystemExit):
        await run_import(gateway_settings, argparse.Namespace(path=str(path)))
    assert await _count(gateway_settings, Organisation) == before


def test_the_official_workbook_is_read_with_kinds_and_hiragana(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "団体コード",
            "都道府県名\n（漢字）",
            "市区町村名\n（漢字）",
            "都道府県名\n（カナ）",
            "市区町村名\n（カナ）",
        ]
    )
    sheet.append(["430005", "熊本県", None, "ｸﾏﾓﾄｹﾝ", None])
    sheet.append(["431001", "熊本県", "熊本市", "ｸﾏﾓﾄｹﾝ", "ｸﾏﾓﾄｼ"])
    sheet.append(["434043", "熊本県", "菊陽町", "ｸﾏﾓﾄｹﾝ", "ｷｸﾖｳﾏﾁ"])
    sheet.append(["131016", "東京都", "千代田区", "ﾄｳｷｮｳﾄ", "ﾁﾖﾀﾞｸ"])
    wards = workbook.create_sheet("政令指定都市")
    wards.append(["団体コード", "市区町村名\n（漢字）", "市区町村名\n（カナ）"])
    wards.append(["431001", "熊本市", "ｸﾏﾓﾄｼ"])
    wards.append(["431010", "熊本市中央区", "ｸﾏﾓﾄｼﾁｭｳｵｳｸ"])
    path = tmp_path / "000925835.xlsx"
    workbook.save(path)
    rows = {row.code: row for row in read_file(path)}
    assert rows["430005"].kind == "prefecture"
    assert rows["430005"].kana == "くまもとけん"
    assert rows["431001"].kind == "designated_city"
    assert rows["431001"].designated_city
    assert rows["434043"].kind == "town_village"
    assert rows["434043"].kana == "きくようまち"
    assert rows["131016"].kind == "special_ward"
    assert rows["431010"].kind == "ward"
    assert rows["431010"].name == "中央区"
    assert rows["431010"].parent_code == "431001"
    assert len(rows) == 5


async def test_seed_demo_twice_changes_nothing(
    gateway_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    users = await _count(gateway_settings, User)
    await run_seed_demo(gateway_settings, argparse.Namespace())
    out = capsys.readouterr().out
    assert "団体 0 件、利用者 0 件、クライアント 0 件" in out
    assert "kumamoto-editor@demo.example.jp" in out
    assert "Demo-2026!" in out
    assert await _count(gateway_settings, User) == users == 18
    assert await _count(gateway_settings, MachineClient) == 4


async def test_import_then_bundled_list_keep_each_other(gateway_settings: Settings) -> None:
    engine = create_engine(gateway_settings.database_url)
    async with session_factory(engine)() as session, session.begin():
        result = await upsert(session, bundled_rows())
    await engine.dispose()
    assert (result.created, result.updated) == (0, 0)


async def test_seed_demo_takes_the_installation_secrets_of_the_one_command_start(
    database_factory: DatabaseFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = Settings(
        database_url=database_factory.fresh("sqlite", "gateway", MIGRATIONS),
        jwks_file=str(tmp_path / "jwks.json"),
        **CHEAP_ARGON2,
    )
    monkeypatch.setenv("CHIIKI_DEMO_CLIENT_SECRETS", '{"svc-notify": "installation-secret-1"}')
    await run_seed_demo(settings, argparse.Namespace())
    engine = create_engine(settings.database_url)
    async with session_factory(engine)() as session:
        notify = await session.get(MachineClient, "svc-notify")
        maff = await session.get(MachineClient, "maff-subsidy")
    await engine.dispose()
    passwords = Passwords(settings)
    assert notify is not None
    assert maff is not None
    assert await passwords.verify(notify.secret_hash, "installation-secret-1")
    assert not await passwords.verify(notify.secret_hash, "demo-svc-notify-secret")
    assert await passwords.verify(maff.secret_hash, "demo-maff-subsidy-secret")
