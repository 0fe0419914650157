"""Who may call the 参考リスト and evidence (証憑) routes. Anyone with a token reads (the tenancy
filter shows prefecture staff their own prefecture); 経済産業省 keeps its list (its editors or
above, and its reviewers) and confirms evidence (its reviewers, seed 000 ⑨); a prefecture's
editors (or above) file evidence for its companies and add documents to a filing."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from chiiki_common.auth import PEOPLE, CurrentPrincipal, Principal, Role, Tier, caller
from chiiki_common.db import SessionDep
from chiiki_common.errors import Forbidden
from scoring_api.models import EvidenceFiling
from scoring_api.reference import service
from scoring_api.reference.service import REVIEWING_MINISTRY
from scoring_api.tenancy import prefecture_staff

FilingId = Annotated[int, Path(ge=1, le=2**63 - 1)]

ReferenceReader = Annotated[Principal, caller()]
RulesReader = Annotated[Principal, caller(tiers=PEOPLE)]
"""Any person signed in reads the scoring rules."""
EvidenceFiler = Annotated[Principal, prefecture_staff(Role.editor)]


def _of_the_ministry(principal: Principal) -> bool:
    return principal.tier is Tier.national and principal.organisation == REVIEWING_MINISTRY


async def meti_list_keeper(principal: CurrentPrincipal) -> Principal:
    """経済産業省's editors and its reviewers (地域経済産業政策課, who also confirm evidence) keep the
    list; no other organisation and no METI viewer may."""
    if not (
        _of_the_ministry(principal)
        and (principal.has_role(Role.editor) or principal.has_role(Role.reviewer))
    ):
        raise Forbidden(
            "経済産業省の参考リストを取り込めるのは経済産業省の編集者以上または審査担当者です"
        )
    return principal


MetiListKeeper = Annotated[Principal, Depends(meti_list_keeper)]


async def evidence_reviewer(principal: CurrentPrincipal) -> Principal:
    """経済産業省 (a national user of ``meti`` with the reviewer role) confirms or rejects."""
    if not (_of_the_ministry(principal) and principal.has_role(Role.reviewer)):
        raise Forbidden("証憑の確認は経済産業省の審査担当者が行います")
    return principal


EvidenceReviewer = Annotated[Principal, Depends(evidence_reviewer)]


async def visible_filing(
    filing_id: FilingId, session: SessionDep, principal: ReferenceReader
) -> EvidenceFiling:
    """The filing of the path, when the caller may see it (404 otherwise)."""
    return await service.visible_filing(session, principal, filing_id)


VisibleFiling = Annotated[EvidenceFiling, Depends(visible_filing)]


async def filing_to_complete(filing: VisibleFiling, principal: EvidenceFiler) -> EvidenceFiling:
    """A visible filing (404 first) its prefecture's editors add documents to (403)."""
    return filing


async def filing_to_review(filing: VisibleFiling, principal: EvidenceReviewer) -> EvidenceFiling:
    """A visible filing (404 first) 経済産業省's reviewers confirm or reject (403)."""
    return filing


FilingToComplete = Annotated[EvidenceFiling, Depends(filing_to_complete)]
FilingToReview = Annotated[EvidenceFiling, Depends(filing_to_review)]
