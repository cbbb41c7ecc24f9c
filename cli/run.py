"""`droidpilot run GOAL`: drive a phone toward a goal with the hierarchical agent, or `--resume RUN_ID`."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

import typer
from rich.console import Console
from rich.text import Text

from droidpilot.cli.common import (
    RunDeviceOption,
    device_session,
    device_uri,
    fail,
    persistent_phone_uri,
    time_limit,
)
from droidpilot.cli.lock import locked
from droidpilot.cli.shortcuts import ShortcutsOption, open_library
from droidpilot.cli.writes import prepare_dir, writing

if TYPE_CHECKING:  # the agent stack (langgraph, openai) loads only when `run` runs, not for every command
    from droidpilot.agent.llm.base import ChatModel
    from droidpilot.agent.nodes.act import ConfirmRequest, UserQuestion
    from droidpilot.agent.safety import SecretVault
    from droidpilot.agent.state import AgentSettings, StepRecord
    from droidpilot.agent.trajectory import RunResult
    from droidpilot.memory.store import MemoryStore
    from droidpilot.shortcuts.library import ShortcutLibrary

Confirm = Literal["ask", "auto", "deny"]
Reflection = Literal["on_demand", "always", "never"]
Vision = Literal["auto", "on", "off"]
Coords = Literal["pixel", "normalized"]
VERDICT_STYLE = {"success": "green", "failure": "red", "uncertain": "yellow"}


def run(
    goal: Annotated[str | None, typer.Argument(help="what to do, in plain words; omit with --resume")] = None,
    device: RunDeviceOption = None,
    model: Annotated[str | None, typer.Option(help="model name for every role (e.g. gpt-4o-mini)")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server, e.g. http://localhost:8000/v1")]
    = None,
    api_key_env: Annotated[str | None, typer.Option(help="environment variable holding the API key")] = None,
    config: Annotated[Path | None, typer.Option(help="droidpilot.toml holding the model settings (llm table)")] = None,
    max_steps: Annotated[int | None, typer.Option(min=1, max=500, help="step budget (default 30)")] = None,
    timeout: Annotated[float | None, typer.Option(min=1, help="seconds the run may take, checked between steps; "
                                                  "then it stops as 'timeout' and --resume continues it (default: "
                                                  "[run] timeout in droidpilot.toml, else none)")] = None,
    model_timeout: Annotated[float | None, typer.Option(min=1, help="seconds for one model call, connect and the "
                                                        "full answer (default: [llm] timeout, else 60)")] = None,
    out: Annotated[Path, typer.Option(help="directory for run folders")] = Path("runs"),
    confirm: Annotated[Confirm | None, typer.Option(
        help="sensitive actions (send, pay, delete, ...): ask in the terminal, auto-allow, or deny (default ask)")]
    = None,
    secret: Annotated[list[str] | None, typer.Option(
        help="NAME=env:VAR, typed by the agent with type_secret; repeatable; values never logged")] = None,
    reflection: Annotated[Reflection | None, typer.Option(help="LLM reflection after steps (default on_demand)")]
    = None,
    resume: Annotated[str | None, typer.Option(help="continue the run RUN_ID (in --out) from its checkpoint")]
    = None,
    answer: Annotated[str | None, typer.Option(
        help="with --resume: the answer to the question a needs_user run asked")] = None,
    memory: Annotated[Path | None, typer.Option(
        "--memory", help="long-term memory file: remembered pages and tips help plan, and the run is added to it. "
        "Default: $DROIDPILOT_MEMORY, else ~/.local/share/droidpilot/memory.sqlite", show_default=False)] = None,
    no_memory: Annotated[bool, typer.Option("--no-memory", help="neither use nor update long-term memory")] = False,
    shortcuts: ShortcutsOption = None,
    learn: Annotated[bool | None, typer.Option(
        "--learn/--no-learn", help="mine shortcuts from a successful run into the library (default on; "
        "[learning] shortcuts = false in droidpilot.toml turns it off)", show_default=False)] = None,
    vision: Annotated[Vision | None, typer.Option(
        help="screenshots for the model: on, off (element list only, for text-only models), or auto: on until the "
        "server rejects images, then off for the rest of the run (default auto; per role in droidpilot.toml)")]
    = None,
    coords: Annotated[Coords | None, typer.Option(
        help="the frame the model's coordinates are in: pixel (of the image it is shown; of the screen when "
        "text-only) or normalized (0-1000, as Qwen-VL, UI-TARS answer); default pixel")] = None,
) -> None:
    """Run the agent until the goal is reached. Exit 0 only when it was; 1 when it failed, was infeasible, ran
    out of steps or got stuck; 2 for usage or configuration errors; 3 when the model server is unavailable;
    5 when the agent asked the user something without a terminal to answer in (needs_user: continue with
    --resume RUN_ID --answer TEXT); 130 when interrupted (continue with --resume RUN_ID)."""
    from droidpilot.agent.state import AgentSettings

    if answer is not None and resume is None:
        fail("--answer goes with --resume RUN_ID", "droidpilot run --resume RUN_ID --answer TEXT")
    if (goal is None) == (resume is None):
        fail("give a GOAL, or --resume RUN_ID (not both)", "droidpilot run \"turn Wi-Fi off\" --device virtual")
    if goal is not None and not goal.strip():
        fail("the goal is empty", "say what to do: droidpilot run \"turn Wi-Fi off\" --device virtual")
    vault = _vault(secret or [])
    models, modes = _models(config, {"model": model, "base_url": base_url, "api_key_env": api_key_env,
                                     "vision": vision, "coords": coords, "timeout": model_timeout})
    prepare_dir(out)
    overrides = {k: v for k, v in {"max_steps": max_steps, "confirm": confirm, "reflection": reflection,
                                   "timeout_s": time_limit(timeout, config),
                                   "modes": modes, "learn": _learn(learn, config)}.items() if v is not None}
    if memory is not None and no_memory:
        fail("give --memory PATH or --no-memory, not both")
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    library = open_library(shortcuts)
    with _memory(memory, no_memory) as store:
        knowledge = Knowledge(store, library)
        if resume is not None:
            result = _resume(resume, out, device, models, vault, overrides, console, knowledge, answer)
        else:
            assert goal is not None
            result = _start(goal, out, device, models, vault, AgentSettings(**overrides), console, knowledge)
    _report(result)
    raise typer.Exit(result.exit_code)


@contextmanager
def _memory(option: Path | None, off: bool) -> Iterator[MemoryStore | None]:
    """The run's memory file (None with --no-memory); a file that cannot be used stops the command at once."""
    if off:
        yield None
        return
    from droidpilot.memory import MemoryStore, MemoryStoreError, NotAMemoryFile, default_memory_path

    path = option or default_memory_path()
    try:
        store = MemoryStore(path)
    except NotAMemoryFile as exc:
        fail(str(exc), "pass another file with --memory, or run with --no-memory")
    except MemoryStoreError as exc:
        fail(str(exc), "check the --memory path and its permissions, or run with --no-memory")
    try:
        yield store
    finally:
        store.close()


