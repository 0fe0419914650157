"""The SPA's files precompressed: brotli first, then gzip, else the file itself; Vary and lengths
right; ranges and HEAD consistent with GET; nothing outside the build, and no copy by its own name."""

from __future__ import annotations

import gzip
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gateway.spa import accepted_encodings, spa_router
from tests.gateway.conftest import GatewayFactory

JS = b"console.log('spa');\n" * 200
INDEX = "<!doctype html><title>地域産業成長プラン</title>".encode()
BROTLI_JS = b"\x1b-not-really-brotli-but-its-own-bytes"  # served as stored, never re-encoded


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(INDEX)
    (root / "index.html.gz").write_bytes(gzip.compress(INDEX))
    (root / "assets" / "app-1234.js").write_bytes(JS)
    (root / "assets" / "app-1234.js.br").write_bytes(BROTLI_JS)
    (root / "assets" / "app-1234.js.gz").write_bytes(gzip.compress(JS))
    (root / "assets" / "font-1.woff2").write_bytes(b"wOF2" + b"\x00" * 64)
    (tmp_path / "secret.txt").write_text("outside the build")
    (tmp_path / "secret.txt.br").write_text("outside the build, compressed")
    return root


@asynccontextmanager
async def _client(root: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    app.include_router(spa_router(root))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://spa"
    ) as client:
        yield client


async def _raw(
    client: httpx.AsyncClient, path: str, method: str = "GET", **headers: str
) -> tuple[httpx.Response, bytes]:
    """The answer and its body exactly as sent (httpx would decode gzip on reading)."""
    headers.setdefault("accept-encoding", "identity")
    async with client.stream(method, path, headers=headers) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("gzip;q=1.0, br;q=0", {"gzip"}),
        ("*", {"br", "gzip"}),
        ("*;q=0.5, br;q=0", {"gzip"}),
        ("identity", {"identity"}),
        ("", set()),
        ("gzip;q=abc", set()),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header: str, expected: set[str]) -> None:
    assert accepted_encodings(header) == expected


async def test_brotli_is_sent_first_as_stored_with_its_own_length(dist: Path) -> None:
    async with _client(dist) as client:
        response, body = await _raw(
            client, "/assets/app-1234.js", **{"accept-encoding": "gzip, br"}
        )
    assert response.status_code == 200
    assert body == BROTLI_JS
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-length"] == str(len(BROTLI_JS))
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["accept-ranges"] == "none"


async def test_gzip_when_brotli_is_not_accepted(dist: Path) -> None:
    async with _client(dist) as client:
        response, body = await _raw(client, "/assets/app-1234.js", **{"accept-encoding": "gzip"})
        refused, refused_body = await _raw(
            client, "/assets/app-1234.js", **{"accept-encoding": "br;q=0, gzip"}
        )
    for answer, raw in ((response, body), (refused, refused_body)):
        assert answer.headers["content-encoding"] == "gzip"
        assert gzip.decompress(raw) == JS
        assert answer.headers["content-length"] == str(len(raw))
        assert answer.headers["vary"] == "Accept-Encoding"
        assert answer.headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize("header", ["identity", "", "deflate", "br;q=0, gzip;q=0"])
async def test_the_file_itself_when_no_copy_is_accepted(dist: Path, header: str) -> None:
    async with _client(dist) as client:
        response, body = await _raw(client, "/assets/app-1234.js", **{"accept-encoding": header})
    assert body == JS
    assert "content-encoding" not in response.headers
    assert response.headers["content-length"] == str(len(JS))
    assert response.headers["vary"] == "Accept-Encoding"  # a cache keeps the variants apart
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_a_range_is_served_from_the_file_itself(dist: Path) -> None:
    async with _client(dist) as client:
        response, body = await _raw(
            client, "/assets/app-1234.js", **{"accept-encoding": "br, gzip", "range": "bytes=0-6"}
        )
    assert response.status_code == 206
    assert body == JS[:7]
    assert "content-encoding" not in response.headers
    assert response.headers["content-range"] == f"bytes 0-6/{len(JS)}"


async def test_head_answers_the_headers_get_would(dist: Path) -> None:
    async with _client(dist) as client:
        for encoding in ("br", "gzip", "identity"):
            get, _ = await _raw(client, "/assets/app-1234.js", **{"accept-encoding": encoding})
            head, body = await _raw(
                client, "/assets/app-1234.js", "HEAD", **{"accept-encoding": encoding}
            )
            assert head.status_code == 200
            assert body == b""
            for name in ("content-length", "content-encoding", "content-type", "vary", "etag"):
                assert head.headers.get(name) == get.headers.get(name), (encoding, name)


async def test_client_routes_get_the_compressed_index_and_are_not_cached(dist: Path) -> None:
    async with _client(dist) as client:
        response, body = await _raw(client, "/plans/12", **{"accept-encoding": "br, gzip"})
    assert response.headers["content-encoding"] == "gzip"  # the build left no index.html.br
    assert gzip.decompress(body) == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_a_file_without_copies_is_sent_as_it_is_without_vary(dist: Path) -> None:
    async with _client(dist) as client:
        response, body = await _raw(client, "/assets/font-1.woff2", **{"accept-encoding": "br"})
    assert body.startswith(b"wOF2")
    assert "content-encoding" not in response.headers
    assert "vary" not in response.headers
    assert response.headers["content-type"] == "font/woff2"


async def test_a_copy_is_never_served_by_its_own_name(dist: Path) -> None:
    async with _client(dist) as client:
        for path in ("/assets/app-1234.js.br", "/assets/app-1234.js.gz"):
            response, body = await _raw(client, path)
            assert response.headers["content-type"].startswith("text/html"), path
            assert body == INDEX


@pytest.mark.parametrize(
    "path",
    ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt"],
)
async def test_nothing_outside_the_build_is_served(dist: Path, path: str) -> None:
    async with _client(dist) as client:
        for encoding in ("br", "identity"):
            _, body = await _raw(client, path, **{"accept-encoding": encoding})
            assert b"outside the build" not in body, (path, encoding)


async def test_a_copy_linking_out_of_the_build_is_not_served(dist: Path) -> None:
    link = dist / "assets" / "app-1234.js.br"
    link.unlink()
    os.symlink(dist.parent / "secret.txt.br", link)
    async with _client(dist) as client:
        response, body = await _raw(client, "/assets/app-1234.js", **{"accept-encoding": "br"})
    assert response.headers.get("content-encoding") is None
    assert body == JS


async def test_through_the_gateway_the_copy_keeps_its_headers(
    sqlite_gateway: GatewayFactory, dist: Path
) -> None:
    async with sqlite_gateway(spa_dir=str(dist)) as client:
        response, body = await _raw(client, "/assets/app-1234.js", **{"accept-encoding": "gzip"})
        api = await client.get("/api/plans", headers={"accept-encoding": "br"})
    assert response.headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == JS
    assert response.headers["content-length"] == str(len(body))
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-encoding" not in api.headers  # the API's answers are not the SPA's copies
