"""Who may call a route is declared in its signature, one way in every service: a type named for
the caller (``NationalAdmin``, ``EventReader`` …) built with :func:`chiiki_common.auth.caller`,
never a list of ``dependencies=`` on the decorator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chiiki_common.auth import PEOPLE, Principal, Role, Tier, caller
from chiiki_common.errors import Forbidden

ROOT = Path(__file__).resolve().parents[2]


def _person(tier: Tier, *roles: Role, scopes: tuple[str, ...] = ()) -> Principal:
    return Principal(
        subject="u",
        tier=tier,
        organisation="430005",
        roles=frozenset(roles),
        scopes=frozenset(scopes),
    )


async def _answer(dependency: object, principal: Principal) -> str:
    try:
        await dependency.dependency(principal)  # type: ignore[attr-defined]
    except Forbidden as refused:
        return refused.detail or refused.title
    return "ok"


async def test_each_check_refuses_with_its_own_words_and_lets_the_right_caller_through() -> None:
    admin = caller(tiers=[Tier.national], roles=[Role.admin])
    assert await _answer(admin, _person(Tier.national, Role.admin)) == "ok"
    assert "利用者区分" in await _answer(admin, _person(Tier.prefecture, Role.admin))
    assert "役割" in await _answer(admin, _person(Tier.national, Role.reviewer))
    reader = caller(tiers=[Tier.service], scopes=["events:read", "plans:read"])
    assert await _answer(reader, _person(Tier.service, scopes=("plans:read",))) == "ok"
    assert "スコープ" in await _answer(reader, _person(Tier.service, scopes=("other",)))
    worded = caller(tiers=PEOPLE, roles=[Role.admin], refusal="送信ログは管理者のみが閲覧できます")
    assert await _answer(worded, _person(Tier.municipality)) == "送信ログは管理者のみが閲覧できます"
    assert await _answer(worded, _person(Tier.municipality, Role.admin)) == "ok"


def _decorator_dependencies(source: str) -> list[int]:
    """Lines where a route decorator or a router names ``dependencies=``."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr in ROUTE_METHODS)
            or (isinstance(node.func, ast.Name) and node.func.id == "APIRouter")
        )
        and any(k.arg == "dependencies" for k in node.keywords)
    ]


ROUTE_METHODS = {"get", "post", "put", "patch", "delete", "api_route"}


@pytest.mark.parametrize(
    "path",
    sorted(ROOT.glob("services/*/src/*/**/endpoints.py")),
    ids=lambda p: str(p.relative_to(ROOT / "services")),
)
def test_no_route_declares_its_callers_on_the_decorator(path: Path) -> None:
    assert _decorator_dependencies(path.read_text()) == []


def test_the_check_sees_a_decorator_list() -> None:
    source = (
        "router = APIRouter(dependencies=[x])\n@router.get('/a', dependencies=[y])\ndef a(): ...\n"
    )
    assert sorted(_decorator_dependencies(source)) == [1, 2]
    assert _decorator_dependencies("@router.get('/a')\ndef a(p: NationalAdmin): ...\n") == []
