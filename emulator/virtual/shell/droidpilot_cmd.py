"""`droidpilot`: the virtual phone's own shell command, for harnesses that drive it from outside.

It reaches through `adb shell` too, so a benchmark or a test can reset and seed a virtual phone the same way
whether it runs in-process or behind the ADB server:

    droidpilot snapshot save|restore NAME      whole-device snapshots (milliseconds)
    droidpilot snapshot list
    droidpilot reset                            factory reset (same seed); snapshots are kept
    droidpilot clock get | set EPOCH_MS | freeze | unfreeze
    droidpilot seed PKG METHOD ['JSON_KWARGS'] call an app's seed API; prints the result as JSON
    droidpilot seed PKG                         list that app's seed API
    droidpilot catalogue PKG                    the app's screens and dialogs, from its code (JSON lines)
    droidpilot window                           the focused activity and the kind of its open dialog (JSON)

Real devices have no such command (`inaccessible or not found`), which is how callers tell them apart.
"""

from __future__ import annotations

import inspect
import json
import typing
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual import catalogue
from droidpilot.emulator.virtual.apps.base import App
from droidpilot.emulator.virtual.shell.common import emit, fail

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

USAGE = ("usage: droidpilot snapshot save|restore|list [NAME] | reset | clock get|set MS|freeze|unfreeze"
         " | seed PKG [METHOD [JSON]] | catalogue PKG | window")
_BASE_API = frozenset(name for name in dir(App) if not name.startswith("_"))


def seed_methods(app: App) -> dict[str, Any]:
    """An app's seed API: the public methods its class adds to `App` (insert_contact, receive_sms, ...)."""
    return {name: getattr(app, name) for name, member in inspect.getmembers(type(app), inspect.isfunction)
            if not name.startswith("_") and name not in _BASE_API}


def droidpilot(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = inv.argv[1:]
        handlers = {"snapshot": _snapshot, "reset": _reset, "clock": _clock, "seed": _seed,
                    "catalogue": _catalogue, "window": _window}
        if not args or args[0] not in handlers:
            return fail(inv, USAGE)
        return handlers[args[0]](phone, inv, args[1:])

    return run


def _snapshot(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if args == ["list"]:
        emit(inv, "".join(f"{name}\n" for name in phone.snapshots()))
        return 0
    if len(args) != 2 or args[0] not in ("save", "restore"):
        return fail(inv, USAGE)
    try:
        phone.snapshot(args[1]) if args[0] == "save" else phone.restore(args[1])
    except (KeyError, ValueError) as exc:
        return fail(inv, f"droidpilot: {exc.args[0]}")
    return 0


def _reset(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if args:
        return fail(inv, USAGE)
    phone.reset()
    return 0


def _clock(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if args == ["get"]:
        emit(inv, f"{phone.clock.now_ms()}\n")
    elif args in (["freeze"], ["unfreeze"]):
        phone.clock.frozen = args[0] == "freeze"
    elif len(args) == 2 and args[0] == "set" and args[1].isdigit():
        phone.clock.set(int(args[1]))
        phone.host.tick()
    else:
        return fail(inv, USAGE)
    return 0


def _catalogue(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if len(args) != 1 or args[0] not in phone.host.apps:
        return fail(inv, f"droidpilot: unknown package {args[0] if args else '(none)'}")
    entries = catalogue.app_catalogue(type(phone.host.apps[args[0]]))
    emit(inv, "".join(entry.model_dump_json() + "\n" for entry in entries))
    return 0


def _window(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if args:
        return fail(inv, USAGE)
    emit(inv, catalogue.on_screen(phone).model_dump_json() + "\n")
    return 0


def _typed_arguments(method: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """JSON has no dates: ISO strings for parameters typed `date` / `datetime` become those types."""
    try:
        hints = typing.get_type_hints(method)
    except (NameError, TypeError):
        return kwargs
    converted = dict(kwargs)
    for name, value in kwargs.items():
        hint = str(hints.get(name, ""))
        if not isinstance(value, str) or "date" not in hint:
            continue
        has_time = "T" in value or ":" in value
        converted[name] = datetime.fromisoformat(value) if has_time else date.fromisoformat(value)
    return converted


def _seed(phone: VirtualPhone, inv: Invocation, args: list[str]) -> int:
    if not args or args[0] not in phone.host.apps:
        return fail(inv, f"droidpilot: unknown package {args[0] if args else '(none)'}")
    methods = seed_methods(phone.host.apps[args[0]])
    if len(args) == 1:
        emit(inv, "".join(f"{name}{inspect.signature(fn)}\n" for name, fn in sorted(methods.items())))
        return 0
    method = methods.get(args[1])
    if method is None:
        return fail(inv, f"droidpilot: {args[0]} has no seed method {args[1]} (try: droidpilot seed {args[0]})")
    try:
        kwargs = _typed_arguments(method, json.loads(args[2]) if len(args) > 2 else {})
        result = method(**kwargs)
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        return fail(inv, f"droidpilot: seed {args[1]} failed: {exc}")
    emit(inv, json.dumps(result, default=str, ensure_ascii=False) + "\n")
    return 0
