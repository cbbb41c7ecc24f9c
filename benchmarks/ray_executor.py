"""Benchmark episodes on Ray actors: one actor per device, results streamed back as they finish.

Each actor owns one virtual phone for its life (an `EpisodeWorker`) and declares its resources (`num_cpus`, plus
the custom resources in DROIDPILOT_RAY_RESOURCES, e.g. `{"android_phone": 1}` for nodes with phones). An actor
that dies (its node lost, its process killed) has its episode retried on a fresh actor; the episode counts as an
error only after `MAX_TRIES` losses. The driver alone writes results, as with the other executors.

    pip install droidpilot[ray]
    droidpilot bench run --suite androidworld --devices 8 --executor ray --ray-address auto
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from droidpilot.benchmarks.episode import error_record
from droidpilot.benchmarks.executors import Done, EpisodeWorker, Job, accept, drain, job_for
from droidpilot.emulator.virtual import tempphones
from droidpilot.errors import DeviceError, UsageError

if TYPE_CHECKING:
    from droidpilot.benchmarks.agents import BenchAgent
    from droidpilot.benchmarks.runner import RunConfig, RunState

MAX_TRIES = 3
RESOURCES_ENV = "DROIDPILOT_RAY_RESOURCES"
ACTOR_PREFIX = "droidpilot-bench-"


class RayUnavailable(UsageError):
    """--executor ray without Ray installed, or a cluster that cannot be reached."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class ActorLost(DeviceError):
    """The actor running an episode, or crawling an app, died `MAX_TRIES` times in a row (recorded as its error)."""


def import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise RayUnavailable("--executor ray needs Ray", "pip install 'droidpilot[ray]'") from None
    return ray


def actor_resources() -> dict[str, float]:
    """Custom resources each actor asks for, from DROIDPILOT_RAY_RESOURCES (a JSON object); none by default."""
    raw = os.environ.get(RESOURCES_ENV, "").strip()
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict) or not all(isinstance(v, int | float) for v in value.values()):
        raise RayUnavailable(f"{RESOURCES_ENV} is not a JSON object of numbers: {raw!r}",
                             f'e.g. {RESOURCES_ENV}=\'{{"android_phone": 1}}\'')
    return {str(k): float(v) for k, v in value.items()}


def connect(address: str | None) -> None:
    ray = import_ray()
    if ray.is_initialized():
        return
    try:
        ray.init(address=address, include_dashboard=False, log_to_driver=False,
                 **({} if address else {"num_cpus": os.cpu_count()}))
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise RayUnavailable(f"cannot reach Ray at {address or 'a new local instance'}: {exc}",
                             "start it with 'ray start --head', or drop --ray-address for a local one") from None


def close_actors(actors: Iterable[Any], finished: bool) -> None:
    """End the run's actors: a finished run first lets them close their phones (their folders go), then kills."""
    ray = import_ray()
    actors = list(actors)
    if finished:
        with suppress(Exception):  # an actor that cannot close is killed below; its folder goes with the run root
            ray.get([actor.close.remote() for actor in actors], timeout=30)
    for actor in actors:
        ray.kill(actor)


class _EpisodeActor(EpisodeWorker):
    """An `EpisodeWorker` whose temporary phones live under the driver's run root (gone when the run ends, even
    if this actor is killed)."""

    def __init__(self, index: int, config: RunConfig, agent: BenchAgent, phones: str) -> None:
        tempphones.place_under(Path(phones))
        super().__init__(index, config, agent)


@dataclass
class _Flight:
    """The jobs in flight and the actors holding them."""

    actors: dict[int, Any] = field(default_factory=dict)
    futures: dict[Any, tuple[int, Job]] = field(default_factory=dict)
    tries: dict[str, int] = field(default_factory=dict)
    next_index: int = 0


def run_on_ray(run: RunState, workers: int) -> int:
    connect(run.config.ray_address)
    with tempphones.run_root() as phones:
        return _run_actors(run, workers, str(phones))


def _run_actors(run: RunState, workers: int, phones: str) -> int:
    ray = import_ray()
    actor_cls, resources = ray.remote(_EpisodeActor), actor_resources()
    waiting = [job_for(run, spec) for spec in drain(run)]
    flight = _Flight()

    def spawn() -> int:
        index = flight.next_index
        flight.next_index += 1
        name = f"{ACTOR_PREFIX}{os.getpid()}-{index}"  # unique per driver: two runs may share a cluster
        options = actor_cls.options(name=name, num_cpus=1, resources=resources, max_restarts=0)
        flight.actors[index] = options.remote(index, run.config, run.agent, phones)
        return index

    def dispatch(index: int) -> None:
        if waiting:
            job = waiting.pop(0)
            flight.futures[flight.actors[index].run.remote(job)] = (index, job)

    for _ in range(workers):
        dispatch(spawn())
    ran, finished = 0, False
    try:
        while flight.futures:
            (ready,), _ = ray.wait(list(flight.futures), num_returns=1)
            index, job = flight.futures.pop(ready)
            try:
                done: Done = ray.get(ready)
            except ray.exceptions.RayActorError as exc:
                done_or_none = _lost(run, flight, index, job, exc)
                if done_or_none is None:
                    waiting.insert(0, job)  # retried first, on a fresh actor
                    dispatch(spawn())
                    continue
                done = done_or_none
                index = spawn()
            accept(run, done)
            ran += 1
            dispatch(index)
        finished = True
    finally:
        close_actors(flight.actors.values(), finished)
    return ran


def _lost(run: RunState, flight: _Flight, index: int, job: Job, exc: Exception) -> Done | None:
    """Forget the dead actor; an error record once the episode has lost `MAX_TRIES` actors, else None (retry)."""
    flight.actors.pop(index, None)
    tries = flight.tries[job.spec.episode_id] = flight.tries.get(job.spec.episode_id, 0) + 1
    if tries < MAX_TRIES:
        return None
    from droidpilot.benchmarks.runner import select_tasks

    cls = {c.name(): c for c in select_tasks(run.config.suite, [job.spec.task])}[job.spec.task]
    error = ActorLost(f"the actor running it died {tries} times (last: {type(exc).__name__})")
    record = error_record(cls, job.spec, run.agent.name, error)
    return Done(record.model_dump_json(), False, None)
