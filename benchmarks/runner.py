"""The benchmark runner: expand a suite into task instances and run them in parallel over a pool of phones.

    outcome = run_benchmark(RunConfig(suite="androidworld", out=Path("out")), OracleAgent(), on_result=print)

Each instance `i` of task `name` gets AndroidWorld's seed `instance_seed(seed, name, i)`. One worker thread per
device pulls instances from a shared queue; each fresh phone first saves the suite's base snapshot. Records are
appended to `results.jsonl` as episodes finish (one write per line, so a kill leaves at most a torn last line,
which the next `--resume` drops); at the end the file is rewritten sorted by episode, so its order does not
depend on the parallelism. `--resume` skips instances that already have a record without an error (errored
ones are run again, as AndroidWorld's checkpointer does; the last record of an episode wins).
"""

from __future__ import annotations

import difflib
import json
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from droidpilot.appendlog import clean_temps, intact_length, repair_tail, write_atomic
from droidpilot.benchmarks.agents import BenchAgent
from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.episode import EpisodeRecord, EpisodeSpec, oracle_optimum, run_episode
from droidpilot.benchmarks.executors import ExecutorName
from droidpilot.benchmarks.metrics import Summary
from droidpilot.benchmarks.suites import suite_tasks
from droidpilot.benchmarks.task import BASE_SNAPSHOT, DEFAULT_SEED, Task, instance_seed
from droidpilot.emulator.device import Device, DeviceError
from droidpilot.emulator.pool import DevicePool, check_health
from droidpilot.errors import TaskError

RESULTS_FILE = "results.jsonl"
RUN_FILE = "run.json"
ORACLE_FILE = "oracle_steps.json"
PHONE_SEED = 0
"""Every benchmark phone boots with the same seed, so the base snapshot (the apps' default content) is the same
on every device and an episode's result does not depend on which device ran it."""


class RunnerError(TaskError, RuntimeError):
    """The run cannot start or finish (bad task names, an output dir from another run, no devices left)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class RunConfig(BaseModel):
    suite: str
    tasks: list[str] | None = Field(None, description="task class names; None runs the whole suite")
    agent: str = "oracle"
    model: str | None = None
    base_url: str | None = None
    devices: int = Field(1, ge=1)
    seed: int = DEFAULT_SEED
    n_combinations: int = Field(1, ge=1)
    out: Path
    resume: bool = False
    oracle_steps: bool = Field(True, description="run the oracle per instance for MSRS when the agent is not it")
    executor: ExecutorName = Field("auto", description="thread, process or ray; auto: process for >1 device")
    ray_address: str | None = Field(None, description="--executor ray: auto, ray://HOST:PORT, or None (local)")


class RunOutcome(BaseModel):
    records: list[EpisodeRecord]
    summary: Summary
    ran: int
    skipped: int
    wall_time: float


# -- the suite -----------------------------------------------------------------------------------------------------
def select_tasks(suite: str, names: list[str] | None) -> list[type[Task]]:
    """The suite's task classes, or the named ones (an unknown name raises with the closest match)."""
    available = {cls.name(): cls for cls in suite_tasks(suite)}
    if not available:
        raise RunnerError(f"suite '{suite}' has no tasks yet", "'droidpilot bench list' shows every suite's tasks")
    if not names:
        return list(available.values())
    chosen = []
    for name in names:
        if name not in available:
            close = difflib.get_close_matches(name, list(available), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise RunnerError(f"suite '{suite}' has no task '{name}'{hint}",
                              f"'droidpilot bench list --suite {suite}' shows its tasks")
        chosen.append(available[name])
    return sorted(set(chosen), key=lambda cls: cls.name())


def expand(suite: str, tasks: list[type[Task]], seed: int, n_combinations: int) -> list[EpisodeSpec]:
    return [EpisodeSpec(suite=suite, task=cls.name(), instance=i, seed=instance_seed(seed, cls.name(), i))
            for cls in sorted(tasks, key=lambda c: c.name()) for i in range(n_combinations)]


# -- outputs -------------------------------------------------------------------------------------------------------
def sort_key(record: EpisodeRecord) -> tuple[str, str, int]:
    return record.suite, record.task, record.instance


def load_results(out: Path) -> list[EpisodeRecord]:
    """The run's records, the last one per episode, sorted; a torn last line (a killed run) is ignored, a damaged
    line before others raises DamagedLog (naming the file and line)."""
    path = out / RESULTS_FILE
    if not path.is_file():
        return []
    latest: dict[str, EpisodeRecord] = {}
    intact = path.read_bytes()[:intact_length(path, EpisodeRecord.model_validate_json)]
    for line in intact.splitlines():
        if line.strip():
            record = EpisodeRecord.model_validate_json(line)
            latest[record.episode_id] = record
    return sorted(latest.values(), key=sort_key)


class ResultsLog:
    """Appends records to results.jsonl from many threads, one write per line."""

    def __init__(self, out: Path) -> None:
        self.path = out / RESULTS_FILE
        self._lock = threading.Lock()
        self._drop_torn_tail()

    def _drop_torn_tail(self) -> None:
        repair_tail(self.path, EpisodeRecord.model_validate_json)  # DamagedLog for a bad line in the middle

    def append(self, record: EpisodeRecord) -> None:
        line = (record.model_dump_json() + "\n").encode()
        with self._lock, self.path.open("ab") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())

    def compact(self) -> list[EpisodeRecord]:
        """Rewrite the file sorted by episode with one record each (atomically); return the records."""
        records = load_results(self.path.parent)
        _write_atomic(self.path, "".join(r.model_dump_json() + "\n" for r in records))
        return records


