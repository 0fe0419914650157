"""各種調整 (seed 000 ⑤ 3.): who a plan was coordinated with. The parties' kinds and their names
have this one home; the API's ``party_kind`` and the SPA's checklist read them from here."""

from __future__ import annotations

from enum import StrEnum


class PartyKind(StrEnum):
    municipality = "municipality"
    business_group = "business_group"
    company = "company"
    university = "university"
    research_body = "research_body"
    financial_institution = "financial_institution"
    assembly = "assembly"
    other = "other"

    @property
    def label(self) -> str:
        """The kind as people read it (the SPA's checklist shows the same words)."""
        return PARTY_KIND_LABELS[self]


PARTY_KIND_LABELS: dict[PartyKind, str] = {
    PartyKind.municipality: "市町村",
    PartyKind.business_group: "経済団体・業界団体",
    PartyKind.company: "企業・事業者",
    PartyKind.university: "大学",
    PartyKind.research_body: "研究機関",
    PartyKind.financial_institution: "金融機関",
    PartyKind.assembly: "議会",
    PartyKind.other: "その他",
}
"""Each kind's name, in the order the checklist offers them."""
