"""No untranslated message reaches a person (issue 11): every problem title, every text the services
hand to a problem, a field's message or a validator, every pydantic error type the inputs can raise,
the framework's own errors, and every mail template are Japanese, with no English word, field path,
code or Python/JSON representation (the rule: :mod:`tests.common.untranslated`).

Each checker is also run on a seeded bad example, so a checker that passes everything fails here.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import textwrap
import types
import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, TypeAdapter, ValidationError

from chiiki_common import errors
from chiiki_common.app import create_service_app
from chiiki_common.errors import (
    _PYDANTIC_MESSAGES,
    _STATUS_TITLES,
    GENERIC_FIELD_MESSAGE,
    ProblemError,
    problems_from_pydantic,
)
from chiiki_common.schemas import InputModel
from chiiki_common.settings import ServiceSettings
from tests.common import pydantic_errors, source_texts
from tests.common.untranslated import untranslated
from tests.fixtures.auth import TokenFactory

# --- the rule itself -------------------------------------------------------------------------

BAD = [
    "Field required",
    "Input should be a valid integer",
    "file: 必須項目です",
    "lt",
    "比較は lt で指定してください",
    "accompanying_support は必須です",
    "capex_target_yearを入力してください",
    "{'loc': ['body', 'title'], 'msg': 'x'}",
    '[{"field": "title"}] を確認してください',
    "値が None です",
    "現在の状態(draft)ではできません",
    "plans-api に接続できません",
    "",
    "12345",
]
GOOD = [
    "KGI「計画での付加価値増加額」の目標値を入力してください",
    "ファイルは 10 MB 以下にしてください",
    "詳細: https://chiiki.example/plans/12?tab=review",
    "A類型の計画は2027年度上期から",
    "UTF-8 又は Shift_JIS で保存してください",
    "令和9年度(R9)",
]


@pytest.mark.parametrize("text", BAD)
def test_the_rule_refuses_english_codes_and_reprs(text: str) -> None:
    assert untranslated(text), text


@pytest.mark.parametrize("text", GOOD)
def test_the_rule_accepts_japanese_with_the_allowed_words(text: str) -> None:
    assert untranslated(text) == []


def test_templates_and_html_are_checked_for_their_text_only() -> None:
    assert untranslated("KPI実績報告({half})", template=True) == []
    assert untranslated("{}: {}", template=True) == []
    assert untranslated("{} is not allowed", template=True)
    assert untranslated('<p><a href="x">詳細を確認する</a></p>', html=True) == []
    assert untranslated("<p>Details</p>", html=True)


# --- problem classes and titles --------------------------------------------------------------


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.fixture(scope="module")
def problem_classes() -> list[type[ProblemError]]:
    pydantic_errors.routers()  # imports every module of every service
    return [ProblemError, *_subclasses(ProblemError)]


def test_every_problem_class_has_a_japanese_title(problem_classes: list[type]) -> None:
    assert len(problem_classes) > 15
    bad = {c.__qualname__: untranslated(c.title) for c in problem_classes if untranslated(c.title)}
    assert bad == {}


def test_every_status_title_and_field_message_of_the_catalogue_is_japanese() -> None:
    texts = [title for _, title in _STATUS_TITLES.values()]
    texts += [*_PYDANTIC_MESSAGES.values(), GENERIC_FIELD_MESSAGE]
    assert [(t, r) for t in texts if (r := untranslated(t, template=True))] == []


# --- pydantic error types --------------------------------------------------------------------


def missing_messages(reachable: dict[str, str], catalogue: dict[str, str]) -> dict[str, str]:
    return {kind: where for kind, where in reachable.items() if kind not in catalogue}


@pytest.fixture(scope="module")
def reachable() -> dict[str, str]:
    return pydantic_errors.reachable_error_types()


def test_every_pydantic_error_type_the_inputs_can_raise_has_a_japanese_message(
    reachable: dict[str, str],
) -> None:
    # the walk found the types a body of numbers, texts, dates, lists and choices raises
    assert {"int_parsing", "string_too_long", "extra_forbidden", "enum", "date_parsing"} <= set(
        reachable
    )
    assert missing_messages(reachable, _PYDANTIC_MESSAGES) == {}


def test_a_type_left_out_of_the_catalogue_is_found(reachable: dict[str, str]) -> None:
    catalogue = dict(_PYDANTIC_MESSAGES)
    del catalogue["int_from_float"]
    assert set(missing_messages(reachable, catalogue)) == {"int_from_float"}


def test_an_error_type_outside_the_catalogue_never_shows_pydantic_english() -> None:
    class Probe(BaseModel):
        when: datetime

    err = {"type": "url_parsing", "loc": ("body", "x"), "msg": "Input should be a valid URL"}
    assert problems_from_pydantic([err])[0].message == GENERIC_FIELD_MESSAGE
    with pytest.raises(ValidationError) as caught:
        Probe.model_validate({"when": "next tuesday"})
    (problem,) = problems_from_pydantic(caught.value.errors())
    assert untranslated(problem.message) == []


def test_bounds_are_named_in_the_message() -> None:
    err = {"type": "greater_than_equal", "loc": ("body", "n"), "msg": "", "ctx": {"ge": 2000}}
    assert problems_from_pydantic([err])[0].message == "2000以上の値を入力してください"
    err = {"type": "less_than_equal", "loc": ("body", "n"), "msg": "", "ctx": {"le": 10**15}}
    assert problems_from_pydantic([err])[0].message.startswith("1,000,000,000,000,000以下")


_HOSTILE: list[Any] = [
    None,
    True,
    "x",
    "",
    "2026-13-45",
    "12億",
    "\x00",
    "a\nb",
    -1,
    1.5,
    10**20,
    [],
    [1],
    {},
    {"unknown_field": 1},
    "a" * 25_000,
    ["x"] * 300,
]


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _hostile_documents(model: type[BaseModel], depth: int = 0) -> Iterator[Any]:
    yield from ([], "x", 1, None)
    for name, field in model.model_fields.items():
        key = field.alias or name
        for value in _HOSTILE:
            yield {key: value}
        if depth < 3:
            for inner in _models_in(field.annotation):
                for document in _hostile_documents(inner, depth + 1):
                    yield {key: document}
                    yield {key: [document]}


def _field_messages() -> Iterator[tuple[str, str, str]]:
    """``(where, error type, message)`` for hostile bodies sent to every route's body model."""
    seen: set[type] = set()
    for router in pydantic_errors.routers():
        for route in router.routes:
            body = getattr(getattr(route, "dependant", None), "body_params", [])
            for param in body:
                for model in _models_in(param.field_info.annotation):
                    if model in seen:
                        continue
                    seen.add(model)
                    adapter = TypeAdapter(model)
                    for document in _hostile_documents(model):
                        try:
                            adapter.validate_json(json.dumps(document))
                        except ValidationError as exc:
                            for problem in problems_from_pydantic(list(exc.errors())):
                                yield model.__qualname__, problem.code or "", problem.message


