"""Parser for the awk subset (see awk.py): tokens, then recursive descent into nested tuples
(`("binop", "+", left, right)`, `("print", [args])`, ...) that awk_run evaluates."""

from __future__ import annotations

import re
from typing import Any

Node = tuple[Any, ...]
_TOKEN = re.compile(
    r"(?P<nl>\n)|(?P<num>\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|(?P<str>\"(?:\\.|[^\"\\])*\")"
    r"|(?P<name>[A-Za-z_]\w*)"
    r"|(?P<op>\+\+|--|\+=|-=|\*=|/=|%=|\^=|==|!=|<=|>=|&&|\|\||!~|[-+*/%^!<>=~?:,;{}()\[\]$])"
)
KEYWORDS = frozenset({"BEGIN", "END", "if", "else", "while", "for", "in", "next", "exit", "print", "printf",
                      "delete", "break", "continue", "getline", "function", "return", "do"})
BUILTINS = frozenset({"length", "substr", "index", "split", "sub", "gsub", "tolower", "toupper", "sprintf",
                      "int", "match", "system"})
_ASSIGN = frozenset({"=", "+=", "-=", "*=", "/=", "%=", "^="})
_OPERAND_END = frozenset({"num", "str", "name", "regex", ")", "]", "$", "++", "--"})
_STRING_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "/": "/", "a": "\a", "b": "\b"}


def _error(message: str) -> Exception:
    from droidpilot.emulator.virtual.shell.awk import AwkError

    return AwkError(message)


