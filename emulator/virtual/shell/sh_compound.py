"""Compound commands of the virtual phone's sh: `if`, `while`/`until`, `for`, `case`, `{ }`, functions,
`[[ ]]` and `(( ))`. Each parser is called just after its opening keyword has been consumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    Redirect,
    Script,
    Word,
)

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh_parse import _Parser

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COND_OPS = frozenset({"&&", "||", "(", ")"})
RESERVED = frozenset({"then", "else", "elif", "fi", "do", "done", "esac", "}", "]]"})
"""Reserved words that cannot start a command."""


def _error(message: str) -> Exception:
    from droidpilot.emulator.virtual.shell.sh_parse import ShSyntaxError

    return ShSyntaxError(message)


def _body(p: _Parser, *ends: str) -> tuple[Script, str]:
    return p.parse_list(frozenset(ends))


def _finish(p: _Parser, node: Command) -> Command:
    redirects: list[Redirect] = node.redirects
    p.redirects(redirects)
    return node


def parse_if(p: _Parser) -> Command:
    branches: list[tuple[Script, Script]] = []
    orelse: Script | None = None
    while True:
        cond, _ = _body(p, "then")
        body, end = _body(p, "elif", "else", "fi")
        branches.append((cond, body))
        if end == "else":
            orelse, _ = _body(p, "fi")
            break
        if end == "fi":
            break
    return _finish(p, If(branches, orelse))


def _loop(until: bool) -> Callable[[_Parser], Command]:
    def parse_loop(p: _Parser) -> Command:
        cond, _ = _body(p, "do")
        body, _ = _body(p, "done")
        return _finish(p, Loop(until, cond, body))

    return parse_loop


def _name(p: _Parser, what: str) -> str:
    kind, value = p.next()
    name = value.plain() if kind == "word" and isinstance(value, Word) else None
    if name is None or not _NAME.fullmatch(name):
        raise _error(f"{what}: bad identifier")
    return name


def parse_for(p: _Parser) -> Command:
    name = _name(p, "for")
    p.skip_newlines()
    items: list[Word] | None = None
    kind, value = p.peek()
    if kind == "word" and isinstance(value, Word) and value.plain() == "in":
        p.next()
        items = []
        while (token := p.next())[0] == "word" and isinstance(token[1], Word):
            items.append(token[1])
        if token not in (("op", ";"), ("op", "\n")):
            raise _error("for: expected ';' or newline")
    elif (kind, value) == ("op", ";"):
        p.next()
    p.skip_newlines()
    p.expect_word("do")
    body, _ = _body(p, "done")
    return _finish(p, For(name, items, body))


def parse_case(p: _Parser) -> Command:
    kind, subject = p.next()
    if kind != "word" or not isinstance(subject, Word):
        raise _error("case: missing word")
    p.skip_newlines()
    p.expect_word("in")
    arms: list[tuple[list[Word], Script]] = []
    while True:
        p.skip_newlines()
        kind, value = p.next()
        if kind == "word" and isinstance(value, Word) and value.plain() == "esac":
            break
        if (kind, value) == ("op", "("):
            kind, value = p.next()
        patterns = _patterns(p, kind, value)
        body, end = _body(p, ";;", "esac")
        arms.append((patterns, body))
        if end == "esac":
            break
    return _finish(p, Case(subject, arms))


def _patterns(p: _Parser, kind: str, value: object) -> list[Word]:
    patterns: list[Word] = []
    while True:
        if kind != "word" or not isinstance(value, Word):
            raise _error("case: bad pattern")
        patterns.append(value)
        kind, value = p.next()
        if (kind, value) == ("op", ")"):
            return patterns
        if (kind, value) != ("op", "|"):
            raise _error("case: expected ')'")
        kind, value = p.next()


def parse_group(p: _Parser) -> Command:
    body, _ = _body(p, "}")
    return _finish(p, Group(body))


def parse_function(p: _Parser) -> Command:
    """`function name { ...; }` (ksh style); `name()` may follow `function` too."""
    name = _name(p, "function")
    if p.peek() == ("op", "("):
        p.next()
        if p.next() != ("op", ")"):
            raise _error("'(' unexpected")
    p.skip_newlines()
    return FuncDef(name, p.command())


def parse_cond(p: _Parser) -> Command:
    """`[[ ... ]]`: words and operators up to `]]`; `<` and `>` compare strings here."""
    tokens: list[Word | str] = []
    while True:
        kind, value = p.next()
        if kind == "word" and isinstance(value, Word):
            if value.plain() == "]]":
                break
            tokens.append(value)
        elif kind == "op" and value in _COND_OPS:
            tokens.append(str(value))
        elif kind == "redir" and isinstance(value, tuple) and value[0] is None and value[1] in ("<", ">"):
            tokens.append(value[1])
        elif (kind, value) != ("op", "\n"):
            raise _error("[[: missing ]]" if kind == "eof" else f"[[: '{value}' unexpected")
    return _finish(p, Cond(tokens))


def arith_command(p: _Parser) -> Command:
    """`(( expr ))`; the parser stands just after the first `(`."""
    expr = p.arith_text(p.pos + 1)
    return _finish(p, ArithCmd(expr))


PARSERS: dict[str, Callable[[_Parser], Command]] = {
    "if": parse_if, "while": _loop(False), "until": _loop(True), "for": parse_for, "case": parse_case,
    "{": parse_group, "function": parse_function, "[[": parse_cond,
}
