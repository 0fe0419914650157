"""The caller's principal from a verified token: a bureau's carries its block, a well-formed one,
and no other tier's token may carry a block at all."""

from __future__ import annotations

from typing import Any

import pytest

from chiiki_common.auth import Principal, Tier, TokenError
from tests.common.test_tokens import _probe_app
from tests.fixtures.apps import running
from tests.fixtures.auth import KYUSHU_BLOCK, TokenFactory


def _claims(tier: str = "bureau", org: str = "meti-kyushu", **extra: Any) -> dict[str, Any]:
    return {"sub": "7", "tier": tier, "org": org, "roles": ["editor"], **extra}


def test_a_bureau_principal_holds_its_block_and_no_prefecture() -> None:
    principal = Principal.from_claims(_claims(block=list(KYUSHU_BLOCK)))
    assert principal.tier is Tier.bureau
    assert principal.block == frozenset(KYUSHU_BLOCK)
    assert principal.prefecture is None
    assert not principal.is_local
    assert not principal.is_national


def test_other_tiers_have_an_empty_block() -> None:
    assert Principal.from_claims(_claims("prefecture", "430005")).block == frozenset()
    assert Principal.from_claims(_claims("national", "cas")).block == frozenset()


@pytest.mark.parametrize(
    "extra",
    [{}, {"block": []}, {"block": None}, {"block": "40"}, {"block": {"40": True}}],
    ids=["no-claim", "empty", "null", "a-string", "an-object"],
)
def test_a_bureau_token_without_a_block_is_refused(extra: dict[str, Any]) -> None:
    with pytest.raises(TokenError):
        Principal.from_claims(_claims(**extra))


@pytest.mark.parametrize(
    "number",
    ["4", "040", "00", "48", "99", "４０", "4a", " 40", "40\n", 40, None],
    ids=repr,
)
def test_a_malformed_prefecture_number_in_the_block_is_refused(number: Any) -> None:
    with pytest.raises(TokenError):
        Principal.from_claims(_claims(block=["43", number]))


@pytest.mark.parametrize(
    ("tier", "org", "block"),
    [
        ("prefecture", "430005", ["43"]),
        ("municipality", "431001", ["43"]),
        ("national", "meti", []),
        ("ministry_system", "maff", None),
        ("service", "notify", ["40"]),
    ],
)
def test_a_block_on_any_other_tier_is_refused(tier: str, org: str, block: Any) -> None:
    with pytest.raises(TokenError):
        Principal.from_claims(_claims(tier, org, block=block))


async def test_a_service_answers_401_to_a_bureau_token_without_its_block(
    tokens: TokenFactory,
) -> None:
    async with running(_probe_app(tokens)) as client:
        good = await client.get("/probe", headers=tokens.bureau())
        blockless = await client.get(
            "/probe", headers=tokens.headers(tier="bureau", org="meti-kyushu", roles=["editor"])
        )
        prefecture_with_block = await client.get(
            "/probe", headers=tokens.headers(tier="prefecture", org="430005", block=["43"])
        )
    assert good.status_code == 200
    assert good.json() == {"org": "meti-kyushu"}
    assert blockless.status_code == prefecture_with_block.status_code == 401
    assert blockless.headers["content-type"] == "application/problem+json"