def tokenize(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(source):
        ch = source[pos]
        if ch in " \t\r" or (ch == "\\" and source.startswith("\\\n", pos)):
            pos += 2 if ch == "\\" else 1
            continue
        if ch == "#":
            end = source.find("\n", pos)
            pos = len(source) if end < 0 else end
            continue
        last = tokens[-1][0] if tokens else ""
        if ch == "/" and (last not in _OPERAND_END):
            end, body = _regex(source, pos + 1)
            tokens.append(("regex", body))
            pos = end
            continue
        match = _TOKEN.match(source, pos)
        if match is None:
            raise _error(f"unexpected '{ch}'")
        kind = match.lastgroup or "op"
        value = match.group()
        if kind == "str":
            value = re.sub(r"\\(.)", lambda m: _STRING_ESCAPES.get(m.group(1), "\\" + m.group(1)), value[1:-1])
        elif kind == "op" or (kind == "name" and value in KEYWORDS):
            kind = value
        tokens.append((kind, value))
        pos = match.end()
    tokens.append(("eof", ""))
    return tokens


def _regex(source: str, pos: int) -> tuple[int, str]:
    out: list[str] = []
    while pos < len(source) and source[pos] != "/":
        if source[pos] == "\\" and pos + 1 < len(source):
            out.append(source[pos : pos + 2] if source[pos + 1] != "/" else "/")
            pos += 2
            continue
        if source[pos] == "\n":
            break
        out.append(source[pos])
        pos += 1
    if pos >= len(source) or source[pos] != "/":
        raise _error("unterminated regex")
    return pos + 1, "".join(out)


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.pos = 0
        self.no_gt = False  # inside `print` arguments `>` would be a redirection

    def peek(self, offset: int = 0) -> str:
        return self.tokens[min(self.pos + offset, len(self.tokens) - 1)][0]

    def take(self, kind: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.pos]
        if kind is not None and token[0] != kind:
            raise _error(f"expected '{kind}' near '{token[1] or token[0]}'")
        self.pos += 1
        return token

    def skip(self, *kinds: str) -> None:
        while self.peek() in kinds:
            self.pos += 1

    # --- program and statements -------------------------------------------------------------------------

    def program(self) -> list[Node]:
        items: list[Node] = []
        while True:
            self.skip("nl", ";")
            if self.peek() == "eof":
                return items
            items.append(self._item())

    def _item(self) -> Node:
        if self.peek() in ("BEGIN", "END"):
            kind = self.take()[0]
            return ("item", kind, None, self._block())
        if self.peek() == "{":
            return ("item", "pattern", None, self._block())
        pattern = self.expr()
        kind = "pattern"
        if self.peek() == ",":
            self.take()
            pattern, kind = ("range", pattern, self.expr()), "range"
        return ("item", kind, pattern, self._block() if self.peek() == "{" else None)

    def _block(self) -> Node:
        self.take("{")
        statements: list[Node] = []
        while True:
            self.skip("nl", ";")
            if self.peek() == "}":
                self.take()
                return ("block", statements)
            statements.append(self.statement())

    def _end_statement(self) -> None:
        if self.peek() in ("nl", ";"):
            self.take()
        elif self.peek() not in ("}", "eof", "else"):
            raise _error(f"unexpected '{self.tokens[self.pos][1]}'")

    def statement(self) -> Node:
        kind = self.peek()
        if kind == "{":
            return self._block()
        if kind in _COMPOUND:
            return _COMPOUND[kind](self)
        node = self._simple_statement()
        self._end_statement()
        return node

    def _simple_statement(self) -> Node:
        kind = self.peek()
        if kind in ("print", "printf"):
            self.take()
            self.no_gt = True
            try:
                args = self._expr_list(("nl", ";", "}", "eof"))
            finally:
                self.no_gt = False
            if len(args) == 1 and args[0][0] == "group" and isinstance(args[0][1], list):
                args = args[0][1]
            return (kind, args)
        if kind in ("next", "break", "continue"):
            self.take()
            return (kind,)
        if kind == "exit":
            self.take()
            return ("exit", None if self.peek() in ("nl", ";", "}", "eof") else self.expr())
        if kind == "delete":
            self.take()
            name = self.take("name")[1]
            index = self._subscript() if self.peek() == "[" else None
            return ("delete", name, index)
        return ("expr", self.expr())

    def _expr_list(self, ends: tuple[str, ...]) -> list[Node]:
        args: list[Node] = []
        while self.peek() not in ends:
            args.append(self.expr())
            if self.peek() != ",":
                break
            self.take()
            self.skip("nl")
        return args

    def _subscript(self) -> list[Node]:
        self.take("[")
        keys = self._expr_list(("]",))
        self.take("]")
        return keys

    # --- expressions ------------------------------------------------------------------------------------

    def expr(self) -> Node:
        left = self._ternary()
        if self.peek() in _ASSIGN and left[0] in ("var", "field", "index"):
            op = self.take()[0]
            return ("assign", op, left, self.expr())
        return left

    def _ternary(self) -> Node:
        cond = self._or()
        if self.peek() != "?":
            return cond
        self.take()
        yes = self.expr()
        self.take(":")
        return ("cond", cond, yes, self.expr())

    def _or(self) -> Node:
        node = self._and()
        while self.peek() == "||":
            self.take()
            self.skip("nl")
            node = ("or", node, self._and())
        return node

    def _and(self) -> Node:
        node = self._in()
        while self.peek() == "&&":
            self.take()
            self.skip("nl")
            node = ("and", node, self._in())
        return node

    def _in(self) -> Node:
        node = self._match()
        while self.peek() == "in":
            self.take()
            node = ("in", [node], self.take("name")[1])
        return node

    def _match(self) -> Node:
        node = self._compare()
        while self.peek() in ("~", "!~"):
            negate = self.take()[0] == "!~"
            node = ("match", negate, node, self._compare())
        return node

    def _compare(self) -> Node:
        node = self._concat()
        ops = ("<", "<=", "==", "!=", ">=") if self.no_gt else ("<", "<=", "==", "!=", ">", ">=")
        if self.peek() in ops:
            op = self.take()[0]
            node = ("cmp", op, node, self._concat())
        return node

    def _concat(self) -> Node:
        node = self._additive()
        while self.peek() in ("num", "str", "name", "$", "!", "(", "++", "--", "regex") or (
                self.peek() in BUILTINS):
            if self.peek() == "name" and self.peek(1) in _ASSIGN:
                break
            node = ("concat", node, self._additive())
        return node

    def _additive(self) -> Node:
        node = self._multiplicative()
        while self.peek() in ("+", "-"):
            op = self.take()[0]
            node = ("binop", op, node, self._multiplicative())
        return node

    def _multiplicative(self) -> Node:
        node = self._unary()
        while self.peek() in ("*", "/", "%"):
            op = self.take()[0]
            node = ("binop", op, node, self._unary())
        return node

    def _unary(self) -> Node:
        if self.peek() == "!":
            self.take()
            return ("not", self._unary())
        if self.peek() in ("-", "+"):
            op = self.take()[0]
            operand = self._unary()
            return ("binop", "-", ("num", 0.0), operand) if op == "-" else ("binop", "+", ("num", 0.0), operand)
        return self._power()

    def _power(self) -> Node:
        node = self._postfix()
        if self.peek() == "^":
            self.take()
            return ("binop", "^", node, self._unary())
        return node

    def _postfix(self) -> Node:
        node = self._primary()
        if self.peek() in ("++", "--") and node[0] in ("var", "field", "index"):
            delta = 1.0 if self.take()[0] == "++" else -1.0
            return ("incr", False, delta, node)
        return node

    def _primary(self) -> Node:
        kind, value = self.take()
        if kind == "num":
            return ("num", float(value))
        if kind == "str":
            return ("str", value)
        if kind == "regex":
            return ("regex", value)
        if kind == "$":
            return ("field", self._field_operand())
        if kind in ("++", "--"):
            target = self._primary()
            return ("incr", True, 1.0 if kind == "++" else -1.0, target)
        if kind == "(":
            items = self._expr_list((")",))
            self.take(")")
            if self.peek() == "in" and len(items) > 1:
                self.take()
                return ("in", items, self.take("name")[1])
            return ("group", items) if len(items) > 1 else ("group1", items[0])
        if kind == "name" and value in BUILTINS:
            return self._call(value)
        if kind == "name":
            if self.peek() == "[":
                return ("index", value, self._subscript())
            return ("var", value)
        raise _error(f"unexpected '{value or kind}'")

    def _field_operand(self) -> Node:
        if self.peek() in ("num", "name", "$"):
            kind, value = self.take()
            if kind == "num":
                return ("num", float(value))
            if kind == "$":
                return ("field", self._field_operand())
            return ("index", value, self._subscript()) if self.peek() == "[" else ("var", value)
        if self.peek() in ("++", "--", "("):
            return self._primary()
        raise _error("bad field")

    def _call(self, name: str) -> Node:
        if self.peek() != "(":
            return ("call", name, [])  # `length` alone is length($0)
        self.take("(")
        args = self._expr_list((")",))
        self.take(")")
        return ("call", name, args)


def _parse_if(p: _Parser) -> Node:
    p.take("if")
    p.take("(")
    cond = p.expr()
    p.take(")")
    p.skip("nl")
    then = p.statement()
    p.skip("nl", ";")
    if p.peek() == "else":
        p.take()
        p.skip("nl")
        return ("if", cond, then, p.statement())
    return ("if", cond, then, None)


def _parse_while(p: _Parser) -> Node:
    p.take("while")
    p.take("(")
    cond = p.expr()
    p.take(")")
    p.skip("nl")
    return ("while", cond, p.statement())


def _parse_for(p: _Parser) -> Node:
    p.take("for")
    p.take("(")
    if p.peek() == "name" and p.peek(1) == "in" and p.peek(3) == ")":
        var = p.take()[1]
        p.take("in")
        array = p.take("name")[1]
        p.take(")")
        p.skip("nl")
        return ("forin", var, array, p.statement())
    init = None if p.peek() == ";" else p.expr()
    p.take(";")
    cond = None if p.peek() == ";" else p.expr()
    p.take(";")
    step = None if p.peek() == ")" else p.expr()
    p.take(")")
    p.skip("nl")
    return ("for", init, cond, step, p.statement())


_COMPOUND = {"if": _parse_if, "while": _parse_while, "for": _parse_for}


def parse_program(source: str) -> list[Node]:
    return _Parser(source).program()
