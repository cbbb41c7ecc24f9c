"""Reusable parameterized shortcuts (DESIGN.md §4): schema, JSON files, SQLite library, executor, built-ins.

The agent calls `agent.shortcut_tool.run_shortcut_action`; the manager's prompt lists shortcuts with
`describe_for_manager`.
"""

from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS
from droidpilot.shortcuts.executor import FailedStep, ShortcutExecutor, ShortcutRun
from droidpilot.shortcuts.jsonio import ShortcutFileError, dump_shortcuts, load_shortcuts, parse_shortcuts
from droidpilot.shortcuts.library import ShortcutLibrary, describe_for_manager
from droidpilot.shortcuts.model import Locator, Param, Shortcut, Step
from droidpilot.shortcuts.render import ArgumentError, bind_args

__all__ = [
    "BUILTIN_SHORTCUTS",
    "ArgumentError",
    "FailedStep",
    "Locator",
    "Param",
    "Shortcut",
    "ShortcutExecutor",
    "ShortcutFileError",
    "ShortcutLibrary",
    "ShortcutRun",
    "Step",
    "bind_args",
    "describe_for_manager",
    "dump_shortcuts",
    "load_shortcuts",
    "parse_shortcuts",
]
