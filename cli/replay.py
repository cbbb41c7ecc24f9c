"""`droidpilot replay RUN_DIR`: re-execute a recorded run's actions on a device, checking each target first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from droidpilot.cli.common import DeviceOption, device_session, fail

if TYPE_CHECKING:
    from droidpilot.agent.state import StepRecord


def replay(
    run_dir: Annotated[Path, typer.Argument(help="a run folder (runs/RUN_ID) with a trajectory.jsonl")],
    device: DeviceOption = None,
    secret: Annotated[list[str] | None, typer.Option(help="NAME=env:VAR for runs that typed secrets")] = None,
) -> None:
    """Replay the successful steps of a run (no model involved). Exit 0 when every step replayed; 1 at the
    first step whose target is missing or whose action fails."""
    from droidpilot.agent.replay import ReplayError, replay_run
    from droidpilot.agent.safety import SecretError, SecretVault

    if not (run_dir / "trajectory.jsonl").is_file():
        fail(f"{run_dir} has no trajectory.jsonl", "pass a run folder, e.g. runs/20261015-090000-ab12cd")
    try:
        vault = SecretVault.from_specs(secret or [])
    except SecretError as exc:
        fail(str(exc))
    with device_session(device) as dev:
        try:
            report = replay_run(run_dir, dev, vault=vault, on_step=_echo)
        except ReplayError as exc:
            fail(f"replay stopped at {exc}", "the app's screen differs from the recording", code=1)
        except FileNotFoundError:
            fail(f"{run_dir} has no recorded steps to replay", "pass the folder of a run that took steps")
    typer.echo(f"replayed {report.replayed} steps of {report.recorded} "
               f"({report.skipped} skipped: failed, answer or done)")


def _echo(record: StepRecord, detail: str) -> None:
    typer.echo(f"{record.step:>3}  {detail}")
