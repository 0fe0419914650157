"""The demo logins the one-command start prints (``scripts/run.py``) are the gateway's demo users
(``gateway.demo.DEMO_USERS``) and their published password, never a list of its own."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gateway.demo import DEMO_PASSWORD, DEMO_USERS
from tests.common.literals import string_literals

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run.py"


@pytest.fixture
def run_script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_script", SCRIPT)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_banner_lists_the_demo_users_it_names(
    run_script: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    run_script.banner(8000, Path("var"), "secret")
    lines = capsys.readouterr().out.splitlines()
    assert f"  デモ用ログイン(パスワードはすべて {DEMO_PASSWORD}):" in lines
    listed = [line.split() for line in lines if "@" in line]
    assert listed == [[u.email, u.login_label] for u in DEMO_USERS if u.login_label]
    assert ["kumamoto-city-editor@demo.example.jp", "熊本市(編集)"] in listed
    assert ["cas-admin@demo.example.jp", "内閣官房(管理者)"] in listed


def test_every_listed_user_has_an_organisation_and_role_label() -> None:
    for user in DEMO_USERS:
        assert user.login_label is None or user.login_label.startswith(user.name.split()[0] + "(")


def logins_written(source: str) -> list[int]:
    """The lines of ``source`` that write a demo e-mail address or the demo password."""
    written = {u.email for u in DEMO_USERS} | {DEMO_PASSWORD}
    return [line for line, text in string_literals(source) if text in written]


def test_the_launcher_keeps_no_copy_of_the_logins() -> None:
    assert logins_written(SCRIPT.read_text(encoding="utf-8")) == []


def test_the_check_sees_a_copied_login() -> None:
    source = 'LOGINS = [("熊本県(編集)", "kumamoto-editor@demo.example.jp")]\nP = "Demo-2026!"\n'
    assert logins_written(source) == [1, 2]
