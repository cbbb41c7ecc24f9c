"""Node-local devices (issue 18 item 3): declared in DROIDPILOT_NODE_DEVICES, one worker per device."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.benchmarks.agents import OracleAgent
from droidpilot.benchmarks.executors import EpisodeWorker, Job
from droidpilot.benchmarks.runner import RunConfig, expand, select_tasks
from droidpilot.emulator import node_devices


def test_each_declared_device_goes_to_one_holder_at_a_time(tmp_path: Path) -> None:
    uris = [f"virtual:{tmp_path}/a", f"virtual:{tmp_path}/b"]
    first, second = node_devices.lease(uris), node_devices.lease(uris)
    assert {first.uri, second.uri} == set(uris)
    with pytest.raises(node_devices.NoFreeNodeDevice, match="all 2 devices"):
        node_devices.lease(uris)
    first.release()
    assert node_devices.lease(uris).uri == first.uri


def test_a_worker_runs_on_the_device_its_node_declares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(node_devices.NODE_DEVICES_ENV, f" virtual:{tmp_path}/phone ")
    assert node_devices.declared() == [f"virtual:{tmp_path}/phone"]
    config = RunConfig(suite="androidworld", tasks=["SystemWifiTurnOff"], out=tmp_path / "out")
    worker = EpisodeWorker(0, config, OracleAgent())
    try:
        assert worker.lease is not None and worker.lease.uri == f"virtual:{tmp_path}/phone"
        (spec,) = expand("androidworld", select_tasks("androidworld", ["SystemWifiTurnOff"]), 30, 1)
        assert worker.run(Job(spec, False, None)).record().success == 1.0
        assert (tmp_path / "phone").is_dir()  # the declared phone's data, not a throwaway one
    finally:
        worker.close()
    assert worker.lease is None
