"""Parser for the virtual phone's sh: the mksh language as Android ships it, for what scripts use.

The whole script is parsed before anything runs, into the tree of `sh_ast`, so expansion happens at run time
exactly where sh would do it. Supported: quoting, `$NAME`, `${NAME}` with `:- - := = :+ + # ## % %%` and
`${#NAME}`, `$(...)` and backticks (parsed recursively), `$((...))`, `~`, `;` `&` `&&` `||` `|` `!`,
`( ... )`, `{ ...; }`, `if` / `while` / `until` / `for` / `case`, functions (`f() {...}`, `function f {...}`),
`[[ ... ]]`, `(( ... ))`, redirections `[n]> [n]>> [n]< [n]>&m [n]<&m &> &>> <> >|`, here-documents
(`<<WORD`, `<<-WORD`, quoted delimiters) and here-strings (`<<<`), `#` comments and backslash-newline.
Compound commands are parsed in `sh_compound`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from droidpilot.emulator.virtual.shell import sh_compound
from droidpilot.emulator.virtual.shell.sh_ast import (
    AndOr,
    Arith,
    CmdSub,
    Command,
    FuncDef,
    Lit,
    Param,
    Part,
    Pipeline,
    Redirect,
    Script,
    Simple,
    Subshell,
    Word,
)

__all__ = [
    "AndOr",
    "Arith",
    "CmdSub",
    "Command",
    "Lit",
    "Param",
    "Pipeline",
    "Redirect",
    "Script",
    "ShSyntaxError",
    "Simple",
    "Subshell",
    "Word",
    "parse",
]


class ShSyntaxError(Exception):
    """The script cannot be parsed; the message follows `syntax error: `."""


_OPS = ("&&", "||", ";;", ";", "&", "|", "(", ")", "\n")
_REDIR = re.compile(r"(\d*)(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_WORD_END = frozenset(" \t\n;&|()<>")
_SPECIAL_PARAMS = "?$#@*!-0123456789"
_PARAM_OPS = (":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%")
EOF_MARK = "eof"
"""The terminator name `parse_list` reports when the input ends."""

Token = tuple[str, object]
"""("word", Word) | ("op", str) | ("redir", (fd or None, op)) | ("eof", None)."""


@dataclass
class _HereDoc:
    redirect: Redirect
    delimiter: str
    quoted: bool
    strip_tabs: bool


def parse(source: str) -> Script:
    """Parse a whole script. Raises ShSyntaxError."""
    return _Parser(source, 0).parse_script(closer=None)


class _Parser:
    """A recursive-descent parser over a lazily scanned token stream (so `$(` can parse its own body)."""

    def __init__(self, src: str, pos: int) -> None:
        self.src = src
        self.pos = pos
        self._peeked: Token | None = None
        self._heredocs: list[_HereDoc] = []

    # --- grammar --------------------------------------------------------------------------------------------

    def parse_script(self, closer: str | None) -> Script:
        script, _ = self.parse_list(frozenset({closer or EOF_MARK}))
        return script

    def parse_list(self, ends: frozenset[str]) -> tuple[Script, str]:
        """Commands up to one of `ends` (operators such as `)` `;;`, reserved words such as `fi`, or
        EOF_MARK); the terminator is consumed and returned."""
        items: list[AndOr] = []
        while True:
            kind, value = self._peek()
            if value == "\n":
                self._next()
                continue
            end = self._terminator(kind, value, ends)
            if end is not None:
                if end != EOF_MARK:
                    self._next()
                if not items and end not in (")", EOF_MARK, "}", ";;", "esac"):
                    raise ShSyntaxError(f"'{end}' unexpected")
                return Script(items), end
            if kind == "eof":
                raise ShSyntaxError("unexpected EOF" + (f", missing '{min(ends)}'" if len(ends) == 1 else ""))
            items.append(self._and_or())
            self._end_of_item(ends)

    def _terminator(self, kind: str, value: object, ends: frozenset[str]) -> str | None:
        if kind == "eof":
            return EOF_MARK if EOF_MARK in ends else None
        if kind == "op" and value in ends:
            return str(value)
        if kind == "word" and isinstance(value, Word) and value.plain() in ends:
            return value.plain()
        return None

    def _end_of_item(self, ends: frozenset[str]) -> None:
        kind, value = self._peek()
        if kind == "op" and value in (";", "&"):  # `&` runs in the foreground, so output stays deterministic
            self._next()
        elif not (value == "\n" or self._terminator(kind, value, ends) is not None):
            raise unexpected(kind, value)

    def _and_or(self) -> AndOr:
        node = AndOr(self._pipeline())
        while self._peek() in (("op", "&&"), ("op", "||")):
            op = str(self._next()[1])
            self.skip_newlines()
            node.rest.append((op, self._pipeline()))
        return node

    def _pipeline(self) -> Pipeline:
        negate = False
        kind, value = self._peek()
        if kind == "word" and isinstance(value, Word) and value.plain() == "!":
            self._next()
            negate = True
        pipeline = Pipeline([self.command()], negate)
        while self._peek() == ("op", "|"):
            self._next()
            self.skip_newlines()
            pipeline.commands.append(self.command())
        return pipeline

    def command(self) -> Command:
        kind, value = self._peek()
        if kind == "op" and value == "(":
            self._next()
            if self.src.startswith("(", self.pos):
                return sh_compound.arith_command(self)
            node = Subshell(self.parse_script(closer=")"))
            self.redirects(node.redirects)
            return node
        keyword = value.plain() if kind == "word" and isinstance(value, Word) else None
        if keyword in sh_compound.RESERVED:
            raise ShSyntaxError(f"'{keyword}' unexpected")
        compound = sh_compound.PARSERS.get(keyword or "")
        if compound is not None:
            self._next()
            return compound(self)
        return self._simple()

    def redirects(self, into: list[Redirect]) -> None:
        while self._peek()[0] == "redir":
            into.append(self._redirect())

    def _simple(self) -> Command:
        node = Simple()
        while True:
            kind, value = self._peek()
            if kind == "redir":
                node.redirects.append(self._redirect())
            elif kind == "word" and isinstance(value, Word):
                self._next()
                self._add_word(node, value)
                if len(node.words) == 1 and not node.assigns and self._peek() == ("op", "("):
                    return self._function(node)
            else:
                break
        if not (node.words or node.assigns or node.redirects):
            raise unexpected(kind, value)
        return node

    def _function(self, node: Simple) -> FuncDef:
        """`name() compound-command`."""
        name = node.words[0].plain()
        self._next()
        if name is None or not _NAME.fullmatch(name) or node.redirects or self._next() != ("op", ")"):
            raise ShSyntaxError("'(' unexpected")
        self.skip_newlines()
        return FuncDef(name, self.command())

    def _add_word(self, node: Simple, word: Word) -> None:
        first = word.parts[0] if word.parts else None
        match = _ASSIGN.match(first.text) if isinstance(first, Lit) and not first.quoted else None
        if match and not node.words and isinstance(first, Lit):
            rest = first.text[match.end() :]
            parts = ((Lit(rest, False),) if rest else ()) + word.parts[1:]
            node.assigns.append((match.group(1), Word(parts)))
            return
        node.words.append(word)

    def _redirect(self) -> Redirect:
        fd, op = cast(tuple[str | None, str], self._next()[1])
        kind, target = self._next()
        if kind != "word" or not isinstance(target, Word):
            raise unexpected(kind, target)
        default_fd = 0 if op.startswith("<") else 1
        redirect = Redirect(default_fd if fd is None else int(fd), op, target)
        if op in ("<<", "<<-"):
            delimiter = "".join(p.text if isinstance(p, Lit) else "$" + getattr(p, "name", "")
                                for p in target.parts)
            quoted = any(not isinstance(p, Lit) or p.quoted for p in target.parts)
            self._heredocs.append(_HereDoc(redirect, delimiter, quoted, op == "<<-"))
        return redirect

    def skip_newlines(self) -> None:
        while self._peek() == ("op", "\n"):
            self._next()

    def expect_word(self, text: str) -> None:
        kind, value = self._next()
        if not (kind == "word" and isinstance(value, Word) and value.plain() == text):
            raise unexpected(kind, value)

    def peek(self) -> Token:
        return self._peek()

    def next(self) -> Token:
        return self._next()

    # --- tokens ---------------------------------------------------------------------------------------------

    def _peek(self) -> Token:
        if self._peeked is None:
            self._peeked = self._scan()
        return self._peeked

    def _next(self) -> Token:
        token = self._peek()
        self._peeked = None
        return token

    def _scan(self) -> Token:
        self._skip_blanks()
        if self.pos >= len(self.src):
            if self._heredocs:
                raise ShSyntaxError(f"here document '{self._heredocs[0].delimiter}' unclosed")
            return ("eof", None)
        redir = _REDIR.match(self.src, self.pos)
        if redir:
            self.pos = redir.end()
            return ("redir", (redir.group(1) or None, redir.group(2)))
        for op in _OPS:
            if self.src.startswith(op, self.pos):
                self.pos += len(op)
                if op == "\n":
                    self._read_heredocs()
                return ("op", op)
        return ("word", self.word(_WORD_END))

    def _read_heredocs(self) -> None:
        """At the end of a line: the bodies of the here-documents started on it, up to their delimiters."""
        for doc in self._heredocs:
            lines: list[str] = []
            while True:
                if self.pos >= len(self.src):
                    raise ShSyntaxError(f"here document '{doc.delimiter}' unclosed")
                end = self.src.find("\n", self.pos)
                end = len(self.src) if end < 0 else end
                line = self.src[self.pos : end]
                self.pos = min(end + 1, len(self.src))
                if doc.strip_tabs:
                    line = line.lstrip("\t")
                if line == doc.delimiter:
                    break
                lines.append(line + "\n")
            body = "".join(lines)
            doc.redirect.target = Word((Lit(body, True),)) if doc.quoted else _Parser(body, 0).heredoc_body()
        self._heredocs.clear()

    def _skip_blanks(self) -> None:
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch in " \t":
                self.pos += 1
            elif self.src.startswith("\\\n", self.pos):
                self.pos += 2
            elif ch == "#":
                end = self.src.find("\n", self.pos)
                self.pos = len(self.src) if end < 0 else end
            else:
                return

    # --- words ----------------------------------------------------------------------------------------------

    def word(self, stop: frozenset[str] | str) -> Word:
        parts: list[Part] = []
        buf: list[str] = []
        if self.src.startswith("~", self.pos) and self._tilde_alone(stop):
            self.pos += 1
            parts.append(Param("HOME", True))
        while self.pos < len(self.src) and self.src[self.pos] not in stop:
            ch = self.src[self.pos]
            if ch in "'\"\\$`":
                _flush(buf, parts, quoted=False)
                self._special(ch, parts, quoted=False)
            else:
                buf.append(ch)
                self.pos += 1
        _flush(buf, parts, quoted=False)
        return Word(tuple(parts))

    def heredoc_body(self) -> Word:
        """An unquoted here-document: `$`, backticks and `\\$ \\` \\\\` are special, quotes are not."""
        parts: list[Part] = []
        self._quoted_text(parts, closing=None)
        return Word(tuple(parts))

    def _tilde_alone(self, stop: frozenset[str] | str) -> bool:
        after = self.src[self.pos + 1 : self.pos + 2]
        return after in ("", "/") or after in stop

    def _special(self, ch: str, parts: list[Part], quoted: bool) -> None:
        if ch == "'":
            end = self.src.find("'", self.pos + 1)
            if end < 0:
                raise ShSyntaxError("unterminated quoted string")
            parts.append(Lit(self.src[self.pos + 1 : end], True))
            self.pos = end + 1
        elif ch == '"':
            self.pos += 1
            self._quoted_text(parts, closing='"')
        elif ch == "\\":
            self._backslash(parts)
        elif ch == "$":
            parts.append(self._dollar(quoted))
        else:
            parts.append(self._backtick(quoted))

    def _backslash(self, parts: list[Part]) -> None:
        nxt = self.src[self.pos + 1 : self.pos + 2]
        self.pos += 2
        if nxt == "":
            parts.append(Lit("\\", True))
        elif nxt != "\n":  # backslash-newline is a line continuation
            parts.append(Lit(nxt, True))

    def _quoted_text(self, parts: list[Part], closing: str | None) -> None:
        """Double-quoted text up to `closing` (or to the end, for a here-document body)."""
        buf: list[str] = []
        start = len(parts)
        escapable = ("$", "`", '"', "\\", "\n") if closing else ("$", "`", "\\", "\n")
        while True:
            if self.pos >= len(self.src):
                if closing is None:
                    break
                raise ShSyntaxError("unterminated quoted string")
            ch = self.src[self.pos]
            if ch == closing:
                self.pos += 1
                break
            if ch == "\\" and self.src[self.pos + 1 : self.pos + 2] in escapable:
                if self.src[self.pos + 1] != "\n":
                    buf.append(self.src[self.pos + 1])
                self.pos += 2
            elif ch in "$`":
                _flush(buf, parts, quoted=True)
                parts.append(self._dollar(True) if ch == "$" else self._backtick(True))
            else:
                buf.append(ch)
                self.pos += 1
        _flush(buf, parts, quoted=True)
        if len(parts) == start:  # "" is still a (empty) word
            parts.append(Lit("", True))

    def _dollar(self, quoted: bool) -> Part:
        src, pos = self.src, self.pos + 1
        if src.startswith("((", pos):
            return Arith(self.arith_text(pos + 2), quoted)
        if src.startswith("(", pos):
            inner = _Parser(src, pos + 1)
            script = inner.parse_script(closer=")")
            self.pos = inner.pos
            return CmdSub(script, quoted)
        if src.startswith("{", pos):
            return self._braced(quoted)
        name = _NAME.match(src, pos)
        if name:
            self.pos = name.end()
            return Param(name.group(), quoted)
        if pos < len(src) and src[pos] in _SPECIAL_PARAMS:
            self.pos = pos + 1
            return Param(src[pos], quoted)
        self.pos = pos
        return Lit("$", quoted)

    def arith_text(self, start: int) -> Word:
        """The expression from `start` up to the `))` that closes it, as a word; moves past the `))`."""
        depth, pos = 0, start
        while pos < len(self.src):
            ch = self.src[pos]
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    if not self.src.startswith("))", pos):
                        raise ShSyntaxError("missing ')'")
                    self.pos = pos + 2
                    return _Parser(self.src[start:pos], 0).word("")
                depth -= 1
            pos += 1
        raise ShSyntaxError("unterminated $((")

    def _braced(self, quoted: bool) -> Param:
        src = self.src
        self.pos += 2
        length = src.startswith("#", self.pos) and not src.startswith("#}", self.pos)
        self.pos += int(length)
        match = _NAME.match(src, self.pos)
        name = match.group() if match else src[self.pos : self.pos + 1]
        if not name or (not match and name not in _SPECIAL_PARAMS):
            raise ShSyntaxError("bad substitution")
        self.pos += len(name)
        op = "len" if length else next((o for o in _PARAM_OPS if src.startswith(o, self.pos)), "")
        if length and not src.startswith("}", self.pos):
            raise ShSyntaxError("bad substitution")
        self.pos += 0 if length else len(op)
        arg = self.word("}") if op and not length else None
        if not src.startswith("}", self.pos):
            raise ShSyntaxError("bad substitution" if self.pos < len(src) else "unterminated ${")
        self.pos += 1
        return Param(name, quoted, op, arg)

    def _backtick(self, quoted: bool) -> CmdSub:
        buf: list[str] = []
        pos = self.pos + 1
        while pos < len(self.src) and self.src[pos] != "`":
            if self.src[pos] == "\\" and self.src[pos + 1 : pos + 2] in ("`", "\\", "$"):
                pos += 1
            buf.append(self.src[pos])
            pos += 1
        if pos >= len(self.src):
            raise ShSyntaxError("unterminated `")
        self.pos = pos + 1
        return CmdSub(parse("".join(buf)), quoted)


def _flush(buf: list[str], parts: list[Part], quoted: bool) -> None:
    if buf:
        parts.append(Lit("".join(buf), quoted))
        buf.clear()


def unexpected(kind: str, value: object) -> ShSyntaxError:
    if kind == "eof":
        return ShSyntaxError("unexpected EOF")
    if kind == "redir" and isinstance(value, tuple):
        return ShSyntaxError(f"'{value[0] or ''}{value[1]}' unexpected")
    if isinstance(value, Word):
        return ShSyntaxError(f"'{value.plain() or 'word'}' unexpected")
    return ShSyntaxError("newline unexpected" if value == "\n" else f"'{value}' unexpected")