class OracleCache:
    """Oracle step counts per instance (`episode_id@seed`), kept in the output dir for MSRS."""

    def __init__(self, out: Path) -> None:
        self.path = out / ORACLE_FILE
        self._lock = threading.Lock()
        self._steps: dict[str, int | None] = json.loads(self.path.read_text()) if self.path.is_file() else {}

    @staticmethod
    def key(spec: EpisodeSpec) -> str:
        return f"{spec.episode_id}@{spec.seed}"

    def get(self, spec: EpisodeSpec) -> tuple[bool, int | None]:
        with self._lock:
            key = self.key(spec)
            return key in self._steps, self._steps.get(key)

    def put(self, spec: EpisodeSpec, steps: int | None) -> None:
        with self._lock:
            self._steps[self.key(spec)] = steps
            _write_atomic(self.path, json.dumps(dict(sorted(self._steps.items())), indent=1) + "\n")


def _write_atomic(path: Path, text: str) -> None:
    write_atomic(path, text)  # temp + fsync + rename; the temp name is per thread


def prepare_out_dir(config: RunConfig) -> None:
    """Create the output dir; refuse to mix runs: results from another config, or any results without resume."""
    out = config.out
    out.mkdir(parents=True, exist_ok=True)
    clean_temps(out)  # what a writer killed mid-write left (the CLI holds the folder's lock)
    identity = config.model_dump(mode="json", include={"suite", "agent", "model", "seed"})
    run_file = out / RUN_FILE
    if (out / RESULTS_FILE).is_file():
        if not config.resume:
            raise RunnerError(f"{out} already holds results", "pass --resume to continue that run, or another --out")
        previous = json.loads(run_file.read_text()) if run_file.is_file() else identity
        changed = [k for k in identity if previous.get(k) != identity[k]]
        if changed:
            raise RunnerError(f"{out} holds a run with a different {', '.join(changed)}",
                              "resume with the same suite, agent, model and seed, or pick another --out")
    _write_atomic(run_file, json.dumps(identity, indent=1) + "\n")


# -- devices -------------------------------------------------------------------------------------------------------
def virtual_pool(count: int) -> DevicePool:
    """`count` fresh in-process virtual phones, all booted with the same seed."""
    from droidpilot.emulator.virtual.adb.server import serial_for
    from droidpilot.emulator.virtual.device import VirtualDevice
    from droidpilot.emulator.virtual.phone import VirtualPhone

    def factory(index: int) -> Callable[[], Device]:
        return lambda: VirtualDevice(VirtualPhone(seed=PHONE_SEED, serial=serial_for(index)))

    return DevicePool([factory(i) for i in range(count)])


def _lease_prepared(pool: DevicePool) -> Device:
    """A device holding the suite's base snapshot (saved on the freshly leased phone)."""
    device = pool.lease()
    try:
        TaskEnv(device).save_snapshot(BASE_SNAPSHOT)
    except Exception:
        pool.release(device, broken=True)
        raise
    return device


# -- running -------------------------------------------------------------------------------------------------------
OnResult = Callable[[EpisodeRecord], Any]


