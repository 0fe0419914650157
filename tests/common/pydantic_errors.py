"""Which pydantic error types the platform's inputs can raise, read from their core schemas.

Every route's body, query, path, header and cookie parameters are walked (models through their
definitions); each schema node names the error types it can produce (``int`` with ``ge`` →
``int_type``, ``int_parsing``, ``int_from_float``, ``greater_than_equal``, …). The list is then held
against the catalogue of Japanese messages in :mod:`chiiki_common.errors`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

PACKAGES = ("chiiki_common", "gateway", "plans_api", "scoring_api", "notify")

_BOUNDS = {
    "gt": "greater_than",
    "ge": "greater_than_equal",
    "lt": "less_than",
    "le": "less_than_equal",
}
_BY_TYPE: dict[str, tuple[str, ...]] = {
    "str": ("string_type",),
    "int": ("int_type", "int_parsing", "int_from_float", "int_parsing_size"),
    "float": ("float_type", "float_parsing", "finite_number"),
    "decimal": ("decimal_type", "decimal_parsing", "finite_number"),
    "bool": ("bool_type", "bool_parsing"),
    "date": (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ),
    "datetime": ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"),
    "time": ("time_type", "time_parsing"),
    "timedelta": ("time_delta_type", "time_delta_parsing"),
    "uuid": ("uuid_type", "uuid_parsing"),
    "bytes": ("bytes_type",),
    "list": ("list_type",),
    "tuple": ("tuple_type",),
    "set": ("set_type",),
    "frozenset": ("frozen_set_type",),
    "dict": ("dict_type",),
    "model": ("model_type",),
    "model-fields": ("missing",),
    "typed-dict": ("dict_type", "missing"),
    "dataclass": ("dataclass_type", "missing"),
    "literal": ("literal_error",),
    "enum": ("enum",),
    "tagged-union": ("union_tag_invalid", "union_tag_not_found"),
    "url": ("url_type", "url_parsing", "url_syntax_violation", "url_too_long", "url_scheme"),
    "function-after": ("value_error", "assertion_error"),
    "function-before": ("value_error", "assertion_error"),
    "function-wrap": ("value_error", "assertion_error"),
    "function-plain": ("value_error", "assertion_error"),
    "is-instance": ("is_instance_of",),
    "json": ("json_invalid", "json_type"),
}
ALWAYS = frozenset({"json_invalid", "missing"})
"""What any request can raise: a body that is not JSON, a required parameter left out."""


def error_types(schema: Any) -> Iterator[str]:
    """Every error type a core schema (and the schemas inside it) can raise."""
    if isinstance(schema, list):
        for item in schema:
            yield from error_types(item)
        return
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if isinstance(kind, str):
        yield from _BY_TYPE.get(kind, ())
        for bound, name in _BOUNDS.items():
            if bound in schema:
                yield name
        if "multiple_of" in schema:
            yield "multiple_of"
        if kind == "str":
            if schema.get("min_length"):
                yield "string_too_short"
            if schema.get("max_length") is not None:
                yield "string_too_long"
            if schema.get("pattern"):
                yield "string_pattern_mismatch"
        if kind in {"list", "tuple", "set", "frozenset", "dict"}:
            if schema.get("min_length"):
                yield "too_short"
            if schema.get("max_length") is not None:
                yield "too_long"
        if kind == "decimal":
            if "max_digits" in schema:
                yield "decimal_max_digits"
            if "decimal_places" in schema:
                yield "decimal_max_places"
                yield "decimal_whole_digits"
        if kind == "datetime" and "tz_constraint" in schema:
            yield "timezone_aware" if schema["tz_constraint"] == "aware" else "timezone_naive"
        if kind in {"model", "model-fields", "typed-dict"}:
            config = schema.get("config") or {}
            if schema.get("extra_behavior") == "forbid" or (
                config.get("extra_fields_behavior") == "forbid"
            ):
                yield "extra_forbidden"
    for key, value in schema.items():
        if key not in {"metadata", "serialization", "ref"}:
            yield from error_types(value)


def _import_all() -> None:
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, name + "."):
            if ".migrations." not in module.name:
                importlib.import_module(module.name)


def routers() -> list[APIRouter]:
    """Every router the services define at module level (their whole API)."""
    _import_all()
    found: list[APIRouter] = []
    for name in list(importlib.sys.modules):  # type: ignore[attr-defined]
        if not name.startswith(PACKAGES):
            continue
        for value in vars(importlib.sys.modules[name]).values():  # type: ignore[attr-defined]
            if isinstance(value, APIRouter) and all(value is not r for r in found):
                found.append(value)
    return found


def parameter_schemas() -> Iterator[tuple[str, Any]]:
    """``(where, core schema)`` of every parameter of every route."""
    for router in routers():
        for route in router.routes:
            if not isinstance(route, APIRoute):
                continue
            stack = [route.dependant]
            while stack:
                dependant = stack.pop()
                stack.extend(dependant.dependencies)
                for param in (
                    *dependant.body_params,
                    *dependant.query_params,
                    *dependant.path_params,
                    *dependant.header_params,
                    *dependant.cookie_params,
                ):
                    info = param.field_info
                    adapter = TypeAdapter(Annotated[info.annotation, info])
                    where = f"{','.join(sorted(route.methods))} {route.path} {param.name}"
                    yield where, adapter.core_schema


def reachable_error_types() -> dict[str, str]:
    """Each error type the API's inputs can raise, with one place that raises it."""
    found = dict.fromkeys(ALWAYS, "any request")
    for where, schema in parameter_schemas():
        for kind in error_types(schema):
            found.setdefault(kind, where)
    return found
