"""Where the services write text for people: every Japanese string literal handed to a call (a
problem's title and detail, a field's message, a validator's error, a report line) and every
module constant holding Japanese text, read from the source with :mod:`ast`, with the values
interpolated into them (``f"…{x}…"``, ``"…" + x``, ``"、".join(x)``).

Docstrings, comments, and the API's own documentation (``Field(description=…)``, route summaries)
are for developers and are not read.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "libs/common/src/chiiki_common", *sorted(ROOT.glob("services/*/src/*"))]

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f]")
_DOC_KEYWORDS = frozenset(
    {"description", "summary", "help", "comment", "doc", "examples", "example", "openapi_examples"}
)
_DOC_CALLS = frozenset(
    {
        "Field",
        "Query",
        "Path",
        "Body",
        "Header",
        "Form",
        "File",
        "Cookie",
        "APIRouter",
        "FastAPI",
        "include_router",
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "api_route",
        "mapped_column",
        "Column",
        "add_argument",
        "ArgumentParser",
        "add_parser",
        "echo",
        "print",
        "info",
        "debug",
        "exception",
        "critical",
    }
)
_CODE_NAMES = frozenset(
    {
        "code",
        "codes",
        "kind",
        "slug",
        "state",
        "status",
        "type",
        "field",
        "fields",
        "loc",
        "path",
        "scope",
        "scopes",
        "upstream",
        "exc",
        "error",
        "err",
        "tier",
        "role",
        "roles",
        "key",
        "keys",
        "allowed",
        "required",
        "action",
    }
)
"""Names whose values are codes, enum values or exceptions: interpolated into a message, they put
English or an identifier on the screen (``{source.value}`` → ``draft``; ``{exc}``)."""


@dataclass(frozen=True)
class Text:
    """A text for people found in the source: its template (``{}`` where a value goes) and the
    interpolated expressions that look like codes."""

    where: str
    template: str
    code_values: tuple[str, ...]
    sink: bool = False
    """Handed to a problem, a field's message or a validator's error: checked even when it holds
    no Japanese at all."""


def _name_of(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _looks_like_code(expr: ast.expr) -> bool:
    """Whether an interpolated value is a code, an enum's raw value or an exception (never the
    words for people: ``.label``, ``.title``, a mapping looked up by a code)."""
    if isinstance(expr, ast.IfExp):
        return _looks_like_code(expr.body) or _looks_like_code(expr.orelse)
    if isinstance(expr, ast.Constant):
        return False
    if isinstance(expr, ast.Call):
        name = _name_of(expr.func)
        if name in {"repr", "type"}:
            return True
        if name == "join" and expr.args:
            return _looks_like_code(expr.args[0])
        if name in {"str", "sorted", "list", "set", "tuple"}:
            return any(_looks_like_code(a) for a in expr.args)
        return False
    if isinstance(expr, ast.Subscript):
        return _looks_like_code(expr.value)
    if isinstance(expr, ast.Attribute):
        if expr.attr in {"value", "__name__", "__class__"}:
            return True
        return expr.attr in _CODE_NAMES
    if isinstance(expr, ast.Name):
        return expr.id in _CODE_NAMES
    if isinstance(expr, ast.GeneratorExp | ast.ListComp):
        return _looks_like_code(expr.elt)
    return False


def _parts(expr: ast.expr) -> tuple[str, list[ast.expr]] | None:
    """``expr`` as a template and the expressions filling it, when it is text built from literals;
    None for anything else (a variable, a call: checked where it is made)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value.replace("{", "{{").replace("}", "}}"), []
    if isinstance(expr, ast.JoinedStr):
        template, values = "", []
        for piece in expr.values:
            if isinstance(piece, ast.Constant):
                template += str(piece.value).replace("{", "{{").replace("}", "}}")
            elif isinstance(piece, ast.FormattedValue):
                template += "{}"
                if piece.conversion == ord("r"):
                    values.append(ast.Call(ast.Name("repr"), [piece.value], []))
                else:
                    values.append(piece.value)
        return template, values
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left, right = _parts(expr.left), _parts(expr.right)
        if left is None and right is None:
            return None
        left = left or ("{}", [expr.left])
        right = right or ("{}", [expr.right])
        return left[0] + right[0], left[1] + right[1]
    if (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "join"
        and isinstance(expr.func.value, ast.Constant)
        and expr.args
    ):
        sep = str(expr.func.value.value).replace("{", "{{").replace("}", "}}")
        return "{}" + sep + "{}", [expr.args[0]]
    return None


