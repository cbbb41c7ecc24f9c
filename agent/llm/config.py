"""Which model each role talks to: `LLMSettings` from droidpilot.toml, the environment and CLI flags, and
`build_models` turning them into one `ChatModel` per role.

Precedence, lowest first: `OPENAI_BASE_URL` (a generic variable other tools set too, so only a default),
the `[llm]` table of droidpilot.toml (the path given, else ./droidpilot.toml, else
$XDG_CONFIG_HOME or ~/.config /droidpilot/droidpilot.toml), the environment (`DROIDPILOT_MODEL`,
`DROIDPILOT_BASE_URL`, `DROIDPILOT_API_KEY_ENV`, `DROIDPILOT_<ROLE>_MODEL`, `DROIDPILOT_<ROLE>_BASE_URL`),
then CLI overrides. A layer that sets the global `model`, `base_url` or `api_key_env` also clears that field in
the role overrides of the layers below it: `--model m --base-url URL` sends every role to that server, whatever
the config file says per role.

    [llm]
    model = "gpt-4o-mini"
    timeout = 60
    [llm.roles.operator]
    model = "gpt-4o"
    [llm.prices."gpt-4o"]
    prompt = 2.5        # USD per 1M tokens
    completion = 10.0
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from droidpilot.agent.llm.base import ChatModel, LLMError
from droidpilot.agent.llm.fallback import FallbackModel
from droidpilot.agent.llm.meter import MeteredModel, UsageMeter
from droidpilot.agent.llm.openai_chat import OpenAIChat
from droidpilot.agent.llm.pricing import ModelPrice, PriceTable
from droidpilot.errors import UsageError

Role = Literal["manager", "operator", "reflector", "notetaker", "completion"]
ROLES: tuple[Role, ...] = ("manager", "operator", "reflector", "notetaker", "completion")
CONFIG_NAME = "droidpilot.toml"
_ROUTED = ("model", "base_url", "api_key_env", "fallback", "vision", "coords")
_BORROWS: dict[str, str] = {"completion": "reflector"}  # a role without its own table uses this role's
Vision = Literal["auto", "on", "off"]
Coords = Literal["pixel", "normalized"]

SETUP_HINT = ("point droidpilot at a model: OpenAI: --model gpt-4o-mini (key in OPENAI_API_KEY); "
              "vLLM: --base-url http://localhost:8000/v1 --model Qwen/Qwen2.5-VL-7B-Instruct; "
              "Ollama: --base-url http://localhost:11434/v1 --model qwen2.5vl; "
              "or set model and base_url under [llm] in droidpilot.toml")


class ConfigError(UsageError, LLMError):
    """The LLM configuration is missing or wrong; the message is one line with what to do."""


class NoModelConfigured(ConfigError):
    def __init__(self, role: str | None = None) -> None:
        self.hint = SETUP_HINT
        where = f" for the {role} role" if role else ""
        super().__init__(f"no model configured{where}; {SETUP_HINT}")


def _has_scheme(url: str | None) -> str | None:
    if url is not None and not url.startswith(("http://", "https://")):
        raise ValueError("has no scheme")
    return url


class FallbackSettings(BaseModel):
    """The model that takes over a role once its primary is unavailable (same server unless given)."""

    model_config = ConfigDict(extra="forbid")

    model: str
    base_url: str | None = None
    api_key_env: str | None = None

    _scheme = field_validator("base_url")(_has_scheme)


class RoleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str | None = None
    base_url: str | None = None
    api_key_env: str | None = None
    fallback: str | FallbackSettings | None = None
    vision: Vision | None = None
    coords: Coords | None = None

    _scheme = field_validator("base_url")(_has_scheme)


class ResolvedModel(BaseModel):
    """Where one role's requests go, and how its model sees the screen."""

    model: str
    base_url: str | None
    api_key_env: str
    fallback: ResolvedModel | None = None
    vision: Vision = "auto"
    coords: Coords = "pixel"


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str | None = None
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    fallback: str | FallbackSettings | None = None
    vision: Vision = Field("auto", description="send screenshots: on, off (element list only), or auto (until "
                           "the server rejects images)")
    coords: Coords = Field("pixel", description="the frame of coordinates the model answers in")
    roles: dict[Role, RoleSettings] = Field(default_factory=dict)
    prices: dict[str, ModelPrice] = Field(default_factory=dict, description="overrides of the default price table")
    timeout: float = Field(60.0, gt=0, description="seconds per request, connect and the full answer")
    max_retries: int = Field(3, ge=0, description="retries after the first try, on 429 / 5xx / timeouts")
    image_max_side: int = Field(1024, ge=64)
    temperature: float | None = 0.0
    supports_schema: bool = True

    _scheme = field_validator("base_url")(_has_scheme)

    def resolve(self, role: str) -> ResolvedModel:
        """The model, server, key variable, fallback and screen mode for `role`; raises `NoModelConfigured` when
        there is no model. A role without its own table borrows the role it stands in for (completion:
        reflector)."""
        override = self.roles.get(role) or self.roles.get(_BORROWS.get(role, "")) or RoleSettings()  # type: ignore[call-overload]
        model = override.model or self.model
        if not model:
            raise NoModelConfigured(role if self.roles else None)
        base_url = override.base_url or self.base_url
        api_key_env = override.api_key_env or self.api_key_env
        fallback = override.fallback or self.fallback
        if isinstance(fallback, str):
            fallback = FallbackSettings(model=fallback)
        backup = None if fallback is None else ResolvedModel(
            model=fallback.model, base_url=fallback.base_url or base_url,
            api_key_env=fallback.api_key_env or api_key_env)
        return ResolvedModel(model=model, base_url=base_url, api_key_env=api_key_env, fallback=backup,
                             vision=override.vision or self.vision, coords=override.coords or self.coords)

    def modes(self) -> dict[str, dict[str, str]]:
        """Vision and coordinate frame per role (AgentSettings.modes), for roles that have a model."""
        out: dict[str, dict[str, str]] = {}
        for role in ROLES:
            target = self.resolve(role)
            out[role] = {"vision": target.vision, "coords": target.coords}
        return out

    def price_table(self) -> PriceTable:
        return PriceTable.default().with_overrides(self.prices)


