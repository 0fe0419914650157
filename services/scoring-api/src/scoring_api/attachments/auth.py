"""Who may download an attachment: anyone with a token asks, and only who may see the application
or evidence filing it belongs to gets it (the query's tenancy filter; everyone else 404). Uploads
are the owner's routes (``calls``, ``reference``)."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import Principal, caller

AttachmentReader = Annotated[Principal, caller()]
