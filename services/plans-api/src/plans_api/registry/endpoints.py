"""``/registry/v1``: the read-only registry ministries' subsidy systems query (OAuth2 client
credentials, scope ``registry:read``). Answers carry the plan, its type (A/B/C), its prefecture,
the company's role (B: 計画推進の核となる企業, C: 推進の核となる事業者), whether it is a target of the
accompanying support, the version and its publication date — never a sales or purchase figure.
``b_review_consideration`` is the flag for B's 審査上の考慮 (true only for B core companies that
are support targets); C operators carry their own ``c_core_operator``."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.routing import Match, Route
from starlette.types import Scope

from chiiki_common.auth import authenticate
from chiiki_common.db import ReadConnectionDep, ReadSessionDep, SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import CorporateNumber, Page
from plans_api.models import PlanType
from plans_api.registry import repository, service
from plans_api.registry.auth import RegistryReader, check_registry_reader
from plans_api.registry.schemas import (
    AttestationIn,
    AttestationOut,
    BatchLookupIn,
    BatchLookupOut,
    CompanyLookup,
    PublishedPlan,
)

router = APIRouter(prefix="/registry/v1", tags=["registry"])

IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match")]
PlanTypeQuery = Annotated[PlanType | None, Query(alias="type", description="類型")]
PrefectureQuery = Annotated[
    str | None, Query(pattern=r"^\d{2}(\d{4})?$", description="都道府県(2桁又は団体コード)")
]


def cacheable(request: Request, payload: object, if_none_match: str | None) -> Response:
    """A JSON answer with a strong ETag of its body; 304 when the caller already holds it."""
    body = cast(bytes, JSONResponse(content=payload).body)  # render() gives bytes
    tag = service.body_etag(body)
    if if_none_match and tag in {t.strip() for t in if_none_match.split(",")}:
        return Response(status_code=304, headers={"ETag": tag})
    return Response(content=body, media_type="application/json", headers={"ETag": tag})


def answer(model: BaseModel) -> Response:
    """A model the service built and validated, serialised once: FastAPI's response_model would
    dump it and validate the dump again (the registry's hot path; the schema stays declared)."""
    return Response(content=model.model_dump_json(), media_type="application/json")


@router.get("/companies/{corporate_number}", response_model=CompanyLookup)
async def lookup_company(
    corporate_number: Annotated[CorporateNumber, Path(description="法人番号(13桁)")],
    connection: ReadConnectionDep,
    principal: RegistryReader,
) -> Response:
    """Is this company named in a published plan, as what, and of which plan and version?
    ``b_review_consideration`` is true only for a 計画推進の核となる企業 of a B plan that is a target
    of its accompanying support (伴走支援の対象) — the companies 審査上の考慮 applies to; a C plan's
    推進の核となる事業者 is reported with ``c_core_operator`` instead."""
    return answer((await service.lookup(connection, [corporate_number]))[corporate_number])


_CORPORATE_NUMBER: TypeAdapter[str] = TypeAdapter(CorporateNumber)


def _path_number(raw: str) -> str:
    """The path parameter checked as FastAPI checks the declared route's (the same 422 body)."""
    try:
        return _CORPORATE_NUMBER.validate_python(raw)
    except ValidationError as exc:
        loc = ("path", "corporate_number")
        errors = exc.errors(include_url=False)
        raise RequestValidationError([{**e, "loc": loc + e["loc"]} for e in errors]) from None


async def _lookup_company_lean(request: Request) -> Response:
    """``lookup_company`` without FastAPI's routing through the included routers and its
    dependency solving (measured: a third of the lookup's CPU). The same steps in the same order,
    each raising what its dependency raises: the token, a connection of the read engine, the
    caller's scope, the number, the query."""
    principal = await authenticate(request)
    engine: AsyncEngine = request.app.state.read_engine
    async with engine.connect() as connection:
        check_registry_reader(principal)
        number = _path_number(request.path_params["corporate_number"])
        return answer((await service.lookup(connection, [number]))[number])


class _GetRoute(Route):
    """Takes GET alone: HEAD and every other method still reach the declared route."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope.get("method") != "GET":
            return Match.NONE, {}
        return super().matches(scope)


lean_lookup_route = _GetRoute(
    f"{router.prefix}/companies/{{corporate_number}}",
    _lookup_company_lean,
    methods=["GET"],
    name="lookup_company_lean",
    include_in_schema=False,
)
"""Mounted in front of the routers (``plans_api.app``); the FastAPI route above stays declared
for the OpenAPI document and answers byte for byte the same (a test holds both to it)."""


@router.post("/companies/lookup", response_model=BatchLookupOut)
async def lookup_companies(
    body: BatchLookupIn, connection: ReadConnectionDep, principal: RegistryReader
) -> Response:
    """Look up to 1,000 corporate numbers in one request (more answers 422). Every valid number is
    answered and every invalid one is marked in place (``position``, ``valid: false``, ``error``
    with the reason); the results keep the order sent. Flags as for one lookup."""
    results = await service.batch_lookup(connection, body.corporate_numbers)
    return answer(BatchLookupOut.model_construct(results=results))


@router.get(
    "/plans",
    response_model=Page[PublishedPlan],
    responses={304: {"description": "If-None-Match と一致(変更なし)"}},
)
async def list_published_plans(
    request: Request,
    session: ReadSessionDep,
    principal: RegistryReader,
    page: PageDep,
    plan_type: PlanTypeQuery = None,
    prefecture: PrefectureQuery = None,
    if_none_match: IfNoneMatch = None,
) -> Response:
    """Published plans (the current published version of each), cacheable with ETag."""
    query = repository.PublishedQuery(plan_type.value if plan_type else None, prefecture)
    payload = await service.published_page(session, query, page)
    return cacheable(request, payload, if_none_match)


@router.post("/attestations", response_model=AttestationOut, status_code=201)
async def attest_core_company(
    body: AttestationIn, session: SessionDep, principal: RegistryReader
) -> AttestationOut:
    """ "Was corporate number X a core company of a published plan at the end of date D (JST), and
    in which version?" D after today is refused (422); a D before the first publication answers
    false with ``reason``. The answer is stored as a receipt whose ``id`` the ministry keeps with
    its review record."""
    return await service.attest(session, principal, body.corporate_number, body.on_date)


@router.get("/attestations/{receipt_id}", response_model=AttestationOut)
async def get_attestation(
    receipt_id: Annotated[str, Path(max_length=36)],
    session: ReadSessionDep,
    principal: RegistryReader,
) -> JSONResponse:
    """A receipt issued earlier, with exactly the content it was issued with, forever (stored
    append-only and never recomputed; only to the client it was issued to)."""
    return JSONResponse(await service.get_receipt(session, principal, receipt_id))
