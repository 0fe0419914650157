"""One OpenAPI document for the whole platform: the gateway's routes and every upstream's.

Upstream documents are fetched with a short timeout and cached briefly; an upstream that does not
answer simply leaves its part out. Internal and health routes are never published. A component
name used by two services with different definitions is prefixed with the service's name, and the
``$ref``s of that service are rewritten to match.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import structlog

log = structlog.get_logger("gateway.openapi")

HIDDEN_PREFIXES = ("/internal", "/healthz", "/readyz")


def _published(path: str) -> bool:
    return not any(path == p or path.startswith(p + "/") for p in HIDDEN_PREFIXES)


def _prefix(service: str) -> str:
    return "".join(part.capitalize() for part in service.replace("_", "-").split("-"))


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                renames.get(value, value)
                if key == "$ref" and isinstance(value, str)
                else _rewrite_refs(value, renames)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def merge_documents(own: dict[str, Any], upstreams: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The gateway's own document with each upstream's published paths and components added."""
    merged = copy.deepcopy(own)
    merged["paths"] = {p: v for p, v in merged.get("paths", {}).items() if _published(p)}
    components: dict[str, dict[str, Any]] = merged.setdefault("components", {})
    tags = {tag["name"]: tag for tag in merged.get("tags", [])}
    for service, document in upstreams.items():
        renames: dict[str, str] = {}
        incoming = document.get("components", {})
        for section, entries in incoming.items():
            target = components.setdefault(section, {})
            for name, definition in entries.items():
                if name in target and target[name] != definition:
                    renames[f"#/components/{section}/{name}"] = (
                        f"#/components/{section}/{_prefix(service)}{name}"
                    )
        document = _rewrite_refs(document, renames) if renames else document
        for section, entries in document.get("components", {}).items():
            target = components.setdefault(section, {})
            for name, definition in entries.items():
                key = f"#/components/{section}/{name}"
                target[renames[key].rsplit("/", 1)[1] if key in renames else name] = definition
        for path, item in document.get("paths", {}).items():
            if _published(path) and path not in merged["paths"]:
                merged["paths"][path] = item
        for tag in document.get("tags", []):
            tags.setdefault(tag["name"], tag)
    if tags:
        merged["tags"] = list(tags.values())
    return merged


Fetch = Callable[[str], Awaitable[dict[str, Any] | None]]


class OpenAPICache:
    """The merged document, rebuilt at most every ``ttl_seconds``."""

    def __init__(self, upstreams: dict[str, str], *, ttl_seconds: float, timeout: float) -> None:
        self._upstreams = upstreams
        self._ttl = ttl_seconds
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._cached: tuple[float, dict[str, Any]] | None = None
        self._lock = asyncio.Lock()

    async def document(self, http: aiohttp.ClientSession, own: dict[str, Any]) -> dict[str, Any]:
        async with self._lock:
            if self._cached is not None and self._cached[0] > time.monotonic():
                return self._cached[1]
            names = list(self._upstreams)
            fetched = await asyncio.gather(*(self._fetch(http, name) for name in names))
            documents = {name: doc for name, doc in zip(names, fetched, strict=True) if doc}
            merged = merge_documents(own, documents)
            # a partial document is cached only briefly so a restarted upstream reappears soon
            ttl = self._ttl if len(documents) == len(names) else min(self._ttl, 2.0)
            self._cached = (time.monotonic() + ttl, merged)
            return merged

    async def _fetch(self, http: aiohttp.ClientSession, name: str) -> dict[str, Any] | None:
        url = self._upstreams[name].rstrip("/") + "/openapi.json"
        try:
            async with http.get(url, timeout=self._timeout) as response:
                if response.status != 200:
                    raise aiohttp.ClientError(f"status {response.status}")
                document = await response.json()
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            log.warning("openapi.upstream.missing", upstream=name, error=repr(exc))
            return None
        return document if isinstance(document, dict) else None
