"""A file people keep (the PDF, a version's CSV or xlsx): its name in Japanese for the browser and
a plain one for clients that read only ``filename=`` (RFC 6266, RFC 5987), an ETag from its bytes,
and 304 when the copy the caller holds is current."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from fastapi import Response

UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


def plan_file_names(
    plan_id: int, title: str, version: int, extension: str, *, draft: bool = False
) -> tuple[str, str]:
    """``計画名_第2版.pdf`` (``_下書き`` before publication) and ``plan-7-v2.pdf``."""
    safe_title = UNSAFE_IN_FILENAMES.sub("_", title).strip() or f"計画{plan_id}"
    return (
        f"{safe_title}_第{version}版{'_下書き' if draft else ''}.{extension}",
        f"plan-{plan_id}-v{version}{'-draft' if draft else ''}.{extension}",
    )


@dataclass(frozen=True)
class Download:
    data: bytes
    media_type: str
    filename: str
    """The name people see (the plan's title and version, in Japanese)."""
    ascii_filename: str
    """The same for clients that read only ``filename=``."""
    disposition: Literal["inline", "attachment"] = "attachment"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.data).hexdigest()[:32] + '"'

    @property
    def content_disposition(self) -> str:
        """Both names: ``filename*`` (RFC 5987, UTF-8) carries the Japanese."""
        return (
            f'{self.disposition}; filename="{self.ascii_filename}"; '
            f"filename*=UTF-8''{quote(self.filename, safe='')}"
        )

    def response(self, if_none_match: str | None, cache_control: str) -> Response:
        """The file, or 304 when ``if_none_match`` names its ETag."""
        headers = {"ETag": self.etag, "Cache-Control": cache_control}
        if if_none_match and self.etag in {t.strip() for t in if_none_match.split(",")}:
            return Response(status_code=304, headers=headers)
        headers["Content-Disposition"] = self.content_disposition
        return Response(content=self.data, media_type=self.media_type, headers=headers)
