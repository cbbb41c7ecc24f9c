"""The virtual phone's `/system/bin/sh`: a POSIX-sh subset interpreted in pure Python.

`Shell.run(script)` parses the whole script (see `sh_parse` for the supported syntax), then runs it the way
Android's mksh would: `;` `&&` `||` `|`, redirections, `$?`, `VAR=val cmd`, `$(...)`, globbing against the
virtual file system. Commands are plain functions taking an `Invocation`; they append bytes to `out`/`err`
and return an exit code. Output is bytes end to end, so binary data (PNG) piped or redirected stays exact.

Nothing here touches the host: no subprocess, no os.system, no eval. Every path goes through
`VirtualFS.host_path` (via `common.resolve`), so `..` and symlinks cannot leave the data directory.
Each `run` is a fresh shell process (cwd `/`, the base environment), like each `adb shell` call.
Commands within one run share stdin without consuming it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from droidpilot.emulator.device import ShellResult
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell import sh_builtins
from droidpilot.emulator.virtual.shell.common import (
    NULL_DEVICES,
    UsageError,
    VfsError,
    encode,
    fail,
    read_path,
    resolve,
    stamp,
    writable_error,
)
from droidpilot.emulator.virtual.shell.files import FILE_COMMANDS
from droidpilot.emulator.virtual.shell.sh_expand import Expander, State
from droidpilot.emulator.virtual.shell.sh_parse import (
    Pipeline,
    Redirect,
    Script,
    ShSyntaxError,
    Simple,
    Subshell,
    parse,
)

SH = "/system/bin/sh"
BIN_DIRS = frozenset(
    {"/system/bin", "/system/xbin", "/bin", "/vendor/bin", "/product/bin", "/system_ext/bin", "/odm/bin"}
)
DEFAULT_ENV: dict[str, str] = {
    "PATH": "/product/bin:/apex/com.android.runtime/bin:/apex/com.android.art/bin:/system_ext/bin:"
    "/system/bin:/system/xbin:/odm/bin:/vendor/bin:/vendor/xbin",
    "HOME": "/", "USER": "shell", "LOGNAME": "shell", "SHELL": "/bin/sh", "HOSTNAME": "localhost",
    "TMPDIR": "/data/local/tmp", "EXTERNAL_STORAGE": "/sdcard", "ANDROID_DATA": "/data",
    "ANDROID_ROOT": "/system", "ANDROID_STORAGE": "/storage",
}


@dataclass
class Invocation:
    """One command run: its argv, input, environment and output buffers."""

    argv: list[str]
    stdin: bytes
    env: dict[str, str]
    cwd: str
    out: bytearray
    err: bytearray
    fs: VirtualFS
    shell: Shell


CommandFn = Callable[[Invocation], int]
SpecialFn = Callable[[Invocation, State], int]


class _ExitScript(BaseException):
    """`exit N`: unwinds to the enclosing (sub)shell; BaseException so command guards don't catch it."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class _IO:
    """A command's streams after redirection; file sinks are written when the command ends."""

    stdin: bytes
    out: bytearray
    err: bytearray
    files: dict[Path, bytearray]


