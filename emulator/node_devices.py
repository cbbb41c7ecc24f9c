"""Devices local to one machine of a cluster, declared by that machine and leased to its workers.

A node with phones or emulators lists them in DROIDPILOT_NODE_DEVICES (comma-separated device strings, as for
`--device`: `adb://127.0.0.1:5037/emulator-5554`, `virtual`, ...), set in the environment of `ray start` on that
node. A worker placed there (a Ray actor asking for the node's custom resource) leases the first device no other
worker on the node holds: each lease is an exclusive lock file, so two workers never drive one phone, and a
worker that dies releases its device with its process. Without the variable, workers make virtual phones.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from droidpilot.errors import DeviceError

NODE_DEVICES_ENV = "DROIDPILOT_NODE_DEVICES"


class NoFreeNodeDevice(DeviceError):
    """Every device this node declares is held by another worker."""

    hint = f"declare more devices in {NODE_DEVICES_ENV}, or give the node fewer worker resources"


def declared() -> list[str]:
    """The device strings this node declares (empty: workers use virtual phones)."""
    return [u.strip() for u in os.environ.get(NODE_DEVICES_ENV, "").split(",") if u.strip()]


@dataclass
class NodeLease:
    """A device string held by this process until `release` (or the process's end)."""

    uri: str
    _lock: IO[bytes]

    def release(self) -> None:
        self._lock.close()  # closing the file drops the flock


def close_worker_device(device: object, lease: NodeLease | None) -> None:
    """Close a worker's device (a temporary virtual phone's folder goes with it) and give its lease back."""
    close = getattr(device, "close", None) or getattr(getattr(device, "phone", None), "close", None)
    if close is not None:
        close()
    if lease is not None:
        lease.release()


def _lock_path(uri: str) -> Path:
    digest = hashlib.sha256(uri.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"droidpilot-node-device-{digest}.lock"


def lease(uris: list[str] | None = None) -> NodeLease:
    """The first declared device no other process on this node holds."""
    uris = declared() if uris is None else uris
    for uri in uris:
        handle = _lock_path(uri).open("a+b")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return NodeLease(uri, handle)
    raise NoFreeNodeDevice(f"all {len(uris)} devices in {NODE_DEVICES_ENV} are leased on this node")
