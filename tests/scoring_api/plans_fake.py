"""A stand-in for plans-api's two selection routes, following the contract in
``plans_api.internal.schemas``: ``GET /internal/plans/{id}/selection-target`` and
``POST /internal/plans/{id}/core-companies``, both checking the service token and its scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI, Form, Header, HTTPException, Query
from fastapi.responses import JSONResponse

from chiiki_common.validators import prefecture_code
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory

PLAN_ID = "12"
"""熊本県's B plan, in draft, that the tests' calls select into unless they say otherwise."""

SCOPE = "plans:core-companies:write"
ADDED_STATES = {"draft", "returned"}
CHANGE_REQUEST_STATES = {"precheck_completed", "announced", "submitted"}
IN_REVIEW_STATES = {"prefecture_review", "precheck_requested", "in_review"}
BODY_FIELDS = {"corporate_number", "name", "prefecture_code", "role", "scale", "support_target"}
TRADE_FIGURE = re.compile(r"(売上|仕入|販売額|購入額|取引額|取引高).*[0-9０-９]+.*(円|億|万)")


@dataclass
class FakePlan:
    plan_type: str = "B"
    authors: tuple[str, ...] = ("430005",)
    state: str = "draft"
    title: str = "半導体産業と半導体ユーザー産業"
    core_companies: list[dict[str, Any]] = field(default_factory=list)


class FakePlans:
    """plans-api's selection routes over in-memory plans; ``failing`` answers 503 to pushes."""

    def __init__(self, tokens: TokenFactory, *, failing: bool = False) -> None:
        self.failing = failing
        self.pushes = 0
        self.checks = 0
        self.plans: dict[int, FakePlan] = {int(PLAN_ID): FakePlan()}
        verifier = tokens.verifier("plans-api")
        self.app = FastAPI()

        def authorise(authorization: str) -> None:
            claims = verifier.verify(authorization.removeprefix("Bearer "))
            if claims["tier"] != "service" or SCOPE not in claims["scope"].split():
                raise HTTPException(403)

        @self.app.get("/internal/plans/{plan_id}/selection-target")
        async def selection_target(
            plan_id: int, prefecture: str = Query(), authorization: str = Header()
        ) -> dict[str, Any]:
            authorise(authorization)
            self.checks += 1
            return self.target(plan_id, prefecture)

        @self.app.post("/internal/plans/{plan_id}/core-companies")
        async def add_core_company(
            plan_id: int, body: dict[str, Any], authorization: str = Header()
        ) -> JSONResponse:
            self.pushes += 1
            authorise(authorization)
            if self.failing:
                return _problem(503, "一時的に利用できません")
            if set(body) - BODY_FIELDS or not {
                "corporate_number",
                "name",
                "prefecture_code",
            } <= set(body):
                return _problem(422, "本文が契約と異なります")
            if TRADE_FIGURE.search(str(body.get("scale") or "") + str(body.get("role") or "")):
                return _problem(422, "売上高・仕入高などの金額は記載できません")
            target = self.target(plan_id, body["prefecture_code"])
            if not target["open_to_selection"]:
                reason = target["reasons"][0]
                status = 404 if reason["code"] == "plan.not_found" else 409
                if reason["code"] in {"plan.not_type_b", "plan.other_prefecture"}:
                    status = 422
                return _problem(status, reason["message"])
            plan = self.plans[plan_id]
            if any(c["corporate_number"] == body["corporate_number"] for c in plan.core_companies):
                effect = "unchanged"
            else:
                plan.core_companies.append(body)
                effect = target["effect"]
                if effect == "change_request":
                    plan.state = "precheck_requested"
            return JSONResponse(
                {
                    "plan_id": plan_id,
                    "version": len(plan.core_companies),
                    "state": plan.state,
                    "effect": effect,
                    "core_companies": plan.core_companies,
                }
            )

    def core_companies(self, plan_id: str = PLAN_ID) -> list[dict[str, Any]]:
        return self.plans[int(plan_id)].core_companies

    def target(self, plan_id: int, prefecture: str) -> dict[str, Any]:
        code = prefecture_code(prefecture[:2])
        plan = self.plans.get(plan_id)
        answer: dict[str, Any] = {
            "plan_id": plan_id,
            "found": plan is not None,
            "plan_type": plan.plan_type if plan else None,
            "title": plan.title if plan else None,
            "state": plan.state if plan else None,
            "open_to_selection": False,
            "effect": None,
            "reasons": [],
        }

        def closed(code: str, message: str, retryable: bool = False) -> dict[str, Any]:
            answer["reasons"] = [{"code": code, "message": message, "retryable": retryable}]
            return answer

        if plan is None:
            return closed("plan.not_found", "計画が見つかりません")
        if plan.plan_type != "B":
            return closed("plan.not_type_b", "地域産業クラスター計画(B)ではありません")
        if code not in plan.authors:
            return closed("plan.other_prefecture", "公募の都道府県が作成者の計画ではありません")
        if plan.state in IN_REVIEW_STATES:
            return closed("plan.in_review", "事前確認の審査中です", retryable=True)
        if plan.state == "published":
            return closed("plan.published", "公表済みの計画です(改訂してください)")
        if plan.state == "withdrawn":
            return closed("plan.withdrawn", "取り下げられた計画です")
        answer["open_to_selection"] = True
        answer["effect"] = "added" if plan.state in ADDED_STATES else "change_request"
        assert plan.state in ADDED_STATES | CHANGE_REQUEST_STATES
        return answer


def _problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse(
        {
            "type": "about:blank",
            "title": "計画に追加できません",
            "status": status,
            "detail": detail,
        },
        status_code=status,
        media_type="application/problem+json",
    )


def fake_gateway(tokens: TokenFactory) -> FastAPI:
    """The gateway's client-credentials endpoint, issuing svc-scoring's token."""
    gateway = FastAPI()

    @gateway.post("/auth/token")
    async def token(grant_type: str = Form()) -> dict[str, Any]:
        assert grant_type == "client_credentials"
        return {
            "access_token": tokens.token(
                tier="service", org="svc-scoring", scope=SCOPE, subject="svc-scoring"
            ),
            "expires_in": 300,
        }

    return gateway


def wire(app: FastAPI, settings: Settings, tokens: TokenFactory, plans: FakePlans) -> FastAPI:
    """Point ``app``'s plans-api connection at ``plans``, with svc-scoring's credentials."""
    app.state.plans.settings = settings.model_copy(
        update={"service_client_id": "svc-scoring", "service_client_secret": "s"}
    )
    app.state.plans.transport = httpx.ASGITransport(app=plans.app)
    app.state.plans.token_transport = httpx.ASGITransport(app=fake_gateway(tokens))
    return app
