"""The demo logins the one-command start prints (``scripts/run.py``) are the gateway's demo users
(``gateway.demo.DEMO_USERS``) and their published password, and the machine clients it makes
secrets for are the gateway's demo clients (``gateway.demo.DEMO_CLIENTS``), never a list of its
own."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from chiiki_common.auth import Tier
from gateway.demo import DEMO_CLIENTS, DEMO_PASSWORD, DEMO_USERS
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


def test_the_launcher_makes_a_secret_for_every_demo_client(
    run_script: ModuleType, tmp_path: Path
) -> None:
    clients = {c.client_id for c in DEMO_CLIENTS}
    assert set(run_script.MACHINE_CLIENTS) == clients
    made = run_script.service_secrets(tmp_path)
    assert set(made) == clients
    assert run_script.service_secrets(tmp_path) == made  # made once, then read


def test_each_service_calls_with_its_own_client_and_the_banner_names_the_ministry_s(
    run_script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {"gateway": "GATEWAY_", "plans-api": "PLANS_", "scoring-api": "SCORING_"}
    names["notify"] = "NOTIFY_"
    services = [
        run_script.Service(name, f"chiiki-{name}", prefix, 8100 + i, f"{name}.db")
        for i, (name, prefix) in enumerate(names.items())
    ]
    env = run_script.environment(argparse.Namespace(port=8000, smtp_port=8025), services, tmp_path)
    clients = {name: env.get(f"{prefix}SERVICE_CLIENT_ID") for name, prefix in names.items()}
    assert clients == {
        "gateway": None,
        "plans-api": "svc-plans",
        "scoring-api": "svc-scoring",
        "notify": "svc-notify",
    }
    assert {c.client_id for c in DEMO_CLIENTS if c.tier is Tier.service} == {
        c for c in clients.values() if c
    }
    secrets = run_script.service_secrets(tmp_path)
    for name, client in clients.items():
        if client:
            assert env[f"{names[name]}SERVICE_CLIENT_SECRET"] == secrets[client]

    run_script.banner(8000, tmp_path, "secret")
    assert [c.client_id for c in DEMO_CLIENTS if c.tier is Tier.ministry_system] == ["maff-subsidy"]
    assert "  省庁システム用クライアント: maff-subsidy / secret" in capsys.readouterr().out


def clients_written(source: str) -> list[int]:
    """The lines of ``source`` that write a demo client's id, alone or inside a text."""
    ids = {c.client_id for c in DEMO_CLIENTS}
    return [line for line, text in string_literals(source) if any(i in text for i in ids)]


def test_the_launcher_keeps_no_copy_of_the_clients() -> None:
    assert clients_written(SCRIPT.read_text(encoding="utf-8")) == []


def test_the_check_sees_a_copied_client() -> None:
    source = (
        '"""svc-plans in a docstring is documentation."""\n'
        'CLIENTS = ("svc-plans", "svc-notify")\n'
        'LINE = f"クライアント: maff-subsidy / {secret}"\n'
    )
    assert clients_written(source) == [2, 2, 3]
