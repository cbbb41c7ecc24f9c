"""One exception tree: every exception droidpilot defines descends from DroidpilotError, except the few that carry
control flow inside one module and never leave it (listed here, so a new one is a decision, not an accident)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import droidpilot
from droidpilot import errors

INTERNAL = {  # caught in the module that raises them; turned into exit codes, ADB failure replies or results
    "droidpilot.agent.executor.Refused", "droidpilot.agent.llm.openai_chat._Rejected",
    "droidpilot.agent.llm.parsing.OutputError", "droidpilot.agent.miner.Unminable",
    "droidpilot.agent.android_world.JSONActionError", "droidpilot.shortcuts.executor.StepFailed",
    "droidpilot.emulator.adb_device._AfterSend", "droidpilot.emulator.virtual.u2_server.RpcError",
    "droidpilot.emulator.virtual.apps.files.storage.StorageError", "droidpilot.agent.runner._TimeLimit",
    "droidpilot.emulator.virtual.apps.audiorecorder.dialogs.RecordError",
    "droidpilot.emulator.virtual.console_cmds.ConsoleError",
    "droidpilot.emulator.virtual.toolkit.layers._Volatile",  # ends a cache-key walk; never leaves view_key
}
INTERNAL_PACKAGES = ("droidpilot.emulator.virtual.shell.", "droidpilot.emulator.virtual.adb.")


def _all_modules() -> list[str]:
    names = [f"droidpilot.{info.name}" for info in pkgutil.iter_modules(droidpilot.__path__) if info.name != "__main__"]
    for folder in ("agent", "memory", "shortcuts", "benchmarks", "emulator", "cli", "crawler"):
        package = importlib.import_module(f"droidpilot.{folder}")
        names.append(package.__name__)
        names += [info.name for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    return names


def _defined_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for name in _all_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == name:
                found[f"{name}.{cls.__qualname__}"] = cls
    return found


def test_every_public_exception_descends_from_the_root() -> None:
    outside = [name for name, cls in _defined_exceptions().items()
               if not issubclass(cls, errors.DroidpilotError)
               and name not in INTERNAL and not name.startswith(INTERNAL_PACKAGES)]
    assert outside == [], "re-parent these under a droidpilot.errors family, or justify them in INTERNAL"


def test_the_internal_list_names_real_classes() -> None:
    defined = _defined_exceptions()
    assert sorted(INTERNAL - defined.keys()) == []


def test_families_carry_exit_codes_and_old_bases_still_catch() -> None:
    from droidpilot.agent.llm.base import ModelUnavailable
    from droidpilot.agent.runner import RunNotFound
    from droidpilot.emulator import DeviceLost
    from droidpilot.memory import NotAMemoryFile

    assert issubclass(RunNotFound, LookupError) and RunNotFound("x").exit_code == 2
    assert ModelUnavailable("x").exit_code == 3
    assert issubclass(DeviceLost, errors.DeviceError) and DeviceLost("x").exit_code == 2
    assert issubclass(NotAMemoryFile, errors.DataError)
    assert droidpilot.DroidpilotError is errors.DroidpilotError
