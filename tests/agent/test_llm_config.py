"""LLM settings: config file, environment and CLI precedence, per-role overrides, errors a user can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from droidpilot.agent.llm.config import ConfigError, LLMSettings, NoModelConfigured, build_models, load_settings
from droidpilot.agent.llm.meter import MeteredModel, UsageMeter
from droidpilot.agent.llm.openai_chat import OpenAIChat

TOML = """
[llm]
model = "toml-model"
base_url = "http://toml:8000/v1"
timeout = 12
max_retries = 1

[llm.roles.operator]
model = "toml-operator"

[llm.roles.reflector]
base_url = "http://reflector:9000/v1"

[llm.prices."toml-model"]
prompt = 0.5
completion = 1.5
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "droidpilot.toml"
    path.write_text(TOML)
    return path


def test_toml_alone(config):
    settings = load_settings(config, env={})
    assert settings.timeout == 12 and settings.max_retries == 1
    assert settings.resolve("manager").model == "toml-model"
    assert settings.resolve("operator").model == "toml-operator"
    assert settings.resolve("operator").base_url == "http://toml:8000/v1"
    assert settings.resolve("reflector").base_url == "http://reflector:9000/v1"
    assert settings.price_table().cost("toml-model", 10**6, 10**6) == 2.0


def test_env_beats_toml_and_cli_beats_env(config):
    env = {"DROIDPILOT_MODEL": "env-model", "DROIDPILOT_BASE_URL": "http://env/v1"}
    settings = load_settings(config, env=env)
    assert settings.model == "env-model" and settings.base_url == "http://env/v1"
    settings = load_settings(config, env=env, cli={"model": "cli-model", "base_url": None, "timeout": 3})
    assert settings.model == "cli-model" and settings.base_url == "http://env/v1" and settings.timeout == 3


def test_a_global_override_sends_every_role_to_it(config):
    settings = load_settings(config, env={}, cli={"model": "m", "base_url": "http://127.0.0.1:1/v1"})
    assert {settings.resolve(r).model for r in ("manager", "operator", "reflector", "notetaker")} == {"m"}
    assert settings.resolve("reflector").base_url == "http://127.0.0.1:1/v1"


def test_role_overrides_from_env_and_cli(config):
    env = {"DROIDPILOT_MODEL": "env-model", "DROIDPILOT_NOTETAKER_MODEL": "env-notes"}
    settings = load_settings(config, env=env, cli={"roles": {"manager": {"model": "cli-boss", "base_url": None}}})
    assert settings.resolve("operator").model == "env-model"  # the env's global model cleared toml's operator
    assert settings.resolve("notetaker").model == "env-notes"
    assert settings.resolve("manager").model == "cli-boss"
    assert settings.resolve("reflector").model == "env-model"


def test_openai_base_url_is_only_a_default(config, tmp_path, monkeypatch):
    assert load_settings(config, env={"OPENAI_BASE_URL": "http://generic/v1"}).base_url == "http://toml:8000/v1"
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    settings = load_settings(env={"HOME": str(empty), "OPENAI_BASE_URL": "http://generic/v1"})
    assert settings.base_url == "http://generic/v1"


def test_config_is_found_in_cwd_then_user_config_dir(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".config" / "droidpilot").mkdir(parents=True)
    (home / ".config" / "droidpilot" / "droidpilot.toml").write_text('[llm]\nmodel = "from-home"\n')
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert load_settings(env={"HOME": str(home)}).model == "from-home"
    (work / "droidpilot.toml").write_text('[llm]\nmodel = "from-cwd"\n')
    assert load_settings(env={"HOME": str(home)}).model == "from-cwd"


def test_no_model_configured_says_how_to_fix_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(env={"HOME": str(tmp_path)})
    with pytest.raises(NoModelConfigured) as caught:
        build_models(settings, env={})
    message = str(caught.value)
    assert "\n" not in message and message.startswith("no model configured")
    for fragment in ("OPENAI_API_KEY", "--base-url http://localhost:8000/v1 --model Qwen/",
                     "--base-url http://localhost:11434/v1 --model qwen2.5vl"):
        assert fragment in message