class RunState:
    """The shared state of one run's workers."""

    def __init__(self, config: RunConfig, agent: BenchAgent, classes: dict[str, type[Task]],
                 specs: list[EpisodeSpec], on_result: OnResult | None) -> None:
        self.config, self.agent, self.classes = config, agent, classes
        self.queue: queue.Queue[EpisodeSpec] = queue.Queue()
        for spec in specs:
            self.queue.put(spec)
        self.log = ResultsLog(config.out)
        self.oracle = OracleCache(config.out)
        self.on_result = on_result
        self.stop = threading.Event()
        self.lease_errors: list[str] = []

    def worker(self, pool: DevicePool) -> int:
        """Run instances until the queue is empty (or no device is left); returns how many ran."""
        ran = 0
        device = self._lease(pool)
        try:
            while device is not None and not self.stop.is_set():
                try:
                    spec = self.queue.get_nowait()
                except queue.Empty:
                    break
                record = self.episode(spec, device)
                self.log.append(record)
                ran += 1
                if self.on_result is not None:
                    self.on_result(record)
                if record.error is not None and check_health(device, pool.health_timeout) is not None:
                    pool.release(device, broken=True)  # a dead phone: the pool makes a fresh one
                    device = self._lease(pool)
        finally:
            if device is not None:
                pool.release(device)
        return ran

    def _lease(self, pool: DevicePool) -> Device | None:
        try:
            return _lease_prepared(pool)
        except DeviceError as exc:
            self.lease_errors.append(str(exc))
            return None

    def episode(self, spec: EpisodeSpec, device: Device) -> EpisodeRecord:
        known, steps = self.oracle.get(spec)
        record, put, steps = run_instance(self.classes[spec.task], spec, TaskEnv(device), self.agent, self.config,
                                          known, steps)
        if put:
            self.oracle.put(spec, steps)
        return record


def run_instance(cls: type[Task], spec: EpisodeSpec, env: TaskEnv, agent: BenchAgent, config: RunConfig,
                 oracle_known: bool, oracle_steps: int | None) -> tuple[EpisodeRecord, bool, int | None]:
    """One episode (after the oracle's, for MSRS, when the cache lacks it); also whether the oracle cache should
    store a step count and which. Runs in whichever worker owns the device; the driver updates the cache."""
    put = False
    if not oracle_known and agent.name != "oracle" and config.oracle_steps:
        oracle_steps, put = oracle_optimum(cls, spec, env), True
    record = run_episode(cls, spec, env, agent, config.out, oracle_steps=oracle_steps)
    if agent.name == "oracle" and record.error is None:
        oracle_steps, put = record.oracle_steps, True
    return record, put, oracle_steps


def plan(config: RunConfig) -> tuple[dict[str, type[Task]], list[EpisodeSpec], int]:
    """The task classes, the instances still to run, and how many finished ones a resume skips."""
    classes = select_tasks(config.suite, config.tasks)
    specs = expand(config.suite, classes, config.seed, config.n_combinations)
    finished = {r.episode_id for r in load_results(config.out) if r.error is None} if config.resume else set()
    todo = [s for s in specs if s.episode_id not in finished]
    return {cls.name(): cls for cls in classes}, todo, len(specs) - len(todo)


def run_benchmark(config: RunConfig, agent: BenchAgent, on_result: OnResult | None = None,
                  pool: DevicePool | None = None) -> RunOutcome:
    """Run the suite (or the remaining instances when resuming) and write results, summary and report."""
    from droidpilot.benchmarks.report import write_outputs

    started = time.monotonic()
    classes, todo, skipped = plan(config)
    prepare_out_dir(config)
    run = RunState(config, agent, classes, todo, on_result)
    ran = _run_workers(run, pool, config.devices) if todo else 0
    records = run.log.compact()
    summary = write_outputs(config.out)
    return RunOutcome(records=records, summary=summary, ran=ran, skipped=skipped, wall_time=time.monotonic() - started)


def _run_workers(run: RunState, pool: DevicePool | None, devices: int) -> int:
    """One worker thread per device until the queue is empty; returns how many episodes ran. Without a pool
    given, the config's executor may run them in worker processes or on Ray instead (benchmarks.executors)."""
    if pool is None:
        from droidpilot.benchmarks.executors import choose, run_elsewhere

        kind = choose(run.config, run.agent, run.queue.qsize())
        if kind != "thread":
            return run_elsewhere(run, kind, min(devices, run.queue.qsize()))
    own_pool = pool is None
    pool = pool or virtual_pool(min(devices, run.queue.qsize()))
    try:
        with ThreadPoolExecutor(max_workers=pool.size, thread_name_prefix="bench") as executor:
            futures = [executor.submit(run.worker, pool) for _ in range(pool.size)]
            try:
                ran = sum(f.result() for f in futures)
            except BaseException:
                run.stop.set()  # the other workers finish their episode, then stop; --resume continues
                raise
        if not run.queue.empty():
            events = run.lease_errors[0] if run.lease_errors else "; ".join(
                f"#{e.slot} {e.kind}: {e.error}" for e in pool.events)
            raise RunnerError(f"{run.queue.qsize()} episodes did not run: no usable device left ({events or '?'})",
                              "fix the devices, then --resume runs the rest")
    finally:
        if own_pool:
            pool.close()
    return ran
