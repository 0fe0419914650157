"""Who may read the reference lists: any caller (the same lists are open data under
``/public/v1/reference``)."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import Principal, caller

ReferenceReader = Annotated[Principal, caller()]