@pytest.mark.parametrize(("text", "match"), [
    ("[llm\nmodel=", "cannot read"),
    ('[llm]\nmodel = "m"\n[llm.roles.opertor]\nmodel = "x"\n', "roles.opertor"),
    ('[llm]\ntimeout = -1\n', "timeout"),
    ('[llm]\nmodle = "m"\n', "modle"),
])
def test_bad_config_is_one_line(tmp_path, text, match):
    path = tmp_path / "droidpilot.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=match) as caught:
        load_settings(path, env={})
    assert "\n" not in str(caught.value)


def test_missing_config_file_given_explicitly(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "nope.toml", env={})


def test_openai_without_a_key_is_a_config_error():
    with pytest.raises(ConfigError, match="OPENAI_API_KEY is not set"):
        build_models(LLMSettings(model="gpt-4o-mini"), env={})


def test_build_models_shares_clients_and_wraps_with_a_meter(config):
    env = {"OPENAI_API_KEY": "sk-local-0000000000"}
    models = build_models(load_settings(config, env={}), env=env)
    assert models["manager"] is models["notetaker"]
    assert models["operator"] is not models["manager"] and models["reflector"] is not models["manager"]
    assert isinstance(models["operator"], OpenAIChat) and models["operator"].model == "toml-operator"
    assert models["manager"].timeout_s == 12 and models["manager"].max_retries == 1
    metered = build_models(load_settings(config, env={}), env=env, meter=UsageMeter())
    assert isinstance(metered["operator"], MeteredModel) and metered["operator"].role == "operator"


def test_api_key_env_per_role(tmp_path):
    settings = LLMSettings(model="gpt-4o", roles={"operator": {"api_key_env": "OTHER_KEY"}})
    with pytest.raises(ConfigError, match="OTHER_KEY"):
        build_models(settings, env={"OPENAI_API_KEY": "sk-a-000000"})


# -- completion role, fallback models, vision and coords keys (issue 12) ---------------------------------------

def test_the_completion_role_is_configurable_and_otherwise_borrows_the_reflectors(tmp_path: Path) -> None:
    path = tmp_path / "droidpilot.toml"
    path.write_text('[llm]\nmodel = "m"\nbase_url = "http://h:1/v1"\n[llm.roles.reflector]\nmodel = "r"\n')
    assert build_models(load_settings(path, env={}), env={})["completion"].model == "r"
    path.write_text(path.read_text() + '[llm.roles.completion]\nmodel = "c"\nvision = "off"\n')
    settings = load_settings(path, env={})
    assert build_models(settings, env={})["completion"].model == "c"
    assert settings.modes()["completion"] == {"vision": "off", "coords": "pixel"}


def test_vision_and_coords_per_role_and_from_the_flags(tmp_path: Path) -> None:
    path = tmp_path / "droidpilot.toml"
    path.write_text('[llm]\nmodel = "m"\nbase_url = "http://h:1/v1"\ncoords = "normalized"\n'
                    '[llm.roles.operator]\nvision = "on"\n')
    modes = load_settings(path, env={}).modes()
    assert modes["operator"] == {"vision": "on", "coords": "normalized"}
    assert modes["manager"] == {"vision": "auto", "coords": "normalized"}
    flagged = load_settings(path, env={}, cli={"vision": "off", "coords": None}).modes()
    assert {m["vision"] for m in flagged.values()} == {"off"}  # a flag speaks for every role


@pytest.mark.parametrize(("toml", "valid"), [
    ('[llm]\nmodel = "m"\nvison = "off"\n', "coords"),
    ('[llm]\nmodel = "m"\n[llm.roles.operator]\nmodle = "x"\n', "fallback"),
    ('[llm]\nmodel = "m"\n[llm.roles.operator.fallback]\nmodel = "x"\nurl = "y"\n', "api_key_env"),
])
def test_unknown_keys_are_rejected_with_the_valid_ones(tmp_path: Path, toml: str, valid: str) -> None:
    path = tmp_path / "droidpilot.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=f"unknown LLM setting .*valid keys there: .*{valid}"):
        load_settings(path, env={})


@pytest.mark.parametrize("cli", [{"base_url": "localhost:8000/v1"}, {"roles": {"operator": {"base_url": "h:1"}}}])
def test_a_base_url_without_scheme_is_a_usage_error_with_a_hint(cli: dict) -> None:
    with pytest.raises(ConfigError, match="has no scheme") as caught:
        load_settings(None, env={"HOME": "/nonexistent"}, cli={"model": "m", **cli})
    assert caught.value.exit_code == 2 and "http://" in caught.value.hint
