"""Where a benchmark's episodes run: threads in this process, worker processes, or Ray actors.

The virtual phone is pure Python, so threads share one core; processes use every core of the machine and Ray
every core of a cluster. Whatever the executor, a worker owns its device for its whole life (the virtual phone is
created inside the worker and saves the suite's base snapshot there), and only the driver writes results.jsonl
and oracle_steps.json: workers send records back, so output is never torn and `--resume` works as with threads.
Episode folders (trajectories, thumbnails) are written by the worker that ran the episode, one folder each.

Process and Ray workers get the agent by pickling (fork copies it): an agent holding live resources (a memory
store, a shortcut library) cannot go there; `auto` then falls back to threads.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import pickle
import queue
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeRecord, EpisodeSpec
from droidpilot.benchmarks.task import BASE_SNAPSHOT
from droidpilot.emulator import node_devices
from droidpilot.emulator.device import Device
from droidpilot.emulator.pool import check_health

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from droidpilot.benchmarks.agents import BenchAgent
    from droidpilot.benchmarks.runner import RunConfig, RunState

log = logging.getLogger(__name__)
ExecutorName = Literal["auto", "thread", "process", "ray"]
EXECUTORS: tuple[str, ...] = ("thread", "process", "ray")
_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Job:
    """One episode to run, with what the driver's oracle cache knows about it."""

    spec: EpisodeSpec
    oracle_known: bool
    oracle_steps: int | None


@dataclass(frozen=True)
class Done:
    """A finished episode, sent back to the driver; `oracle_put` is set when the oracle cache learnt a count."""

    record_json: str
    oracle_put: bool
    oracle_steps: int | None

    def record(self) -> EpisodeRecord:
        return EpisodeRecord.model_validate_json(self.record_json)


def picklable(agent: BenchAgent) -> bool:
    try:
        pickle.dumps(agent)
    except Exception:  # any failure means "cannot be sent": sockets, sqlite connections, locks, lambdas
        return False
    return True


def choose(config: RunConfig, agent: BenchAgent, jobs: int) -> str:
    """The executor to use: `auto` is `process` for more than one device when the agent can be sent there."""
    from droidpilot.benchmarks.runner import RunnerError

    wanted = config.executor
    workers = min(config.devices, jobs)
    if wanted == "auto":
        return "process" if workers > 1 and picklable(agent) else "thread"
    if wanted != "thread" and not picklable(agent):
        raise RunnerError(f"--executor {wanted} cannot send the '{agent.name}' agent to its workers (it holds live "
                          "resources such as a memory store or shortcut library)", "use --executor thread")
    return wanted


# -- the worker side (any executor but threads) ------------------------------------------------------------------
class EpisodeWorker:
    """Owns one virtual phone for its life and runs jobs on it; what a worker process or Ray actor holds."""

    def __init__(self, index: int, config: RunConfig, agent: BenchAgent) -> None:
        from droidpilot.benchmarks.runner import select_tasks

        self.index, self.config, self.agent = index, config, agent
        self.lease: node_devices.NodeLease | None = None
        self.classes = {cls.name(): cls for cls in select_tasks(config.suite, config.tasks)}
        self.device = self._fresh_device()

    def _fresh_device(self) -> Device:
        device = node_device(self) or virtual_device(self.index)
        TaskEnv(device).save_snapshot(BASE_SNAPSHOT)
        return device

    def run(self, job: Job) -> Done:
        from droidpilot.benchmarks.runner import run_instance

        record, put, steps = run_instance(self.classes[job.spec.task], job.spec, TaskEnv(self.device), self.agent,
                                          self.config, job.oracle_known, job.oracle_steps)
        if record.error is not None and check_health(self.device) is not None:
            self.close()
            self.device = self._fresh_device()  # a dead phone: the next episode gets a new one
        return Done(record.model_dump_json(), put, steps)

    def close(self) -> None:
        node_devices.close_worker_device(self.device, self.lease)
        self.lease = None


def virtual_device(index: int) -> Device:
    """A virtual phone booted with the seed every benchmark phone has."""
    from droidpilot.benchmarks.runner import PHONE_SEED
    from droidpilot.emulator.virtual.adb.server import serial_for
    from droidpilot.emulator.virtual.device import VirtualDevice
    from droidpilot.emulator.virtual.phone import VirtualPhone

    return VirtualDevice(VirtualPhone(seed=PHONE_SEED, serial=serial_for(index)))


