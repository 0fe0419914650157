"""Every generated id has one type, :data:`chiiki_common.db.BigId`: the models and the migrations
of every service take it from there and spell no ``with_variant`` of their own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy.dialects import postgresql, sqlite

from chiiki_common.db import BigId

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "libs/common/src/chiiki_common/db.py"
SOURCES = [ROOT / "libs/common/src/chiiki_common", *sorted(ROOT.glob("services/*/src/*"))]


def variants_built(source: str) -> list[int]:
    """The lines where a type is given a dialect variant (``….with_variant(…)``)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "with_variant"
    ]


def test_ids_are_bigint_on_postgresql_and_the_rowid_on_sqlite() -> None:
    assert BigId.compile(dialect=postgresql.dialect()) == "BIGINT"
    assert BigId.compile(dialect=sqlite.dialect()) == "INTEGER"


def test_no_module_but_chiiki_common_db_builds_the_id_type() -> None:
    found = {
        rel: lines
        for root in SOURCES
        for path in sorted(root.rglob("*.py"))
        if path != HOME
        and (rel := path.relative_to(ROOT).as_posix())
        and (lines := variants_built(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "use chiiki_common.db.BigId"


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        (
            'import sqlalchemy as sa\nT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")\n',
            [2],
        ),
        ('x = mapped_column(BigInteger().with_variant(Integer, "sqlite"))\n', [1]),
        ("from chiiki_common.db import BigId\nx = mapped_column(BigId)\n", []),
    ],
)
def test_the_check_sees_a_variant_spelled_out(source: str, lines: list[int]) -> None:
    assert variants_built(source) == lines
