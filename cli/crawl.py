"""`droidpilot crawl --app PKG[,PKG...]`: traverse apps into DroidBot-style traces and Parquet datasets."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from droidpilot.appendlog import clean_temps
from droidpilot.cli.common import DeviceOption, device_uri, fail
from droidpilot.cli.lock import locked
from droidpilot.cli.writes import explain, prepare_dir
from droidpilot.crawler.config import REAL_DEVICE_DENY, CrawlConfig, PolicyName
from droidpilot.crawler.journal import Journal

if TYPE_CHECKING:
    from droidpilot.crawler.models import CrawlProgress, CrawlResult
    from droidpilot.crawler.policies import Policy
    from droidpilot.emulator.pool import DevicePool
    from droidpilot.memory.store import MemoryStore


def crawl(
    app: Annotated[str, typer.Option("--app", help="package(s) to crawl, comma-separated")],
    device: DeviceOption = None,
    devices: Annotated[int, typer.Option(min=1, max=64, help="crawl this many apps at once, one per device "
                                         "(virtual phones, or the comma-separated --device list)")] = 1,
    policy: Annotated[PolicyName, typer.Option(help="dfs | bfs | random | replay | llm")] = "dfs",
    max_steps: Annotated[int, typer.Option(min=1, help="steps per app, over resumed sessions")] = 400,
    max_states: Annotated[int | None, typer.Option(min=1, help="stop at this many distinct states")] = None,
    time_limit: Annotated[float | None, typer.Option(min=1, help="seconds per app")] = None,
    stagnation: Annotated[int, typer.Option(min=1, help="stop after N steps without a new state")] = 100,
    seed: Annotated[int, typer.Option(help="seed of the random and replay policies")] = 0,
    out: Annotated[Path, typer.Option(help="output folder; OUT/<package>/ per app")] = Path("crawl"),
    redact: Annotated[bool | None, typer.Option(help="mask e-mails, phones, names, one-time codes and addresses, and "
                                                "paint them over in screenshots (default: on for real devices, off "
                                                "for virtual phones, whose data is synthetic)")] = None,
    memory: Annotated[Path | None, typer.Option(help="page memory file (default: the user's memory file)")] = None,
    no_memory: Annotated[bool, typer.Option("--no-memory", help="do not write pages to page memory")] = False,
    model: Annotated[str | None, typer.Option(help="llm policy: the model")] = None,
    base_url: Annotated[str | None, typer.Option(help="llm policy: an OpenAI-compatible server")] = None,
    api_key_env: Annotated[str | None, typer.Option(help="llm policy: variable holding the API key")] = None,
    config: Annotated[Path | None, typer.Option(help="droidpilot.toml holding the model settings")] = None,
    inputs: Annotated[Path | None, typer.Option(help="JSON {regex: text} for input fields (replaces the default)")]
    = None,
    deny: Annotated[list[str] | None, typer.Option(help="one more deny-list regex (repeatable)")] = None,
    shard_rows: Annotated[int, typer.Option(min=1, help="rows per Parquet shard")] = 100,
    max_variants: Annotated[int, typer.Option(min=1, help="records kept per state for distinct contents")] = 3,
    safe: Annotated[bool | None, typer.Option(help="also deny network/radio toggles, call, send, share, remove, ... "
                                              "(default: on for real devices)")] = None,
    reset: Annotated[bool, typer.Option(help="start each app from its device's clean snapshot (virtual phones) or "
                                        "with its data cleared (other devices)")] = True,
    executor: Annotated[str, typer.Option(help="where apps are crawled: thread, process (every core; virtual phones "
                                          "made in each worker) or ray [default: process for --devices > 1 on "
                                          "virtual phones]", show_default=False)] = "auto",
    ray_address: Annotated[str | None, typer.Option(help="--executor ray: 'auto' (a running cluster) or "
                                                    "ray://HOST:PORT [default: a local Ray]")] = None,
    license_id: Annotated[str, typer.Option("--license", help="license id in the dataset cards (e.g. cc-by-4.0); "
                                            "the apps' screens are not yours to license, hence 'other'")] = "other",
) -> None:
    """Crawl apps into OUT/<package>/: states/, events/, views/, utg.js, index.html, report.md and dataset/ (screens
    and transitions Parquet tables with a dataset card). Run the same command again to continue a crawl that was
    stopped or killed. Exit code: the number of apps that failed (each failure is reported; the others go on); 2
    when the disk refuses a write (full, read-only): make room and run the same command again."""
    packages = [p.strip() for p in app.split(",") if p.strip()]
    if not packages:
        fail("--app names no package", "droidpilot crawl --app com.android.settings")
    where = _executor(executor, device, devices)  # every option is checked before anything touches the disk
    base = _base_config(out, policy, max_steps, max_states, time_limit, stagnation, seed, redact, inputs, deny,
                        shard_rows).model_copy(update={"license": _license(license_id), "reset": reset})
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    make_policy = _policy_factory(policy, config, model, base_url, api_key_env)
    prepare_dir(out)
    for package in packages:  # a damaged journal stops the crawl before any device starts (DamagedLog, exit 2)
        Journal(out / package / "journal.jsonl").check()
    virtual = _all_virtual(device)
    base = base.model_copy(update={"max_variants": max_variants, "redact": not virtual if redact is None else redact})
    if (not virtual) if safe is None else safe:
        base = base.model_copy(update={"deny": [*base.deny, *REAL_DEVICE_DENY]})
    with locked(out, "crawl output"), _pool(device, devices) as pool:
        for package in packages:  # what a crawl killed mid-write left; nobody else writes here now
            clean_temps(out / package, recursive=True)
        _check_packages(pool, packages, device)
        store = _memory(memory, no_memory)  # after the check: a typo must not create the user's memory file
        configs = [base.model_copy(update={"package": p}) for p in packages]
        console.print(f"crawling {', '.join(packages)} with {policy} on {min(pool.size, len(packages))} "
                      f"device(s) -> {out}", markup=False)
        results = _run(configs, pool, make_policy, store, console, where, ray_address)
    if store is not None:
        store.close()
    for result in results:
        if result.disk is None:
            _summary(result)
    _stop_on_disk(results)
    if any(r.stop_reason == "interrupted" for r in results):
        raise typer.Exit(130)
    failed = sum(1 for r in results if r.error)
    if failed:
        typer.secho(f"{failed} of {len(results)} app(s) failed", fg=typer.colors.RED, err=True)
    raise typer.Exit(min(failed, 125))  # the exit code is the number of failed apps


def _stop_on_disk(results: list[CrawlResult]) -> None:
    """A write the disk refused (full, read-only) ends the command with one line naming the file, exit 2."""
    disk = next((r.disk for r in results if r.disk is not None), None)
    if disk is not None:
        message, hint = explain(OSError(disk.errno, disk.message, disk.path), Path(disk.path))
        fail(message, f"{hint}; then run the same command again to continue where it stopped")


def _executor(choice: str, option: str | None, devices: int) -> str:
    """thread, process or ray; `auto` is process for several in-memory virtual phones (workers make their own)."""
    in_memory = device_uri(option).strip() == "virtual"
    if choice == "auto":
        return "process" if devices > 1 and in_memory else "thread"
    if choice not in ("thread", "process", "ray"):
        fail(f"unknown --executor '{choice}'", "pick one of: thread, process, ray")
    if choice != "thread" and not in_memory:
        fail(f"--executor {choice} crawls on virtual phones made inside its workers, not on {device_uri(option)}",
             "use --device virtual, or --executor thread for these devices")
    return choice


def _all_virtual(option: str | None) -> bool:
    from droidpilot.emulator.device import DeviceError
    from droidpilot.emulator.uri import parse_device_uri

    try:
        return all(parse_device_uri(u.strip()).kind == "virtual" for u in device_uri(option).split(",") if u.strip())
    except DeviceError:
        return False  # _pool reports the bad device string


def _base_config(out: Path, policy: str, max_steps: int, max_states: int | None, time_limit: float | None,
                 stagnation: int, seed: int, redact: bool | None, inputs: Path | None, deny: list[str] | None,
                 shard_rows: int) -> CrawlConfig:
    import re

    fields: dict[str, Any] = {"package": "-", "out": out, "policy": policy, "max_steps": max_steps,
                              "max_states": max_states, "time_limit": time_limit, "stagnation": stagnation,
                              "seed": seed, "redact": bool(redact), "shard_rows": shard_rows}
    base = CrawlConfig(**fields)
    if inputs is not None:
        try:
            table = json.loads(inputs.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            fail(f"cannot read --inputs {inputs}: {exc}", 'give a JSON object such as {"email": "a@example.com"}')
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            fail(f"--inputs {inputs} must hold a JSON object of regex -> text", '{"email": "a@example.com"}')
        for pattern in table:  # checked now: a bad one must not surface after the crawl started
            try:
                re.compile(pattern)
            except re.error as exc:
                fail(f"bad regex {pattern!r} in --inputs {inputs}: {exc}",
                     'keys are regexes, e.g. {"e-?mail": "a@b.c"}')
        base = base.model_copy(update={"inputs": table})
    for pattern in deny or []:
        try:
            re.compile(pattern)
        except re.error as exc:
            fail(f"bad --deny regex {pattern!r}: {exc}")
    return base.model_copy(update={"deny": [*base.deny, *(deny or [])]})


def _license(license_id: str) -> str:
    """A license id as HF cards take it: one token of letters, digits, dots and dashes."""
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", license_id.strip().lower()):
        fail(f"bad --license {license_id!r}", "give an id such as cc-by-4.0, mit, apache-2.0 or other")
    return license_id.strip().lower()


def _policy_factory(name: str, config: Path | None, model: str | None, base_url: str | None,
                    api_key_env: str | None) -> Any:
    from droidpilot.crawler.policies import make_policy

    if name != "llm":
        return lambda c: make_policy(c.policy, c.replay_depth)
    from droidpilot.agent.llm.base import LLMError, ModelUnavailable
    from droidpilot.agent.llm.config import build_models, load_settings
    from droidpilot.crawler.llm_policy import LlmPolicy, check_model

    try:
        settings = load_settings(config, cli={"model": model, "base_url": base_url, "api_key_env": api_key_env})
        chat = build_models(settings)["operator"]
        vision = settings.resolve("operator").vision  # the agent's image / text-only setting, reused
    except LLMError as exc:
        fail(str(exc), "the llm policy needs a model: --model M [--base-url U]")
    try:
        check_model(chat, "the app to crawl")
    except ModelUnavailable as exc:
        fail(str(exc), "start the model server or fix --base-url / the API key, or crawl with --policy dfs", code=3)

    def factory(c: CrawlConfig) -> Policy:
        return LlmPolicy(chat, c.package, c.max_llm_calls, vision)

    return factory


def _memory(path: Path | None, disabled: bool) -> MemoryStore | None:
    if disabled:
        return None
    from droidpilot.memory.models import MemoryStoreError
    from droidpilot.memory.store import MemoryStore, default_memory_path

    try:
        return MemoryStore(path or default_memory_path())
    except MemoryStoreError as exc:
        fail(str(exc), "pass --memory PATH, or --no-memory to crawl without page memory")


@contextmanager
def _pool(option: str | None, count: int) -> Iterator[DevicePool]:
    """N virtual phones for `virtual` / `virtual:PATH` (PATH/<serial> each), else the listed devices."""
    from droidpilot.emulator import open_device
    from droidpilot.emulator.device import DeviceError
    from droidpilot.emulator.pool import DevicePool
    from droidpilot.emulator.uri import parse_device_uri

    uris = [u.strip() for u in device_uri(option).split(",") if u.strip()]
    try:
        parsed = [parse_device_uri(u) for u in uris]
    except DeviceError as exc:
        fail(str(exc), "see 'droidpilot device --help' for device strings")
    if len(uris) == 1 and parsed[0].kind == "virtual" and count > 1:
        pool = DevicePool.virtual(count, data_root=parsed[0].path, same_seed=True)  # which phone: no difference
    else:
        pool = DevicePool([partial(open_device, u) for u in uris])
    try:
        yield pool
    finally:
        pool.close()


def _check_packages(pool: DevicePool, packages: list[str], option: str | None) -> None:
    from droidpilot.emulator.device import DeviceError

    try:
        with pool.leased(timeout=60) as device:
            installed = {a.package for a in device.installed_apps()}
    except DeviceError as exc:
        fail(str(exc), "is the device connected? 'droidpilot devices' lists what is attached")
    unknown = [p for p in packages if p not in installed]
    if unknown:
        fail(f"unknown app {', '.join(repr(p) for p in unknown)} on {device_uri(option)}",
             f"installed apps: {', '.join(sorted(installed))} ('droidpilot device apps' lists them)")


def _run(configs: list[CrawlConfig], pool: DevicePool, make_policy: Any, store: MemoryStore | None,
         console: Console, executor: str = "thread", ray_address: str | None = None) -> list[CrawlResult]:
    from droidpilot.crawler.runner import crawl_apps

    stop = threading.Event()

    def stop_all_on_disk(result: CrawlResult) -> None:  # every app writes to the same disk
        if result.disk is not None:
            stop.set()

    with _terminate_as_interrupt():
        results = crawl_apps(configs, pool, make_policy, memory=store, on_progress=_printer(console), stop=stop,
                             on_result=stop_all_on_disk, executor=executor, ray_address=ray_address)
    if stop.is_set() and not any(r.disk for r in results):
        console.print("interrupted: run the same command again to continue", markup=False)
    return results


def _printer(console: Console) -> Any:
    lock = threading.Lock()

    def show(p: CrawlProgress) -> None:
        if p.new_state is None and p.step % 50:
            return
        coverage = f"  screens {p.screens_reached}/{p.screens_total}" if p.screens_total else ""
        new = f"  new: {p.new_state}" if p.new_state else ""
        with lock:
            console.print(f"[{p.package}] step {p.step:>4}  states {p.states:>3}  transitions {p.transitions:>4}"
                          f"{coverage}{new}", markup=False)

    return show


def _summary(r: CrawlResult) -> None:
    """One line per app on stdout: what was crawled, coverage, why it stopped, where it is."""
    if r.error and not r.steps:
        typer.secho(f"{r.package}: failed: {r.error}", fg=typer.colors.RED)
        return
    coverage = f", screens {len(r.screens_reached)}/{r.screens_total} ({100 * (r.coverage or 0):.0f}%)" \
        if r.screens_total else ""
    coverage += f", activities {r.activities_reached}/{r.activities_declared}" if r.activities_declared else \
        f", {r.activities_reached} activities"
    resumed = " (resumed)" if r.resumed else ""
    colour = typer.colors.RED if r.error else typer.colors.GREEN
    typer.secho(f"{r.package}{resumed}: {r.steps} steps, {r.states} states, {r.transitions} transitions, "
                f"{r.records} records ({r.dataset_rows} dataset rows){coverage}; stopped: {r.stop_reason}; "
                f"{r.session_s:.1f} s ({r.steps_per_min:.0f} steps/min) -> {r.out_dir}", fg=colour)
    if r.screens_missing:
        typer.echo(f"  not reached: {', '.join(r.screens_missing)}")
    if r.error:
        typer.echo(f"  error: {r.error}")


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the crawl like Ctrl-C: every app stops after its step and stays resumable."""
    def handler(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
