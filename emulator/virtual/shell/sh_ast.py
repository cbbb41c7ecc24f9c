"""The syntax tree of the virtual phone's mksh: words that keep their quoting, commands, lists.

Words are expanded at run time exactly where sh would do it, so the tree keeps `$VAR`, `$(...)` and
`$((...))` as parts of a word rather than text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
class Arith:
    """`$((expr))`: the expression text is itself a word (it may hold `$x` and `$(...)`)."""

    expr: Word
    quoted: bool


Part = Lit | Param | CmdSub | Arith


@dataclass(frozen=True)
class Word:
    parts: tuple[Part, ...]

    def plain(self) -> str | None:
        """The text if the word is one unquoted literal (how keywords and `!` are recognised)."""
        if len(self.parts) == 1 and isinstance(self.parts[0], Lit) and not self.parts[0].quoted:
            return self.parts[0].text
        return None


@dataclass
class Redirect:
    """`[fd]op target`; for a here-document (`<<`, `<<-`) the target is the body, filled in by the parser
    once it reaches the end of the line."""

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
class Group:
    """`{ list; }`: runs in the current shell."""

    body: Script
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class If:
    branches: list[tuple[Script, Script]]
    orelse: Script | None = None
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Loop:
    """`while` (or `until` when `until`) COND `do` BODY `done`."""

    until: bool
    cond: Script
    body: Script
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class For:
    """`for NAME [in WORDS]; do BODY; done`; items None means `"$@"`."""

    name: str
    items: list[Word] | None
    body: Script
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Case:
    subject: Word
    arms: list[tuple[list[Word], Script]]
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class FuncDef:
    name: str
    body: Command
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class ArithCmd:
    """`(( expr ))`: status 0 when the expression is non-zero."""

    expr: Word
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Cond:
    """`[[ ... ]]`: operands are words (never split or globbed), operators plain strings."""

    tokens: list[Word | str]
    redirects: list[Redirect] = field(default_factory=list)


Command = Simple | Subshell | Group | If | Loop | For | Case | FuncDef | ArithCmd | Cond


@dataclass
class Pipeline:
    commands: list[Command]
    negate: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]] = field(default_factory=list)


@dataclass
class Script:
    items: list[AndOr] = field(default_factory=list)