class Knowledge(NamedTuple):
    memory: MemoryStore | None
    shortcuts: ShortcutLibrary


def _start(goal: str, out: Path, device: str | None, models: dict[str, ChatModel], vault: SecretVault,
           settings: AgentSettings, console: Console, knowledge: Knowledge) -> RunResult:
    from droidpilot.agent.runner import run_task
    from droidpilot.agent.trajectory import new_run_id

    run_id, uri = new_run_id(), device_uri(device, default=persistent_phone_uri())
    console.print(Text(f"run {run_id} on {uri}: {goal}", style="bold"))
    with writing(out / run_id):
        (out / run_id).mkdir()
    with locked(out / run_id, "run"), device_session(uri) as dev, _terminate_as_interrupt():
        return run_task(goal, dev, models, settings=settings, out_dir=out, vault=vault, run_id=run_id,
                        device_uri=uri, confirm=_prompt(console), on_step=_step_printer(console),
                        memory=knowledge.memory, shortcuts=knowledge.shortcuts, ask_user=_question(console))


def _resume(run_id: str, out: Path, device: str | None, models: dict[str, ChatModel], vault: SecretVault,
            overrides: dict[str, Any], console: Console, knowledge: Knowledge, answer: str | None) -> RunResult:
    from droidpilot.agent.runner import RunNotFound, resume_task
    from droidpilot.agent.trajectory import read_meta

    if run_id in ("", ".", "..") or Path(run_id).name != run_id:
        fail(f"--resume takes the name of a run folder in {out}, not a path: {run_id!r}",
             "pass the run id (the folder name), and --out for the folder that holds it")
    try:
        meta = read_meta(out / run_id)
    except ValueError as exc:  # not JSON, not UTF-8, or not a run's metadata
        fail(f"{out / run_id / 'run.json'} is damaged: {str(exc).splitlines()[0]}",
             "the run cannot be resumed; start it again")
    _check_checkpoint(out / run_id / "checkpoint.sqlite")
    if meta is None:
        fail(f"no run '{run_id}' in {out}", "pass the run's folder name, and --out if it is not in ./runs")
    if device is None and meta.device in ("", "virtual"):
        fail(f"run {run_id} used a temporary device that no longer exists",
             "pass --device (a virtual:PATH phone keeps its state between runs)")
    device = device or meta.device
    console.print(Text(f"resuming {run_id} on {device}: {meta.goal}", style="bold"))
    settings = meta.settings.model_copy(update=overrides)
    with locked(out / run_id, "run"), device_session(device) as dev, _terminate_as_interrupt():
        try:
            return resume_task(run_id, dev, models, out_dir=out, settings=settings, vault=vault,
                               confirm=_prompt(console), on_step=_step_printer(console),
                               memory=knowledge.memory, shortcuts=knowledge.shortcuts,
                               ask_user=_question(console), answer=answer)
        except RunNotFound as exc:
            fail(str(exc), "only runs with a checkpoint.sqlite can be resumed")


