"""The 様式 workbook labels the 自治体のコミットメント items with the fields' descriptions in
``plans/content.py``, as the editor and the PDF do (it kept its own, shorter copy before:
「人員確保・体制」). The import reads the values by their keys, so a workbook written with the
earlier labels still imports; no other module of plans-api writes a description again."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from plans_api.exports.workbook import Field, sheets_for
from plans_api.models import PlanType
from plans_api.plans.content import COMMITMENT_MODELS
from tests.common.literals import string_literals
from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports.forms import field_cell, xlsx_bytes
from tests.plans_api.exports.test_exports import export
from tests.plans_api.factories import KIKUYO, KUMAMOTO, complete, create, write

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "services/plans-api/src/plans_api"
HOME = PACKAGE / "plans/content.py"
EARLIER_LABELS = {
    "departments": "伴走支援の担当部署",
    "staff": "人員確保・体制",
    "frequency": "伴走支援の頻度",
    "support_fields": "伴走支援を行う分野",
    "measures": "伴走支援の具体的取組",
    "financial_institutions": "参画する地域金融機関",
    "department": "相談窓口の担当部署",
    "further_departments": "その他の相談窓口(自治体の他部署・関係団体等)",
    "contact": "相談窓口の連絡先",
}
"""The labels the workbook wrote before it read the descriptions."""


def descriptions(plan_type: PlanType) -> dict[str, str]:
    fields = COMMITMENT_MODELS[plan_type].model_fields
    return {name: str(field.description) for name, field in fields.items()}


def descriptions_written(source: str) -> list[int]:
    """The lines of ``source`` that write a commitment item's description, whole or without its
    bracketed note (「参画する地域金融機関」 of 「参画する地域金融機関（あれば）」)."""
    written = {d for t in (PlanType.B, PlanType.C) for d in descriptions(t).values()}
    written |= {d.split("（")[0] for d in written}
    return [line for line, text in string_literals(source) if text in written]


@pytest.mark.parametrize("plan_type", [PlanType.B, PlanType.C])
def test_the_commitment_is_labelled_with_the_fields_descriptions(plan_type: PlanType) -> None:
    labelled = {
        item.key.removeprefix("commitment."): item.label
        for _, _, items in sheets_for(plan_type)
        for item in items
        if isinstance(item, Field) and item.key.startswith("commitment.")
    }
    assert labelled == descriptions(plan_type)
    assert list(labelled) == list(COMMITMENT_MODELS[plan_type].model_fields)
    if plan_type is PlanType.B:
        assert labelled["staff"] == "伴走支援の人員確保・体制構築"


@pytest.mark.parametrize("plan_type", ["B", "C"])
async def test_a_workbook_with_the_earlier_labels_still_imports(
    ctx: PlansContext, plan_type: str
) -> None:
    if plan_type == "B":
        headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    else:
        headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, plan_type))
    if plan_type == "C":
        more = {**plan["commitment"], "further_departments": ["菊陽町商工会"], "contact": "内線1"}
        plan = await write(ctx.client, headers, plan, "PATCH", "", {"commitment": more})
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    for name, description in descriptions(PlanType(plan_type)).items():
        value = field_cell(workbook, f"commitment.{name}")
        label = value.parent.cell(row=value.row, column=1)
        assert label.value == description
        label.value = EARLIER_LABELS[name]
    target = await create(ctx.client, headers, plan_type, title="取込先")
    response = await ctx.client.post(
        f"/api/plans/{target['id']}/import",
        files={"file": ("plan.xlsx", xlsx_bytes(workbook), "application/octet-stream")},
        headers={**headers, "If-Match": f'"{target["version"]}"'},
    )
    assert response.status_code == 200, response.text
    assert response.json()["commitment"] == plan["commitment"]
    assert any(plan["commitment"].values())


def test_no_module_but_the_home_writes_a_description() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != HOME and (lines := descriptions_written(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "read the label from the field's description in plans_api.plans.content"


def test_the_check_sees_a_description_written_again() -> None:
    source = (
        '"""伴走支援の頻度 in a docstring is documentation."""\n'
        'A = {"frequency": "伴走支援の頻度", "staff": "人員確保・体制"}\n'
        'B = "参画する地域金融機関"\n'
        'C = f"「{label}」を記載してください"\n'
    )
    assert descriptions_written(source) == [2, 3]
