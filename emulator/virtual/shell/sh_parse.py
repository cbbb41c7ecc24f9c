"""Parser for the virtual phone's POSIX-sh subset (what Android's mksh does with the common cases).

The whole script is parsed before anything runs, into an AST whose words keep their quoting, so expansion
(`$VAR`, `$?`, `$(...)`) happens at run time exactly where sh would do it. Supported: quoting, `$NAME`,
`${NAME}` with `:- - := = :+ + # ## % %%` and `${#NAME}`, `$(...)` and backticks (parsed recursively), `~`,
`;` `&` `&&` `||` `|` `!`, `( ... )` subshells, redirections `[n]> [n]>> [n]< [n]>&m [n]<&m &> &>> <>`, `#`
comments and backslash-newline. Not supported (reported as syntax errors): control flow keywords, functions,
here-documents and `$((...))` arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast


class ShSyntaxError(Exception):
    """The script cannot be parsed; the message follows `syntax error: `."""


@dataclass(frozen=True)
class Lit:
    text: str
    quoted: bool


@dataclass(frozen=True)
class Param:
    """`$name` / `${name<op>arg}`; op is "" or one of `:- - := = :+ + # ## % %%`, or `len` for `${#name}`."""

    name: str
    quoted: bool
    op: str = ""
    arg: Word | None = None


@dataclass(frozen=True)
class CmdSub:
    script: Script
    quoted: bool


@dataclass(frozen=True)
class Word:
    parts: tuple[Lit | Param | CmdSub, ...]

    def plain(self) -> str | None:
        """The text if the word is one unquoted literal (how keywords and `!` are recognised)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Lit) and not self.parts[0].quoted:
            return self.parts[0].text
        return None


@dataclass(frozen=True)
class Redirect:
    fd: int
    op: str
    target: Word


@dataclass
class Simple:
    assigns: list[tuple[str, Word]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Subshell:
    body: Script
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Pipeline:
    commands: list[Simple | Subshell]
    negate: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]] = field(default_factory=list)


@dataclass
class Script:
    items: list[AndOr] = field(default_factory=list)


_OPS = ("&&", "||", ";;", ";", "&", "|", "(", ")", "\n")
_REDIR = re.compile(r"(\d*)(&>>|&>|>>|>&|>\||<<|<&|<>|>|<)")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ASSIGN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")
_WORD_END = frozenset(" \t\n;&|()<>")
_SPECIAL_PARAMS = "?$#@*!-0123456789"
_PARAM_OPS = (":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%")
_KEYWORDS = frozenset(
    {
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
        "function", "select", "{", "}", "[[", "]]",
    }
)

Token = tuple[str, object]
"""("word", Word) | ("op", str) | ("redir", (fd or None, op)) | ("eof", None)."""


def parse(source: str) -> Script:
    """Parse a whole script. Raises ShSyntaxError."""
    return _Parser(source, 0).parse_script(closer=None)


