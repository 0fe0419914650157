"""送信ログ: what was sent to whom, when, in what state, after how many attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from notify.mail import service
from notify.mail.auth import MailAdmin
from notify.mail.schemas import MailLogEntry
from notify.models import MailState

router = APIRouter(prefix="/api/notify", tags=["mail"])


@router.get("/mails", response_model=Page[MailLogEntry], summary="メール送信ログ(管理者)")
async def list_mail_log(
    session: SessionDep,
    principal: MailAdmin,
    page: PageDep,
    recipient: Annotated[
        str | None, Query(max_length=320, description="宛先のメールアドレスまたは利用者ID")
    ] = None,
    reason: Annotated[str | None, Query(max_length=60, description="通知の種類(前方一致)")] = None,
    state: Annotated[MailState | None, Query(description="送信状態")] = None,
    since: Annotated[datetime | None, Query(description="作成日時の下限(含む)")] = None,
    until: Annotated[datetime | None, Query(description="作成日時の上限(含まない)")] = None,
) -> Page[MailLogEntry]:
    """The mail log, newest first. A national administrator sees every mail; an organisation's
    administrator sees the mail sent to its own people. ``state=dead`` lists the mail that could
    not be delivered (refused with 5xx, or out of attempts) with its last error."""
    return await service.mail_log(
        session,
        principal,
        recipient=recipient,
        reason=reason,
        state=state,
        since=since,
        until=until,
        limit=page.limit,
        offset=page.offset,
    )


@router.post(
    "/mails/{mail_id}/retry", response_model=MailLogEntry, summary="送信不能メールを再送する"
)
async def retry_dead_mail(
    mail_id: Annotated[int, Path(ge=1, le=2**63 - 1)], session: SessionDep, principal: MailAdmin
) -> MailLogEntry:
    """Queue a dead mail again (same Message-ID); 409 for a mail that is not dead."""
    return await service.retry_dead(session, principal, mail_id)
