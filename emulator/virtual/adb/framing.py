"""ADB smart-socket framing: hex4-length requests, OKAY / FAIL replies and exact reads (adb_spec.md §1)."""

from __future__ import annotations

import contextlib
import socket
import struct

OKAY = b"OKAY"
FAIL = b"FAIL"
MAX_REQUEST = 64 * 1024


class ClientGone(Exception):
    """The client closed its end (or sent garbage): stop serving this connection."""


def quickack(sock: socket.socket) -> None:
    """ACK the next segment at once. Clients often write a header and its payload separately; with Nagle
    on their side the payload waits for our ACK, and Linux's delayed ACK would make that 40 ms."""
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


def recv_exact(sock: socket.socket, size: int) -> bytes:
    """Exactly `size` bytes; EOF before that means the client went away."""
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise ClientGone("EOF")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def read_request(sock: socket.socket) -> str:
    """One `hex4 + payload` request, decoded as UTF-8 (bad bytes survive as surrogates)."""
    quickack(sock)
    header = recv_exact(sock, 4)
    try:
        size = int(header, 16)
    except ValueError:
        raise ClientGone(f"bad request header {header!r}") from None
    if size > MAX_REQUEST:
        raise ClientGone("request too long")
    return recv_exact(sock, size).decode("utf-8", "surrogateescape")


def hex4(data: bytes) -> bytes:
    """A protocol string: 4 lowercase hex digits of the length, then the bytes."""
    return f"{len(data):04x}".encode() + data


def okay(sock: socket.socket, payload: bytes | None = None) -> None:
    sock.sendall(OKAY if payload is None else OKAY + hex4(payload))


def fail(sock: socket.socket, message: str) -> None:
    """FAIL + message; the caller closes the connection afterwards, as the real server does."""
    with contextlib.suppress(OSError):
        sock.sendall(FAIL + hex4(message.encode("utf-8")))


def u32(value: int) -> bytes:
    return struct.pack("<I", value & 0xFFFFFFFF)


def close_gracefully(sock: socket.socket, drain_seconds: float = 2.0) -> None:
    """Half-close, then read until the peer closes, so unread client bytes never turn our close into a
    RST that could discard output the client has not read yet."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(drain_seconds)
        while sock.recv(65536):
            pass
    with contextlib.suppress(OSError):
        sock.close()
