"""One `droidpilot` namespace: the wheel installs nothing else, every source folder is in it, and the public API
is what the docs promise. Also runs mypy over the package (scripts/typecheck.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import droidpilot

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("agent", "memory", "shortcuts", "benchmarks", "emulator", "cli", "crawler")
PUBLIC_API = [
    "AgentSettings", "CrawlConfig", "Device", "DroidpilotError", "Observation", "RunConfig", "RunResult", "UIElement",
    "VirtualPhone", "__version__", "crawl_app", "crawl_apps", "open_device", "resume_task", "run_benchmark", "run_task",
]


def _source_packages() -> set[str]:
    """Every folder under the seven source folders that holds code or data files, as its installed name."""
    found = {"droidpilot"}
    for folder in FOLDERS:
        for path in [ROOT / folder, *(ROOT / folder).rglob("*")]:
            if path.is_dir() and path.name != "__pycache__" and any(p.is_file() for p in path.iterdir()):
                found.add("droidpilot." + ".".join(path.relative_to(ROOT).parts))
    return found


def test_pyproject_lists_every_source_package() -> None:
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    assert set(listed) == _source_packages()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the checkout: setuptools leaves a build/ folder beside the sources it builds."""
    source, out = tmp_path_factory.mktemp("source") / "droidpilot", tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "runs", "tests", "docs"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
                   check=True, capture_output=True, timeout=300)
    return next(out.glob("droidpilot-*.whl"))


def test_the_wheel_installs_one_top_level_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"droidpilot"}
    for folder in FOLDERS:
        assert f"droidpilot/{folder}/__init__.py" in names
    assert "droidpilot/agent/prompts/" in " ".join(names), "prompt templates are package data"


def test_installed_wheel_imports_only_under_droidpilot(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = ("import droidpilot.agent, droidpilot.emulator, droidpilot.cli.main; "
             "print(droidpilot.emulator.__file__)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(target))
    for folder in FOLDERS:
        bare = subprocess.run([sys.executable, "-c", f"import {folder}"], cwd=tmp_path, env=env,
                              capture_output=True, text=True)
        assert "ModuleNotFoundError" in bare.stderr, folder


def test_public_api_is_pinned_and_resolves() -> None:
    assert sorted(droidpilot.__all__) == sorted(PUBLIC_API)
    for name in PUBLIC_API:
        assert getattr(droidpilot, name) is not None
    assert droidpilot.VirtualPhone.__module__ == "droidpilot.emulator.virtual.phone"
    with pytest.raises(AttributeError):
        droidpilot.nothing_here  # noqa: B018


def test_import_droidpilot_is_cheap() -> None:
    """The public API loads lazily: importing the package (as the CLI does first) pulls in no heavy stack."""
    probe = "import sys, droidpilot; print(sorted(m for m in ('langgraph', 'pyarrow', 'openai') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_subpackages_declare_their_public_names() -> None:
    import importlib

    for folder in FOLDERS:
        module = importlib.import_module(f"droidpilot.{folder}")
        assert isinstance(module.__all__, list), folder
        for name in module.__all__:
            assert getattr(module, name) is not None, f"droidpilot.{folder}.{name}"


def test_mypy_reports_no_errors() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "typecheck.py")], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
