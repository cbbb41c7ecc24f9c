"""Task suites. Each suite is a package whose modules define `TASKS: tuple[type[Task], ...]`."""

from __future__ import annotations

import importlib
import pkgutil

from droidpilot.benchmarks.task import Task
from droidpilot.errors import UsageError

__all__ = ["SUITES", "UnknownSuite", "suite_tasks"]

SUITES = ("androidworld", "uinexus", "shortcuts")


class UnknownSuite(UsageError, LookupError):
    """No suite has that name."""


def suite_tasks(suite: str) -> list[type[Task]]:
    """Every task class of a suite, sorted by name (as AndroidWorld sorts its suite)."""
    if suite not in SUITES:
        raise UnknownSuite(f"unknown suite '{suite}'; choose one of {', '.join(SUITES)}")
    try:
        package = importlib.import_module(f"droidpilot.benchmarks.suites.{suite}")
    except ModuleNotFoundError:
        return []
    tasks: list[type[Task]] = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        tasks.extend(getattr(module, "TASKS", ()))
    return sorted(tasks, key=lambda cls: cls.name())
