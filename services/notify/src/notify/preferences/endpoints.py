"""通知設定: my preferences and my organisation's mail settings."""

from __future__ import annotations

from fastapi import APIRouter

from chiiki_common.db import SessionDep
from notify.preferences import service
from notify.preferences.auth import OrganisationAdmin, Person
from notify.preferences.schemas import (
    OrganisationSettingsIn,
    OrganisationSettingsOut,
    PreferencesIn,
    PreferencesOut,
)

router = APIRouter(prefix="/api/notify", tags=["preferences"])


@router.get("/preferences", response_model=PreferencesOut, summary="自分の通知設定")
async def get_my_preferences(session: SessionDep, principal: Person) -> PreferencesOut:
    """Whether the caller mutes optional mail (all of it or some reasons) or takes it as a daily
    digest."""
    return await service.my_preferences(session, principal)


@router.put("/preferences", response_model=PreferencesOut, summary="自分の通知設定を変更する")
async def put_my_preferences(
    body: PreferencesIn, session: SessionDep, principal: Person
) -> PreferencesOut:
    """Mute optional mail (all of it, or the reasons listed in ``muted_reasons``) or take it as one
    mail a day at 09:00 JST. Mandatory notices (deadline reminders, returned plans, plans arriving
    at their prefecture, pre-check results, KPI withdrawal criteria) always arrive."""
    return await service.set_my_preferences(session, principal, body)


@router.get(
    "/organisation-settings", response_model=OrganisationSettingsOut, summary="団体の通知設定"
)
async def get_organisation_settings(
    session: SessionDep, principal: OrganisationAdmin
) -> OrganisationSettingsOut:
    """The caller's organisation's mail settings (.ics attachments, LGWAN-side mailboxes)."""
    return await service.organisation_settings(session, principal)


@router.put(
    "/organisation-settings",
    response_model=OrganisationSettingsOut,
    summary="団体の通知設定を変更する(管理者)",
)
async def put_organisation_settings(
    body: OrganisationSettingsIn, session: SessionDep, principal: OrganisationAdmin
) -> OrganisationSettingsOut:
    """Attach an .ics to deadline mail, or mark the organisation's mailboxes as LGWAN-side: such
    mail is sent sanitised, as plain text without HTML or attachments."""
    return await service.set_organisation_settings(session, principal, body)
