"""The string literals of a module that are values, not documentation: every ``str`` constant
(f-string pieces included) but the docstrings of modules, classes, functions and attributes."""

from __future__ import annotations

import ast


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        for name in ("body", "orelse"):
            statements = getattr(node, name, None)
            if not isinstance(statements, list):
                continue
            for statement in statements:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string value written in ``source``, in the order of the lines."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    )
