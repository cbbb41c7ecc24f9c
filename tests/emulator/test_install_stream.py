"""`pm install -S N` over ADB: the N APK bytes are drained in small chunks, not held in memory per connection."""

from __future__ import annotations

import tracemalloc

from droidpilot.emulator.virtual.adb_server import AdbServer
from tests.emulator.test_adb_server import read_all, read_exact, send, server, transport  # noqa: F401 (fixture)

SIZE = 48 * 1024 * 1024


def test_a_large_install_is_streamed_not_buffered(server: AdbServer) -> None:  # noqa: F811
    chunk = b"\x5a" * (1 << 20)
    tracemalloc.start()
    try:
        with transport(server.port) as sock:
            send(sock, f"exec:pm install -S {SIZE}")
            assert read_exact(sock, 4) == b"OKAY"
            for _ in range(SIZE // len(chunk)):
                sock.sendall(chunk)
            answer = read_all(sock)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert b"Failure [INSTALL_FAILED_INVALID_APK" in answer
    assert peak < 8 * 1024 * 1024  # the test's own 1 MiB chunk and the server's 64 KiB reads; never the 48 MiB