def test_hostile_bodies_to_every_route_get_japanese_field_messages(
    reachable: dict[str, str],
) -> None:
    found = list(_field_messages())
    assert len({where for where, _, _ in found}) > 25  # every body model was tried
    bad = {(where, code, message) for where, code, message in found if untranslated(message)}
    assert bad == set()
    # the schema walk saw every type the bodies really raise (custom types are ours: Japanese)
    builtin = errors._BUILTIN_TYPES
    unforeseen = {code for _, code, _ in found if code in builtin} - set(reachable)
    assert unforeseen == set()


# --- texts in the source ---------------------------------------------------------------------

EXEMPT: dict[tuple[str, str], str] = {
    (
        "services/plans-api/src/plans_api/directory/service.py",
        "{}(団体コード {})",
    ): "a municipality's 全国地方公共団体コード (six digits) beside its prefecture, only until the"
    " gateway's directory has named it (plans_api.directory reads the names)",
    (
        "services/plans-api/src/plans_api/pdf/service.py",
        "{}_第{}版{}.pdf",
    ): "a file name: the plan's title and version, and the extension the file needs",
    (
        "services/gateway/src/gateway/organisations/importer.py",
        "{} 行目 ({}): ",
    ): "`code` here is the 団体コード of the row (six digits), as the file has it",
    (
        "services/plans-api/src/plans_api/internal/auth.py",
        "サービス間連携用のスコープ",
    ): "internal API: only the services call it (the gateway never routes /internal)",
    (
        "services/plans-api/src/plans_api/plans/disclosure.py",
        "売上|",
    ): "a search pattern for trade figures (English words in plans are searched too); never shown",
    (
        "services/scoring-api/src/scoring_api/calls/service.py",
        "円|売上|",
    ): "a search pattern for trade figures; never shown",
    (
        "services/plans-api/src/plans_api/registry/schemas.py",
        "B類型({})の公表版",
    ): "the registry API's field description (OpenAPI, for the ministries' developers)",
    (
        "services/plans-api/src/plans_api/models/plans.py",
        "{}類型 {}",
    ): "the type's letter is how Japanese names the type (「B類型」), beside the type's name",
    (
        "libs/common/src/chiiki_common/spreadsheet_parser.py",
        "{} のセルの種類「{}」",
    ): "`kind` is the cell's type as the uploaded file writes it, quoted back to its author",
    (
        "services/scoring-api/src/scoring_api/calls/service.py",
        "{}。募集期間は",
    ): "`state` is one of two Japanese sentences chosen just above (募集開始前です / 終了しました)",
}


