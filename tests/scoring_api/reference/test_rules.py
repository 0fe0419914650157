"""The scoring rules have one home: the API serves them from the domain code and the settings, the
messages that state the employee limit take it from the same place, and the SPA's generated module
is exactly the document with the settings' defaults."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import httpx

from scoring_api.app import create_app
from scoring_api.calls.criteria import (
    FORM2_EARLIEST_START,
    MAX_EMPLOYEES_DEFAULT,
    MIN_SALES_DEFAULT,
)
from scoring_api.calls.schemas import REQUIRED_DOCUMENTS
from scoring_api.reference.rules import default_rules_document, rules_document
from scoring_api.scores.formulas import METRICS
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, create_company
from tests.scoring_api.plans_fake import FakePlans, wire

ROOT = Path(__file__).resolve().parents[3]
RULES = "/api/scoring/reference/rules"


async def test_the_api_serves_the_rules_of_the_domain_code(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    response = await client.get(RULES, headers=tokens.municipality("431001", "viewer"))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, max-age=3600"
    body = response.json()
    assert body == rules_document(settings)
    assert body["reference_list"] == {
        "top_percent": settings.reference_list_top_percent,
        "max_employees": settings.reference_list_max_employees,
    }
    assert body["call_criteria_defaults"] == {
        "min_sales": MIN_SALES_DEFAULT,
        "max_employees": MAX_EMPLOYEES_DEFAULT,
    }
    assert body["form2_earliest_start"] == FORM2_EARLIEST_START.isoformat() == "2024-04-01"
    assert {d["code"]: d["label"] for d in body["required_documents"]} == REQUIRED_DOCUMENTS
    assert [(m["name"], m["label"]) for m in body["metrics"]] == [
        (m.name, m.label) for m in METRICS
    ]
    assert (await client.get(RULES)).status_code == 401
    machine = await client.get(RULES, headers=tokens.service("svc-notify", scope="scoring:read"))
    assert machine.status_code == 403


async def test_the_employee_limit_is_the_settings_in_the_document_and_the_refusal(
    settings: Settings, tokens: TokenFactory
) -> None:
    lowered = settings.model_copy(update={"reference_list_max_employees": 1500})
    app = create_app(lowered, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, lowered, tokens, FakePlans(tokens))) as client:
        rules = (await client.get(RULES, headers=tokens.national("viewer"))).json()
        assert rules["reference_list"]["max_employees"] == 1500
        assert rules["call_criteria_defaults"]["max_employees"] == MAX_EMPLOYEES_DEFAULT

        editor = tokens.prefecture(KUMAMOTO, "editor")
        number = await create_company(client, editor, 1, employees=1800)
        filing = await client.post(
            "/api/scoring/evidence-filings",
            json={"corporate_number": number, "fiscal_year": 2024, "statement": "県外取引の明細"},
            headers=editor,
        )
        assert filing.status_code == 201, filing.text
        refused = await client.post(
            f"/api/scoring/evidence-filings/{filing.json()['id']}/review",
            json={"decision": "confirmed"},
            headers=tokens.national("reviewer", org="meti"),
        )
        assert refused.status_code == 422
        problem = refused.json()
        # 1,800 is within the default 2,000: only the setting refuses it, in its own words
        assert problem["title"] == "従業員規模が1,500名以下でないため確認できません"
        assert "2,000" not in problem["title"]
        assert problem["detail"] == "従業員数が1,800名で、1,500名を超えています"
        assert problem["errors"][0]["message"] == "従業員規模1,500名以下が要件です"


def test_the_spa_reads_the_document_with_the_default_settings() -> None:
    assert default_rules_document()["reference_list"]["max_employees"] == 2000
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/spa_rules.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spa_rules", ROOT / "scripts/spa_rules.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_check_fails_when_the_spa_copy_of_the_scoring_rules_differs(tmp_path: Path) -> None:
    module = _script()
    module.TARGET = tmp_path / "rules.gen.ts"
    module.SCORING_TARGET = tmp_path / "scoringRules.gen.ts"
    module.TARGET.write_text(module.render())
    module.SCORING_TARGET.write_text(
        module.render_scoring().replace('"max_employees": 2000', '"max_employees": 3000', 1)
    )
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 1
    sys.argv = ["spa_rules.py"]
    assert module.main() == 0
    assert '"max_employees": 2000' in module.SCORING_TARGET.read_text()
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 0
