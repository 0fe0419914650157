"""What a prefecture's proposal must show before it is submitted (seed 002, 「地域未来戦略における
3つのクラスター計画について」 A 【都道府県のプロジェクト提案の要件】):

1. 日本成長戦略本部における、17の戦略分野に関する検討と整合していること — at least one of the 17
   fields, and how the project fits their work and the field's 官民投資ロードマップ; and, as the
   national side takes projects fitting "both the roadmap and the block's draft" (策定プロセス),
   how it fits the block's 戦略産業クラスター計画の素案;
2. 実現に向けて必要な予算措置について、関係省庁との事前調整が開始されていること — each ministry,
   the day the coordination started (not after today) and its state;
3. 一定の大規模投資の見込みがあること — the amount, the years, and the investing companies with
   their 法人番号;
4. 地域の経済発展のため、賃上げも含めた持続可能な地域の労働環境整備に貢献すること.

Every problem is reported at once, each on its field's path."""

from __future__ import annotations

from datetime import date

from chiiki_common.errors import FieldProblem
from plans_api.models import PlanType
from plans_api.proposals.schemas import ProposalContent

MISSING = "proposal.missing"


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def submission_problems(
    title: str, strategic_fields: list[str], content: ProposalContent, today: date
) -> list[FieldProblem]:
    """The requirements ``content`` does not meet yet (empty when it may be submitted)."""
    problems: list[FieldProblem] = []

    def missing(field: str, message: str) -> None:
        problems.append(FieldProblem(field=field, message=message, code=MISSING))

    if _blank(title):
        missing("title", "候補プロジェクトの名称を入力してください")
    if not strategic_fields:
        missing("strategic_fields", "該当する17の戦略分野を1つ以上選んでください")
    if _blank(content.field_alignment):
        missing(
            "field_alignment",
            "17の戦略分野に関する検討・官民投資ロードマップとの整合を記載してください",
        )
    if _blank(content.draft_alignment):
        missing("draft_alignment", f"{PlanType.A.label}の素案との整合を記載してください")
    if not content.budget_coordination:
        missing(
            "budget_coordination",
            "予算措置について事前調整を開始した関係省庁を1つ以上記載してください",
        )
    for i, entry in enumerate(content.budget_coordination):
        if entry.since is None:
            missing(f"budget_coordination/{i}/since", "調整を開始した日を入力してください")
        elif entry.since > today:
            problems.append(
                FieldProblem(
                    field=f"budget_coordination/{i}/since",
                    message="調整を開始した日が今日より後です（開始済みの調整を記載してください）",
                    code="proposal.coordination_not_started",
                )
            )
        if _blank(entry.status):
            missing(f"budget_coordination/{i}/status", "調整の状況を記載してください")
    investment = content.investment
    if not investment.amount_yen:
        missing("investment/amount_yen", "投資見込額を入力してください")
    if investment.start_fy is None:
        missing("investment/start_fy", "投資の開始年度を入力してください")
    if investment.end_fy is None:
        missing("investment/end_fy", "投資の終了年度を入力してください")
    if (
        investment.start_fy is not None
        and investment.end_fy is not None
        and investment.end_fy < investment.start_fy
    ):
        problems.append(
            FieldProblem(
                field="investment/end_fy",
                message="投資の終了年度が開始年度より前です",
                code="proposal.years_reversed",
            )
        )
    if not investment.investors:
        missing(
            "investment/investors", "投資を予定する企業を1社以上、法人番号とともに記載してください"
        )
    if _blank(content.labour_environment):
        missing(
            "labour_environment",
            "賃上げも含めた持続可能な地域の労働環境整備への貢献を記載してください",
        )
    return problems
