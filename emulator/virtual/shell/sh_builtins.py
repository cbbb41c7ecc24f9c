"""Plain builtins of the virtual shell: echo, true, false, :, pwd, test/[, which, type, command, env, sh.

Builtins that change the shell itself (cd, export, exit, ...) live on `Shell` in sh.py. `echo` follows toybox
and the brief: no escape processing unless `-e`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import (
    NULL_DEVICES,
    VfsError,
    decode,
    emit,
    encode,
    fail,
    read_path,
    resolve,
    unescape,
    writable_error,
)
from droidpilot.emulator.virtual.shell.sh_session import InStream

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

SH = "/system/bin/sh"
MKSH_BUILTINS = frozenset(
    {"echo", "true", "false", ":", "pwd", "test", "[", "type", "command", "wait", "trap"}
)
"""Names `type` reports as shell builtins rather than /system/bin binaries."""

_UNARY = frozenset(
    {
        "-e", "-f", "-d", "-s", "-r", "-w", "-x", "-L", "-h", "-b", "-c", "-p", "-S", "-z", "-n", "-t",
    }
)
_BINARY = frozenset(
    {
        "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
    }
)
_INT_OPS = {"-eq": int.__eq__, "-ne": int.__ne__, "-lt": int.__lt__, "-le": int.__le__, "-gt": int.__gt__,
            "-ge": int.__ge__}


def echo(inv: Invocation) -> int:
    args = inv.argv[1:]
    newline, escapes = True, False
    while args and re.fullmatch(r"-[neE]+", args[0]):
        for flag in args.pop(0)[1:]:
            newline = newline and flag != "n"
            escapes = flag == "e" if flag in "eE" else escapes
    text = " ".join(args)
    if escapes:
        data, stop = unescape(text)
        inv.out += data
        if stop:
            return 0
    else:
        inv.out += encode(text)
    if newline:
        inv.out += b"\n"
    return 0


def pwd(inv: Invocation) -> int:
    emit(inv, inv.cwd + "\n")
    return 0


class _TestError(Exception):
    pass


class _Test:
    """`test` / `[`: recursive descent over `! -a -o ( )`, unary file/string tests and binary comparisons."""

    def __init__(self, inv: Invocation, args: list[str]) -> None:
        self.inv, self.args, self.pos = inv, args, 0

    def evaluate(self) -> bool:
        if not self.args:
            return False
        result = self._or()
        if self.pos != len(self.args):
            raise _TestError(f"{self.args[self.pos]}: unexpected operator")
        return result

    def _peek(self) -> str | None:
        return self.args[self.pos] if self.pos < len(self.args) else None

    def _or(self) -> bool:
        value = self._and()
        while self._peek() == "-o":
            self.pos += 1
            value = self._and() or value
        return value

    def _and(self) -> bool:
        value = self._not()
        while self._peek() == "-a":
            self.pos += 1
            value = self._not() and value
        return value

    def _not(self) -> bool:
        if self._peek() == "!" and self.pos + 1 < len(self.args):
            self.pos += 1
            return not self._not()
        return self._primary()

    def _primary(self) -> bool:
        args, pos = self.args, self.pos
        left = len(args) - pos
        if left == 0:
            raise _TestError("argument expected")
        if left >= 3 and args[pos + 1] in _BINARY:
            self.pos += 3
            return self._binary(args[pos], args[pos + 1], args[pos + 2])
        if args[pos] == "(" and left >= 3:
            self.pos += 1
            value = self._or()
            if self._peek() != ")":
                raise _TestError("missing )")
            self.pos += 1
            return value
        if args[pos] in _UNARY and left >= 2:
            self.pos += 2
            return self._unary(args[pos], args[pos + 1])
        self.pos += 1
        return args[pos] != ""

    def _binary(self, a: str, op: str, b: str) -> bool:
        if op in ("=", "=="):
            return a == b
        if op == "!=":
            return a != b
        if op in ("<", ">"):
            return a < b if op == "<" else a > b
        if op in _INT_OPS:
            return bool(_INT_OPS[op](_number(a), _number(b)))
        first, second = self._host(a), self._host(b)
        if op == "-ef":
            return first is not None and first == second
        if first is None or second is None or not first.exists() or not second.exists():
            return op == "-nt" and first is not None and first.exists()
        newer = first.stat().st_mtime > second.stat().st_mtime
        return newer if op == "-nt" else second.stat().st_mtime > first.stat().st_mtime

    def _unary(self, op: str, arg: str) -> bool:
        if op in ("-z", "-n"):
            return (arg == "") == (op == "-z")
        if op == "-t":
            return False  # adb shell without a pty: no terminal
        if self.inv.fs.normalize(arg, self.inv.cwd) in NULL_DEVICES:
            return op in ("-e", "-c", "-r", "-w")
        host = self._host(arg)
        if host is None or not host.exists():  # a dangling symlink exists only for -L / -h
            return host is not None and op in ("-L", "-h") and host.is_symlink()
        checks: dict[str, Callable[[Path], bool]] = {
            "-e": Path.exists, "-f": Path.is_file, "-d": Path.is_dir, "-r": Path.exists,
            "-s": lambda h: h.stat().st_size > 0,
            "-w": lambda h: writable_error(self.inv.fs, h) is None,
            "-x": lambda h: h.is_dir() or bool(h.stat().st_mode & 0o111),
            "-L": Path.is_symlink, "-h": Path.is_symlink,
        }
        return op in checks and checks[op](host)

    def _host(self, path: str) -> Path | None:
        try:
            return resolve(self.inv.fs, path, self.inv.cwd)
        except VfsError:
            return None


def _number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _TestError(f"{text}: bad number") from None


def evaluate_test(inv: Invocation, args: list[str]) -> bool:
    """One `test` expression (used by `[[ ]]`); raises ValueError when it is malformed."""
    try:
        return _Test(inv, args).evaluate()
    except _TestError as exc:
        raise ValueError(str(exc)) from None


def test(inv: Invocation) -> int:
    args = inv.argv[1:]
    name = inv.argv[0].rsplit("/", 1)[-1]
    if name == "[":
        if not args or args[-1] != "]":
            return fail(inv, f"{SH}: [: missing ]", 2)
        args = args[:-1]
    try:
        return 0 if _Test(inv, args).evaluate() else 1
    except _TestError as exc:
        return fail(inv, f"{SH}: {name}: {exc}", 2)


def which(inv: Invocation) -> int:
    names = [a for a in inv.argv[1:] if not a.startswith("-")]
    status = 0 if names else 1
    for name in names:
        path = _command_path(inv, name)
        if path is None or (path == name and "/" not in name):
            status = 1
        else:
            emit(inv, path + "\n")
    return status


def _command_path(inv: Invocation, name: str) -> str | None:
    """`/system/bin/NAME` for a command, NAME for a special builtin, the path for a file, else None."""
    if "/" in name:
        try:
            return name if resolve(inv.fs, name, inv.cwd).is_file() else None
        except VfsError:
            return None
    if inv.shell.lookup(name) is not None:
        return f"/system/bin/{name}"
    return name if name in inv.shell.command_names() else None


def type_(inv: Invocation) -> int:
    status = 0
    for name in inv.argv[1:]:
        path = _command_path(inv, name)
        if path is None:
            status = fail(inv, f"{name} not found")
        elif name in MKSH_BUILTINS or (path == name and "/" not in name):
            emit(inv, f"{name} is a shell builtin\n")
        else:
            emit(inv, f"{name} is {path}\n" if "/" in name else f"{name} is a tracked alias for {path}\n")
    return status


def command(inv: Invocation) -> int:
    args = inv.argv[1:]
    if args and args[0] in ("-v", "-V"):
        if args[0] == "-V":
            return type_(replace(inv, argv=["type", *args[1:]]))
        paths = [_command_path(inv, name) for name in args[1:]]
        emit(inv, "".join(f"{p}\n" for p in paths if p))
        return 0 if paths and all(paths) else 1
    return inv.shell.call(inv, args) if args else 0


def env(inv: Invocation) -> int:
    args = inv.argv[1:]
    environ = dict(inv.env)
    while args and (args[0] in ("-i", "-", "-u") or ("=" in args[0] and not args[0].startswith("-"))):
        arg = args.pop(0)
        if arg in ("-i", "-"):
            environ.clear()
        elif arg == "-u":
            environ.pop(args.pop(0) if args else "", None)
        else:
            key, _, value = arg.partition("=")
            environ[key] = value
    if not args:
        emit(inv, "".join(f"{k}={v}\n" for k, v in sorted(environ.items())))
        return 0
    return inv.shell.call(replace(inv, env=environ), args)


def sh(inv: Invocation) -> int:
    """`sh -c SCRIPT [NAME ARGS...]`, `sh FILE ARGS...`, or the script on stdin."""
    args = inv.argv[1:]
    while args and args[0].startswith("-") and args[0] not in ("-c", "-"):
        args.pop(0)  # -e, -x and friends are accepted and ignored
    if args and args[0] == "-c":
        if len(args) < 2:
            return fail(inv, f"{SH}: -c: option requires an argument")
        return inv.shell.execute(args[1], inv, args[2:] or [SH])
    if args and args[0] != "-":
        try:
            text = decode(read_path(inv.fs, args[0], inv.cwd))
        except VfsError as exc:
            return fail(inv, f"{SH}: {args[0]}: {exc}", 127)
        return inv.shell.execute(text, inv, args)
    return inv.shell.execute(decode(inv.stdin), replace(inv, input=InStream()), [SH])


def _succeed(inv: Invocation) -> int:
    return 0


def _fail(inv: Invocation) -> int:
    return 1


BUILTINS: dict[str, CommandFn] = {
    "echo": echo, "true": _succeed, "false": _fail, ":": _succeed, "pwd": pwd, "test": test, "[": test,
    "which": which, "type": type_, "command": command, "env": env, "sh": sh,
    "wait": _succeed, "trap": _succeed,  # `&` runs in the foreground, so there is never anything to wait for
}
