"""One writer per output: a second process on a crawl or bench output, a run folder or a virtual phone gets one
line naming the pid that holds it and exit 2; the lock of a process killed with -9 is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.agent.fake_openai_server import FakeOpenAIServer
from tests.e2e.test_cli_run import invoke, run_args, server, workdir  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
HOLD = ("import sys, time\nfrom pathlib import Path\nfrom droidpilot.cli.lock import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('locked', flush=True)\n    time.sleep(120)\n")


def hold(folder: Path) -> subprocess.Popen[str]:
    """Another process holding the lock on `folder` until it is killed."""
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(folder)], stdout=subprocess.PIPE, text=True, env=ENV)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def droidpilot(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "droidpilot", *args], capture_output=True, text=True, env=ENV,
                          cwd=cwd, timeout=120)


def kill9(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_a_second_crawl_on_one_output_exits_2_and_a_killed_ones_lock_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "crawl"
    args = ["crawl", "--app", "com.android.settings", "--out", str(out), "--no-memory", "--max-steps", "400",
            "--stagnation", "400"]
    first = subprocess.Popen([sys.executable, "-m", "droidpilot", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 60
    while not list(out.glob("*/events/*")) and time.monotonic() < deadline:
        assert first.poll() is None, first.communicate()
        time.sleep(0.1)

    second = droidpilot(*args)
    assert second.returncode == 2, second.stderr
    assert f"error: crawl output {out} is in use by pid {first.pid}" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 2  # the line and its hint

    kill9(first)
    third = droidpilot(*args[:-4], "--max-steps", "3")
    assert third.returncode == 0, third.stderr
    assert not (out / ".droidpilot.lock").exists()


def test_a_second_bench_on_one_output_exits_2(tmp_path: Path) -> None:
    holder = hold(tmp_path / "bench")
    try:
        result = droidpilot("bench", "run", "--suite", "androidworld", "--agent", "noop",
                            "--tasks", "ContactsAddContact", "--out", str(tmp_path / "bench"))
    finally:
        kill9(holder)
    assert result.returncode == 2, result.stderr
    assert f"bench output {tmp_path / 'bench'} is in use by pid {holder.pid}" in result.stderr
    assert not (tmp_path / "bench" / "results.jsonl").exists()


def test_a_run_being_resumed_elsewhere_is_refused(workdir: Path, server: FakeOpenAIServer) -> None:  # noqa: F811
    first = invoke("run", "Turn off Wi-Fi", *run_args(server, workdir / "phone"))
    assert first.exit_code == 3, first.output  # no scripted answer: the model is unavailable
    run_dir = next((workdir / "runs").iterdir())
    lines_before = (run_dir / "calls.jsonl").read_text() if (run_dir / "calls.jsonl").exists() else ""

    holder = hold(run_dir)
    try:
        second = droidpilot("run", "--resume", run_dir.name, *run_args(server, workdir / "phone")[2:],
                            "--device", f"virtual:{workdir / 'phone'}", cwd=workdir)
    finally:
        kill9(holder)
    assert second.returncode == 2, second.stderr
    assert f"run runs/{run_dir.name} is in use by pid {holder.pid}" in second.stderr
    assert ((run_dir / "calls.jsonl").read_text() if (run_dir / "calls.jsonl").exists() else "") == lines_before
    assert json.loads((run_dir / "result.json").read_text())["status"]


@pytest.mark.parametrize("killed", [False, True])
def test_the_virtual_phone_has_one_driver(tmp_path: Path, killed: bool) -> None:
    phone = tmp_path / "phone"
    holder = hold(phone)
    if killed:
        kill9(holder)
    result = droidpilot("device", "apps", "--device", f"virtual:{phone}")
    if not killed:
        kill9(holder)
        assert result.returncode == 2, result.stderr
        assert f"the virtual phone {phone} is in use by pid {holder.pid}" in result.stderr
        assert not (phone / "sdcard").exists()
    else:
        assert result.returncode == 0, result.stderr
        assert "Settings" in result.stdout
        assert not (phone / ".droidpilot.lock").exists()


def concurrently(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """`droidpilot` commands run side by side (each would start in a few seconds alone)."""
    started = [subprocess.Popen([sys.executable, "-m", "droidpilot", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV, stdin=subprocess.DEVNULL)
               for args in commands]
    finished = []
    for process in started:
        out, err = process.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return finished


def test_phone_serve_locks_its_phone_folders(tmp_path: Path) -> None:
    """A second server on the same --data-dir, or a `virtual:PATH` user of one of its phones, gets one line naming
    the serving pid and exit 2; the phones stay the first server's."""
    data = tmp_path / "phones"
    serving = subprocess.Popen([sys.executable, "-m", "droidpilot", "phone", "serve", "--port", "0", "--devices", "2",
                                "--data-dir", str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=ENV, stdin=subprocess.DEVNULL)
    try:
        assert serving.stdout is not None and serving.stdout.readline().startswith("serving 2 virtual phone(s)")
        second, user = concurrently(["phone", "serve", "--port", "0", "--data-dir", str(data)],
                                    ["device", "apps", "--device", f"virtual:{data / 'emulator-5556'}"])
    finally:
        serving.send_signal(signal.SIGINT)
        _, err = serving.communicate(timeout=20)
    assert serving.returncode == 0, err
    assert second.returncode == 2, second.stderr
    assert f"the virtual phone {data / 'emulator-5554'} is in use by pid {serving.pid}" in second.stderr
    assert "serving" not in second.stdout
    assert user.returncode == 2, user.stderr
    assert f"the virtual phone {data / 'emulator-5556'} is in use by pid {serving.pid}" in user.stderr
    assert not (data / "emulator-5554" / ".droidpilot.lock").exists()  # released on exit
