"""Compound commands of the virtual sh at run time: `if`, loops, `for`, `case`, `{ }`, function definitions
and calls, `(( ))` and `[[ ]]`. Conditions run with `set -e` suspended, as POSIX requires.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.sh_ast import (
    ArithCmd,
    Case,
    Command,
    Cond,
    For,
    FuncDef,
    Group,
    If,
    Loop,
    Script,
    Word,
)
from droidpilot.emulator.virtual.shell.sh_builtins import evaluate_test
from droidpilot.emulator.virtual.shell.sh_session import LoopJump, ReturnJump, ShellAbort

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Shell, Streams
    from droidpilot.emulator.virtual.shell.sh_expand import Expander, State

MAX_CALL_DEPTH = 200
"""mksh has no limit of its own; this stops runaway recursion long before Python's stack does."""


class Control:
    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self._runners: dict[type, Callable[[Command, State, Streams, Expander], int]] = {
            If: self._if, Loop: self._loop, For: self._for, Case: self._case, Group: self._group,
            FuncDef: self._define, ArithCmd: self._arith, Cond: self._cond,
        }

    def run(self, command: Command, state: State, io: Streams) -> int:
        expander = self.shell.expander(state, io.err)
        if isinstance(command, FuncDef):
            return self._define(command, state, io, expander)
        streams = self.shell.redirect(command.redirects, expander, state.cwd, io)
        if streams is None:
            return 1
        try:
            return self._runners[type(command)](command, state, streams, expander)
        finally:
            self.shell.flush_files(streams)

    @contextmanager
    def _condition(self, state: State) -> Iterator[None]:
        state.quiet_errexit += 1
        try:
            yield
        finally:
            state.quiet_errexit -= 1

    def _test(self, script: Script, state: State, io: Streams) -> bool:
        with self._condition(state):
            return self.shell.script(script, state, io) == 0

    def _if(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, If)
        for cond, body in node.branches:
            if self._test(cond, state, io):
                return self.shell.script(body, state, io)
        if node.orelse is not None:
            return self.shell.script(node.orelse, state, io)
        state.status = 0
        return 0

    def _loop(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, Loop)
        status = 0
        while self._test(node.cond, state, io) != node.until:
            jump = self._body(node.body, state, io)
            status = state.status
            if jump == "break":
                break
        return status

    def _body(self, body: Script, state: State, io: Streams) -> str:
        """Run a loop body once: "" normally, "break" / "continue" for a jump that ends at this loop.
        A `break 2` is passed on with one level less."""
        if state.session.cancelled.is_set():
            raise ShellAbort("interrupted")
        try:
            self.shell.script(body, state, io)
        except LoopJump as jump:
            if jump.levels > 1:
                raise LoopJump(jump.kind, jump.levels - 1) from None
            return jump.kind
        return ""

    def _for(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, For)
        items = state.args[1:] if node.items is None else expander.words(node.items)
        state.status = 0
        for item in items:
            state.vars[node.name] = item
            if self._body(node.body, state, io) == "break":
                break
        return state.status

    def _case(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, Case)
        subject = expander.string(node.subject)
        for patterns, body in node.arms:
            if any(fnmatch.fnmatchcase(subject, expander.pattern(p)) for p in patterns):
                return self.shell.script(body, state, io)
        return 0

    def _group(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, Group)
        return self.shell.script(node.body, state, io)

    def _define(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, FuncDef)
        state.funcs[node.name] = node.body
        return 0

    def _arith(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, ArithCmd)
        return 0 if expander.arith(node.expr) else 1

    def _cond(self, node: Command, state: State, io: Streams, expander: Expander) -> int:
        assert isinstance(node, Cond)
        inv = self.shell.invocation(["[["], {}, state, io)
        result = CondEvaluator(node.tokens, expander, lambda args: evaluate_test(inv, args)).evaluate()
        if result is None:
            io.err += b"/system/bin/sh: [[: syntax error\n"
            return 2
        return 0 if result else 1

    def call_function(self, body: Command, argv: list[str], state: State, io: Streams) -> int:
        """Run a function with its own positional parameters and `local` frame, in the current shell."""
        if len(state.frames) >= MAX_CALL_DEPTH:
            raise ShellAbort(f"{argv[0]}: recursion too deep")
        saved_args = state.args
        state.args = [saved_args[0], *argv[1:]]
        state.frames.append({})
        try:
            return self.shell.command(body, state, io)
        except ReturnJump as jump:
            return jump.code
        finally:
            state.args = saved_args
            for name, value in state.frames.pop().items():
                if value is None:
                    state.vars.pop(name, None)
                else:
                    state.vars[name] = value


class CondEvaluator:
    """`[[ ]]`: `! && || ( )` over primaries; `==`/`=`/`!=` match a pattern (quoted parts literal), other
    tests are `test`'s. Returns None for a malformed expression."""

    def __init__(self, tokens: list[Word | str], expander: Expander, test: Callable[[list[str]], bool]) -> None:
        self.tokens, self.expander, self.test = tokens, expander, test
        self.pos = 0

    def evaluate(self) -> bool | None:
        try:
            value = self._or()
        except (IndexError, ValueError):
            return None
        return value if self.pos == len(self.tokens) else None

    def _text(self, token: Word | str) -> str:
        return token if isinstance(token, str) else self.expander.string(token)

    def _peek(self) -> str | None:
        if self.pos >= len(self.tokens):
            return None
        token = self.tokens[self.pos]
        return token if isinstance(token, str) else token.plain()

    def _or(self) -> bool:
        value = self._and()
        while self._peek() == "||":
            self.pos += 1
            right = self._and()
            value = value or right
        return value

    def _and(self) -> bool:
        value = self._not()
        while self._peek() == "&&":
            self.pos += 1
            right = self._not()
            value = value and right
        return value

    def _not(self) -> bool:
        if self._peek() == "!":
            self.pos += 1
            return not self._not()
        if self._peek() == "(":
            self.pos += 1
            value = self._or()
            if self._peek() != ")":
                raise ValueError("missing )")
            self.pos += 1
            return value
        return self._primary()

    def _primary(self) -> bool:
        tokens, pos = self.tokens, self.pos
        operator = self._op_at(pos + 1)
        if operator is not None and pos + 2 < len(tokens):
            self.pos += 3
            left, right = self._text(tokens[pos]), tokens[pos + 2]
            if operator in ("==", "=", "!="):
                pattern = right if isinstance(right, str) else self.expander.pattern(right)
                return fnmatch.fnmatchcase(left, pattern) == (operator != "!=")
            return self.test([left, operator, self._text(right)])
        first = self._peek()
        if first is not None and first.startswith("-") and len(first) == 2 and pos + 1 < len(tokens):
            self.pos += 2
            return self.test([first, self._text(tokens[pos + 1])])
        self.pos += 1
        return self._text(tokens[pos]) != ""

    def _op_at(self, index: int) -> str | None:
        if index >= len(self.tokens):
            return None
        token = self.tokens[index]
        text = token if isinstance(token, str) else token.plain()
        binary = ("==", "=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef")
        return text if text in binary else None