class Shell:
    """A virtual `/system/bin/sh` with a table of commands (builtins, file tools, plus `commands`)."""

    def __init__(
        self,
        fs: VirtualFS,
        commands: Mapping[str, CommandFn] | None = None,
        env: dict[str, str] | None = None,
        clock: VirtualClock | None = None,
    ) -> None:
        self.fs = fs
        self.clock = clock
        self.env = {**DEFAULT_ENV, **(env or {})}
        self._commands: dict[str, CommandFn] = {**sh_builtins.BUILTINS, **FILE_COMMANDS, **(commands or {})}
        self._special: dict[str, SpecialFn] = {
            "cd": self._cd, "export": self._export, "readonly": self._export, "unset": self._unset,
            "exit": self._exit, "eval": self._eval, ".": self._source, "source": self._source,
            "set": self._set, "shift": self._shift, "read": self._read,
        }

    # --- public API -----------------------------------------------------------------------------------------

    def register(self, name: str, fn: CommandFn) -> None:
        self._commands[name] = fn

    def lookup(self, name: str) -> CommandFn | None:
        """The command a bare name runs (not the special builtins such as `cd`)."""
        return self._commands.get(name)

    def command_names(self) -> list[str]:
        return sorted(set(self._commands) | set(self._special))

    def run(self, script: str, stdin: bytes = b"") -> ShellResult:
        """Run a script as `adb shell` would: a fresh shell in `/`, returning its output and exit code."""
        out, err = bytearray(), bytearray()
        code = self._run_text(script, State(dict(self.env), "/"), stdin, out, err)
        return ShellResult(stdout=bytes(out), stderr=bytes(err), exit_code=code & 0xFF)

    def execute(self, script: str, inv: Invocation, args: list[str] | None = None) -> int:
        """Run a script in a child shell on an invocation's streams (`sh -c`, script files)."""
        state = State(dict(inv.env), inv.cwd, args or [SH])
        return self._run_text(script, state, inv.stdin, inv.out, inv.err) & 0xFF

    def call(self, inv: Invocation, argv: list[str]) -> int:
        """Run another command on the same streams (`toybox NAME`, `command NAME`, `env ... NAME`)."""
        fn = self._find(argv[0], inv.cwd) if argv else None
        if fn is None:
            return fail(inv, f"{SH}: {argv[0] if argv else ''}: inaccessible or not found", 127)
        return self._guarded(fn, replace(inv, argv=argv))

    # --- execution ------------------------------------------------------------------------------------------

    def _run_text(self, text: str, state: State, stdin: bytes, out: bytearray, err: bytearray) -> int:
        try:
            return self._script(parse(text), state, stdin, out, err)
        except ShSyntaxError as exc:
            err += encode(f"{SH}: syntax error: {exc}\n")
            return 1
        except _ExitScript as exc:
            return exc.code
        except RecursionError:
            err += encode(f"{SH}: nesting too deep\n")
            return 1

    def _script(self, script: Script, state: State, stdin: bytes, out: bytearray, err: bytearray) -> int:
        for item in script.items:
            status = self._pipeline(item.first, state, stdin, out, err)
            state.status = status
            for op, pipeline in item.rest:
                if (op == "&&") == (status == 0):
                    status = self._pipeline(pipeline, state, stdin, out, err)
                    state.status = status
        return state.status

    def _pipeline(self, pipeline: Pipeline, state: State, stdin: bytes, out: bytearray,
                  err: bytearray) -> int:
        commands = pipeline.commands
        if len(commands) == 1:
            status = self._command(commands[0], state, stdin, out, err)
        else:
            data = stdin
            for index, command in enumerate(commands):
                sink = out if index == len(commands) - 1 else bytearray()
                # every stage runs in its own subshell, fed the previous stage's complete output
                run = partial(self._command, command, stdin=data, out=sink, err=err)
                status = self._subshell(run, state)
                data = bytes(sink)
        return int(status == 0) if pipeline.negate else status

    def _subshell(self, body: Callable[[State], int], state: State) -> int:
        """Run `body` in a copy of the state, so `cd`, variables and `exit` stay inside it."""
        try:
            return body(state.child())
        except _ExitScript as exc:
            return exc.code

    def _command(self, command: Simple | Subshell, state: State, stdin: bytes, out: bytearray,
                 err: bytearray) -> int:
        state.sub_status = None
        expander = Expander(self.fs, state, lambda script: self._substitute(script, state, err))
        argv = expander.words(command.words) if isinstance(command, Simple) else []
        io = self._redirect(command.redirects, expander, state.cwd, stdin, out, err)
        if io is None:
            return 1
        try:
            if isinstance(command, Subshell):
                body = command.body
                return self._subshell(lambda s: self._script(body, s, io.stdin, io.out, io.err), state)
            assigns = {name: expander.string(word) for name, word in command.assigns}
            if not argv:
                state.vars.update(assigns)
                return state.sub_status or 0
            return self._dispatch(argv, assigns, state, io)
        finally:
            self._flush(io)

    def _substitute(self, script: Script, state: State, err: bytearray) -> str:
        buf = bytearray()
        state.sub_status = self._subshell(lambda s: self._script(script, s, b"", buf, err), state)
        return bytes(buf).decode("utf-8", "surrogateescape").rstrip("\n")

    def _dispatch(self, argv: list[str], assigns: dict[str, str], state: State, io: _IO) -> int:
        inv = Invocation(argv, io.stdin, {**state.vars, **assigns}, state.cwd, io.out, io.err, self.fs, self)
        special = self._special.get(argv[0])
        if special is not None:
            return special(inv, state)
        fn = self._find(argv[0], state.cwd)
        if fn is None:
            return fail(inv, f"{SH}: {argv[0]}: inaccessible or not found", 127)
        return self._guarded(fn, inv)

    def _find(self, name: str, cwd: str) -> CommandFn | None:
        """A command by name, by path in a bin directory (`/system/bin/ls`), or a script file."""
        if "/" not in name:
            return self._commands.get(name)
        path = self.fs.normalize(name, cwd)
        if posixpath.dirname(path) in BIN_DIRS and posixpath.basename(path) in self._commands:
            return self._commands[posixpath.basename(path)]
        try:
            host = resolve(self.fs, path, "/")
        except VfsError:
            return None
        return (lambda inv: self._run_file(path, inv)) if host.is_file() else None

    def _run_file(self, path: str, inv: Invocation) -> int:
        data = read_path(self.fs, path, "/")
        if data.startswith(b"\x7fELF"):
            return fail(inv, f"{SH}: {inv.argv[0]}: can't execute: Exec format error", 126)
        return self.execute(data.decode("utf-8", "surrogateescape"), inv, [path, *inv.argv[1:]])

    def _guarded(self, fn: CommandFn, inv: Invocation) -> int:
        """Call a command; a Python exception becomes an error message and exit 1, never a crash."""
        name = inv.argv[0]
        try:
            code = fn(inv)
            return 0 if code is None else int(code) & 0xFF  # a command that forgets to return succeeded
        except UsageError as exc:
            return fail(inv, f"{posixpath.basename(name)}: {exc}")
        except Exception as exc:
            return fail(inv, f"{SH}: {name}: internal error: {type(exc).__name__}: {exc}")

    # --- redirection ----------------------------------------------------------------------------------------

    def _redirect(self, redirects: list[Redirect], expander: Expander, cwd: str, stdin: bytes, out: bytearray,
                  err: bytearray) -> _IO | None:
        """Apply redirections in order (so `>f 2>&1` and `2>&1 >f` differ, as in sh). None on failure."""
        sinks: dict[object, bytearray] = {"out": out, "err": err, "null": bytearray()}
        fds: dict[int, object] = {1: "out", 2: "err"}
        for redirect in redirects:
            target = expander.string(redirect.target)
            op = redirect.op
            try:
                if op in ("<", "<>"):
                    stdin = read_path(self.fs, target, cwd) if redirect.fd == 0 else stdin
                elif op in (">&", "<&") and (target.isdigit() or target == "-"):
                    if op == ">&":
                        fds[redirect.fd] = "null" if target == "-" else fds.get(int(target), "null")
                else:
                    key = self._open_out(target, op.endswith(">>"), cwd)
                    sinks.setdefault(key, bytearray())
                    both = op.startswith("&") or op == ">&"  # `&>f` and `>&f` redirect stdout and stderr
                    fds.update({1: key, 2: key} if both else {redirect.fd: key})
            except VfsError as exc:
                verb = "open" if op.startswith("<") else "create"
                err += encode(f"{SH}: can't {verb} {target}: {exc}\n")
                return None
        files = {key: buf for key, buf in sinks.items() if isinstance(key, Path)}
        return _IO(stdin, sinks[fds[1]], sinks[fds[2]], files)

    def _open_out(self, target: str, append: bool, cwd: str) -> object:
        """The sink key for an output redirection, creating or truncating the file now (as sh does)."""
        path = self.fs.normalize(target, cwd)
        if path in NULL_DEVICES:
            return "null"
        if path in ("/dev/stdout", "/dev/tty", "/proc/self/fd/1"):
            return "out"
        if path in ("/dev/stderr", "/proc/self/fd/2"):
            return "err"
        host = resolve(self.fs, path, "/")
        if host.is_dir():
            raise VfsError("Is a directory")
        if not host.parent.is_dir():
            raise VfsError("No such file or directory")
        denied = writable_error(self.fs, host)
        if denied:
            raise VfsError(denied)
        with open(host, "ab" if append else "wb"):
            pass
        return host

    def _flush(self, io: _IO) -> None:
        for host, data in io.files.items():
            with open(host, "ab") as fh:
                fh.write(data)
            stamp(self.clock, host)

    # --- special builtins (they change the shell's own state) ----------------------------------------------

    def _cd(self, inv: Invocation, state: State) -> int:
        args = [a for a in inv.argv[1:] if a not in ("-L", "-P")]
        target = args[0] if args else state.vars.get("HOME", "/")
        if target == "-":
            target = state.vars.get("OLDPWD", state.cwd)
            inv.out += encode(target + "\n")
        path = self.fs.normalize(target, state.cwd)
        try:
            host = resolve(self.fs, path, "/")
        except VfsError as exc:
            return fail(inv, f"{SH}: cd: {target}: {exc}", 2)
        if path != "/" and not host.is_dir():
            reason = "Not a directory" if host.exists() else "No such file or directory"
            return fail(inv, f"{SH}: cd: {target}: {reason}", 2)
        state.vars["OLDPWD"], state.vars["PWD"], state.cwd = state.cwd, path, path
        return 0

    def _export(self, inv: Invocation, state: State) -> int:
        names = [a for a in inv.argv[1:] if a != "-p"]
        if not names:
            inv.out += encode("".join(f"export {k}={v}\n" for k, v in sorted(state.vars.items())))
        status = 0
        for arg in names:
            name, eq, value = arg.partition("=")
            if not name.isidentifier() or not name.isascii():
                status = fail(inv, f"{SH}: {inv.argv[0]}: {name}: is not an identifier")
            elif eq:
                state.vars[name] = value
        return status

    def _unset(self, inv: Invocation, state: State) -> int:
        for name in inv.argv[1:]:
            if not name.startswith("-"):
                state.vars.pop(name, None)
        return 0

    def _exit(self, inv: Invocation, state: State) -> int:
        arg = inv.argv[1] if len(inv.argv) > 1 else str(state.status)
        if not arg.lstrip("-").isdigit():
            fail(inv, f"{SH}: exit: {arg}: bad number")
            raise _ExitScript(2)
        raise _ExitScript(int(arg) & 0xFF)

    def _eval(self, inv: Invocation, state: State) -> int:
        try:
            script = parse(" ".join(inv.argv[1:]))
        except ShSyntaxError as exc:
            return fail(inv, f"{SH}: eval: syntax error: {exc}")
        return self._script(script, state, inv.stdin, inv.out, inv.err)

    def _source(self, inv: Invocation, state: State) -> int:
        if len(inv.argv) < 2:
            return fail(inv, f"{SH}: {inv.argv[0]}: missing argument")
        try:
            text = read_path(self.fs, inv.argv[1], state.cwd).decode("utf-8", "surrogateescape")
        except VfsError as exc:
            return fail(inv, f"{SH}: {inv.argv[0]}: {inv.argv[1]}: {exc}")
        return self._eval(replace(inv, argv=["eval", text]), state)

    def _set(self, inv: Invocation, state: State) -> int:
        args = inv.argv[1:]
        if not args:
            inv.out += encode("".join(f"{k}={v}\n" for k, v in sorted(state.vars.items())))
        elif "--" in args:
            state.args[1:] = args[args.index("--") + 1 :]
        elif not args[0].startswith(("-", "+")):
            state.args[1:] = args
        return 0  # option flags (-e, -x, ...) are accepted and ignored

    def _shift(self, inv: Invocation, state: State) -> int:
        count = int(inv.argv[1]) if len(inv.argv) > 1 and inv.argv[1].isdigit() else 1
        if count > len(state.args) - 1:
            return fail(inv, f"{SH}: shift: nothing to shift")
        del state.args[1 : 1 + count]
        return 0

    def _read(self, inv: Invocation, state: State) -> int:
        names = [a for a in inv.argv[1:] if not a.startswith("-")] or ["REPLY"]
        if not inv.stdin:
            return 1
        line = inv.stdin.split(b"\n", 1)[0].decode("utf-8", "surrogateescape")
        values = line.split(None, len(names) - 1)
        for index, name in enumerate(names):
            state.vars[name] = values[index] if index < len(values) else ""
        return 0
