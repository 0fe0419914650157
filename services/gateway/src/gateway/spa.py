"""The single-page application: built files from ``spa_dir``, ``index.html`` for client routes."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
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


def spa_router(spa_dir: Path) -> APIRouter:
    """Routes for the SPA build in ``spa_dir`` (which exists)."""
    root = spa_dir.resolve()
    router = APIRouter(tags=["spa"])

    @router.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        """A built file, or ``index.html`` so the SPA's router handles the path."""
        if path.startswith(_NOT_SPA):
            raise NotFound()
        candidate = (root / path).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            candidate = root / "index.html"
            if not candidate.is_file():
                raise NotFound()
        # only the bundler's hashed assets may be cached for good
        hashed = candidate.parent.name == "assets"
        cache = "public, max-age=31536000, immutable" if hashed else "no-cache"
        return FileResponse(
            candidate, headers={"Content-Security-Policy": CSP, "Cache-Control": cache}
        )

    return router