def _texts_in(expr: ast.expr) -> Iterator[tuple[str, list[ast.expr]]]:
    if isinstance(expr, ast.IfExp):
        yield from _texts_in(expr.body)
        yield from _texts_in(expr.orelse)
        return
    if isinstance(expr, ast.Dict):
        for key, value in zip(expr.keys, expr.values, strict=True):
            # an OpenAPI responses dict's "description" documents the API, as Field(description=…)
            if isinstance(key, ast.Constant) and key.value in _DOC_KEYWORDS:
                continue
            yield from _texts_in(value)
        return
    if isinstance(expr, ast.List | ast.Tuple | ast.Set):
        for item in expr.elts:
            yield from _texts_in(item)
        return
    if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Slice):
        yield from _texts_in(expr.value)  # "…"[:500]
        return
    if (found := _parts(expr)) is not None:
        yield found


def _text(where: str, template: str, values: list[ast.expr], *, sink: bool) -> Text | None:
    if not sink and not _JAPANESE.search(template):
        return None
    codes = tuple(ast.unparse(v) for v in values if _looks_like_code(v))
    return Text(where=where, template=template, code_values=codes, sink=sink)


def _sink_args(
    call: ast.Call, name: str, problems: frozenset[str], validates: bool
) -> list[ast.expr]:
    """The arguments of ``call`` that are text for people by the callee's contract."""
    keywords = {k.arg: k.value for k in call.keywords}
    if name in problems:
        return [*call.args[:1], *(keywords[k] for k in ("detail", "title") if k in keywords)]
    if name == "FieldProblem":
        return [keywords["message"]] if "message" in keywords else call.args[1:2]
    if name == "problem_response":
        return [keywords[k] for k in ("detail", "title") if k in keywords]
    if name == "PydanticCustomError":
        return call.args[1:2]
    if name in {"ValueError", "AssertionError"} and validates:
        return call.args[:1]
    return []


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # attribute docstrings: a bare string right after an assignment
        for field_name in ("body", "orelse"):
            stmts = getattr(node, field_name, None)
            if isinstance(stmts, list):
                for stmt in stmts:
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                        found.add(id(stmt.value))
    return found


def texts_in_file(path: Path, problems: frozenset[str] = frozenset()) -> Iterator[Text]:
    """Texts for people in one module; ``problems``: the names of the problem classes."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    rel = path.relative_to(ROOT).as_posix()
    validates = "pydantic" in source
    seen: set[tuple[int, int]] = set()

    def emit(node: ast.expr, *, sink: bool = False) -> Iterator[Text]:
        key = (node.lineno, node.col_offset)
        if key in seen:
            return
        seen.add(key)
        for template, values in _texts_in(node):
            if (text := _text(f"{rel}:{node.lineno}", template, values, sink=sink)) is not None:
                yield text

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name_of(node.func) or ""
            for arg in _sink_args(node, name, problems, validates):
                yield from emit(arg, sink=True)
            if name in _DOC_CALLS:
                continue
            for arg in node.args:
                yield from emit(arg)
            for keyword in node.keywords:
                if keyword.arg not in _DOC_KEYWORDS:
                    yield from emit(keyword.value)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.Return) and node.value is not None:
            yield from emit(node.value)


CONSOLE_ONLY = frozenset({"cli.py"})
"""Modules that talk to an operator's console (commands), not to a screen or a mail."""


def texts(problems: frozenset[str] = frozenset()) -> Iterator[Text]:
    for root in SOURCES:
        for path in sorted(root.rglob("*.py")):
            if "migrations" in path.parts or path.name in CONSOLE_ONLY:
                continue
            yield from texts_in_file(path, problems)
