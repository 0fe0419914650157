"""Who may call the call (公募) and application routes. Calls and their applications are visible
to the call's prefecture and to national users (404 for everyone else, before any role check);
the prefecture's approvers open calls, set their plan, waive documents and decide, its editors
(or above) enter applications, their documents and the assessment."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path

from chiiki_common.auth import Principal, Role, caller
from chiiki_common.db import SessionDep
from scoring_api.calls import service
from scoring_api.models import Application, Call
from scoring_api.tenancy import prefecture_staff

CallId = Annotated[int, Path(ge=1, le=2**63 - 1)]
ApplicationId = Annotated[int, Path(ge=1, le=2**63 - 1)]

CallsReader = Annotated[Principal, caller()]
"""Anyone with a token; the tenancy filter shows each only the calls they may see."""
CallApprover = Annotated[Principal, prefecture_staff(Role.approver)]
CallEditor = Annotated[Principal, prefecture_staff(Role.editor)]


async def visible_call(call_id: CallId, session: SessionDep, principal: CallsReader) -> Call:
    """The call of the path, when the caller may see it (404 otherwise)."""
    return await service.visible_call(session, principal, call_id)


VisibleCall = Annotated[Call, Depends(visible_call)]


async def call_to_manage(call: VisibleCall, principal: CallApprover) -> Call:
    """A visible call (404 first) its prefecture's approvers manage (403)."""
    return call


async def call_to_apply_to(call: VisibleCall, principal: CallEditor) -> Call:
    """A visible call (404 first) its prefecture's editors enter applications to (403)."""
    return call


CallToManage = Annotated[Call, Depends(call_to_manage)]
CallToApplyTo = Annotated[Call, Depends(call_to_apply_to)]


async def visible_application(
    application_id: ApplicationId, session: SessionDep, principal: CallsReader
) -> tuple[Application, Call]:
    """The application of the path with its call, when the caller may see the call (404
    otherwise)."""
    return await service.visible_application(session, principal, application_id)


VisibleApplication = Annotated[tuple[Application, Call], Depends(visible_application)]


async def application_to_edit(
    found: VisibleApplication, principal: CallEditor
) -> tuple[Application, Call]:
    """A visible application (404 first) its call's prefecture's editors complete (403)."""
    return found


async def application_to_decide(
    found: VisibleApplication, principal: CallApprover
) -> tuple[Application, Call]:
    """A visible application (404 first) its call's prefecture's approvers decide on (403)."""
    return found


ApplicationToEdit = Annotated[tuple[Application, Call], Depends(application_to_edit)]
ApplicationToDecide = Annotated[tuple[Application, Call], Depends(application_to_decide)]
