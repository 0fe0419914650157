"""The plan rules have one home: the API serves them from the domain code and the SPA's generated
module is exactly that document (a rule changed in plans-api without regenerating fails here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from plans_api.plans.content import REQUIREMENTS, STRATEGIC_FIELDS
from plans_api.plans.kgi_requirements import MANDATORY_KGIS
from plans_api.reference.rules import rules_document
from tests.plans_api.conftest import PlansContext

ROOT = Path(__file__).resolve().parents[3]


async def test_the_api_serves_the_rules_of_the_domain_code(ctx: PlansContext) -> None:
    response = await ctx.client.get(
        "/api/plans/reference/rules", headers=ctx.tokens.prefecture("430005", "viewer")
    )
    assert response.status_code == 200
    body = response.json()
    assert body == rules_document()
    assert [f["label"] for f in body["strategic_fields"]] == list(STRATEGIC_FIELDS.values())
    assert len(body["strategic_fields"]) == 17
    assert [r["label"] for r in body["requirements"]["C"]] == [r.label for r in REQUIREMENTS["C"]]
    assert [k["name"] for k in body["mandatory_kgis"]["B"]] == [m.name for m in MANDATORY_KGIS["B"]]
    assert body["editable_states"] == ["draft", "returned"]
    unauthenticated = await ctx.client.get("/api/plans/reference/rules")
    assert unauthenticated.status_code == 401


def test_the_spa_reads_the_same_document() -> None:
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/spa_rules.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_the_check_fails_when_the_spa_copy_differs(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("spa_rules", ROOT / "scripts/spa_rules.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.TARGET = tmp_path / "rules.gen.ts"
    module.TARGET.write_text(module.render().replace("AI・半導体", "AI・半導体(旧)"))
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 1
    sys.argv = ["spa_rules.py"]
    assert module.main() == 0
    sys.argv = ["spa_rules.py", "--check"]
    assert module.main() == 0