def load_settings(path: str | Path | None = None, *, env: Mapping[str, str] | None = None,
                  cli: Mapping[str, Any] | None = None) -> LLMSettings:
    """Settings from the config file, the environment and CLI overrides (None values in `cli` are ignored)."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    for layer in (_base_env_layer(env), _file_layer(path, env), _env_layer(env), _cli_layer(cli or {})):
        merged = _merge(merged, layer)
    try:
        return LLMSettings.model_validate(merged)
    except ValidationError as exc:
        errors = exc.errors()  # of a union (fallback = "name" or a table), the table's error says more
        problem = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        error = ConfigError(_explain(problem))
        if "has no scheme" in str(problem["msg"]):
            error.hint = f"write it with its scheme: http://{problem['input']} (a local server) or https://..."
        raise error from None


def _explain(problem: Any) -> str:
    """One line for the first problem; an unknown key comes with the keys that are valid there."""
    loc = [str(p) for p in problem["loc"] if not str(p).startswith(("str", "FallbackSettings"))]
    where = ".".join(loc)
    message = str(problem["msg"]).removeprefix("Value error, ")
    if message == "has no scheme":
        return f"the base URL {problem['input']!r} (--base-url or base_url) has no scheme"
    if problem["type"] == "extra_forbidden":
        table = FallbackSettings if "fallback" in loc[:-1] else RoleSettings if "roles" in loc else LLMSettings
        valid = ", ".join(table.model_fields)
        return (f"unknown LLM setting {where} in [llm] of {CONFIG_NAME} or the flags; valid keys there: {valid}")
    if "[key]" in loc:
        return f"unknown role [llm.roles.{problem['input']}] in {CONFIG_NAME}; roles: {', '.join(ROLES)}"
    return f"bad LLM setting {where}: {message}; check [llm] in {CONFIG_NAME} and the command-line flags"


def build_models(settings: LLMSettings, *, env: Mapping[str, str] | None = None, meter: UsageMeter | None = None,
                 **options: Any) -> dict[str, ChatModel]:
    """One model per role. Roles sent to the same model and server share one client (and what it learned about
    the server). With a `meter`, each role's model is wrapped so usage is recorded under the role. `options`
    go to `OpenAIChat` (tests pass `sleep`, `seed`)."""
    env = os.environ if env is None else env
    prices = settings.price_table()
    clients: dict[tuple[str, str | None, str], OpenAIChat] = {}
    chains: dict[tuple[Any, ...], ChatModel] = {}

    def client(target: ResolvedModel) -> OpenAIChat:
        key = (target.model, target.base_url, target.api_key_env)
        if key not in clients:
            clients[key] = _client(settings, target, _api_key(target, env), prices, options)
        return clients[key]

    models: dict[str, ChatModel] = {}
    for role in ROLES:
        target = settings.resolve(role)
        chosen: ChatModel = client(target)
        if target.fallback is not None:
            key = (id(chosen), id(client(target.fallback)))
            chains.setdefault(key, FallbackModel(chosen, client(target.fallback)))
            chosen = chains[key]
        models[role] = MeteredModel(chosen, meter, role) if meter is not None else chosen
    return models


def config_paths(env: Mapping[str, str]) -> list[Path]:
    """Where a config file is looked for when no path is given, in order."""
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or "~").expanduser() / ".config")
    return [Path.cwd() / CONFIG_NAME, Path(config_home) / "droidpilot" / CONFIG_NAME]


def _client(settings: LLMSettings, target: ResolvedModel, api_key: str | None, prices: PriceTable,
            options: dict[str, Any]) -> OpenAIChat:
    return OpenAIChat(target.model, target.base_url, api_key, timeout_s=settings.timeout,
                      max_retries=settings.max_retries, prices=prices, image_max_side=settings.image_max_side,
                      temperature=settings.temperature, supports_schema=settings.supports_schema,
                      api_key_env=target.api_key_env, **options)


def _api_key(target: ResolvedModel, env: Mapping[str, str]) -> str | None:
    """The key from the environment; local servers (a base_url is set) may go without one."""
    key = env.get(target.api_key_env) or None
    if key is None and target.base_url is None:
        raise ConfigError(f"no API key: {target.api_key_env} is not set; export it (or pass --api-key-env NAME), "
                          "or point --base-url at a local server such as vLLM or Ollama")
    return key


def _file_layer(path: str | Path | None, env: Mapping[str, str]) -> dict[str, Any]:
    if path is not None:
        file = Path(path).expanduser()
        if not file.is_file():
            raise ConfigError(f"config file {file} not found")
    else:
        file = next((p for p in config_paths(env) if p.is_file()), None)  # type: ignore[assignment]
        if file is None:
            return {}
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {file}: {exc}") from None
    llm = data.get("llm", {})
    roles = llm.get("roles", {}) if isinstance(llm, dict) else None
    if not isinstance(roles, dict) or not all(isinstance(v, dict) for v in roles.values()):
        raise ConfigError(f"{file}: [llm] and each [llm.roles.ROLE] must be tables")
    return llm


def _base_env_layer(env: Mapping[str, str]) -> dict[str, Any]:
    return {"base_url": env["OPENAI_BASE_URL"]} if env.get("OPENAI_BASE_URL") else {}


def _env_layer(env: Mapping[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for field, name in (("model", "DROIDPILOT_MODEL"), ("base_url", "DROIDPILOT_BASE_URL"),
                        ("api_key_env", "DROIDPILOT_API_KEY_ENV")):
        if env.get(name):
            layer[field] = env[name]
    for role in ROLES:
        for field in ("model", "base_url"):
            value = env.get(f"DROIDPILOT_{role.upper()}_{field.upper()}")
            if value:
                layer.setdefault("roles", {}).setdefault(role, {})[field] = value
    return layer


def _cli_layer(cli: Mapping[str, Any]) -> dict[str, Any]:
    layer = {k: v for k, v in cli.items() if v is not None}
    if isinstance(layer.get("roles"), Mapping):
        layer["roles"] = {role: {k: v for k, v in dict(fields).items() if v is not None}
                          for role, fields in layer["roles"].items()}
    return layer


def _merge(base: dict[str, Any], layer: dict[str, Any]) -> dict[str, Any]:
    """`layer` over `base`; a global routing field in `layer` clears that field in `base`'s role overrides."""
    merged = {k: v for k, v in base.items() if k not in ("roles", "prices")}
    roles = {role: dict(fields) for role, fields in base.get("roles", {}).items()}
    for field in _ROUTED:
        if field in layer:
            for fields in roles.values():
                fields.pop(field, None)
    for role, fields in (layer.get("roles") or {}).items():
        roles.setdefault(role, {}).update(fields)
    merged.update({k: v for k, v in layer.items() if k not in ("roles", "prices")})
    merged["roles"] = roles
    merged["prices"] = {**base.get("prices", {}), **(layer.get("prices") or {})}
    return merged
