"""The single-page application: built files from ``spa_dir``, ``index.html`` for client routes.

The build writes a brotli (``.br``) and a gzip (``.gz``) copy beside each text asset
(``frontend/scripts/compress.mjs``); a client that accepts one is sent it as it is, brotli first,
with ``Content-Encoding``, its own ``Content-Length`` and ``Vary: Accept-Encoding``. Nothing is
compressed per request. A range request is answered from the file itself (a range of a compressed
copy is not what the client asked for), and so is a client that accepts neither encoding.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from chiiki_common.errors import NotFound

CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
_NOT_SPA = (
    "api/",
    "auth/",
    "admin/",
    "directory/",
    "internal/",
    "registry/",
    "public/",
    ".well-known/",
)
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
"""The precompressed copies, in the order they are preferred."""


def accepted_encodings(header: str | None) -> set[str]:
    """The content codings ``Accept-Encoding`` allows (q > 0); ``*`` allows every one not named."""
    allowed: set[str] = set()
    refused: set[str] = set()
    wildcard = False
    for item in (header or "").split(","):
        name, *params = (part.strip() for part in item.split(";"))
        name = name.lower()
        if not name:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        if name == "*":
            wildcard = quality > 0
        elif quality > 0:
            allowed.add(name)
        else:
            refused.add(name)
    if wildcard:
        allowed |= {coding for coding, _ in ENCODINGS} - refused
    return allowed


def _variant(root: Path, file: Path, suffix: str) -> Path | None:
    variant = file.with_name(file.name + suffix)
    resolved = variant.resolve()
    if resolved.is_relative_to(root) and resolved.is_file():
        return resolved
    return None


def spa_router(spa_dir: Path) -> APIRouter:
    """Routes for the SPA build in ``spa_dir`` (which exists)."""
    root = spa_dir.resolve()
    router = APIRouter(tags=["spa"])

    @router.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def spa(path: str, request: Request) -> FileResponse:
        """A built file, or ``index.html`` so the SPA's router handles the path."""
        if path.startswith(_NOT_SPA):
            raise NotFound()
        candidate = (root / path).resolve()
        precompressed = candidate.name.endswith(tuple(suffix for _, suffix in ENCODINGS))
        if precompressed or not candidate.is_relative_to(root) or not candidate.is_file():
            # a copy is only ever sent in place of its file, never asked for by its own name
            candidate = root / "index.html"
            if not candidate.is_file():
                raise NotFound()
        # only the bundler's hashed assets may be cached for good
        hashed = candidate.parent.name == "assets"
        headers = {
            "Content-Security-Policy": CSP,
            "Cache-Control": "public, max-age=31536000, immutable" if hashed else "no-cache",
        }
        media_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        variants = [
            (coding, found)
            for coding, suffix in ENCODINGS
            if (found := _variant(root, candidate, suffix)) is not None
        ]
        if variants:
            headers["Vary"] = "Accept-Encoding"
        if "range" not in request.headers:
            accepted = accepted_encodings(request.headers.get("accept-encoding"))
            for coding, found in variants:
                if coding in accepted:
                    # ranges are served from the file itself only: none of this copy
                    headers |= {"Content-Encoding": coding, "Accept-Ranges": "none"}
                    return FileResponse(found, media_type=media_type, headers=headers)
        return FileResponse(candidate, media_type=media_type, headers=headers)

    return router
