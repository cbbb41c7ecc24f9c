"""The symlink probe: every file in every app's data location (and on the sdcard) of a phone folder is replaced by a
symlink to a host file, and a folder symlink leads to a host folder. The shell, pull / push, every app (launched and
observed), content providers, the Notes share target and snapshot + restore then run against the phone; none of
them reads a byte of the host files (their marker appears in no output and in no file of the phone) or writes one
(the host files keep their bytes and times)."""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.virtual import VirtualPhone
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


def host_state(host: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(host.rglob("*")) if p.is_file()}


def attempt(outputs: list[bytes], action: object) -> None:
    """Run a client action; refusals (OSError, the sandbox's among them) are what a probe expects."""
    try:
        result = action() if callable(action) else action
    except OSError:
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


def test_no_client_reads_or_writes_through_a_symlink(probed: tuple[VirtualPhone, Path, list[str]]) -> None:
    phone, host, planted = probed
    phone_dir = phone.data_dir
    assert len(planted) > 20  # databases, prefs, notes, media: every app's data location
    before = host_state(host)
    outputs: list[bytes] = []
    device = VirtualDevice(phone)
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
    attempt(outputs, lambda: phone.snapshot("probe"))
    attempt(outputs, lambda: phone.restore("probe"))

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
