"""droidpilot: mobile GUI agents on Android, with a virtual phone built in.

The names a library user needs, imported lazily so that `import droidpilot` (and the CLI's start) stays cheap:

    from droidpilot import VirtualPhone, open_device, run_task

    with VirtualPhone() as phone:
        result = run_task("Turn off Wi-Fi", phone, {"default": model})

Devices: `open_device`, `Device`, `Observation`, `UIElement`, `VirtualPhone`.
The agent: `run_task`, `resume_task`, `AgentSettings`, `RunResult`.
Benchmarks: `run_benchmark`, `RunConfig`.  Crawling: `crawl_app`, `crawl_apps`, `CrawlConfig`.
Errors: `DroidpilotError`, the root of every exception droidpilot raises on purpose (see `droidpilot.errors`).

Each subpackage (`droidpilot.agent`, `droidpilot.emulator`, ...) lists its own public names in `__all__`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from droidpilot._lazy import lazy_exports
from droidpilot.errors import DroidpilotError

_EXPORTS = {
    "open_device": "droidpilot.emulator",
    "Device": "droidpilot.emulator",
    "Observation": "droidpilot.emulator",
    "UIElement": "droidpilot.emulator",
    "VirtualPhone": "droidpilot.emulator.virtual",
    "run_task": "droidpilot.agent.runner",
    "resume_task": "droidpilot.agent.runner",
    "AgentSettings": "droidpilot.agent.state",
    "RunResult": "droidpilot.agent.trajectory",
    "run_benchmark": "droidpilot.benchmarks.runner",
    "RunConfig": "droidpilot.benchmarks.runner",
    "crawl_app": "droidpilot.crawler.runner",
    "crawl_apps": "droidpilot.crawler.runner",
    "CrawlConfig": "droidpilot.crawler.config",
}

__all__ = [
    "AgentSettings", "CrawlConfig", "Device", "DroidpilotError", "Observation", "RunConfig", "RunResult", "UIElement",
    "VirtualPhone", "__version__", "crawl_app", "crawl_apps", "open_device", "resume_task", "run_benchmark", "run_task",
]

if TYPE_CHECKING:
    from droidpilot.agent.runner import resume_task, run_task
    from droidpilot.agent.state import AgentSettings
    from droidpilot.agent.trajectory import RunResult
    from droidpilot.benchmarks.runner import RunConfig, run_benchmark
    from droidpilot.crawler.config import CrawlConfig
    from droidpilot.crawler.runner import crawl_app, crawl_apps
    from droidpilot.emulator import Device, Observation, UIElement, open_device
    from droidpilot.emulator.virtual import VirtualPhone


_exported = lazy_exports("droidpilot", _EXPORTS, globals())


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("droidpilot")
        except PackageNotFoundError:
            return "0+unknown"
    return _exported(name)


def __dir__() -> list[str]:
    return sorted(__all__)
