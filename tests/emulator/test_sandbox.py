"""The symlink probe: every file in every app's data location (and on the sdcard) of a phone folder is replaced by a
symlink to a host file, and a folder symlink leads to a host folder. The shell, pull / push, the ADB sync service,
uiautomator2, every app (launched and observed), content providers, the Notes share target and snapshot + restore
then run against the phone; none of them opens a host file (an audit hook, a test-time witness only, records
every open in the process), reads a byte of one (their marker appears in no output and in no file of the phone)
or writes one (the host files keep their bytes and times). The protection itself is the phone's path layer
(sandbox.py), not a hook."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

import adbutils
import pytest
import uiautomator2 as u2

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.sandbox import OutsidePhone

MARKER = b"HOST-SECRET-7d1f"
SYSTEM = {"system_state.json", "settings.db"}  # the system's own files: a phone refuses to boot on them (below)


def plant(phone_dir: Path, host: Path) -> list[str]:
    """Replace the phone's app files by links to host files; the device paths of the links."""
    planted = []
    for base, prefix in (("data", "/data/data"), ("sdcard", "/sdcard")):
        for path in sorted((phone_dir / base).rglob("*")):
            if not path.is_file() or path.is_symlink() or path.name in SYSTEM or path.name.endswith(".db-journal"):
                continue
            target = host / f"file{len(planted)}"
            target.write_bytes(MARKER + b"\n")
            path.unlink()
            path.symlink_to(target)
            planted.append(f"{prefix}/{path.relative_to(phone_dir / base).as_posix()}")
    (host / "folder").mkdir()
    (host / "folder" / "note.txt").write_bytes(MARKER + b"\n")
    (phone_dir / "sdcard" / "Linked").symlink_to(host / "folder")
    planted.append("/sdcard/Linked/note.txt")
    return planted


_WATCHED: list[str] = []  # host folders whose opens are being recorded
_OPENED: list[str] = []
_FILE_EVENTS = {"open": 0, "os.utime": 0, "os.truncate": 0, "os.remove": 0, "os.rename": 0, "os.chmod": 0,
                "os.listdir": 0, "os.scandir": 0, "sqlite3.connect": 0, "shutil.copyfile": 0}


def _witness(event: str, args: tuple[Any, ...]) -> None:
    """Record file events that reach a watched host folder (through any link); a witness, never a guard."""
    if not _WATCHED or event not in _FILE_EVENTS or not args:
        return
    path = args[_FILE_EVENTS[event]]
    if isinstance(path, PurePath):
        path = str(path)  # a phone path's __fspath__ would refuse here, before the call that refuses anyway
    if not isinstance(path, str | bytes):
        return
    real = os.path.realpath(os.fsdecode(path))
    if any(real == w or real.startswith(w + "/") for w in _WATCHED):
        _OPENED.append(f"{event} {real}")


@pytest.fixture
def witness() -> Iterator[list[str]]:
    """The file events of the test that reached the host folder it watches (set the folder with `watch`)."""
    if _witness not in getattr(sys, "_droidpilot_test_hooks", []):
        sys.addaudithook(_witness)  # hooks cannot be removed: installed once per process, idle when not watching
        sys._droidpilot_test_hooks = [_witness]  # type: ignore[attr-defined]
    _OPENED.clear()
    yield _OPENED
    _WATCHED.clear()


def host_state(host: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(host.rglob("*")) if p.is_file()}


def attempt(outputs: list[bytes], action: object) -> None:
    """Run a client action; refusals (OSError, the sandbox's among them) are what a probe expects."""
    try:
        result = action() if callable(action) else action
    except (OSError, adbutils.AdbError, u2.exceptions.BaseException):
        return
    if isinstance(result, bytes | str):
        outputs.append(result if isinstance(result, bytes) else result.encode())
    elif result is not None and hasattr(result, "output"):
        outputs.append(str(result.output).encode())


@pytest.fixture
def probed(tmp_path: Path) -> Iterator[tuple[VirtualPhone, Path, list[str]]]:
    """A running phone whose app files were swapped for links to host files behind its back (as `ln -s` over adb,
    or a folder edited while the phone runs, would do)."""
    phone_dir, host = tmp_path / "phone", tmp_path / "host"
    host.mkdir()
    phone = VirtualPhone(phone_dir)
    device = VirtualDevice(phone)
    for app in device.installed_apps():  # every app creates its files
        device.launch(app.package)
        phone.screenshot()
    device.press("HOME")
    yield phone, host, plant(phone_dir, host)
    attempt([], phone.close)


def adb_clients(phone: VirtualPhone, outputs: list[bytes], planted: list[str]) -> None:
    """The ADB sync service (adbutils) and uiautomator2's client, through an ADB server in front of the phone."""
    server = AdbServer([phone], port=0).start()
    try:
        adb = adbutils.AdbClient(host="127.0.0.1", port=server.port).device(phone.serial)
        for path in planted:
            attempt(outputs, lambda p=path: adb.sync.read_bytes(p))
            attempt(outputs, lambda p=path: adb.sync.push(b"pwned\n", p))
        attempt(outputs, lambda: " ".join(adb.sync.list("/sdcard/Linked")))
        d = u2.connect(adb)
        attempt(outputs, lambda: d.shell(f"cat {shlex.quote(planted[0])}").output)
        attempt(outputs, lambda: d.app_start("com.android.documentsui"))
        attempt(outputs, lambda: d.dump_hierarchy())
        adb.sync.push(b"fine\n", "/sdcard/Download/fine.txt")  # both clients work where no link leads out
        assert adb.sync.read_bytes("/sdcard/Download/fine.txt") == b"fine\n" and "<hierarchy" in d.dump_hierarchy()
    finally:
        server.stop()  # the phone stays open for the rest of the probe


