"""Latency of the virtual phone's ADB server, as a client sees it.

Prints the p50 of:
- `AdbDevice.observe()` over the server, adbutils only and with uiautomator2 (target < 150 ms);
- the `adb shell echo` round trip: one shell-v2 request on the wire, as the adb CLI sends it after its
  transport switch (target < 10 ms); also adbutils `shell("echo")`, and the whole `adb shell echo`
  process when the adb CLI is installed (that one includes starting the adb binary).

    python scripts/perf_adb.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.virtual.adb_server import AdbServer

OBSERVE_TARGET_MS = 150.0
ECHO_TARGET_MS = 10.0


def p50_ms(fn: Callable[[], object], runs: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def wire_echo(port: int) -> bytes:
    """`host:transport-id:1` then `shell,v2,raw:echo hi` and close-stdin, read to the exit packet."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for request in (b"host:transport-id:1", b"shell,v2,raw:echo hi"):
            sock.sendall(b"%04x" % len(request) + request)
            assert sock.recv(4) == b"OKAY"
        sock.sendall(struct.pack("<BI", 4, 0))
        data = b""
        while chunk := sock.recv(4096):
            data += chunk
        return data


def report(name: str, value: float, target: float | None) -> None:
    verdict = "" if target is None else ("  ok" if value < target else f"  MISSES the {target:.0f} ms target")
    print(f"{name:<44} p50 {value:7.1f} ms{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    stub_dir = Path(tempfile.mkdtemp(prefix="perf-adb-"))
    stub = stub_dir / "adb"
    stub.write_text("#!/bin/sh\nexit 0\n")
    stub.chmod(0o755)
    os.environ["ADBUTILS_ADB_PATH"] = str(stub)  # never let adbutils start a real adb server
    with AdbServer.virtual(devices=1, port=0) as server:
        for label, u2 in (("adbutils only", False), ("with uiautomator2", True)):
            device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=u2)
            report(f"AdbDevice.observe() ({label})", p50_ms(device.observe, args.runs), OBSERVE_TARGET_MS)
        report("adb shell echo (wire round trip)", p50_ms(lambda: wire_echo(server.port), args.runs * 3),
               ECHO_TARGET_MS)
        device = AdbDevice("emulator-5554", "127.0.0.1", server.port, uiautomator2=False)
        report("AdbDevice.shell('echo hi')", p50_ms(lambda: device.shell("echo hi"), args.runs * 3), None)
        adb = shutil.which("adb")
        if adb:
            command = [adb, "-P", str(server.port), "shell", "echo", "hi"]
            report("adb shell echo (whole adb CLI process)",
                   p50_ms(lambda: subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL,
                                                 timeout=10, check=True), args.runs), None)
    shutil.rmtree(stub_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
