"""Rows are reached through their domain's repository: in plans-api, scoring-api, notify and the
gateway no module but a ``repository.py`` builds a statement (SELECT, INSERT, UPDATE, DELETE or
SQL text), and plans are read by people only through the one tenancy filter,
:func:`plans_api.plans.repository.readable`."""

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


STATEMENTS = frozenset({"select", "insert", "update", "delete", "text"})
"""SQLAlchemy's statement constructors (``text``: SQL written out)."""
_DDL_DEFAULTS = frozenset({"server_default", "server_onupdate"})
"""Keywords whose ``text(…)`` is a column's default in the schema, not a statement."""


def _sqlalchemy_modules(tree: ast.AST) -> set[str]:
    """Names bound to a SQLAlchemy module: ``import sqlalchemy as sa``, ``from sqlalchemy.dialects
    import postgresql``, and a name assigned one of them (``module = postgresql if … else sqlite``)."""
    names = {"sqlalchemy", "sa"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {
                alias.asname or alias.name
                for alias in node.names
                if alias.name.split(".")[0] == "sqlalchemy"
            }
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "sqlalchemy.dialects"
        ):
            names |= {alias.asname or alias.name for alias in node.names}

    def is_module(expr: ast.expr | None) -> bool:
        if isinstance(expr, ast.IfExp):
            return is_module(expr.body) and is_module(expr.orelse)
        return isinstance(expr, ast.Name) and expr.id in names

    for node in ast.walk(tree):
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if is_module(value):
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def statements_built(source: str) -> list[tuple[int, str]]:
    """(line, kind) of each SQLAlchemy statement ``source`` builds: a constructor imported from
    SQLAlchemy or called on one of its modules (``select(…)``, ``sa.delete(…)``,
    ``postgresql.insert(…)``), a table's own (``Model.__table__.update()``), or SQL run as written
    (``exec_driver_sql``)."""
    tree = ast.parse(source)
    imported = {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy")
        for alias in node.names
        if alias.name in STATEMENTS
    }
    modules = _sqlalchemy_modules(tree)
    defaults = {
        id(keyword.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg in _DDL_DEFAULTS
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in defaults:
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in imported:
            found.append((node.lineno, imported[func.id]))
        elif isinstance(func, ast.Attribute) and func.attr in STATEMENTS:
            owner = func.value
            if (isinstance(owner, ast.Name) and owner.id in modules) or (
                isinstance(owner, ast.Attribute) and owner.attr == "__table__"
            ):
                found.append((node.lineno, func.attr))
        elif isinstance(func, ast.Attribute) and func.attr == "exec_driver_sql":
            found.append((node.lineno, "text"))
    return sorted(found)


def selects_built(source: str) -> list[int]:
    """The lines where ``select(...)`` from SQLAlchemy is called."""
    return [line for line, kind in statements_built(source) if kind == "select"]


def test_only_repositories_build_statements() -> None:
    found = {
        str(path.relative_to(ROOT)): built
        for path in _modules()
        if path.name != "repository.py" and (built := statements_built(path.read_text()))
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
    "services/plans-api/src/plans_api/proposals/repository.py": "_seen_by",
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


@pytest.mark.parametrize(
    ("source", "built"),
    [
        ("from sqlalchemy import insert\nq = insert(Plan)\n", [(2, "insert")]),
        ("from sqlalchemy import update as u\nq = u(Plan)\n", [(2, "update")]),
        ("import sqlalchemy as sa\nq = sa.delete(Plan)\n", [(2, "delete")]),
        ("from sqlalchemy import text\nq = text('DELETE FROM plans')\n", [(2, "text")]),
        ("from sqlalchemy.dialects.postgresql import insert\nq = insert(Plan)\n", [(2, "insert")]),
        (
            "from sqlalchemy.dialects import postgresql\nq = postgresql.insert(Plan)\n",
            [(2, "insert")],
        ),
        (
            "from sqlalchemy.dialects import postgresql, sqlite\n"
            "m = postgresql if pg else sqlite\nq = m.insert(Plan)\n",
            [(3, "insert")],
        ),
        ("q = Plan.__table__.delete()\n", [(1, "delete")]),
        ("await connection.exec_driver_sql('VACUUM')\n", [(1, "text")]),
        (
            "from sqlalchemy import select, update\n"
            "q = select(Plan)\nr = update(Plan).where(Plan.id.in_(select(Plan.id)))\n",
            [(2, "select"), (3, "select"), (3, "update")],
        ),
        ("from sqlalchemy import text\nc = Column(Integer, server_default=text('0'))\n", []),
        ("rows.insert(0, row)\nvalues.update(more)\nnames.delete(1)\n", []),
        ("from x import insert\nq = insert(1)\n", []),
    ],
)
def test_the_check_sees_each_statement_built(source: str, built: list[tuple[int, str]]) -> None:
    assert statements_built(source) == built