def _problems_of(texts: Iterator[source_texts.Text]) -> list[str]:
    out = []
    for text in texts:
        path = text.where.rsplit(":", 1)[0]
        if any(path == p and text.template.startswith(t) for p, t in EXEMPT):
            continue
        reasons = untranslated(text.template, template=True, html="</" in text.template)
        if text.code_values:
            reasons.append(f"コードの値を埋め込んでいる: {list(text.code_values)}")
        if reasons:
            out.append(f"{text.where}: {text.template!r} {reasons}")
    return out


def _problem_names(classes: list[type]) -> frozenset[str]:
    return frozenset(c.__name__ for c in classes)


def test_every_text_the_services_write_for_people_is_japanese(problem_classes: list[type]) -> None:
    texts = list(source_texts.texts(_problem_names(problem_classes)))
    assert len(texts) > 500
    assert sum(t.sink for t in texts) > 150  # problems, field messages, validators' errors
    assert _problems_of(iter(texts)) == []


def test_the_source_check_finds_english_codes_and_code_values(
    tmp_path: Path, problem_classes: list[type]
) -> None:
    module = tmp_path / "seeded.py"
    module.write_text(
        textwrap.dedent(
            """
            from pydantic import BaseModel
            def f(plan, exc, code):
                raise Conflict(f"現在の状態({plan.state.value})では提出できません")
                raise ValidationFailed(errors=[FieldProblem(field="x", message="Field required")])
                raise ValidationFailed("accompanying_support は必須です")
                raise NotFound(f"計画がありません: {exc!r}")
                raise ValueError("value must be positive")
                return FieldProblem(field="y", message="種類を指定してください: " + ", ".join(codes))
            OK = "計画「{title}」を確認してください"
            """
        ),
        encoding="utf-8",
    )
    source_texts.ROOT, root = tmp_path, source_texts.ROOT
    try:
        found = _problems_of(source_texts.texts_in_file(module, _problem_names(problem_classes)))
    finally:
        source_texts.ROOT = root
    assert len(found) == 6, found
    assert not any("{title}" in line for line in found)


# --- the framework's own errors --------------------------------------------------------------


class _Body(InputModel):
    count: int


def _probe(tokens: TokenFactory) -> FastAPI:
    router = APIRouter()

    @router.post("/things")
    async def things(body: _Body) -> dict[str, int]:
        return {"count": body.count}

    settings = ServiceSettings(
        service_name="plans-api", database_url="sqlite+aiosqlite:///:memory:"
    )
    return create_service_app(
        settings, title="probe", routers=[router], verifier=tokens.verifier("plans-api")
    )


