"""Rows are reached through their domain's repository: in plans-api and scoring-api no module but a
``repository.py`` builds a SELECT, and plans are read by people only through the one tenancy
filter, :func:`plans_api.plans.repository.readable`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    ROOT / "services/plans-api/src/plans_api",
    ROOT / "services/scoring-api/src/scoring_api",
)
EXEMPT = {"demo.py"}
"""The demo seed writes through the services' own functions and checks what it wrote."""


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
