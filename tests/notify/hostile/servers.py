"""SMTP servers that are down in the ways a relay goes down, on loopback: one that answers every
connection with a 4xx greeting and hangs up, one that accepts connections and never speaks."""

from __future__ import annotations

import socket
import threading


class GreetingRefusal:
    """Answers each connection ``421 …`` at once and closes it (a relay shedding load)."""

    def __init__(self, port: int, greeting: bytes = b"421 4.3.2 Service not available\r\n") -> None:
        self.port, self.greeting = port, greeting
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", port))
        self._listener.settimeout(0.1)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                self.connections += 1
                connection.sendall(self.greeting)

    def __enter__(self) -> GreetingRefusal:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        self._listener.close()


class SilentServer:
    """Listens but never accepts nor greets: the connection is made and the greeting times out."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._listener = socket.create_server(("127.0.0.1", port), backlog=64)

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *_: object) -> None:
        self._listener.close()