class _Parser:
    """A recursive-descent parser over a lazily scanned token stream (so `$(` can parse its own body)."""

    def __init__(self, src: str, pos: int) -> None:
        self.src = src
        self.pos = pos
        self._peeked: Token | None = None

    # --- grammar --------------------------------------------------------------------------------------------

    def parse_script(self, closer: str | None) -> Script:
        items: list[AndOr] = []
        while True:
            kind, value = self._peek()
            if value == "\n":
                self._next()
            elif kind == "eof":
                if closer:
                    raise ShSyntaxError(f"unexpected EOF, missing '{closer}'")
                return Script(items)
            elif kind == "op" and value == closer:
                self._next()
                return Script(items)
            else:
                items.append(self._and_or())
                self._end_of_item(closer)

    def _end_of_item(self, closer: str | None) -> None:
        kind, value = self._peek()
        if kind == "op" and value in (";", "&"):  # `&` runs in the foreground, so output stays deterministic
            self._next()
        elif not (kind == "eof" or value == "\n" or (kind == "op" and value == closer)):
            raise _unexpected(kind, value)

    def _and_or(self) -> AndOr:
        node = AndOr(self._pipeline())
        while self._peek() in (("op", "&&"), ("op", "||")):
            op = str(self._next()[1])
            self._skip_newlines()
            node.rest.append((op, self._pipeline()))
        return node

    def _pipeline(self) -> Pipeline:
        negate = False
        kind, value = self._peek()
        if kind == "word" and isinstance(value, Word) and value.plain() == "!":
            self._next()
            negate = True
        pipeline = Pipeline([self._command()], negate)
        while self._peek() == ("op", "|"):
            self._next()
            self._skip_newlines()
            pipeline.commands.append(self._command())
        return pipeline

    def _command(self) -> Simple | Subshell:
        if self._peek() == ("op", "("):
            self._next()
            node = Subshell(self.parse_script(closer=")"))
            while self._peek()[0] == "redir":
                node.redirects.append(self._redirect())
            return node
        return self._simple()

    def _simple(self) -> Simple:
        node = Simple()
        while True:
            kind, value = self._peek()
            if kind == "redir":
                node.redirects.append(self._redirect())
            elif kind == "word" and isinstance(value, Word):
                self._next()
                self._add_word(node, value)
            else:
                break
        if not (node.words or node.assigns or node.redirects):
            raise _unexpected(kind, value)
        return node

    def _add_word(self, node: Simple, word: Word) -> None:
        first = word.parts[0] if word.parts else None
        match = _ASSIGN.match(first.text) if isinstance(first, Lit) and not first.quoted else None
        if match and not node.words and isinstance(first, Lit):
            rest = first.text[match.end() :]
            parts = ((Lit(rest, False),) if rest else ()) + word.parts[1:]
            node.assigns.append((match.group(1), Word(parts)))
            return
        if not node.words and word.plain() in _KEYWORDS:
            raise ShSyntaxError(f"'{word.plain()}' is not supported")
        node.words.append(word)

    def _redirect(self) -> Redirect:
        fd, op = cast(tuple[str | None, str], self._next()[1])
        kind, target = self._next()
        if kind != "word" or not isinstance(target, Word):
            raise _unexpected(kind, target)
        default_fd = 0 if op in ("<", "<&", "<>") else 1
        return Redirect(default_fd if fd is None else int(fd), op, target)

    def _skip_newlines(self) -> None:
        while self._peek() == ("op", "\n"):
            self._next()

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
            return ("eof", None)
        redir = _REDIR.match(self.src, self.pos)
        if redir:
            if redir.group(2) == "<<":
                raise ShSyntaxError("here documents are not supported")
            self.pos = redir.end()
            return ("redir", (redir.group(1) or None, redir.group(2)))
        for op in _OPS:
            if self.src.startswith(op, self.pos):
                self.pos += len(op)
                if op == ";;":
                    raise ShSyntaxError("';;' unexpected")
                return ("op", op)
        return ("word", self._word(_WORD_END))

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

    def _word(self, stop: frozenset[str] | str) -> Word:
        parts: list[Lit | Param | CmdSub] = []
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

    def _tilde_alone(self, stop: frozenset[str] | str) -> bool:
        after = self.src[self.pos + 1 : self.pos + 2]
        return after in ("", "/") or after in stop

    def _special(self, ch: str, parts: list[Lit | Param | CmdSub], quoted: bool) -> None:
        if ch == "'":
            end = self.src.find("'", self.pos + 1)
            if end < 0:
                raise ShSyntaxError("unterminated quoted string")
            parts.append(Lit(self.src[self.pos + 1 : end], True))
            self.pos = end + 1
        elif ch == '"':
            self.pos += 1
            self._double_quoted(parts)
        elif ch == "\\":
            self._backslash(parts)
        elif ch == "$":
            parts.append(self._dollar(quoted))
        else:
            parts.append(self._backtick(quoted))

    def _backslash(self, parts: list[Lit | Param | CmdSub]) -> None:
        nxt = self.src[self.pos + 1 : self.pos + 2]
        self.pos += 2
        if nxt == "":
            parts.append(Lit("\\", True))
        elif nxt != "\n":  # backslash-newline is a line continuation
            parts.append(Lit(nxt, True))

    def _double_quoted(self, parts: list[Lit | Param | CmdSub]) -> None:
        buf: list[str] = []
        start = len(parts)
        while True:
            if self.pos >= len(self.src):
                raise ShSyntaxError("unterminated quoted string")
            ch = self.src[self.pos]
            if ch == '"':
                self.pos += 1
                break
            if ch == "\\" and self.src[self.pos + 1 : self.pos + 2] in ("$", "`", '"', "\\", "\n"):
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

    def _dollar(self, quoted: bool) -> Lit | Param | CmdSub:
        src, pos = self.src, self.pos + 1
        if src.startswith("((", pos):
            raise ShSyntaxError("arithmetic expansion is not supported")
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
        if op in (":?", "?") or (length and not src.startswith("}", self.pos)):
            raise ShSyntaxError("bad substitution")
        self.pos += 0 if length else len(op)
        arg = self._word("}") if op and not length else None
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


def _flush(buf: list[str], parts: list[Lit | Param | CmdSub], quoted: bool) -> None:
    if buf:
        parts.append(Lit("".join(buf), quoted))
        buf.clear()


def _unexpected(kind: str, value: object) -> ShSyntaxError:
    if kind == "eof":
        return ShSyntaxError("unexpected EOF")
    if kind == "redir" and isinstance(value, tuple):
        return ShSyntaxError(f"'{value[0] or ''}{value[1]}' unexpected")
    return ShSyntaxError("newline unexpected" if value == "\n" else f"'{value}' unexpected")
