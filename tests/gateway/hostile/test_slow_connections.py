"""Idle and half-open connections: a real gateway process (``serve``, as every service runs) keeps
answering while 500 sockets hang on it, and closes them once the header timeout has passed."""

from __future__ import annotations

import contextlib
import resource
import selectors
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway import MIGRATIONS
from tests.fixtures.databases import DatabaseFactory
from tests.gateway.hostile.processes import gateway_environment, gateway_process

HANGING = 500
HEADER_TIMEOUT = 2.0
KEEP_ALIVE_TIMEOUT = 1
CLOSE_BOUND_SECONDS = 30.0
"""Generous: the server closes them after HEADER_TIMEOUT; a loaded CI machine may lag."""


@pytest.fixture
def enough_file_descriptors() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4 * HANGING
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


@pytest.fixture
def gateway_url(
    database_factory: DatabaseFactory, tmp_path: Path, enough_file_descriptors: None
) -> Iterator[str]:
    url = database_factory.fresh("sqlite", "gateway", MIGRATIONS)
    args = [
        "--timeout-header",
        str(HEADER_TIMEOUT),
        "--timeout-keep-alive",
        str(KEEP_ALIVE_TIMEOUT),
    ]
    with gateway_process(gateway_environment(url, tmp_path), tmp_path, args) as base_url:
        yield base_url


def _open(port: int, count: int) -> list[socket.socket]:
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sockets.append(sock)
    return sockets


def _closed_by_server(sockets: list[socket.socket], trickle: list[socket.socket]) -> set[int]:
    """Wait (bounded) until the server has closed every socket; returns the indexes it closed.

    The ``trickle`` sockets send one more header byte every round, as a slow-loris client does."""
    closed: set[int] = set()
    selector = selectors.DefaultSelector()
    for index, sock in enumerate(sockets):
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, index)
    deadline = time.monotonic() + CLOSE_BOUND_SECONDS
    try:
        while len(closed) < len(sockets) and time.monotonic() < deadline:
            for sock in trickle:
                if sockets.index(sock) not in closed:
                    with contextlib.suppress(OSError):
                        sock.send(b"X")
            for key, _ in selector.select(timeout=0.5):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    data = sock.recv(65536)
                except ConnectionResetError:
                    data = b""
                except BlockingIOError:
                    continue
                if data == b"":
                    closed.add(key.data)
                    selector.unregister(sock)
    finally:
        selector.close()
    return closed


def test_500_idle_and_half_open_connections_do_not_slow_a_request_and_are_closed(
    gateway_url: str,
) -> None:
    port = int(gateway_url.rsplit(":", 1)[1])
    sockets = _open(port, HANGING)
    try:
        half = HANGING // 2
        # half send the start of a request and stop before the blank line that ends the headers
        for sock in sockets[:half]:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        idle = sockets[half:]  # the other half connect and say nothing
        trickle = sockets[:10]

        started = time.monotonic()
        response = httpx.get(f"{gateway_url}/healthz", timeout=10)
        elapsed = time.monotonic() - started
        assert response.status_code == 200
        assert elapsed < 2.0, f"a normal request took {elapsed:.2f} s beside {HANGING} sockets"

        closed = _closed_by_server(sockets, trickle)
        assert len(closed) == HANGING, (
            f"{HANGING - len(closed)} of {HANGING} sockets still open "
            f"({len([i for i in range(half, HANGING) if i not in closed])} of {len(idle)} idle)"
        )
        assert httpx.get(f"{gateway_url}/healthz", timeout=10).status_code == 200
    finally:
        for sock in sockets:
            sock.close()


def test_an_idle_keep_alive_connection_is_closed_after_the_keep_alive_timeout(
    gateway_url: str,
) -> None:
    port = int(gateway_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answered = sock.recv(65536)
        assert answered.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        sock.settimeout(CLOSE_BOUND_SECONDS)
        rest = b""
        while chunk := sock.recv(65536):  # ends when the server closes the connection
            rest += chunk
        waited = time.monotonic() - started
    # closed by the server, not left open for the client to hold
    assert waited >= KEEP_ALIVE_TIMEOUT * 0.5
    assert waited < CLOSE_BOUND_SECONDS
