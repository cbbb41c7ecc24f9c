"""The virtual phone's `/system/bin/sh`: the mksh language interpreted in pure Python.

`Shell.run(script)` parses the whole script (see `sh_parse`), then runs it the way Android's mksh would:
lists, pipelines (the last stage runs in the current shell, as in mksh), redirections and here-documents,
compound commands and functions (`sh_control`), special builtins (`sh_special`), `set -e -u -x`,
`pipefail`. Commands are plain functions taking an `Invocation`; they append bytes to `out`/`err` and return
an exit code. Output is bytes end to end, so binary data (PNG) piped or redirected stays exact.

Nothing here touches the host: no subprocess, no os.system, no eval. Every path goes through
`VirtualFS.host_path` (via `common.resolve`), so `..` and symlinks cannot leave the data directory.
Each `run` is a fresh shell process (cwd `/`, the base environment), like each `adb shell` call.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from droidpilot.emulator.device import ShellResult
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell import sh_builtins, sh_special
from droidpilot.emulator.virtual.shell.common import (
    NULL_DEVICES,
    UsageError,
    VfsError,
    encode,
    fail,
    read_path,
    resolve,
    running_as,
    stamp,
    writable_error,
)
from droidpilot.emulator.virtual.shell.files import FILE_COMMANDS
from droidpilot.emulator.virtual.shell.sh_ast import AndOr, Command, Pipeline, Redirect, Script, Simple, Subshell
from droidpilot.emulator.virtual.shell.sh_control import Control
from droidpilot.emulator.virtual.shell.sh_expand import Expander, State
from droidpilot.emulator.virtual.shell.sh_parse import ShSyntaxError, parse
from droidpilot.emulator.virtual.shell.sh_session import (
    VIRTUAL,
    ExitScript,
    InStream,
    LoopJump,
    ReturnJump,
    Session,
    ShellAbort,
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
    """One command run: its argv, input, environment and output buffers.

    `stdin` is what is left of the input when the command first looks at it; looking consumes it, so
    `while read l; do cmd; done` hands lines to `read` until a command such as `cat` eats the rest."""

    argv: list[str]
    input: InStream
    env: dict[str, str]
    cwd: str
    out: bytearray
    err: bytearray
    fs: VirtualFS
    shell: Shell
    session: Session = VIRTUAL
    _taken: bytes | None = field(default=None, init=False, repr=False)

    @property
    def stdin(self) -> bytes:
        if self._taken is None:
            self._taken = self.input.rest()
            self.input.drain()
        return self._taken


CommandFn = Callable[[Invocation], int]


@dataclass
class Streams:
    """A command's streams after redirection; file sinks are written when the command ends."""

    stdin: InStream
    out: bytearray
    err: bytearray
    files: dict[Path, bytearray] = field(default_factory=dict)


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
        self.control = Control(self)

    # --- public API -----------------------------------------------------------------------------------------

    def register(self, name: str, fn: CommandFn) -> None:
        self._commands[name] = fn

    def lookup(self, name: str) -> CommandFn | None:
        """The command a bare name runs (not the special builtins such as `cd`)."""
        return self._commands.get(name)

    def command_names(self) -> list[str]:
        return sorted(set(self._commands) | set(sh_special.SPECIAL))

    def run(self, script: str, stdin: bytes = b"", session: Session | None = None) -> ShellResult:
        """Run a script as `adb shell` would: a fresh shell in `/`, returning its output and exit code
        (what is left of it after the session's flushes). A session comes from the ADB path; in-process
        runs use virtual time."""
        out, err = (bytearray(), bytearray()) if session is None else (session.out, session.err)
        state = State(dict(self.env), "/", session=session or VIRTUAL)
        streams = Streams(InStream(stdin, state.session.feeder), out, err)
        with running_as(state.session.root):
            code = self.run_text(script, state, streams)
            self.flush_files(streams)
        return ShellResult(stdout=bytes(out), stderr=bytes(err), exit_code=code & 0xFF)

    def execute(self, script: str, inv: Invocation, args: list[str] | None = None) -> int:
        """Run a script in a child shell on an invocation's streams (`sh -c`, script files)."""
        state = State(dict(inv.env), inv.cwd, args or [SH], session=inv.session)
        streams = Streams(inv.input, inv.out, inv.err)
        code = self.run_text(script, state, streams)
        self.flush_files(streams)
        return code & 0xFF

    def call(self, inv: Invocation, argv: list[str]) -> int:
        """Run another command on the same streams (`toybox NAME`, `command NAME`, `env ... NAME`)."""
        fn = self._find(argv[0], inv.cwd) if argv else None
        if fn is None:
            return fail(inv, f"{SH}: {argv[0] if argv else ''}: inaccessible or not found", 127)
        return self._guarded(fn, replace(inv, argv=argv))

    # --- lists ----------------------------------------------------------------------------------------------

    def run_text(self, text: str, state: State, io: Streams) -> int:
        """Parse and run a whole script in `state`; `exit`, syntax and expansion errors end it here."""
        try:
            return self.script(parse(text), state, io)
        except ShSyntaxError as exc:
            io.err += encode(f"{SH}: syntax error: {exc}\n")
            return 1
        except (ExitScript, ReturnJump) as exc:
            return exc.code
        except LoopJump:
            return 0
        except ShellAbort as exc:
            io.err += encode(f"{SH}: {exc}\n")
            return 1
        except RecursionError:
            io.err += encode(f"{SH}: nesting too deep\n")
            return 1

    def script(self, script: Script, state: State, io: Streams) -> int:
        for item in script.items:
            state.status = self._and_or(item, state, io)
        return state.status

    def _and_or(self, item: AndOr, state: State, io: Streams) -> int:
        """`a && b || c`; under `set -e` only a failure of the list's last pipeline ends the shell."""
        chain = [("", item.first), *item.rest]
        status, ran = 0, 0
        for index, (op, pipeline) in enumerate(chain):
            if index and (op == "&&") != (status == 0):
                continue
            last = index == len(chain) - 1
            state.quiet_errexit += 0 if last else 1
            try:
                status = self._pipeline(pipeline, state, io)
            finally:
                state.quiet_errexit -= 0 if last else 1
            state.status, ran = status, index
        final = chain[ran][1]
        if status and ran == len(chain) - 1 and not final.negate and self.errexit(state):
            raise ExitScript(status)
        return status

    @staticmethod
    def errexit(state: State) -> bool:
        return "e" in state.options and state.quiet_errexit == 0

    def _pipeline(self, pipeline: Pipeline, state: State, io: Streams) -> int:
        commands = pipeline.commands
        if pipeline.negate:
            state.quiet_errexit += 1
        try:
            status = self._stages(commands, state, io)
        finally:
            state.quiet_errexit -= int(pipeline.negate)
        return int(status == 0) if pipeline.negate else status

    def _stages(self, commands: list[Command], state: State, io: Streams) -> int:
        """Each stage is fed the previous stage's complete output; all but the last run in subshells."""
        if len(commands) == 1:
            return self.command(commands[0], state, io)
        stdin, statuses = io.stdin, []
        for index, command in enumerate(commands):
            if index == len(commands) - 1:
                statuses.append(self.command(command, state, Streams(stdin, io.out, io.err)))
                break
            sink = bytearray()
            statuses.append(self.subshell(partial(self._in_stage, command, Streams(stdin, sink, io.err)), state))
            stdin = InStream(bytes(sink))
        if "pipefail" in state.options:
            return next((s for s in reversed(statuses) if s), 0)
        return statuses[-1]

    def _in_stage(self, command: Command, streams: Streams, state: State) -> int:
        return self.command(command, state, streams)

    def subshell(self, body: Callable[[State], int], state: State) -> int:
        """Run `body` in a copy of the state, so `cd`, variables and `exit` stay inside it."""
        try:
            return body(state.child())
        except (ExitScript, ReturnJump) as exc:
            return exc.code
        except LoopJump:
            return 0

    # --- commands -------------------------------------------------------------------------------------------

    def expander(self, state: State, err: bytearray) -> Expander:
        return Expander(self.fs, state, lambda script: self._substitute(script, state, err))

    def command(self, command: Command, state: State, io: Streams) -> int:
        if not isinstance(command, (Simple, Subshell)):
            return self.control.run(command, state, io)
        state.sub_status = None
        expander = self.expander(state, io.err)
        argv = expander.words(command.words) if isinstance(command, Simple) else []
        streams = self.redirect(command.redirects, expander, state.cwd, io)
        if streams is None:
            return 1
        try:
            if isinstance(command, Subshell):
                body = command.body
                return self.subshell(lambda s: self.script(body, s, streams), state)
            assigns = {name: expander.string(word) for name, word in command.assigns}
            if not argv:
                state.vars.update(assigns)
                return state.sub_status or 0
            if argv == ["exec"] and command.redirects:
                self._redirect_shell(io, streams)
                return 0
            return self._dispatch(argv, assigns, state, streams)
        finally:
            self.flush_files(streams)

    @staticmethod
    def _redirect_shell(io: Streams, streams: Streams) -> None:
        """`exec >f 2>&1` and friends: the redirections stay for the rest of the (sub)shell; files are
        written when it ends."""
        io.stdin, io.out, io.err = streams.stdin, streams.out, streams.err
        io.files.update(streams.files)
        streams.files = {}

    def _substitute(self, script: Script, state: State, err: bytearray) -> str:
        buf = bytearray()
        streams = Streams(InStream(), buf, err)
        state.sub_status = self.subshell(lambda s: self.script(script, s, streams), state)
        return bytes(buf).decode("utf-8", "surrogateescape").rstrip("\n")

    def invocation(self, argv: list[str], env: dict[str, str], state: State, io: Streams) -> Invocation:
        return Invocation(argv, io.stdin, env, state.cwd, io.out, io.err, self.fs, self, state.session)

    def _dispatch(self, argv: list[str], assigns: dict[str, str], state: State, io: Streams) -> int:
        if "x" in state.options:
            io.err += encode("+ " + " ".join(argv) + "\n")
        inv = self.invocation(argv, {**state.vars, **assigns}, state, io)
        special = sh_special.SPECIAL.get(argv[0])
        if special is not None:
            return special(self, inv, state)
        function = state.funcs.get(argv[0])
        if function is not None:
            return self.control.call_function(function, argv, state, io)
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

    def redirect(self, redirects: list[Redirect], expander: Expander, cwd: str, io: Streams) -> Streams | None:
        """Apply redirections in order (so `>f 2>&1` and `2>&1 >f` differ, as in sh). None on failure."""
        if not redirects:
            return io  # the same streams: an `exec >f` inside `{ }` or a function lasts for the shell
        sinks: dict[object, bytearray] = {"out": io.out, "err": io.err, "null": bytearray()}
        fds: dict[int, object] = {1: "out", 2: "err"}
        stdin = io.stdin
        for redirect in redirects:
            op = redirect.op
            if op in ("<<", "<<-", "<<<"):
                text = expander.string(redirect.target) + ("\n" if op == "<<<" else "")
                stdin = InStream(encode(text)) if redirect.fd == 0 else stdin
                continue
            target = expander.string(redirect.target)
            try:
                if op in ("<", "<>"):
                    stdin = InStream(read_path(self.fs, target, cwd)) if redirect.fd == 0 else stdin
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
                io.err += encode(f"{SH}: can't {verb} {target}: {exc}\n")
                return None
        files = {key: buf for key, buf in sinks.items() if isinstance(key, Path)}
        return Streams(stdin, sinks[fds[1]], sinks[fds[2]], files)

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

    def flush_files(self, io: Streams) -> None:
        """Append what was written to redirected files; the sinks stay, as `exec >f` keeps writing there."""
        for host, data in io.files.items():
            if data or not host.exists():
                with open(host, "ab") as fh:
                    fh.write(data)
                del data[:]
            stamp(self.clock, host)
