"""How page memory searches, from the `[memory]` table of droidpilot.toml (the same file the `[llm]` table is in:
the path given, else ./droidpilot.toml, else $XDG_CONFIG_HOME or ~/.config /droidpilot/droidpilot.toml).

    [memory]
    search = "embeddings"   # "lexical" (default): normalised BM25; "embeddings": fused with the local model
                            # that `pip install 'droidpilot[embeddings]'` ships (nothing is downloaded)
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from droidpilot.errors import UsageError
from droidpilot.memory.embedder import Embedder, LocalEmbedder

CONFIG_NAME = "droidpilot.toml"


class MemoryConfigError(UsageError):
    """The `[memory]` table cannot be used; the message says what is wrong."""


class MemorySettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    search: Literal["lexical", "embeddings"] = "lexical"


def config_file(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Path | None:
    """The config file in force: `path` when given, else the first of ./droidpilot.toml and the user's."""
    if path is not None:
        return Path(path).expanduser()
    env = os.environ if env is None else env
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or "~").expanduser() / ".config")
    return next((p for p in (Path.cwd() / CONFIG_NAME, Path(config_home) / "droidpilot" / CONFIG_NAME)
                 if p.is_file()), None)


def read_table(name: str, path: str | Path | None = None, env: Mapping[str, str] | None = None) -> dict[str, object]:
    """The `[name]` table of the config file in force ({} when there is no file or no such table)."""
    file = config_file(path, env)
    if file is None or (path is None and not file.is_file()):
        return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MemoryConfigError(f"cannot read {file}: {exc}") from None
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise MemoryConfigError(f"{file}: [{name}] must be a table")
    return table


def load_memory_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> MemorySettings:
    try:
        return MemorySettings.model_validate(read_table("memory", path, env))
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise MemoryConfigError(f"[memory] {where}: {problem['msg']}") from None


def configured_embedder(settings: MemorySettings) -> Embedder | None:
    """The embedder the settings ask for (None: lexical search). Raises EmbedderUnavailable when the
    embeddings extra is not installed."""
    return LocalEmbedder() if settings.search == "embeddings" else None
