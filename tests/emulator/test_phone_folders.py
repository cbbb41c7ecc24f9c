"""Phone folders: `virtual:DIR` refuses a folder of other things (the phone would add its folders among them);
temporary phones left by killed processes are reaped by the next one once a day old, unless a living process
holds them."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from droidpilot.emulator.uri import NotAPhoneFolder, open_device
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.tempphones import PREFIX, RUN_PREFIX, place_under, reap, run_root

ROOT = Path(__file__).resolve().parents[2]


def test_a_folder_of_other_things_is_not_adopted(tmp_path: Path) -> None:
    (tmp_path / "thesis.tex").write_text("mine")
    with pytest.raises(NotAPhoneFolder, match=r"is not a virtual phone's folder \(it holds 'thesis.tex'\)"):
        open_device(f"virtual:{tmp_path}")
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.tex"]


def test_new_empty_and_existing_phone_folders_open(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "new", tmp_path / "empty", tmp_path / "new"):
        open_device(f"virtual:{folder}").close()
    assert (tmp_path / "empty" / "sdcard").is_dir()


def stale(name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=PREFIX + name))
    (folder / "sdcard").mkdir()
    old = time.time() - 2 * 24 * 3600
    os.utime(folder, (old, old))
    return folder


def test_stale_temporary_phones_are_reaped_unless_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A temp dir of its own: a phone created by a parallel test worker would reap the stale folders first.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead, held, fresh = stale("dead-"), stale("held-"), Path(tempfile.mkdtemp(prefix=PREFIX + "fresh-"))
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom pathlib import Path\n"
                               "from droidpilot.emulator.virtual.tempphones import hold\n"
                               "hold(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)", str(held)],
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        VirtualPhone().close()  # a new temporary phone reaps first
        assert not dead.exists() and held.is_dir() and fresh.is_dir()
    finally:
        holder.kill()
        holder.wait()
    assert reap() >= 1 and not held.exists()
    fresh.rmdir()


def test_run_roots_go_at_the_end_and_stale_phones_in_them_are_reaped(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with run_root() as root:
        place_under(root)
        try:
            phone = VirtualPhone()
        finally:
            place_under(None)
        assert phone.data_dir.parent == root
    assert not root.exists()  # the phone inside went too, as a killed worker's would
    phone.close()
    stale_root = tmp_path / f"{RUN_PREFIX}lost-node"
    stale_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(stale_root))
    left = stale("in-run-")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert reap() == 1 and not left.exists()
