"""Schema changes are expand / contract (README, "Production"): a migration's upgrade only adds, so
the previous version keeps serving while a rolling update replaces its pods. A column or table is
dropped, renamed or made NOT NULL without a default only in a release of its own, listed here with
why the old version no longer needs it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = sorted(ROOT.glob("services/*/src/*/migrations/versions/*.py"))

CONTRACTING = {"drop_column", "drop_table", "rename_table", "drop_constraint"}
"""Operations that take away what the old version may still read or write."""

BEFORE_PRODUCTION = "before the platform's first production release: no pod of an older version ran"
CONTRACT_RELEASES: dict[str, str] = {
    "2026-12-01-2300_auth_failures.py": BEFORE_PRODUCTION,
    "2026-12-01-2300_freeze_rounds_registry.py": BEFORE_PRODUCTION,
    "2026-12-01-2300_meti_reference_list_waivers.py": (
        "selections' status check is dropped and created again wider (it adds 'refused'): what the"
        " old version writes still passes"
    ),
}
"""Migrations allowed to contract, by file name, with the reason."""


def _contractions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    upgrade = next(
        (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "upgrade"), None
    )
    assert upgrade is not None, f"{path.name} has no upgrade()"
    found: list[str] = []
    for node in ast.walk(upgrade):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        keywords = {k.arg: k.value for k in node.keywords}
        if name in CONTRACTING:
            found.append(f"{name} (line {node.lineno})")
        elif name == "alter_column":
            if "new_column_name" in keywords:
                found.append(f"alter_column renames (line {node.lineno})")
            nullable = keywords.get("nullable")
            if (
                isinstance(nullable, ast.Constant)
                and nullable.value is False
                and "server_default" not in keywords
            ):
                found.append(f"alter_column NOT NULL without a default (line {node.lineno})")
        elif name == "add_column":
            column = node.args[-1] if node.args else None
            if isinstance(column, ast.Call):
                column_keywords = {k.arg: k.value for k in column.keywords}
                nullable = column_keywords.get("nullable")
                if (
                    isinstance(nullable, ast.Constant)
                    and nullable.value is False
                    and "server_default" not in column_keywords
                ):
                    found.append(f"add_column NOT NULL without a default (line {node.lineno})")
    return found


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: f"{p.parts[-6]}:{p.name}")
def test_a_migration_only_adds_unless_it_is_a_contract_release(path: Path) -> None:
    found = _contractions(path)
    if path.name in CONTRACT_RELEASES:
        assert found, f"{path.name} no longer contracts: take it off CONTRACT_RELEASES"
        return
    assert found == [], f"{path.name} contracts the schema: {found}"


def test_the_check_finds_each_kind_of_contraction(tmp_path: Path) -> None:
    migration = tmp_path / "2099-01-01-0000_contract.py"
    migration.write_text(
        "def upgrade():\n"
        "    op.drop_column('plans', 'title')\n"
        "    op.alter_column('plans', 'state', nullable=False)\n"
        "    op.alter_column('plans', 'kind', new_column_name='plan_type')\n"
        "    op.add_column('plans', sa.Column('x', sa.Integer(), nullable=False))\n"
        "    with op.batch_alter_table('users') as batch:\n"
        "        batch.drop_column('age')\n"
        "def downgrade():\n"
        "    op.drop_table('plans')\n"
    )
    assert [f.split(" (")[0] for f in _contractions(migration)] == [
        "drop_column",
        "alter_column NOT NULL without a default",
        "alter_column renames",
        "add_column NOT NULL without a default",
        "drop_column",
    ]
    additive = tmp_path / "2099-01-02-0000_expand.py"
    additive.write_text(
        "def upgrade():\n"
        "    op.add_column('plans', sa.Column('x', sa.Integer(), nullable=True))\n"
        "    op.add_column('plans', sa.Column('y', sa.Integer(), nullable=False, server_default='0'))\n"
        "    op.create_table('t')\n"
        "def downgrade():\n"
        "    op.drop_column('plans', 'x')\n"
    )
    assert _contractions(additive) == []
