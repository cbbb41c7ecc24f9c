"""What every droidpilot MCP tool shares: errors become one readable tool error, never a crash report."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from mcp.server.mcpserver.exceptions import ToolError

from droidpilot.errors import DroidpilotError

F = TypeVar("F", bound=Callable[..., Any])

# Failures a caller can act on: droidpilot's own errors, a bad name or value, a file that cannot be used.
EXPECTED = (DroidpilotError, LookupError, ValueError, OSError)


def explain(exc: BaseException) -> str:
    """One line, with the hint when there is one."""
    if isinstance(exc, OSError) and exc.strerror:
        text = f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    else:
        text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc) or type(exc).__name__
    hint = getattr(exc, "hint", "")
    return f"{text} (hint: {hint})" if hint else text


def friendly(fn: F) -> F:
    """Turn the expected failures of `fn` (sync or async) into a ToolError the client shows as is."""
    if inspect.iscoroutinefunction(fn):
        @functools.wraps(fn)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            try:
                return await fn(*args, **kwargs)
            except EXPECTED as exc:
                raise ToolError(explain(exc)) from exc

        return run_async  # type: ignore[return-value]

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except EXPECTED as exc:
            raise ToolError(explain(exc)) from exc

    return run  # type: ignore[return-value]
