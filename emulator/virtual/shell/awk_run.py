"""Evaluation of the awk subset's statements and expressions (the trees awk_parse builds)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from droidpilot.emulator.virtual.shell.awk import (
    AwkError,
    Interpreter,
    Value,
    _Exit,
    _looks_numeric,
    _Next,
    num,
    text,
)
from droidpilot.emulator.virtual.shell.awk_parse import Node

_FORMAT = re.compile(r"%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([diouxXeEfFgGcs%])")


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


# --- statements --------------------------------------------------------------------------------------------


def _block(it: Interpreter, node: Node) -> None:
    for statement in node[1]:
        it.execute(statement)


def _print(it: Interpreter, node: Node) -> None:
    values = [it.eval(arg) for arg in node[1]] or [it.get_field(0)]
    it.out.append(text(it.vars["OFS"]).join(text(v) for v in values) + text(it.vars["ORS"]))


def _printf(it: Interpreter, node: Node) -> None:
    if not node[1]:
        raise AwkError("printf: no format")
    values = [it.eval(arg) for arg in node[1]]
    it.out.append(sprintf(text(values[0]), values[1:]))


def sprintf(fmt: str, values: list[Value]) -> str:
    queue = list(values)

    def take() -> Value:
        return queue.pop(0) if queue else ""

    def convert(match: re.Match[str]) -> str:
        flags, width, precision, conv = match.groups()
        if conv == "%":
            return "%"
        width = str(int(num(take()))) if width == "*" else width or ""
        precision = str(int(num(take()))) if precision == "*" else precision
        spec = "%" + flags + width + (f".{precision}" if precision is not None else "")
        value = take()
        if conv in "di":
            return (spec + "d") % int(num(value))
        if conv in "ouxX":
            return (spec + conv) % int(num(value))
        if conv == "c":
            char = chr(int(num(value))) if isinstance(value, float) else text(value)[:1]
            return (spec + "s") % char
        if conv == "s":
            return (spec + "s") % text(value)
        return (spec + conv) % num(value)

    return _FORMAT.sub(convert, fmt.replace("\\n", "\n"))


def _if(it: Interpreter, node: Node) -> None:
    if it._truth(it.eval(node[1])):
        it.execute(node[2])
    elif node[3] is not None:
        it.execute(node[3])


def _loop_body(it: Interpreter, body: Node) -> bool:
    """Run a loop body; False when it breaks."""
    try:
        it.execute(body)
    except _Break:
        return False
    except _Continue:
        pass
    return True


def _while(it: Interpreter, node: Node) -> None:
    while it._truth(it.eval(node[1])):
        if not _loop_body(it, node[2]):
            return


def _for(it: Interpreter, node: Node) -> None:
    _, init, cond, step, body = node
    if init is not None:
        it.eval(init)
    while cond is None or it._truth(it.eval(cond)):
        if not _loop_body(it, body):
            return
        if step is not None:
            it.eval(step)


def _forin(it: Interpreter, node: Node) -> None:
    _, var, array, body = node
    for key in list(it.arrays.get(array, {})):
        it.vars[var] = key
        if not _loop_body(it, body):
            return


def _jump(kind: str) -> Callable[[Interpreter, Node], None]:
    def run(it: Interpreter, node: Node) -> None:
        if kind == "next":
            raise _Next
        raise _Break if kind == "break" else _Continue

    return run


def _exit(it: Interpreter, node: Node) -> None:
    raise _Exit(int(num(it.eval(node[1]))) if node[1] is not None else 0)


def _delete(it: Interpreter, node: Node) -> None:
    _, name, index = node
    if index is None:
        it.arrays.pop(name, None)
    else:
        it.arrays.get(name, {}).pop(_key(it, index), None)


def _expr_statement(it: Interpreter, node: Node) -> None:
    it.eval(node[1])


STATEMENTS: dict[str, Callable[[Interpreter, Node], None]] = {
    "block": _block, "print": _print, "printf": _printf, "if": _if, "while": _while, "for": _for,
    "forin": _forin, "next": _jump("next"), "break": _jump("break"), "continue": _jump("continue"),
    "exit": _exit, "delete": _delete, "expr": _expr_statement,
}


# --- expressions -------------------------------------------------------------------------------------------


def _key(it: Interpreter, index: list[Node]) -> str:
    return text(it.vars["SUBSEP"]).join(text(it.eval(i)) for i in index)


def _get(it: Interpreter, target: Node) -> Value:
    if target[0] == "field":
        return it.get_field(int(num(it.eval(target[1]))))
    if target[0] == "index":
        return it.arrays.setdefault(target[1], {}).setdefault(_key(it, target[2]), "")
    if target[1] in it.arrays:
        raise AwkError(f"can't use array {target[1]} in scalar context")
    return it.vars.get(target[1], "")


def _set(it: Interpreter, target: Node, value: Value) -> Value:
    if target[0] == "field":
        it.set_field(int(num(it.eval(target[1]))), text(value))
    elif target[0] == "index":
        it.arrays.setdefault(target[1], {})[_key(it, target[2])] = value
    else:
        it.vars[target[1]] = value
        if target[1] == "NF":
            count = int(num(value))
            it.fields = (it.fields + [""] * count)[: count + 1]
            it.fields[0] = text(it.vars["OFS"]).join(it.fields[1:])
    return value


def _arith(op: str, a: float, b: float) -> float:
    if op in "/%" and b == 0:
        raise AwkError("division by zero" + (" in %" if op == "%" else ""))
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b
    if op == "%":
        return math.fmod(a, b)
    return float(a**b)


def _assign(it: Interpreter, node: Node) -> Value:
    _, op, target, expr = node
    value = it.eval(expr)
    if op != "=":
        value = _arith(op[0], num(_get(it, target)), num(value))
    return _set(it, target, value)


def _incr(it: Interpreter, node: Node) -> Value:
    _, prefix, delta, target = node
    old = num(_get(it, target))
    _set(it, target, old + delta)
    return old + delta if prefix else old


def _compare(it: Interpreter, node: Node) -> Value:
    _, op, left_node, right_node = node
    left, right = it.eval(left_node), it.eval(right_node)
    if _looks_numeric(left) and _looks_numeric(right):
        order = (num(left) > num(right)) - (num(left) < num(right))
    else:
        order = (text(left) > text(right)) - (text(left) < text(right))
    result = {"<": order < 0, "<=": order <= 0, "==": order == 0, "!=": order != 0, ">": order > 0,
              ">=": order >= 0}[op]
    return 1.0 if result else 0.0


def _call(it: Interpreter, node: Node) -> Value:
    from droidpilot.emulator.virtual.shell.awk_builtins import call_builtin

    return call_builtin(it, node[1], node[2])


EXPRESSIONS: dict[str, Callable[[Interpreter, Node], Value]] = {
    "num": lambda it, n: n[1],
    "str": lambda it, n: n[1],
    "regex": lambda it, n: 1.0 if it.regex(n).search(it.get_field(0)) else 0.0,
    "field": lambda it, n: it.get_field(int(num(it.eval(n[1])))),
    "var": _get,
    "index": _get,
    "group1": lambda it, n: it.eval(n[1]),
    "group": lambda it, n: text(it.vars["SUBSEP"]).join(text(it.eval(i)) for i in n[1]),
    "assign": _assign,
    "incr": _incr,
    "cmp": _compare,
    "binop": lambda it, n: _arith(n[1], num(it.eval(n[2])), num(it.eval(n[3]))),
    "concat": lambda it, n: text(it.eval(n[1])) + text(it.eval(n[2])),
    "and": lambda it, n: 1.0 if it._truth(it.eval(n[1])) and it._truth(it.eval(n[2])) else 0.0,
    "or": lambda it, n: 1.0 if it._truth(it.eval(n[1])) or it._truth(it.eval(n[2])) else 0.0,
    "not": lambda it, n: 0.0 if it._truth(it.eval(n[1])) else 1.0,
    "cond": lambda it, n: it.eval(n[2]) if it._truth(it.eval(n[1])) else it.eval(n[3]),
    "match": lambda it, n: 1.0 if (it.regex(n[3]).search(text(it.eval(n[2]))) is None) == n[1] else 0.0,
    "in": lambda it, n: 1.0 if _key(it, n[1]) in it.arrays.get(n[2], {}) else 0.0,
    "call": _call,
}
