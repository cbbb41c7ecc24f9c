"""`find` for the virtual shell.

Supported: start paths, `-name -iname -path -type f|d|l -empty -maxdepth -mindepth -print -print0`,
`!`/`-not`, `-a`, `-o`. Not supported (`bad arg`): `-exec`, `-delete`, `-size`, `-mtime`, `-newer`,
parentheses.
Entries are visited in sorted order and symlinked directories are never followed.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import UsageError, VfsError, children, emit, fail, resolve

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Invocation

_VALUED = ("-name", "-iname", "-path", "-wholename", "-type", "-maxdepth", "-mindepth")
Predicate = Callable[[str, Path], bool]
"""(label as printed, host path) -> matches."""


@dataclass
class _Expr:
    groups: list[list[Predicate]] = field(default_factory=lambda: [[]])  # OR of ANDs
    maxdepth: int = 1 << 30
    mindepth: int = 0
    end: str = "\n"

    def matches(self, label: str, host: Path) -> bool:
        return any(all(test(label, host) for test in group) for group in self.groups)


def _name(label: str) -> str:
    return posixpath.basename(label.rstrip("/")) or label


def _is_empty(host: Path) -> bool:
    if host.is_symlink():
        return False
    return not any(host.iterdir()) if host.is_dir() else host.is_file() and host.stat().st_size == 0


def _predicate(op: str, arg: str) -> Predicate:
    if op == "-name":
        return lambda label, _: fnmatch.fnmatchcase(_name(label), arg)
    if op == "-iname":
        return lambda label, _: fnmatch.fnmatchcase(_name(label).lower(), arg.lower())
    if op in ("-path", "-wholename"):
        return lambda label, _: fnmatch.fnmatchcase(label, arg)
    kinds: dict[str, Predicate] = {
        "f": lambda _, h: h.is_file() and not h.is_symlink(),
        "d": lambda _, h: h.is_dir() and not h.is_symlink(),
        "l": lambda _, h: h.is_symlink(),
    }
    if arg not in kinds:
        raise UsageError(f"bad arg '-type {arg}'")
    return kinds[arg]


def _parse(args: list[str]) -> _Expr:
    expr, negate, i = _Expr(), False, 0
    while i < len(args):
        op = args[i]
        i += 1
        if op in ("!", "-not"):
            negate = not negate
        elif op in ("-o", "-or"):
            expr.groups.append([])
        elif op in ("-a", "-and", "-print", "-print0"):
            expr.end = "\0" if op == "-print0" else expr.end
        elif op in _VALUED and i < len(args):
            i = _take_valued(expr, op, args[i], negate, i)
            negate = False
        elif op == "-empty":
            test: Predicate = (lambda _, h: not _is_empty(h)) if negate else (lambda _, h: _is_empty(h))
            expr.groups[-1].append(test)
            negate = False
        else:
            raise UsageError(f"bad arg '{op}'")
    return expr


def _take_valued(expr: _Expr, op: str, value: str, negate: bool, i: int) -> int:
    if op in ("-maxdepth", "-mindepth"):
        if not value.isdigit():
            raise UsageError(f"bad arg '{op} {value}'")
        setattr(expr, op[1:], int(value))
        return i + 1
    test = _predicate(op, value)
    expr.groups[-1].append((lambda label, host: not test(label, host)) if negate else test)
    return i + 1


def find(inv: Invocation) -> int:
    args = inv.argv[1:]
    while args and args[0] in ("-H", "-L", "-P"):
        args = args[1:]
    roots: list[str] = []
    while args and not args[0].startswith("-") and args[0] not in ("!", "("):
        roots.append(args.pop(0))
    expr = _parse(args)
    status = 0
    for root in roots or ["."]:
        try:
            host = resolve(inv.fs, root, inv.cwd)
        except VfsError as exc:
            status = fail(inv, f"find: {root}: {exc}")
            continue
        if not (host.exists() or host.is_symlink()):
            status = fail(inv, f"find: {root}: No such file or directory")
            continue
        _walk(inv, root, inv.fs.normalize(root, inv.cwd), host, 0, expr)
    return status


def _walk(inv: Invocation, label: str, device: str, host: Path, depth: int, expr: _Expr) -> None:
    if depth >= expr.mindepth and expr.matches(label, host):
        emit(inv, label + expr.end)
    if depth < expr.maxdepth and host.is_dir() and not host.is_symlink():
        for name, child in children(inv.fs, device, host):
            child_label = label + name if label.endswith("/") else f"{label}/{name}"
            _walk(inv, child_label, posixpath.join(device, name), child, depth + 1, expr)
