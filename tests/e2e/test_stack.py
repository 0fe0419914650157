"""End to end through real processes: the gateway in front of the services, a person logging in, a
ministry system taking a token, the public reading open data, mail reaching the sink."""

from __future__ import annotations

import json
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import httpx
import pytest

from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e
PASSWORD = "Demo-2026!"


def login(client: httpx.Client, email: str) -> str:
    response = client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def test_a_person_logs_in_and_reads_plans_through_the_gateway(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url) as client:
        login(client, "kumamoto-editor@demo.example.jp")
        me = client.get("/auth/me").json()
        assert me["organisation"] == "430005"
        plans = client.get("/api/plans")
        assert plans.status_code == 200
        assert plans.headers["x-request-id"]
        titles = [plan["title"] for plan in plans.json()["items"]]
        assert any("半導体" in title for title in titles)


def test_a_cookie_post_without_csrf_is_refused_and_logout_ends_the_session(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url) as client:
        csrf = login(client, "kumamoto-editor@demo.example.jp")
        cookie = client.cookies.get("chiiki_session")
        refused = client.post("/api/plans", json={"type": "B", "title": "CSRF なし"})
        assert refused.status_code == 403
        assert client.post("/auth/logout", headers={"X-CSRF-Token": csrf}).status_code in (200, 204)
    with httpx.Client(base_url=stack.base_url, cookies={"chiiki_session": cookie or ""}) as replay:
        assert replay.get("/auth/me").status_code == 401
        assert replay.get("/api/plans").status_code == 401


def test_a_ministry_system_reads_the_registry_and_nothing_else(stack: Stack) -> None:
    secret = json.loads((stack.var / "service-clients.json").read_text())["maff-subsidy"]
    with httpx.Client(base_url=stack.base_url) as client:
        token = client.post(
            "/auth/token", data={"grant_type": "client_credentials"}, auth=("maff-subsidy", secret)
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        assert client.get("/registry/v1/plans", headers=headers).status_code == 200
        assert client.get("/api/plans", headers=headers).status_code == 403
        jwks = client.get("/.well-known/jwks.json").json()
        assert all(key["kty"] == "EC" and "d" not in key for key in jwks["keys"])


def test_the_public_reads_published_plans_without_logging_in(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url) as client:
        response = client.get("/public/v1/plans")
        assert response.status_code == 200
        assert response.json()["items"]
        assert client.get("/api/plans").status_code == 401


def test_the_merged_openapi_document_lists_every_service(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url) as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert any(path.startswith("/api/plans") for path in paths)
    assert any(path.startswith("/api/scoring") for path in paths)
    assert any(path.startswith("/api/notify") for path in paths)
    assert any(path.startswith("/registry/v1") for path in paths)
    assert not any(path.startswith("/internal") for path in paths)


def test_the_spa_is_served_with_a_strict_content_security_policy(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url) as client:
        response = client.get("/")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def mail_to(stack: Stack, address: str, subject_part: str, timeout: float = 30) -> EmailMessage:
    """The first mail in the sink to ``address`` whose subject holds ``subject_part``, waiting for
    notify to write it."""
    deadline = time.monotonic() + timeout
    while True:
        for path in sorted((stack.var / "mail").glob("*.eml")):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert isinstance(mail, EmailMessage)
            if address in str(mail["To"]) and subject_part in str(mail["Subject"]):
                return mail
        assert time.monotonic() < deadline, f"no mail to {address} about {subject_part}"
        time.sleep(0.5)


def test_a_prefecture_s_proposal_reaches_its_bureau_and_the_decision_comes_back(
    stack: Stack,
) -> None:
    """Type A: the demo's 熊本県 candidate project, submitted at start, is mailed to 九州経済産業局;
    the bureau's approver returns it with a reason, and 熊本県 reads the reason and gets the mail."""
    with httpx.Client(base_url=stack.base_url) as bureau:
        csrf = login(bureau, "meti-kyushu-approver@demo.example.jp")
        [proposal] = bureau.get("/api/proposals").json()["items"]
        assert proposal["organisation_name"] == "熊本県"
        assert proposal["state"] == "submitted"
        arrived = mail_to(
            stack, "meti-kyushu-approver@demo.example.jp", "候補プロジェクト案件の提案"
        )
        assert proposal["title"] in str(arrived["Subject"])
        assert bureau.get("/api/scoring/companies").status_code == 403
        decided = bureau.post(
            f"/api/proposals/{proposal['id']}/decision",
            json={"decision": "return", "comment": "工業用水の確保の見通しを記載してください。"},
            headers={"X-CSRF-Token": csrf, "If-Match": f'"{proposal["version"]}"'},
        )
        assert decided.status_code == 200, decided.text
    with httpx.Client(base_url=stack.base_url) as prefecture:
        login(prefecture, "kumamoto-editor@demo.example.jp")
        mine = prefecture.get(f"/api/proposals/{proposal['id']}").json()
        assert mine["state_label"] == "差戻し"
        assert mine["decision_comment"] == "工業用水の確保の見通しを記載してください。"
    answer = mail_to(stack, "kumamoto-editor@demo.example.jp", "候補プロジェクト案件の採否")
    body = answer.get_body(preferencelist=("plain",))
    assert body is not None
    assert "工業用水の確保の見通しを記載してください。" in body.get_content()
