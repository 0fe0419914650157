"""Rows are reached through their domain's repository: in plans-api, scoring-api, notify and the
gateway no module but a ``repository.py`` builds a SELECT, and plans are read by people only
through the one tenancy filter, :func:`plans_api.plans.repository.readable`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from chiiki_common.auth import PEOPLE

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    ROOT / "services/plans-api/src/plans_api",
    ROOT / "services/scoring-api/src/scoring_api",
    ROOT / "services/notify/src/notify",
    ROOT / "services/gateway/src/gateway",
)
EXEMPT = {"demo.py"}
"""The demo seeds (plans-api, scoring-api, gateway) write through the services' own functions and
check what they wrote."""


def _modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in package.rglob("*.py")
        if "migrations" not in path.parts and path.name not in EXEMPT
    )


def selects_built(source: str) -> list[int]:
    """The lines where ``select(...)`` from SQLAlchemy is called."""
    tree = ast.parse(source)
    names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
        if alias.name == "select"
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in names)
            or (
                isinstance(node.func, ast.Attribute)
                and node.func.attr == "select"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in {"sqlalchemy", "sa"}
            )
        )
    ]


def test_only_repositories_build_selects() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if path.name != "repository.py" and (lines := selects_built(path.read_text()))
    }
    assert found == {}, "move these statements into the domain's repository.py"


def test_the_tenancy_filter_has_one_public_door() -> None:
    """Only ``readable(principal)`` is offered; the clause behind it is private to the plans
    repository, so no domain narrows plans its own way."""
    import plans_api.plans.repository as plans_repository

    assert callable(plans_repository.readable)
    assert not hasattr(plans_repository, "visibility")
    for path in _modules():
        if PACKAGES[0] not in path.parents or path == Path(plans_repository.__file__):
            continue
        assert "_visible(" not in path.read_text(), path


TENANCY_RULES = {
    "services/plans-api/src/plans_api/plans/repository.py": "_visible",
    "services/scoring-api/src/scoring_api/tenancy.py": "prefecture_filter",
}
"""The one tenancy rule of each service, by module and function."""


def tiers_named(source: str, function: str) -> set[str]:
    """The ``Tier.<name>`` members ``function`` of ``source`` names."""
    tree = ast.parse(source)
    found = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function
    )
    return {
        node.attr
        for node in ast.walk(found)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Tier"
    }


@pytest.mark.parametrize(("module", "function"), list(TENANCY_RULES.items()))
def test_each_tenancy_rule_names_every_tier_of_people(module: str, function: str) -> None:
    """A tier of people the rule does not name would fall through to another tier's answer
    (a bureau is neither a prefecture nor national): each says what each tier sees."""
    named = tiers_named((ROOT / module).read_text(), function)
    assert {tier.value for tier in PEOPLE} <= named, module


def test_the_tier_check_sees_a_missing_tier() -> None:
    source = (
        "def rule(principal):\n"
        "    if principal.tier is Tier.national:\n"
        "        return 1\n"
        "    if principal.tier in (Tier.prefecture, Tier.municipality):\n"
        "        return 2\n"
        "    return 0\n"
    )
    assert tiers_named(source, "rule") == {"national", "prefecture", "municipality"}


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ("from sqlalchemy import select\nq = select(Plan)\n", [2]),
        ("from sqlalchemy import select as s\nq = s(Plan)\n", [2]),
        ("import sqlalchemy as sa\nq = sa.select(Plan)\n", [2]),
        ("from sqlalchemy import update\nq = update(Plan)\n", []),
        ("from x import select\nq = select(1)\n", []),
    ],
)
def test_the_check_sees_each_way_of_building_a_select(source: str, lines: list[int]) -> None:
    assert selects_built(source) == lines
