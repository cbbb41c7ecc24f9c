"""`droidpilot doctor`: check the setup piece by piece, one line each: ok, or the problem and its fix.

Checks that the given flags need (`--device`, `--model`, `--base-url`) decide the exit status; the others are
reported so a user sees what is missing before needing it. With a model configured, one real request with a
picture and a JSON schema shows whether the server can drive the agent.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from pydantic import BaseModel

from droidpilot.cli.common import DEVICE_ENV, DeviceOption, adb_server_address, device_uri
from droidpilot.emulator.adb_client import DeviceInfo, list_devices
from droidpilot.emulator.device import DeviceLost
from droidpilot.errors import DroidpilotError

if TYPE_CHECKING:
    from droidpilot.agent.llm.config import LLMSettings, ResolvedModel

Status = Literal["ok", "problem", "skipped"]
PROBE_PROMPT = Path(__file__).with_name("doctor_probe.md")
MODEL_HINT = "pass --model (and --base-url for vLLM, Ollama, ...), or set model under [llm] in droidpilot.toml"


class Check(BaseModel):
    """One line of the report. `needed` checks that fail make the exit status non-zero."""

    name: str
    status: Status
    detail: str
    fix: str = ""
    needed: bool = False

    def line(self) -> str:
        fix = f" -> fix: {self.fix}" if self.fix and self.status == "problem" else ""
        return f"{self.status:<8} {self.name:<16} {self.detail}{fix}"


class ProbeAnswer(BaseModel):
    colour: str


def doctor(
    device: DeviceOption = None,
    model: Annotated[str | None, typer.Option(help="the model to check (e.g. gpt-4o-mini)")] = None,
    base_url: Annotated[str | None, typer.Option(help="the OpenAI-compatible server to check")] = None,
    api_key_env: Annotated[str | None, typer.Option(help="environment variable holding the API key")] = None,
    config: Annotated[Path | None, typer.Option(help="droidpilot.toml holding the model settings")] = None,
) -> None:
    """Check adb, the ADB server, devices, the model server (a real image + JSON-schema request) and the API key.
    Exits 1 when something the given flags need is broken."""
    uri = device_uri(device)
    checks: list[Check] = []
    for check in _device_checks(uri, explicit=device is not None or bool(_env_device())):
        checks.append(check)
        typer.echo(check.line())
    for check in _model_checks(config, model, base_url, api_key_env, needed=bool(model or base_url)):
        checks.append(check)
        typer.echo(check.line())
    broken = [c.name for c in checks if c.needed and c.status == "problem"]
    if broken:
        typer.secho(f"{len(broken)} needed check(s) failed: {', '.join(broken)}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    typer.echo("everything the given flags need works" if device or model or base_url else
               "the virtual phone works; pass --device / --model to check a phone or a model server")


def _env_device() -> str:
    import os

    return os.environ.get(DEVICE_ENV, "")


# -- devices ------------------------------------------------------------------------------------------------------

def _device_checks(uri: str, explicit: bool) -> Iterator[Check]:
    uses_adb = uri.startswith("adb")
    adb = shutil.which("adb")
    yield (Check(name="adb", status="ok", detail=adb) if adb else
           Check(name="adb", status="problem", detail="adb is not on PATH (needed only to start an ADB server for "
                 "real phones and emulators)", fix="sudo apt install adb, or install Android platform-tools"))
    host, port = adb_server_address()
    attached: list[DeviceInfo] | None
    try:
        attached = list_devices(host, port)
        yield Check(name="ADB server", status="ok", detail=f"answers on {host}:{port}", needed=uses_adb)
    except DeviceLost:
        attached = None
        yield Check(name="ADB server", status="problem", detail=f"nothing answers on {host}:{port}",
                    fix="'adb start-server' (phones, emulators) or 'droidpilot phone serve' (virtual phones)",
                    needed=uses_adb)
    if attached is not None:
        yield _attached_check(attached, uses_adb)
    yield _open_check(uri, explicit)


def _attached_check(attached: list[DeviceInfo], needed: bool) -> Check:
    ready = [d.serial for d in attached if d.state == "device"]
    others = [f"{d.serial} ({d.state})" for d in attached if d.state != "device"]
    detail = ", ".join(ready + others) or "none attached"
    if others:
        fix = "accept the USB debugging prompt on the phone" if any("unauthorized" in o for o in others) else \
            "reconnect the device, or restart it ('adb reconnect')"
        return Check(name="devices", status="problem", detail=detail, fix=fix, needed=needed and not ready)
    if not ready:
        return Check(name="devices", status="problem", detail=detail, needed=needed,
                     fix="plug in a phone with USB debugging on, start an emulator, or 'droidpilot phone serve'")
    return Check(name="devices", status="ok", detail=detail, needed=needed)


def _open_check(uri: str, explicit: bool) -> Check:
    from droidpilot.emulator import open_device

    name = "device" if explicit else "virtual phone"
    started = time.perf_counter()
    try:
        opened = open_device(uri)
        try:
            observation = opened.observe()
        finally:
            opened.close()
    except DroidpilotError as exc:
        return Check(name=name, status="problem", detail=f"{uri}: {exc}", needed=True,
                     fix=exc.hint or "check the device string: virtual, virtual:PATH, adb:SERIAL")
    except OSError as exc:
        return Check(name=name, status="problem", detail=f"{uri}: {exc.strerror or exc}", needed=True,
                     fix="pick a writable virtual:PATH")
    elapsed = (time.perf_counter() - started) * 1000
    return Check(name=name, status="ok", needed=True,
                 detail=f"{uri} shows {observation.package} ({len(observation.elements)} elements, {elapsed:.0f} ms)")


# -- the model ----------------------------------------------------------------------------------------------------

def _model_checks(config: Path | None, model: str | None, base_url: str | None, api_key_env: str | None,
                  needed: bool) -> Iterator[Check]:
    from droidpilot.agent.llm.base import LLMError
    from droidpilot.agent.llm.config import NoModelConfigured, load_settings

    try:
        settings = load_settings(config, cli={"model": model, "base_url": base_url, "api_key_env": api_key_env})
        target = settings.resolve("operator")
    except NoModelConfigured:
        yield Check(name="model", status="problem", detail="no model configured (the agent, 'run' and "
                    "'bench --agent hierarchical' need one)", fix=MODEL_HINT, needed=needed)
        yield from _key_check_unconfigured()
        return
    except LLMError as exc:
        yield Check(name="model", status="problem", detail=str(exc), fix=MODEL_HINT, needed=True)
        return
    # A configured model is meant to be used: from here on its problems count, whatever the flags.
    yield Check(name="model", status="ok", detail=f"{target.model} at {target.base_url or 'api.openai.com'}")
    key_check = _key_check(target)
    yield key_check
    reachable = _server_check(target)
    yield reachable
    if reachable.status == "ok" and key_check.status == "ok":
        yield _probe_check(settings, target.api_key_env)
    else:
        yield Check(name="images+schema", status="skipped", detail="needs a reachable server and a key")


def _key_check_unconfigured() -> Iterator[Check]:
    import os

    if os.environ.get("OPENAI_API_KEY"):
        yield Check(name="API key", status="ok", detail="OPENAI_API_KEY is set")
    else:
        yield Check(name="API key", status="problem", detail="OPENAI_API_KEY is not set (OpenAI and other hosted "
                    "servers need a key; local vLLM or Ollama servers do not)",
                    fix="export OPENAI_API_KEY=... or pass --api-key-env NAME")


def _key_check(target: ResolvedModel) -> Check:
    import os

    if os.environ.get(target.api_key_env):
        return Check(name="API key", status="ok", detail=f"{target.api_key_env} is set", needed=True)
    if target.base_url:
        return Check(name="API key", status="ok", detail=f"{target.api_key_env} is not set; fine for a local "
                     "server without authentication")
    return Check(name="API key", status="problem", detail=f"{target.api_key_env} is not set", needed=True,
                 fix=f"export {target.api_key_env}=..., or pass --base-url for a local server")


def _server_check(target: ResolvedModel) -> Check:
    import os

    base = (target.base_url or "https://api.openai.com/v1").rstrip("/")
    request = urllib.request.Request(f"{base}/models")
    key = os.environ.get(target.api_key_env)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            listed = [m.get("id", "") for m in json.load(response).get("data", [])]
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            return Check(name="model server", status="problem", detail=f"{base} refused the API key (HTTP "
                         f"{exc.code})", fix=f"check ${target.api_key_env}", needed=True)
        return Check(name="model server", status="ok", detail=f"{base} answers (HTTP {exc.code} for /models)",
                     needed=True)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Check(name="model server", status="problem", detail=f"nothing answers at {base} ({reason})",
                     fix="start the server (e.g. 'vllm serve MODEL', 'ollama serve') or correct --base-url",
                     needed=True)
    if listed and target.model not in listed:
        return Check(name="model server", status="problem", detail=f"{base} does not list {target.model} "
                     f"(it has: {', '.join(listed[:5])})", fix="pass --model with one of those names", needed=True)
    return Check(name="model server", status="ok", detail=f"{base} answers", needed=True)


def _probe_check(settings: LLMSettings, key_env: str) -> Check:
    """One real request: a picture filled with red, and an answer constrained by a JSON schema."""
    from PIL import Image

    from droidpilot.agent.llm.base import ImagePart, ImagesRejected, LLMError, Message, TextPart
    from droidpilot.agent.llm.config import build_models
    from droidpilot.agent.llm.openai_chat import OpenAIChat

    quick = settings.model_copy(update={"max_retries": 0, "timeout": min(settings.timeout, 60.0)})
    model = build_models(quick)["operator"]
    picture = Image.new("RGB", (64, 64), (220, 20, 20))
    message = Message(role="user", content=[TextPart(text=PROBE_PROMPT.read_text(encoding="utf-8")),
                                            ImagePart(image=picture, detail="low")])
    try:
        answer = model.complete([message], ProbeAnswer, role="doctor")
    except ImagesRejected as exc:
        return Check(name="images+schema", status="problem", detail=f"the server rejects images: {exc}",
                     fix="use a vision model (e.g. gpt-4o-mini, Qwen2.5-VL)", needed=True)
    except LLMError as exc:
        key_refused = "401" in str(exc) or "403" in str(exc)
        return Check(name="images+schema", status="problem", detail=f"the probe request failed: {exc}",
                     fix=f"check ${key_env}" if key_refused else "check the server's logs and --model", needed=True)
    schema = not isinstance(model, OpenAIChat) or model.supports_schema
    sees = "red" in answer.parsed.colour.lower()
    detail = (f"answered {answer.parsed.colour!r} in {answer.latency_s:.1f} s; json_schema "
              f"{'accepted' if schema else 'rejected (falls back to JSON described in the prompt)'}")
    if not sees:
        return Check(name="images+schema", status="problem", detail=detail + "; the answer misses the picture",
                     fix="use a vision model: this one does not seem to see images", needed=True)
    if not schema:
        return Check(name="images+schema", status="problem", detail=detail,
                     fix="enable structured outputs on the server (vLLM: --guided-decoding-backend)")
    return Check(name="images+schema", status="ok", detail=detail, needed=True)
