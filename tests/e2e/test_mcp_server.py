"""`droidpilot mcp` through the MCP SDK's own client: over stdio and streamable HTTP against a real server
process, and in-process for the tools that run shortcuts, the agent (on a local fake model server) and benchmarks.
Every test drives a virtual phone; nothing of droidpilot is mocked."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.types import CallToolResult, ImageContent, TextContent

from droidpilot.agent.perception import quote
from droidpilot.cli.lock import FolderInUse
from droidpilot.cli.mcp_server.hub import DeviceHub
from droidpilot.cli.mcp_server.server import build_server
from droidpilot.cli.mcp_server.work_tools import ServerOptions
from droidpilot.emulator import open_device
from tests.agent.fake_openai_server import FakeOpenAIServer, Reply
from tests.agent.policies import WIFI_PLAN, by_role, wifi_completion, wifi_operator

HOSTILE = "it's $(reboot); `id` && rm -rf / \"x\" %s \\ 100% ünï 日本"
ENV_DROPPED = ("DROIDPILOT_DEVICE", "OPENAI_BASE_URL", "OPENAI_API_KEY", "DROIDPILOT_MODEL", "DROIDPILOT_BASE_URL",
               "DROIDPILOT_MEMORY", "DROIDPILOT_SHORTCUTS")


def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def command() -> list[str]:
    exe = shutil.which("droidpilot")
    return [exe] if exe else [sys.executable, "-m", "droidpilot"]


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


def index_of(screen: str, label: str, kind: str = "") -> int:
    """The number observe gave the element whose label starts with `label` (and whose class is `kind`)."""
    for line in screen.splitlines():
        found = re.match(r"\[(\d+)\] (\S+) \"(.*)", line)
        if found and found.group(3).startswith(label) and (not kind or found.group(2) == kind):
            return int(found.group(1))
    raise AssertionError(f"no element {label!r} on:\n{screen}")


async def tap_settings_and_read(client: Client) -> None:
    """What the issue asks of every transport: list tools, observe, tap Settings, read the new screen."""
    names = {tool.name for tool in (await client.list_tools()).tools}
    assert {"observe", "tap", "type_text", "swipe", "press_key", "launch_app", "open_uri", "list_devices",
            "start_virtual_phone", "run_agent_task", "run_benchmark_task", "run_shortcut", "search_memory"} <= names

    home = await client.call_tool("observe", {})
    assert not home.is_error, text_of(home)
    image = next(block for block in home.content if isinstance(block, ImageContent))
    assert image.mime_type == "image/png" and len(image.data) > 1000
    screen = text_of(home)
    assert "com.android.launcher3" in screen

    tapped = await client.call_tool("tap", {"index": index_of(screen, "Settings")})
    assert not tapped.is_error, text_of(tapped)
    assert "com.android.settings" in text_of(tapped)

    settings = text_of(await client.call_tool("observe", {}))
    assert "com.android.settings/.Settings" in settings
    assert "Network & internet" in settings and "Calendar" not in settings


def test_stdio_client_observes_and_taps_settings(tmp_path: Path) -> None:
    params = StdioServerParameters(command=command()[0], args=[*command()[1:], "mcp", "--device",
                                                               f"virtual:{tmp_path / 'phone'}"],
                                   env=clean_env(tmp_path), cwd=str(tmp_path))

    async def scenario() -> None:
        async with Client(params, read_timeout_seconds=60) as client:
            await tap_settings_and_read(client)

    anyio.run(scenario)
    phone = open_device(f"virtual:{tmp_path / 'phone'}")  # the server saved the phone when it stopped
    try:
        assert phone.current_app()[0] == "com.android.settings"
    finally:
        phone.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([*command(), "mcp", "--http", str(port), "--device", f"virtual:{tmp_path / 'p'}"],
                               env=clean_env(tmp_path), cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_http_client_observes_and_taps_settings(http_server: str) -> None:
    async def scenario() -> None:
        async with Client(http_server, read_timeout_seconds=60) as client:
            await tap_settings_and_read(client)

    anyio.run(scenario)


def test_http_listens_on_loopback_only(http_server: str, tmp_path: Path) -> None:
    port = int(http_server.rsplit(":", 1)[1].split("/")[0])
    taken = subprocess.run([*command(), "mcp", "--http", str(port)], env=clean_env(tmp_path), capture_output=True,
                           timeout=60, text=True)
    assert taken.returncode == 2 and f"port {port} on 127.0.0.1 is already in use" in taken.stderr
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp to read listening addresses from")
    listening = [fields[1] for fields in (line.split() for line in table.read_text().splitlines()[1:])
                 if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port]
    assert listening == ["0100007F:" + f"{port:04X}"]  # 127.0.0.1 only


# -- the other tools, in-process (the same server object, the SDK's in-memory transport) -----------------------

@asynccontextmanager
async def connected(tmp_path: Path, **options: Any) -> AsyncIterator[Client]:
    hub = DeviceHub(f"virtual:{tmp_path / 'phone'}")
    server = build_server(hub, ServerOptions(out=tmp_path / "runs", memory=tmp_path / "memory.sqlite",
                                             shortcuts=tmp_path / "shortcuts.sqlite", **options))
    try:
        async with Client(server, read_timeout_seconds=120) as client:
            yield client
    finally:
        hub.close_all()


def test_hostile_text_reaches_the_screen_literally(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connected(tmp_path) as client:
            assert "Notes" in text_of(await client.call_tool("launch_app", {"app": "notes"}))
            notes = text_of(await client.call_tool("observe", {}))
            await client.call_tool("tap", {"index": index_of(notes, "Search")})
            search = text_of(await client.call_tool("observe", {}))
            field = index_of(search, "", "EditText")
            typed = await client.call_tool("type_text", {"text": HOSTILE, "index": field})
            assert not typed.is_error, text_of(typed)
            assert quote(HOSTILE) in text_of(await client.call_tool("observe", {}))

    anyio.run(scenario)


def test_stale_indexes_and_bad_arguments_are_tool_errors(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connected(tmp_path) as client:
            home = text_of(await client.call_tool("observe", {}))
            await client.call_tool("tap", {"index": index_of(home, "Clock")})
            stale = await client.call_tool("tap", {"index": 0})
            assert stale.is_error and "call observe first" in text_of(stale)
            off_screen = await client.call_tool("tap", {"x": 5000, "y": 10})
            assert off_screen.is_error and "outside the 1080x2400 screen" in text_of(off_screen)
            both = await client.call_tool("long_press", {"index": 1, "x": 3, "y": 4})
            assert both.is_error and "not both" in text_of(both)
            key = await client.call_tool("press_key", {"key": "teleport"})
            assert key.is_error and "unknown key" in text_of(key)
            app = await client.call_tool("launch_app", {"app": "Photoshop"})
            assert app.is_error and "Photoshop" in text_of(app)
            gone = await client.call_tool("observe", {"device": "phone9"})
            assert gone.is_error and "no open device named 'phone9'" in text_of(gone)

    anyio.run(scenario)


def test_phones_start_swipe_press_open_and_stop(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connected(tmp_path) as client:
            started = text_of(await client.call_tool("start_virtual_phone", {"name": "scratch"}))
            assert "started scratch" in started
            assert "scratch (virtual" in text_of(await client.call_tool("list_devices", {}))
            opened = text_of(await client.call_tool("open_uri", {"uri": "smsto:5550100"}))
            assert "opened smsto:5550100" in opened
            assert "launcher3" in text_of(await client.call_tool("press_key", {"key": "home"}))
            swiped = text_of(await client.call_tool("swipe", {"direction": "up"}))
            assert "swiped from the screen's centre to (540, 240)" in swiped
            assert "stopped scratch" in text_of(await client.call_tool("stop_device", {"device": "scratch"}))
            listed = text_of(await client.call_tool("list_devices", {}))
            assert "scratch" not in listed

    anyio.run(scenario)


def test_a_kept_phone_folder_is_driven_by_one_server_at_a_time(tmp_path: Path) -> None:
    """start_virtual_phone with a data_dir takes the same lock as `--device virtual:PATH`: a second server (or
    a `droidpilot run`) on that folder is refused, naming this process, until the phone is stopped."""
    folder = tmp_path / "kept"
    first, second = DeviceHub("virtual"), DeviceHub("virtual")
    first.start_virtual("a", folder)
    in_use = rf"the virtual phone {re.escape(str(folder))} is in use by pid {os.getpid()}"
    with pytest.raises(FolderInUse, match=in_use):
        second.start_virtual("b", folder)
    with pytest.raises(FolderInUse):
        second.get(f"virtual:{folder}")
    first.stop("a")
    second.start_virtual("b", folder)
    second.close_all()


def test_shortcuts_listed_and_run(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connected(tmp_path) as client:
            listed = await client.call_tool("list_shortcuts", {})
            names = {s["name"] for s in listed.structured_content["shortcuts"]}  # type: ignore[index]
            assert {"compose_note", "turn_off_wifi", "open_wifi_settings"} <= names
            ran = await client.call_tool("run_shortcut", {"name": "compose_note",
                                                          "args": {"title": "Groceries", "text": HOSTILE}})
            assert text_of(ran).startswith("ok: compose_note: done"), text_of(ran)
            bad = await client.call_tool("run_shortcut", {"name": "create_alarm", "args": {"hour": "noon"}})
            assert bad.is_error and "hour" in text_of(bad)
            missing = await client.call_tool("run_shortcut", {"name": "no_such_shortcut"})
            assert missing.is_error and "no_such_shortcut" in text_of(missing)

    anyio.run(scenario)


def test_agent_task_reports_progress_and_feeds_memory(tmp_path: Path) -> None:
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 5\n")
    progress: list[tuple[float, str | None]] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append((done, message))

    async def scenario(base_url: str) -> None:
        async with connected(tmp_path, model="m", base_url=base_url, config=tmp_path / "fast.toml") as client:
            result = await client.call_tool("run_agent_task", {"goal": "Open Settings and turn Wi-Fi off",
                                                               "max_steps": 12}, progress_callback=on_progress)
            assert not result.is_error, text_of(result)
            info = result.structured_content or {}
            assert info["status"] == "complete" and info["succeeded"] is True
            assert (Path(info["run_dir"]) / "result.json").is_file()
            hits = await client.call_tool("search_memory", {"query": "Wi-Fi"})
            assert hits.structured_content and hits.structured_content["pages"], text_of(hits)

    with FakeOpenAIServer() as fake:
        policy = by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector={"outcome": "success", "reason": "ok"},
                         completion=wifi_completion)
        fake.responder = lambda request: Reply.json(policy(request.text()))
        anyio.run(scenario, fake.base_url)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress) and len(progress) >= 3
    assert all(message and message.startswith("step ") for _, message in progress)
    phone = open_device(f"virtual:{tmp_path / 'phone'}")
    try:
        assert phone.shell("settings get global wifi_on").output.strip() == "0"
    finally:
        phone.close()


def test_agent_task_without_a_model_says_how_to_configure_one(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in clean_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    for name in ENV_DROPPED:
        monkeypatch.delenv(name, raising=False)

    async def scenario() -> None:
        async with connected(tmp_path) as client:
            result = await client.call_tool("run_agent_task", {"goal": "turn Wi-Fi off"})
            assert result.is_error and "model" in text_of(result).lower()

    anyio.run(scenario)


def test_benchmark_task_runs_and_scores(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with connected(tmp_path) as client:
            listed = await client.call_tool("list_benchmark_tasks", {"suite": "androidworld"})
            tasks = listed.structured_content["tasks"]  # type: ignore[index]
            name = next(t["name"] for t in tasks if t["name"] == "SystemWifiTurnOff")
            oracle = await client.call_tool("run_benchmark_task", {"suite": "androidworld", "task": name})
            assert not oracle.is_error, text_of(oracle)
            assert oracle.structured_content["score"] == 1.0  # type: ignore[index]
            noop = await client.call_tool("run_benchmark_task", {"suite": "androidworld", "task": name,
                                                                 "agent": "noop"})
            assert noop.structured_content["score"] == 0.0  # type: ignore[index]
            assert json.loads((Path(noop.structured_content["out_dir"]) / "summary.json").read_text())  # type: ignore[index]
            unknown = await client.call_tool("run_benchmark_task", {"suite": "androidworld", "task": "Nope"})
            assert unknown.is_error and "Nope" in text_of(unknown)

    anyio.run(scenario)
