"""The screen catalogue of the virtual phone's apps, generated from their code, and the name of what is on screen.

A catalogue entry is an activity class, or one dialog / popup menu / picker of it. An activity shows a dialog by
putting its kind in `state["dialog"]`, and its `dialog()` method builds the window for that kind, so the kinds
are the string constants `dialog()` (and the methods of the class it calls) compares against. No list is kept by
hand: a dialog added to an app's code joins the catalogue.

The crawler reads both through the Device (`droidpilot catalogue PKG`, `droidpilot window`), so knowledge of
the virtual phone stays here.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from typing import TYPE_CHECKING

from pydantic import BaseModel

from droidpilot.emulator.virtual.apps.base import Activity, App

APPS_MODULE = "droidpilot.emulator.virtual.apps."

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone

_KINDS: dict[type[Activity], tuple[str, ...]] = {}
"""Parsed once per activity class: the source does not change while the process runs."""
DIALOG_KEY = "dialog"
"""The activity-state key that holds the kind of the dialog shown over an activity."""
SEARCH_KEYS = ("searching", "query")
"""The activity-state keys of an in-screen search (the search bar is open; what was typed)."""
SEARCH_RESULTS = "search results"
"""The window name of a screen showing the results of a search typed into it."""


class CatalogueEntry(BaseModel):
    """One screen: an activity (`window` "") or one of its dialogs/menus (`window` the dialog's kind)."""

    name: str
    activity: str
    window: str = ""


class OnScreen(BaseModel):
    """What the focused app window shows: its activity, and the kind of the dialog over it ("" if none)."""

    package: str
    activity: str
    window: str = ""


def _parsed(func: object) -> ast.FunctionDef | None:
    """The parsed source of a Python function; None for anything without Python source."""
    if not inspect.isfunction(func):
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return None
    node = tree.body[0]
    return node if isinstance(node, ast.FunctionDef) else None


def _is_dialog_read(node: ast.AST, state_key: str = DIALOG_KEY) -> bool:
    """`self.state.get("dialog")` or `self.state["dialog"]` (or another key of the activity's state)."""
    key: ast.expr | None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        owner, key = node.func.value, node.args[0] if node.args else None
    elif isinstance(node, ast.Subscript):
        owner, key = node.value, node.slice
    else:
        return False
    return (isinstance(key, ast.Constant) and key.value == state_key and isinstance(owner, ast.Attribute)
            and owner.attr == "state")


def _mentions(node: ast.AST, names: set[str]) -> bool:
    """The expression reads the dialog kind: directly, or through a variable holding it."""
    return any(_is_dialog_read(n) or (isinstance(n, ast.Name) and n.id in names) for n in ast.walk(node))


def _unwrapped(node: ast.AST) -> ast.AST:
    """`str(X)` -> `X`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and node.args:
        return node.args[0]
    return node


def _kind_names(func: ast.FunctionDef, names: set[str]) -> set[str]:
    """Variables of `func` that hold the dialog kind (`kind = self.state.get("dialog")`, tuple unpacking too)."""
    names = set(names)
    for node in (n for n in ast.walk(func) if isinstance(n, ast.Assign)):
        for target in node.targets:
            pairs = (zip(target.elts, node.value.elts, strict=False)
                     if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) else [(target, node.value)])
            names |= {t.id for t, value in pairs if isinstance(t, ast.Name) and _is_dialog_read(_unwrapped(value))}
    return names


def _strings(node: ast.AST) -> set[str]:
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}


def _compared_kinds(func: ast.FunctionDef, names: set[str]) -> set[str]:
    """String constants compared (`==`, `!=`, `in`) with the dialog kind."""
    found: set[str] = set()
    for compare in (n for n in ast.walk(func) if isinstance(n, ast.Compare)):
        sides = [compare.left, *compare.comparators]
        if any(_mentions(side, names) for side in sides):
            found |= {s for side in sides if not _mentions(side, names) for s in _strings(side)}
    return found


def _passed(call: ast.Call, callee: ast.FunctionDef, bound: bool, names: set[str]) -> set[str]:
    """Parameters of `callee` that `call` passes the dialog kind to (`bound`: a method, `self` not passed)."""
    params = [a.arg for a in callee.args.args][1 if bound else 0:]
    return {param for param, arg in zip(params, call.args, strict=False) if _mentions(arg, names)}


def _callees(activity: type[Activity], func: object, tree: ast.FunctionDef, names: set[str]
             ) -> list[tuple[object, frozenset[str]]]:
    """What `tree` calls that may build a dialog: methods of the activity (`self.m(...)`) and functions it hands
    the activity to (`alarm_tab.dialog(self)`), each with the parameters that receive the kind."""
    me = tree.args.args[0].arg if tree.args.args else "self"
    scope = getattr(func, "__globals__", {})
    out: list[tuple[object, frozenset[str]]] = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        target, bound = None, False
        f = call.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == me:
            target, bound = getattr(activity, f.attr, None), True
        elif any(isinstance(a, ast.Name) and a.id == me for a in call.args):
            if isinstance(f, ast.Name):
                target = scope.get(f.id)
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                target = getattr(scope.get(f.value.id), f.attr, None)
        callee = _parsed(target)
        if callee is not None:
            out.append((target, frozenset(_passed(call, callee, bound, names))))
    return out


def dialog_kinds(activity: type[Activity]) -> tuple[str, ...]:
    """The dialog kinds an activity's `dialog()` dispatches on, following the methods it calls (shared helpers
    such as a browser's sort dialog live in mixins), the functions it hands itself to, and the kind passed on."""
    if activity.dialog is Activity.dialog:
        return ()
    cached = _KINDS.get(activity)
    if cached is not None:
        return cached
    kinds: set[str] = set()
    pending: list[tuple[object, frozenset[str]]] = [(activity.dialog, frozenset())]
    seen: set[object] = set()
    while pending:
        func, given = pending.pop()
        seen.add(func)
        tree = _parsed(func)
        if tree is None:
            continue
        names = _kind_names(tree, set(given))
        kinds |= _compared_kinds(tree, names)
        pending += [(f, g) for f, g in _callees(activity, func, tree, names) if f not in seen]
    kinds.discard("")
    _KINDS[activity] = tuple(sorted(kinds))
    return _KINDS[activity]


def _humanize(name: str) -> str:
    """`.Settings$WifiSettingsActivity` -> `Wifi Settings`; `new_folder` -> `new folder`."""
    short = re.split(r"[.$]", name)[-1]
    short = short.removesuffix("Activity") or short
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", short).replace("_", " ").strip()


def searches(activity: type[Activity]) -> bool:
    """Whether the activity's code (its own classes, not the framework's) has an in-screen search."""
    for cls in activity.__mro__:
        if cls in (Activity, object) or not cls.__module__.startswith(APPS_MODULE):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
        except (OSError, TypeError, SyntaxError):
            continue
        if any(_is_dialog_read(n, SEARCH_KEYS[0]) for n in ast.walk(tree)):
            return True
    return False


def app_catalogue(app: type[App]) -> list[CatalogueEntry]:
    """Every activity of the app, each followed by its dialogs and menus, and its search results if it has a
    search of its own."""
    entries: list[CatalogueEntry] = []
    for activity in app.ACTIVITIES:
        screen = _humanize(activity.NAME)
        entries.append(CatalogueEntry(name=screen, activity=activity.NAME))
        kinds = [*dialog_kinds(activity), *([SEARCH_RESULTS] if searches(activity) else [])]
        entries += [CatalogueEntry(name=f"{screen} \u203a {_humanize(kind)}", activity=activity.NAME, window=kind)
                    for kind in kinds]
    return entries


def on_screen(phone: VirtualPhone) -> OnScreen:
    """The focused window: the top activity and the kind of its dialog when one is drawn over it, else `search
    results` when a search typed into the screen shows its results."""
    package, activity = phone.current_focus()
    frame = phone.frame()
    kind, state = "", frame.record.state
    if frame.overlay is None and frame.dialog is not None:
        kind = str(state.get(DIALOG_KEY) or "")
    elif frame.overlay is None and state.get(SEARCH_KEYS[0]) and state.get(SEARCH_KEYS[1]):
        kind = SEARCH_RESULTS
    return OnScreen(package=package, activity=activity, window=kind)
