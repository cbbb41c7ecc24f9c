"""Word expansion for the virtual shell: parameters, command substitution, field splitting and globbing.

Expansion follows sh: quoted text is never split or globbed, unquoted `$VAR` / `$(...)` results are split on
IFS, and unquoted `*`, `?`, `[` in the result are matched against the virtual file system (left as typed if
nothing matches). Quoted metacharacters are escaped in the glob pattern (`[*]`) so they only match
themselves.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell.common import escape_glob, expand_glob
from droidpilot.emulator.virtual.shell.sh_arith import ArithError, evaluate
from droidpilot.emulator.virtual.shell.sh_ast import Arith, CmdSub, Command, Lit, Param, Part, Script, Word
from droidpilot.emulator.virtual.shell.sh_session import VIRTUAL, Session, ShellAbort

SHELL_PID = "4387"
"""`$$`: a fixed pid keeps runs reproducible."""


@dataclass
class State:
    """What a running (sub)shell owns: variables, working directory, positional args, `$?`, functions and
    options (`set -e -u -x`, `pipefail`)."""

    vars: dict[str, str]
    cwd: str
    args: list[str] = field(default_factory=lambda: ["/system/bin/sh"])
    status: int = 0
    sub_status: int | None = None
    """Exit status of the last `$(...)` in the current command; a bare assignment returns it."""
    funcs: dict[str, Command] = field(default_factory=dict)
    options: set[str] = field(default_factory=set)
    quiet_errexit: int = 0
    """> 0 while running a condition (`if`, `while`, `&&` left side), where `set -e` does not exit."""
    frames: list[dict[str, str | None]] = field(default_factory=list)
    """One per running function: the values its `local` names had before (restored on return)."""
    session: Session = VIRTUAL

    def child(self) -> State:
        return State(dict(self.vars), self.cwd, list(self.args), self.status, None, dict(self.funcs),
                     set(self.options), self.quiet_errexit, [], self.session)


SubRunner = Callable[[Script], str]
"""Runs a command substitution and returns its output with trailing newlines removed."""


class _Fields:
    """Accumulates the fields one word expands to, with a glob pattern for each."""

    def __init__(self) -> None:
        self.done: list[tuple[str, str | None]] = []
        self._reset()

    def _reset(self) -> None:
        self.text: list[str] = []
        self.pattern: list[str] = []
        self.real = False  # a quoted "" makes an empty field real; an empty unquoted $X does not
        self.magic = False

    def add(self, text: str, glob: bool) -> None:
        self.text.append(text)
        self.pattern.append(text if glob else escape_glob(text))
        self.magic |= glob and any(c in text for c in "*?[")
        self.real |= bool(text)

    def mark(self) -> None:
        self.real = True

    def split(self) -> None:
        if self.real:
            self.done.append(("".join(self.text), "".join(self.pattern) if self.magic else None))
        self._reset()


class Expander:
    """Expands words for one command in one shell state."""

    def __init__(self, fs: VirtualFS, state: State, run_sub: SubRunner) -> None:
        self.fs = fs
        self.state = state
        self.run_sub = run_sub

    def words(self, words: list[Word]) -> list[str]:
        """argv: every word expanded, split and globbed."""
        argv: list[str] = []
        for word in words:
            for text, pattern in self._fields(word):
                matches = expand_glob(self.fs, pattern, self.state.cwd) if pattern else []
                argv.extend(matches or [text])
        return argv

    def string(self, word: Word) -> str:
        """One string, no splitting or globbing (assignments, redirect targets, `${x:-word}`)."""
        return "".join(self._value(part) for part in word.parts)

    def pattern(self, word: Word) -> str:
        """An fnmatch pattern where only unquoted metacharacters are special (`${x%.png}`)."""
        return "".join(
            part.text if isinstance(part, Lit) and not part.quoted else escape_glob(self._value(part))
            for part in word.parts
        )

    def _fields(self, word: Word) -> list[tuple[str, str | None]]:
        fields = _Fields()
        for part in word.parts:
            if isinstance(part, Lit):
                fields.add(part.text, glob=not part.quoted)
                if part.quoted:
                    fields.mark()
            elif part.quoted and isinstance(part, Param) and part.name == "@" and not part.op:
                self._quoted_at(fields)
            elif part.quoted or isinstance(part, Arith):
                fields.add(self._value(part), glob=False)
                fields.mark()
            else:
                self._split_into(fields, self._value(part))
        fields.split()
        return fields.done

    def _quoted_at(self, fields: _Fields) -> None:
        """`"$@"`: one field per positional argument."""
        for index, arg in enumerate(self.state.args[1:]):
            if index:
                fields.split()
            fields.add(arg, glob=False)
            fields.mark()

    def _split_into(self, fields: _Fields, value: str) -> None:
        ifs = self.state.vars.get("IFS", " \t\n")
        pieces = re.split(f"[{re.escape(ifs)}]+", value) if ifs else [value]
        for index, piece in enumerate(pieces):
            if index:
                fields.split()
            fields.add(piece, glob=True)

    def _value(self, part: Part) -> str:
        if isinstance(part, Lit):
            return part.text
        if isinstance(part, CmdSub):
            return self.run_sub(part.script)
        if isinstance(part, Arith):
            return str(self.arith(part.expr))
        return self._param(part)

    def arith(self, expr: Word) -> int:
        """Evaluate `$((...))` / `((...))` text after expanding `$x` and `$(...)` in it."""
        text = self.string(expr)
        try:
            return evaluate(text, self.state.vars)
        except ArithError as exc:
            raise ShellAbort(f"{text.strip()}: {exc}") from None

    def _lookup(self, name: str) -> str | None:
        state = self.state
        specials = {"?": str(state.status), "$": SHELL_PID, "#": str(len(state.args) - 1), "!": "",
                    "-": "".join(sorted(o for o in state.options if len(o) == 1))}
        if name in specials:
            return specials[name]
        if name in ("@", "*"):
            return " ".join(state.args[1:])
        if name.isdigit():
            return state.args[int(name)] if int(name) < len(state.args) else None
        return state.vars.get(name)

    def _param(self, part: Param) -> str:
        value = self._lookup(part.name)
        op, arg = part.op, part.arg
        if value is None and "u" in self.state.options and op in ("", "len") and part.name not in "@*":
            raise ShellAbort(f"{part.name}: parameter not set")
        if not op or arg is None:
            return str(len(value or "")) if op == "len" else value or ""
        if op in (":?", "?"):
            if (not value) if op == ":?" else value is None:
                message = self.string(arg) or ("parameter null or not set" if op == ":?" else "parameter not set")
                raise ShellAbort(f"{part.name}: {message}")
            return value or ""
        if op in (":-", "-", ":=", "="):
            use_arg = not value if op.startswith(":") else value is None
            if not use_arg:
                return value or ""
            default = self.string(arg)
            if op.endswith("=") and re.fullmatch(r"[A-Za-z_]\w*", part.name):
                self.state.vars[part.name] = default
            return default
        if op in (":+", "+"):
            present = bool(value) if op == ":+" else value is not None
            return self.string(arg) if present else ""
        return _trim(value or "", self.pattern(arg), op)


def _trim(value: str, pattern: str, op: str) -> str:
    """`${x#p}` `${x##p}` (prefix) and `${x%p}` `${x%%p}` (suffix), shortest or longest match."""
    cuts = range(len(value) + 1)
    if op.startswith("#"):
        order = reversed(cuts) if op == "##" else cuts
        return next((value[i:] for i in order if fnmatch.fnmatchcase(value[:i], pattern)), value)
    order = cuts if op == "%%" else reversed(cuts)
    return next((value[:i] for i in order if fnmatch.fnmatchcase(value[i:], pattern)), value)
