"""Keys that say when a painted layer can be reused, and a small cache of painted layers.

Apps build a fresh view tree on every frame, so a repainted screen is usually the same picture as before: an
observe after a tap that changed nothing, a screen the agent comes back to, a dialog closed over the window it
covered. `view_key` reduces a laid-out tree to a value that is equal exactly when the trees paint the same
pixels: every view's class, bounds and attributes (handlers aside), its children's keys, recursively. A view
whose painting depends on more than its attributes makes the whole tree uncacheable (None): a canvas with an
`on_paint` callback, or an attribute this module cannot compare by value (a file path, whose content may change;
an object of an unknown class, which may be mutated in place).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import OrderedDict
from collections.abc import Hashable
from os import PathLike
from threading import Lock
from typing import Any

from PIL import Image

from droidpilot.emulator.virtual.toolkit import views as v

_PAINTED_BY_CALLBACK = ("on_paint",)
_PLAIN = (str, int, float, bool, bytes, type(None), enum.Enum, dt.date, dt.time, dt.timedelta)
_FAST = frozenset({str, int, float, bool, type(None)})


class _Volatile(Exception):
    """Raised inside `view_key` for a view whose pixels its attributes do not determine."""


def view_key(view: v.View) -> Hashable | None:
    """A value equal for two laid-out trees exactly when they paint the same pixels; None if unknowable."""
    try:
        return _key(view)
    except _Volatile:
        return None


def _key(view: v.View) -> Hashable:
    attrs: list[Any] = [type(view)]
    for name, value in vars(view).items():
        if type(value) in _FAST:  # most attributes: checked first, this runs for every view of every frame
            attrs += (name, value)
        elif name == "children":
            continue
        elif callable(value) and not isinstance(value, type | v.View):
            if name in _PAINTED_BY_CALLBACK:
                raise _Volatile(name)
            continue  # touch handlers and change listeners: they never paint
        else:
            attrs += (name, _frozen(value))
    # a scrolling container paints only the rows inside its viewport, however long the list behind it
    children = view.visible_children() if isinstance(view, v.ScrollView) else view.children
    return tuple(attrs), tuple([_key(child) for child in children])


def _frozen(value: Any) -> Hashable:
    if isinstance(value, PathLike):
        raise _Volatile("a file path: its content may change under the same name")
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, v.View):
        return _key(value)
    if isinstance(value, list | tuple):
        return type(value), tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return dict, tuple((_frozen(k), _frozen(item)) for k, item in value.items())
    if isinstance(value, set | frozenset):
        return frozenset, frozenset(_frozen(item) for item in value)
    raise _Volatile(type(value).__name__)


class LayerCache:
    """The last few painted layers by key. Images handed out are shared: callers copy before drawing on them.
    Thread-safe (a phone may be observed from its ADB server's threads and its owner's)."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._layers: OrderedDict[Hashable, Image.Image] = OrderedDict()
        self._lock = Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable | None) -> Image.Image | None:
        if key is None:
            return None
        with self._lock:
            image = self._layers.get(key)
            if image is None:
                self.misses += 1
                return None
            self._layers.move_to_end(key)
            self.hits += 1
            return image

    def put(self, key: Hashable | None, image: Image.Image) -> None:
        if key is None:
            return
        with self._lock:
            self._layers[key] = image
            self._layers.move_to_end(key)
            while len(self._layers) > self.size:
                self._layers.popitem(last=False)
