"""Lazy package exports: a package lists its public names and the modules defining them, and each module is
imported on first use. Keeps `import droidpilot` and the CLI's start-up from pulling in LangGraph or pyarrow."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """Return the module `__getattr__` for `package`: name -> getattr(import_module(exports[name]), name),
    cached in the package's `namespace` so each name resolves once."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(exports[name]), name)
        namespace[name] = value
        return value

    return __getattr__