def node_device(holder: EpisodeWorker) -> Device | None:
    """A device this node declares (DROIDPILOT_NODE_DEVICES), leased for the worker's life; None if none."""
    if not node_devices.declared():
        return None
    from droidpilot.emulator.uri import open_device

    holder.lease = holder.lease or node_devices.lease()
    return open_device(holder.lease.uri)


def job_for(run: RunState, spec: EpisodeSpec) -> Job:
    known, steps = run.oracle.get(spec)
    return Job(spec, known, steps)


def accept(run: RunState, done: Done) -> EpisodeRecord:
    """The driver's half of an episode: append the record, update the oracle cache, tell the caller."""
    record = done.record()
    run.log.append(record)
    if done.oracle_put:
        run.oracle.put(EpisodeSpec(suite=record.suite, task=record.task, instance=record.instance,
                                   seed=record.seed), done.oracle_steps)
    if run.on_result is not None:
        run.on_result(record)
    return record


def drain(run: RunState) -> list[EpisodeSpec]:
    specs = []
    while True:
        try:
            specs.append(run.queue.get_nowait())
        except queue.Empty:
            return specs


def not_run(count: int, why: str) -> Exception:
    from droidpilot.benchmarks.runner import RunnerError

    return RunnerError(f"{count} episodes did not run: {why}", "fix the cause, then --resume runs the rest")


# -- processes -----------------------------------------------------------------------------------------------------
def _process_main(index: int, config: RunConfig, agent: BenchAgent, jobs: Any, results: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's: it stops the workers (resume re-runs)
    try:
        worker = EpisodeWorker(index, config, agent)
    except Exception as exc:  # no device: tell the driver and leave the jobs to the other workers
        results.put(("lease_error", f"worker {index}: {type(exc).__name__}: {exc}"))
        return
    try:
        while (job := jobs.get()) is not None:
            results.put(("done", worker.run(job)))
    finally:
        worker.close()


def run_in_processes(run: RunState, workers: int) -> int:
    """Episodes on `workers` processes (fork where the OS has it: no re-import, nothing to pickle)."""
    # fork: no re-import, nothing to pickle (spawn took 25% more CPU here); spawn where the OS has no fork
    ctx: Any = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    jobs, results = ctx.Queue(), ctx.Queue()
    specs = drain(run)
    for spec in specs:
        jobs.put(job_for(run, spec))
    for _ in range(workers):
        jobs.put(None)
    procs = [ctx.Process(target=_process_main, args=(i, run.config, run.agent, jobs, results), daemon=True,
                         name=f"bench-{i}") for i in range(workers)]
    gc.freeze()  # the driver's objects stay out of the children's collections: fewer copy-on-write page copies
    try:
        for proc in procs:
            proc.start()
    finally:
        gc.unfreeze()
    finished = False
    try:
        ran, errors = _collect(run, results, procs, len(specs))
        finished = True
    finally:
        for proc in procs:
            proc.join(timeout=30 if finished else 0)  # a finished worker is closing its phone: let it
            if proc.is_alive():
                proc.terminate()  # Ctrl-C or a driver failure: the episode in flight re-runs on --resume
                proc.join(timeout=5)
    if ran < len(specs):
        raise not_run(len(specs) - ran, "; ".join(errors) or "a worker process died")
    return ran


def _collect(run: RunState, results: Any, procs: list[BaseProcess], total: int) -> tuple[int, list[str]]:
    ran, errors = 0, []
    while ran < total:
        try:
            kind, payload = results.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not any(proc.is_alive() for proc in procs):
                break  # every worker is gone and nothing is left in flight
            continue
        if kind == "done":
            accept(run, payload)
            ran += 1
        else:
            errors.append(str(payload))
    return ran, errors


def run_elsewhere(run: RunState, executor: str, workers: int) -> int:
    """Run the queued episodes on `workers` processes or Ray actors; returns how many ran."""
    if executor == "process":
        return run_in_processes(run, workers)
    from droidpilot.benchmarks.ray_executor import run_on_ray

    return run_on_ray(run, workers)
