"""Finding a shortcut by name: the library's own first, then the built-ins; close matches for typos."""

from __future__ import annotations

import difflib

from droidpilot.shortcuts.builtin import BUILTIN_SHORTCUTS, builtin
from droidpilot.shortcuts.library import ShortcutLibrary
from droidpilot.shortcuts.model import Shortcut


def lookup(name: str, library: ShortcutLibrary | None) -> Shortcut | None:
    """The library's shortcut of that name, else the built-in one."""
    found = library.get(name) if library is not None else None
    return found or builtin(name)


def known_names(library: ShortcutLibrary | None) -> list[str]:
    names = {s.name for s in BUILTIN_SHORTCUTS}
    if library is not None:
        names |= {s.name for s in library.list()}
    return sorted(names)


def unknown_message(name: str, library: ShortcutLibrary | None) -> str:
    names = known_names(library)
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; available: {', '.join(names[:20])}"
    return f"unknown shortcut '{name}'{hint}"
