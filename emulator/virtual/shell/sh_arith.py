"""mksh arithmetic: `$((...))`, `((...))` and `let`, on 32-bit signed integers as Android's mksh does.

C operators and precedence (`, = op= ?: || && | ^ & == != < <= > >= << >> + - * / % ! ~ ++ --`), numbers in
decimal, `0x` hex and `BASE#digits`; a variable's value is itself evaluated as an expression (empty or unset
is 0). Division truncates toward zero like C; results wrap around at 32 bits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping

_TOKEN = re.compile(
    r"\s*(?:(?P<num>0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)|(?P<name>[A-Za-z_]\w*)"
    r"|(?P<op><<=|>>=|\+\+|--|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>=!~&|^?:,()]))"
)
_ASSIGN_OPS = frozenset({"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="})

MAX_DEPTH = 64


class ArithError(Exception):
    """The message mksh prints after `sh: EXPR: `."""


def wrap(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def _div(a: int, b: int, op: str) -> int:
    if b == 0:
        raise ArithError("zero divisor")
    quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
    return quotient if op == "/" else a - b * quotient


_APPLY: dict[str, Callable[[int, int], int]] = {
    "*": lambda a, b: a * b, "/": lambda a, b: _div(a, b, "/"), "%": lambda a, b: _div(a, b, "%"),
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "<<": lambda a, b: a << (b & 31),
    ">>": lambda a, b: a >> (b & 31), "<": lambda a, b: int(a < b), "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b), ">=": lambda a, b: int(a >= b), "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b), "&": lambda a, b: a & b, "^": lambda a, b: a ^ b, "|": lambda a, b: a | b,
}
_LEVELS = (("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="), ("<<", ">>"), ("+", "-"),
           ("*", "/", "%"))


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise ArithError(f"unexpected '{text[pos:].strip()[:1]}'")
        tokens.append(match.group(match.lastgroup or "op"))
        pos = match.end()
    return tokens


class Evaluator:
    """Evaluates one expression against a variable table (assignments write back into it)."""

    def __init__(self, variables: MutableMapping[str, str], depth: int = 0) -> None:
        self.vars = variables
        self.depth = depth
        self.tokens: list[str] = []
        self.pos = 0
        self.skip = 0  # > 0 inside the unevaluated side of && || ?: (no assignments happen there)

    def evaluate(self, text: str) -> int:
        if self.depth > MAX_DEPTH:
            raise ArithError("expression recurses on parameter")
        self.tokens, self.pos = tokenize(text), 0
        if not self.tokens:
            return 0
        value = self._comma()
        if self.pos < len(self.tokens):
            raise ArithError(f"unexpected '{self.tokens[self.pos]}'")
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token != expected):
            raise ArithError(f"missing '{expected}'" if expected else "unexpected end of expression")
        self.pos += 1
        return token

    def _comma(self) -> int:
        value = self._assign()
        while self._peek() == ",":
            self.pos += 1
            value = self._assign()
        return value

    def _assign(self) -> int:
        name = self._peek()
        after = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        if name and re.fullmatch(r"[A-Za-z_]\w*", name) and after in _ASSIGN_OPS:
            self.pos += 2
            value = self._assign()
            if after != "=":
                value = _APPLY[after[:-1]](self._variable(name), value)
            return self._store(name, wrap(value))
        return self._ternary()

    def _store(self, name: str, value: int) -> int:
        if not self.skip:
            self.vars[name] = str(value)
        return value

    def _ternary(self) -> int:
        cond = self._logical("||")
        if self._peek() != "?":
            return cond
        self.pos += 1
        yes = self._branch(not cond, self._assign)
        self._take(":")
        no = self._branch(bool(cond), self._assign)
        return yes if cond else no

    def _branch(self, skipped: bool, parse: Callable[[], int]) -> int:
        self.skip += int(skipped)
        try:
            return parse()
        finally:
            self.skip -= int(skipped)

    def _logical(self, op: str) -> int:
        sub = (lambda: self._logical("&&")) if op == "||" else (lambda: self._binary(0))
        value = sub()
        while self._peek() == op:
            self.pos += 1
            decided = bool(value) if op == "||" else not value
            right = self._branch(decided, sub)
            value = int(bool(value) or bool(right)) if op == "||" else int(bool(value) and bool(right))
        return value

    def _binary(self, level: int) -> int:
        if level == len(_LEVELS):
            return self._unary()
        value = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            op = self._take()
            right = self._binary(level + 1)
            value = 0 if self.skip and op in ("/", "%") else wrap(_APPLY[op](value, right))
        return value

    def _unary(self) -> int:
        token = self._peek()
        if token in ("++", "--"):
            self.pos += 1
            name = self._take()
            return self._store(name, wrap(self._variable(name) + (1 if token == "++" else -1)))
        if token in ("-", "+", "!", "~"):
            self.pos += 1
            value = self._unary()
            return wrap({"-": -value, "+": value, "!": int(not value), "~": ~value}[token])
        return self._postfix()

    def _postfix(self) -> int:
        token = self._take()
        if token == "(":
            value = self._comma()
            self._take(")")
            return value
        if token[0].isdigit():
            return wrap(_number(token))
        if not re.fullmatch(r"[A-Za-z_]\w*", token):
            raise ArithError(f"unexpected '{token}'")
        value = self._variable(token)
        if self._peek() in ("++", "--"):
            step = 1 if self._take() == "++" else -1
            self._store(token, wrap(value + step))
        return value

    def _variable(self, name: str) -> int:
        text = self.vars.get(name, "").strip()
        if not text:
            return 0
        if re.fullmatch(r"-?\d+", text):
            return wrap(int(text))
        return Evaluator(self.vars, self.depth + 1).evaluate(text)


def _number(token: str) -> int:
    if token[:2].lower() == "0x":
        return int(token, 16)
    if "#" in token:
        base_text, digits = token.split("#", 1)
        base = int(base_text)
        if not 2 <= base <= 36:
            raise ArithError(f"bad number '{token}'")
        try:
            return int(digits, base)
        except ValueError:
            raise ArithError(f"bad number '{token}'") from None
    return int(token)


def evaluate(text: str, variables: MutableMapping[str, str]) -> int:
    """The value of `text`; raises ArithError with mksh's wording."""
    return Evaluator(variables).evaluate(text)
