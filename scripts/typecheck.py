"""Run mypy over the whole `droidpilot` package, as installed users import it.

The source folders (agent/, emulator/, ...) sit at the top of the checkout and become `droidpilot.*` only through
setuptools' package-dir, which mypy cannot follow. So this builds the installed layout as a tree of symlinks in a
temporary folder, runs mypy there with the settings in pyproject.toml, and prints errors with checkout paths.
Exit status is mypy's: 0 when there are no errors.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("agent", "memory", "shortcuts", "benchmarks", "emulator", "cli", "crawler")


def build_tree(where: Path) -> Path:
    package = where / "droidpilot"
    package.mkdir()
    for module in (ROOT / "droidpilot").glob("*.py"):
        (package / module.name).symlink_to(module)
    for name in PACKAGES:
        (package / name).symlink_to(ROOT / name, target_is_directory=True)
    return package


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="droidpilot-mypy-") as tmp:
        build_tree(Path(tmp))
        cache = ROOT / ".mypy_cache"
        proc = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache),
             "-p", "droidpilot"],
            cwd=tmp, capture_output=True, text=True, check=False,
        )
    for name in PACKAGES:  # droidpilot/agent/x.py -> agent/x.py, so editors can jump to the line
        proc.stdout = proc.stdout.replace(f"droidpilot/{name}/", f"{name}/")
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