def _check_checkpoint(path: Path) -> None:
    """A checkpoint that is not an SQLite database (or is damaged) stops --resume with one line."""
    import sqlite3
    from contextlib import closing

    if not path.is_file():
        return
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    if problems != ["ok"]:
        fail(f"{path} is damaged: {problems[0]}", "the run cannot be resumed; start it again")


def _vault(specs: list[str]) -> SecretVault:
    from droidpilot.agent.safety import SecretError, SecretVault

    literal = next((spec.partition("=")[0] for spec in specs if "=env:" not in spec), None)
    if literal is not None:
        fail(f"secret {literal!r} must come from the environment: --secret NAME=env:VAR",
             "a value on the command line is visible to other users (ps) and stays in shell history")
    try:
        return SecretVault.from_specs(specs)
    except SecretError as exc:
        fail(str(exc), "use --secret NAME=env:VAR with VAR exported in the environment")


def _learn(flag: bool | None, config: Path | None) -> bool:
    from droidpilot.agent.learning import learn_by_default
    from droidpilot.memory.config import MemoryConfigError

    if flag is not None:
        return flag
    try:
        return learn_by_default(config)
    except MemoryConfigError as exc:
        fail(str(exc), "fix the [learning] table of droidpilot.toml, or pass --learn / --no-learn")


def _models(config: Path | None, flags: dict[str, Any]) -> tuple[dict[str, ChatModel], dict[str, Any]]:
    """One model per role, and each role's vision and coordinate frame (AgentSettings.modes)."""
    from droidpilot.agent.llm.base import LLMError
    from droidpilot.agent.llm.config import NoModelConfigured, build_models, load_settings
    from droidpilot.agent.state import RoleMode

    try:
        settings = load_settings(config, cli=flags)
        modes = {role: RoleMode.model_validate(mode) for role, mode in settings.modes().items()}
        return build_models(settings), modes
    except NoModelConfigured as exc:  # its message already says how to point droidpilot at a model
        fail(str(exc))
    except LLMError as exc:  # other ConfigErrors, or a client that cannot be built
        fail(str(exc), getattr(exc, "hint", ""))


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM ends the run like Ctrl-C: the runner writes result.json ("interrupted") and the checkpoint
    stays resumable."""
    def handler(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _prompt(console: Console) -> Any:
    def ask(request: ConfirmRequest) -> bool:
        target = f" on {request.target}" if request.target else ""
        console.print(Text(f"step {request.step}: the agent wants to {request.kind}: {request.action}{target}",
                           style="yellow"))
        try:
            return typer.confirm("allow it?", default=False, err=True)
        except (typer.Abort, EOFError):
            return False

    return ask


def _question(console: Console) -> Any:
    """Answers the agent's questions in a terminal; without one (CI, a pipe) there is nobody to ask, and the
    run ends as needs_user."""
    def ask(question: UserQuestion) -> str | None:
        if not sys.stdin.isatty():
            return None
        console.print(Text(f"step {question.step}: the agent asks: {question.question}", style="yellow"))
        try:
            return str(typer.prompt("your answer", err=True))
        except (typer.Abort, EOFError):
            return None

    return ask


def _step_printer(console: Console) -> Any:
    from droidpilot.agent.prompting import action_text

    def show(record: StepRecord) -> None:
        tokens = sum(u.prompt_tokens + u.completion_tokens for u in record.tokens.values())
        line = Text(f"{record.step:>3}  ")
        line.append(_clip(record.subgoal, 24).ljust(24), style="dim")
        line.append("  " + _clip(action_text(record.action), 48).ljust(48) + "  ")
        line.append(record.verdict or "-", style=VERDICT_STYLE.get(record.verdict, ""))
        feedback = record.feedback or (record.outcome or {}).get("error", "")
        if feedback and record.verdict != "success":
            line.append(f" ({_clip(feedback, 60)})", style="dim")
        line.append(f"  {tokens} tok", style="dim")
        console.print(line)

    return show


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _report(result: RunResult) -> None:
    """The final line, on stdout: status, counts, cost, and where the run is."""
    colour = typer.colors.GREEN if result.succeeded else typer.colors.RED
    answer = f" answer: {result.answer!r};" if result.answer else ""
    typer.secho(f"{result.status}:{answer} {result.message} ({result.steps} steps, {result.time_s:.1f} s, "
                f"{result.total_tokens} tokens in {result.calls} calls, ${result.cost_usd:.4f}) -> {result.run_dir}",
                fg=colour)
