"""A disk that fills up in the middle of `droidpilot run`: one line naming the file and exit 2; after space is
freed, `--resume` finishes the run with every step on record once, no torn line, result.json present and no
temporary file left. The run folder is on a small tmpfs the test mounts (skipped where mounting is not allowed)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer
from tests.e2e.test_cli_faults import WIFI
from tests.e2e.test_cli_run import _wait_for_steps, answering, invoke, server, workdir  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the disk has no byte left."""
    filler = disk / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_disk_full_mid_run_then_resume_loses_no_step(workdir: Path, server: FakeOpenAIServer,  # noqa: F811
                                                     small_disk: Path) -> None:
    server.responder = answering(WIFI, delay_s=0.3)
    out = small_disk / "runs"
    args = [sys.executable, "-m", "droidpilot", "run", "Turn off Wi-Fi", "--device", f"virtual:{workdir / 'phone'}",
            "--base-url", server.base_url, "--model", "m", "--out", str(out), "--config", "fast.toml",
            "--max-steps", "12"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    trajectory = _wait_for_steps(out, 1, process)
    filler = fill(small_disk)
    _, err = process.communicate(timeout=120)

    assert process.returncode == 2, err
    error = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error) == 1 and "the disk is full" in error[0] and str(out) in error[0], err
    assert "unexpected" not in err

    filler.unlink()
    run_dir = trajectory.parent
    server.responder = answering(WIFI)
    resumed = invoke("run", "--resume", run_dir.name, "--device", f"virtual:{workdir / 'phone'}", "--base-url",
                     server.base_url, "--model", "m", "--out", str(out), "--config", "fast.toml")
    assert resumed.exit_code == 0, resumed.output

    lines = trajectory.read_bytes().split(b"\n")
    assert lines[-1] == b""  # ends on a newline: no torn line
    steps = [json.loads(line)["step"] for line in lines[:-1]]
    assert sorted(set(steps)) == list(range(1, max(steps) + 1))
    assert json.loads((run_dir / "result.json").read_text())["status"] == "complete"
    for line in (run_dir / "calls.jsonl").read_bytes().splitlines():
        json.loads(line)
    assert not [p for p in run_dir.rglob("*") if p.name.endswith(".tmp")]
