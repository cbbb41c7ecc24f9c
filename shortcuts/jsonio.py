"""Shortcut files: a JSON list of shortcuts (or `{"shortcuts": [...]}`), validated as a whole.

A file with any invalid entry is rejected entirely, and the error names each bad shortcut and field, e.g.
`shortcut 'send_sms' (#2): steps.0.locator: a locator needs at least one of ...`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from droidpilot.errors import DataError
from droidpilot.shortcuts.model import Shortcut

MAX_REPORTED = 10


class ShortcutFileError(DataError, ValueError):
    """The file is not a valid list of shortcuts; the message says where."""


def parse_shortcuts(data: Any, origin: str = "input") -> list[Shortcut]:
    items = data.get("shortcuts") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ShortcutFileError(f"{origin}: expected a JSON list of shortcuts (or {{\"shortcuts\": [...]}})")
    shortcuts: list[Shortcut] = []
    problems: list[str] = []
    for number, item in enumerate(items, 1):
        label = _label(item, number)
        try:
            shortcuts.append(Shortcut.model_validate(item))
        except ValidationError as exc:
            problems += [f"{label}: {_where(err['loc'])}{_message(err)}" for err in exc.errors()]
    names = [s.name for s in shortcuts]
    problems += [f"shortcut '{n}': the name is used more than once" for n in sorted(set(names))
                 if names.count(n) > 1]
    if problems:
        more = f" (and {len(problems) - MAX_REPORTED} more)" if len(problems) > MAX_REPORTED else ""
        raise ShortcutFileError(f"{origin}: " + "; ".join(problems[:MAX_REPORTED]) + more)
    return shortcuts


def _label(item: Any, number: int) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return f"shortcut '{name}' (#{number})" if isinstance(name, str) and name else f"shortcut #{number}"


def _where(loc: tuple[int | str, ...]) -> str:
    # Drop the discriminator tags pydantic adds to union paths ("app_in_foreground", "function-after[...]").
    parts = [str(p) for p in loc if not (isinstance(p, str) and (p.endswith("]") or p in _TAGS))]
    return ".".join(parts) + ": " if parts else ""


def _message(err: Any) -> str:
    return str(err["msg"]).removeprefix("Value error, ")


_TAGS = {"app_in_foreground", "element_present", "element_absent", "setting_equals"}


def load_shortcuts(path: str | Path) -> list[Shortcut]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ShortcutFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ShortcutFileError(f"{path} is not a text file: a JSON list of shortcuts was expected") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ShortcutFileError(f"{path}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:  # json gives up on deep nesting this way; no shortcut file nests more than a few levels
        raise ShortcutFileError(f"{path}: not a shortcut file: its JSON is nested too deeply") from None
    return parse_shortcuts(data, str(path))


def shortcuts_json(shortcuts: Iterable[Shortcut]) -> str:
    return json.dumps([s.model_dump(mode="json", exclude_none=True) for s in shortcuts], indent=2,
                      ensure_ascii=False) + "\n"


def dump_shortcuts(shortcuts: Iterable[Shortcut], path: str | Path) -> int:
    """Write the shortcuts atomically (a crash never leaves a torn file); returns how many."""
    items = list(shortcuts)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(shortcuts_json(items))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(items)
