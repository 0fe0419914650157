"""The clients read the other services' answers as those services write them."""

from __future__ import annotations

import httpx

from notify.settings import Settings
from notify.upstream import build_upstream

ANSWERS = {
    "/internal/deadline-audiences/precheck-pending": {"organisations": ["430005", "431001"]},
    "/internal/calls/open": [
        {
            "id": 7,
            "prefecture_code": "430005",
            "title": "公募",
            "closes_at": "2026-06-01T03:00:00+00:00",
        }
    ],
    "/internal/directory/users": [
        {
            "id": 12,
            "email": "kumamoto-editor@demo.example.jp",
            "name": "熊本 編集者",
            "organisation": "430005",
            "organisation_name": "熊本県",
            "tier": "prefecture",
            "roles": ["editor"],
        }
    ],
}


async def test_audiences_calls_and_directory_users_are_read_from_their_contract_shapes() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=ANSWERS[request.url.path])
    )
    upstream = build_upstream(
        Settings(environment="test"),
        transports={"plans": transport, "scoring": transport, "gateway": transport},
    )
    try:
        assert await upstream.precheck_pending_organisations() == {"430005", "431001"}
        [call] = await upstream.open_calls()
        assert (call.id, call.closes_at.hour) == ("7", 3)
        [user] = await upstream.users("430005")
        assert user.id == "12"
    finally:
        await upstream.aclose()
