"""The devices one MCP server drives, by name, and the numbered elements each showed at its last observation.

Tools name a device by the name `start_virtual_phone` gave it, by a device string (`virtual:PATH`, `adb:SERIAL`,
opened on first use and kept), or not at all: then the device used last, else the server's default device.
Every device has a lock, because an MCP client may call tools concurrently and a phone takes one input at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from droidpilot.agent.perception import ModelView, perceive
from droidpilot.cli.lock import acquire, release
from droidpilot.emulator import Device, open_device
from droidpilot.emulator.uri import parse_device_uri
from droidpilot.errors import DeviceError, UsageError


class UnknownDevice(UsageError, LookupError):
    """A tool named a device that is neither open nor a device string."""

    hint = "list_devices shows the open devices; start_virtual_phone starts one"


class NoSuchElement(UsageError, LookupError):
    """An element index that the device's last observation did not show."""

    hint = "call observe first and use an index from its element list, or pass x and y"


@dataclass
class Handle:
    """One open device: its name in this server, the string it was opened from, and its last view."""

    name: str
    uri: str
    device: Device
    release: Callable[[], None] = lambda: None
    lock: threading.RLock = field(default_factory=threading.RLock)
    view: ModelView | None = None


class DeviceHub:
    """Opens, finds and closes the server's devices. `opener` turns a device string into a Device."""

    def __init__(self, default_uri: str, opener: Callable[[str], Device] = open_device) -> None:
        self._default_uri = default_uri
        self._opener = opener
        self._handles: dict[str, Handle] = {}
        self._last: str | None = None
        self._lock = threading.Lock()
        self._counter = 0

    def handles(self) -> list[Handle]:
        with self._lock:
            return list(self._handles.values())

    def start_virtual(self, name: str = "", data_dir: Path | None = None) -> Handle:
        """A new virtual phone: throwaway, or kept in `data_dir` between sessions."""
        uri = f"virtual:{data_dir}" if data_dir is not None else "virtual"
        with self._lock:
            if not name:
                self._counter += 1
                name = f"phone{self._counter}"
                while name in self._handles:
                    self._counter += 1
                    name = f"phone{self._counter}"
            elif name in self._handles:
                raise UsageError(f"a device named {name!r} is already open")
        handle = self._open(name, uri)
        with self._lock:
            self._handles[name] = handle
            self._last = name
        return handle

    def get(self, name: str = "") -> Handle:
        """The device a tool means (see the module docstring)."""
        with self._lock:
            key = name or self._last
            if key is not None and key in self._handles:
                self._last = key
                return self._handles[key]
        if name and not name.startswith(("virtual", "adb:", "adb://")):
            raise UnknownDevice(f"no open device named {name!r}")
        uri = name or self._default_uri
        handle = self._open(name or "default", uri)
        with self._lock:
            existing = self._handles.setdefault(handle.name, handle)
            self._last = handle.name
        if existing is not handle:  # another call opened it meanwhile
            _close(handle)
        return existing

    def _open(self, name: str, uri: str) -> Handle:
        """Open `uri`; a `virtual:PATH` phone is locked for this server as `--device virtual:PATH` is, so no
        other process drives the same folder (FolderInUse names the one that does)."""
        folder = _phone_folder(uri)
        if folder is None:
            return Handle(name, uri, self._opener(uri))
        folder.mkdir(parents=True, exist_ok=True)
        fd = acquire(folder, "the virtual phone")
        try:
            return Handle(name, uri, self._opener(uri), release=partial(release, folder, fd))
        except BaseException:
            release(folder, fd)
            raise

    def stop(self, name: str) -> Handle:
        with self._lock:
            handle = self._handles.pop(name, None)
            if handle is None:
                raise UnknownDevice(f"no open device named {name!r}")
            if self._last == name:
                self._last = next(reversed(self._handles), None)
        with handle.lock:
            _close(handle)
        return handle

    def close_all(self) -> None:
        for handle in self.handles():
            self.stop(handle.name)

    @contextmanager
    def using(self, name: str = "") -> Iterator[Handle]:
        """The device, held for one tool call; its last view is forgotten because the call may change the screen."""
        handle = self.get(name)
        with handle.lock:
            try:
                yield handle
            finally:
                handle.view = None

    def observe(self, name: str = "") -> tuple[Handle, ModelView]:
        """The device's screen as a numbered view, remembered for the index-taking tools."""
        handle = self.get(name)
        with handle.lock:
            handle.view = perceive(handle.device.observe())
            return handle, handle.view


def element_point(handle: Handle, index: int) -> tuple[int, int, str]:
    """The screen point of element `index` of the last observation, and how it was shown."""
    view = handle.view
    if view is None:
        raise NoSuchElement(f"{handle.name} has not been observed since its screen last changed")
    if index not in view.targets:
        raise NoSuchElement(f"element {index} is not in the last observation of {handle.name} "
                            f"(it numbered 0-{len(view.targets) - 1})")
    x, y = view.targets[index].bounds.center
    return x, y, view.describe(index)


def _phone_folder(uri: str) -> Path | None:
    try:
        return parse_device_uri(uri).path
    except DeviceError:
        return None  # the opener reports the bad device string


def _close(handle: Handle) -> None:
    try:
        handle.device.close()
    finally:
        handle.release()
