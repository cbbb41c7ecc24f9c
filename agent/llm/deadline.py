"""A total deadline per HTTP request to the model server: connect, headers and the full body.

httpx's timeouts bound each read, so a server that trickles its answer one byte every few seconds holds a call
for as long as it likes. `DeadlineTransport` starts a watchdog with each request; when the deadline passes before
the body is complete, the watchdog shuts the connection's socket down (which wakes the blocked read at once) and
the request fails with `httpx.ReadTimeout`, which the OpenAI SDK reports as a timeout like any other. A body
still arriving after half the deadline is warned about once. Connections are not kept alive, so the watchdog
always knows the socket of its own request.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import httpx2 as httpx

logger = logging.getLogger(__name__)


class _Watchdog:
    """Shuts the request's socket down when `deadline_s` has passed."""

    def __init__(self, deadline_s: float, host: str) -> None:
        self.deadline_s, self.host = deadline_s, host
        self.started = time.monotonic()
        self.fired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(deadline_s, self._fire)
        self._timer.daemon = True
        self._warned = False

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook: remember the socket once the connection is made."""
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            with self._lock:
                self._socket = sock if isinstance(sock, socket.socket) else self._socket
                if self.fired:
                    self._shutdown()

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def check_slow(self) -> None:
        if not self._warned and time.monotonic() - self.started > self.deadline_s / 2:
            self._warned = True
            logger.warning("model server at %s is sending its answer slowly; it is cut at %g s", self.host,
                           self.deadline_s)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            self._shutdown()

    def _shutdown(self) -> None:
        if self._socket is not None:
            with suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)

    def timeout(self, request: httpx.Request) -> httpx.ReadTimeout:
        return httpx.ReadTimeout(f"no complete answer within {self.deadline_s:g} s", request=request)


class _DeadlineStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, watchdog: _Watchdog, request: httpx.Request) -> None:
        self._inner, self._watchdog, self._request = inner, watchdog, request

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._inner:
                if self._watchdog.fired:
                    raise self._watchdog.timeout(self._request)
                self._watchdog.check_slow()
                yield chunk
        except httpx.TransportError as exc:
            if self._watchdog.fired and not isinstance(exc, httpx.ReadTimeout):
                raise self._watchdog.timeout(self._request) from exc
            raise
        if self._watchdog.fired:
            raise self._watchdog.timeout(self._request)

    def close(self) -> None:
        self._watchdog.cancel()
        self._inner.close()


class DeadlineTransport(httpx.HTTPTransport):
    """An HTTP transport whose every request is cut after `deadline_s` seconds in all."""

    def __init__(self, deadline_s: float) -> None:
        super().__init__(limits=httpx.Limits(max_keepalive_connections=0))
        self.deadline_s = deadline_s

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        watchdog = _Watchdog(self.deadline_s, request.url.host)
        earlier = request.extensions.get("trace")

        def trace(event: str, info: dict[str, Any]) -> None:
            watchdog.trace(event, info)
            if earlier is not None:
                earlier(event, info)

        request.extensions = {**request.extensions, "trace": trace}
        watchdog.start()
        try:
            response = super().handle_request(request)
        except httpx.TransportError as exc:
            watchdog.cancel()
            if watchdog.fired:
                raise watchdog.timeout(request) from exc
            raise
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _DeadlineStream(response.stream, watchdog, request)
        return response