def _problem_texts(body: dict[str, Any]) -> list[str]:
    texts = [body["title"], *([body["detail"]] if body.get("detail") else [])]
    return texts + [e["message"] for e in body.get("errors") or []]


async def test_the_frameworks_own_errors_are_japanese(tokens: TokenFactory) -> None:
    app = _probe(tokens)
    auth = tokens.headers(tier="prefecture", org="430005", roles=["editor"])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://probe"
    ) as client:
        answers = [
            await client.get("/nowhere", headers=auth),  # 404 from routing
            await client.delete("/things", headers=auth),  # 405
            await client.post("/things"),  # 401
            await client.post(
                "/things",
                content=b"{not json",
                headers={**auth, "content-type": "application/json"},
            ),
            await client.post("/things", json={"count": "12", "extra": 1}, headers=auth),
            await client.post("/things", json={"count": "a\x00"}, headers=auth),
        ]
    assert [a.status_code for a in answers] == [404, 405, 401, 422, 422, 422]
    bad = [
        (a.status_code, text, reasons)
        for a in answers
        for text in _problem_texts(a.json())
        if (reasons := untranslated(text))
    ]
    assert bad == []


# --- mail ------------------------------------------------------------------------------------


def _sample(annotation: Any, name: str) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return _sample(next(a for a in args if a is not type(None)), name)
    if annotation is str:
        if "link" in name or "url" in name:
            return "https://chiiki.example/plans/12"
        return "地域産業成長プランの見本"
    if annotation is bool:
        return True
    if annotation is int:
        return 3
    if annotation is datetime:
        return datetime(2026, 7, 15, 14, 59, tzinfo=UTC)
    if annotation is date:
        return date(2026, 7, 15)
    if origin in (list, tuple, set, frozenset) or (
        origin is not None and getattr(origin, "__name__", "") in {"Sequence", "Iterable"}
    ):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return tuple(_sample(a, name) for a in args)
        item = _sample(args[0], name) if args else "見本"
        return [item, item] if origin is not tuple else (item, item)
    if origin is dict or (origin is not None and getattr(origin, "__name__", "") == "Mapping"):
        return {_sample(args[0], "key"): _sample(args[1], name)}
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        hints = typing.get_type_hints(annotation)
        return annotation(
            **{f.name: _sample(hints[f.name], f.name) for f in dataclasses.fields(annotation)}
        )
    raise AssertionError(f"the mail test needs a sample for {annotation!r} ({name})")


def _mail_templates() -> Iterator[tuple[str, Any]]:
    from notify.mail import messages

    for name, function in vars(messages).items():
        if (
            inspect.isfunction(function)
            and function.__module__ == messages.__name__
            and not name.startswith("_")
        ):
            hints = typing.get_type_hints(function)
            if hints.get("return") is not messages.Content:
                continue
            params = inspect.signature(function).parameters
            kwargs = {p: _sample(hints[p], p) for p in params}
            yield name, function(**kwargs)


def test_every_mail_template_is_japanese() -> None:
    contents = dict(_mail_templates())
    assert {"reminder", "plan_returned", "digest"} <= set(contents)
    bad = []
    for name, content in contents.items():
        for part in ("subject", "text", "summary"):
            if reasons := untranslated(getattr(content, part)):
                bad.append((name, part, reasons))
        if reasons := untranslated(content.html, html=True):
            bad.append((name, "html", reasons))
    assert bad == []


def test_every_label_and_title_of_the_mail_catalogue_is_japanese() -> None:
    from notify.mail import messages

    bad = []
    for name, value in vars(messages).items():
        if not name.isupper():
            continue
        values = value.values() if isinstance(value, dict) else [value]
        for text in values:
            if isinstance(text, str) and (reasons := untranslated(text, template=True)):
                bad.append((name, text, reasons))
    assert bad == []