def test_no_client_reads_or_writes_through_a_symlink(probed: tuple[VirtualPhone, Path, list[str]],
                                                     witness: list[str]) -> None:
    phone, host, planted = probed
    phone_dir = phone.data_dir
    assert len(planted) > 20  # databases, prefs, notes, media: every app's data location
    before = host_state(host)
    outputs: list[bytes] = []
    device = VirtualDevice(phone)
    _WATCHED.append(os.path.realpath(host))
    for path in planted:
        quoted = shlex.quote(path)
        for command in (f"cat {quoted}", f"echo pwned >> {quoted}", f"cp {quoted} /sdcard/copy.txt",
                        "cat /sdcard/copy.txt", f"dd if={quoted} of=/data/local/tmp/x", f"wc -c {quoted}"):
            attempt(outputs, lambda c=command: device.shell(c))
        attempt(outputs, lambda p=path: device.pull(p))
        attempt(outputs, lambda p=path: device.push(b"pwned\n", p))
    for app in device.installed_apps():
        attempt(outputs, lambda a=app: device.launch(a.package))
        attempt(outputs, lambda: device.observe().xml)
    for uri in ("content://sms", "content://contacts/phones", "content://settings/global",
                "content://media/external/images/media", "content://com.android.calendar/events"):
        attempt(outputs, lambda u=uri: device.shell(f"content query --uri {u}"))
    for path in planted[-3:]:
        attempt(outputs, lambda p=path: device.shell(
            "am start -a android.intent.action.SEND -t text/plain "
            f"--es android.intent.extra.STREAM {shlex.quote(p)} com.orgzly.notes"))
        attempt(outputs, lambda: device.observe().xml)
    adb_clients(phone, outputs, planted)
    attempt(outputs, lambda: phone.snapshot("probe"))
    attempt(outputs, lambda: phone.restore("probe"))
    _WATCHED.clear()

    assert not witness  # no client opened, listed, touched or copied a host file
    assert host_state(host) == before  # not a byte written, not a time touched
    leaked = [o[:80] for o in outputs if MARKER in o]
    assert not leaked
    for path in phone_dir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert MARKER not in path.read_bytes(), f"{path} holds bytes of a host file"


def test_links_inside_the_phone_still_work(tmp_path: Path) -> None:
    with VirtualPhone(tmp_path / "phone") as phone:
        assert phone.shell("echo hello > /sdcard/Download/a.txt").exit_code == 0
        os.symlink(phone.fs.sdcard / "Download" / "a.txt", phone.fs.sdcard / "Download" / "b.txt")
        assert phone.shell("cat /sdcard/Download/b.txt").output.strip() == "hello"
        with pytest.raises(OutsidePhone):
            (phone.fs.sdcard / "escape").symlink_to("/etc/hostname")
            (phone.fs.sdcard / "escape").read_bytes()


def test_a_phone_whose_system_files_lead_outside_refuses_to_boot(tmp_path: Path) -> None:
    VirtualPhone(tmp_path / "phone").close()
    settings = next((tmp_path / "phone").rglob("settings.db"))
    (tmp_path / "host.db").write_bytes(settings.read_bytes())
    settings.unlink()
    settings.symlink_to(tmp_path / "host.db")
    before = (tmp_path / "host.db").read_bytes()
    with pytest.raises(OutsidePhone, match="leads outside the virtual phone"):
        VirtualPhone(tmp_path / "phone")
    assert (tmp_path / "host.db").read_bytes() == before


def test_snapshots_copy_links_as_links_and_never_write_through_one(tmp_path: Path) -> None:
    host = tmp_path / "host"
    host.mkdir()
    (host / "secret.txt").write_bytes(MARKER)
    with VirtualPhone(tmp_path / "phone") as phone:
        (phone.fs.sdcard / "escape").symlink_to(host / "secret.txt")
        phone.snapshot("kept")
        copied = phone.fs.root / ".snapshots" / "kept" / "sdcard" / "escape"
        assert copied.is_symlink() and copied.readlink() == host / "secret.txt"  # the link, not its bytes
        phone.restore("kept")
        assert (phone.fs.sdcard / "escape").is_symlink()

        snapshots = phone.fs.root / ".snapshots"
        os.rename(snapshots, tmp_path / "old-snapshots")
        os.symlink(host, snapshots)  # the snapshot folder itself leads out
        with pytest.raises(OutsidePhone):
            phone.snapshot("through")
        assert phone.snapshots() == []
    assert sorted(p.name for p in host.iterdir()) == ["secret.txt"] and (host / "secret.txt").read_bytes() == MARKER
