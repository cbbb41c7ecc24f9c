"""toybox `awk`, the subset scripts on phones use: `BEGIN`/`END`, `/re/` and expression patterns, fields
(`$N`, `NF`, `NR`, `FS`, `OFS`), `-F` and `-v`, variables and associative arrays, `print`/`printf`,
`if`/`while`/`for`/`for (k in a)`, `next`, `exit`, arithmetic, string concatenation, comparisons, `~`,
and `length substr index split sub gsub tolower toupper sprintf int`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.awk_parse import Node, parse_program
from droidpilot.emulator.virtual.shell.common import decode, encode, fail, inputs
from droidpilot.emulator.virtual.shell.grep import translate

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Invocation

Value = str | float
_NUMERIC = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
MAX_STEPS = 2_000_000


class AwkError(Exception):
    pass


class _Next(Exception):
    pass


class _Exit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def num(value: Value) -> float:
    if isinstance(value, float):
        return value
    match = re.match(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value)
    return float(match.group()) if match else 0.0


def text(value: Value, fmt: str = "%.6g") -> str:
    if isinstance(value, str):
        return value
    return str(int(value)) if value == int(value) and abs(value) < 1e16 else fmt % value


def _looks_numeric(value: Value) -> bool:
    return isinstance(value, float) or bool(_NUMERIC.fullmatch(value))


class Interpreter:
    def __init__(self, program: list[Node], variables: dict[str, Value]) -> None:
        self.program = program
        self.vars: dict[str, Value] = {"FS": " ", "OFS": " ", "ORS": "\n", "NR": 0.0, "NF": 0.0,
                                       "SUBSEP": "\x1c", **variables}
        self.arrays: dict[str, dict[str, Value]] = {}
        self.fields: list[str] = [""]
        self.out: list[str] = []
        self.steps = 0
        self.ranges: dict[int, bool] = {}

    # --- records ----------------------------------------------------------------------------------------

    def set_record(self, line: str) -> None:
        fs = text(self.vars["FS"])
        if fs == " ":
            parts = line.split()
        elif len(fs) == 1 and fs != "\\":
            parts = line.split(fs) if line else []
        else:
            parts = re.split(translate(fs, True), line) if line else []
        self.fields = [line, *parts]
        self.vars["NF"] = float(len(parts))

    def get_field(self, index: int) -> str:
        return self.fields[index] if 0 <= index < len(self.fields) else ""

    def set_field(self, index: int, value: str) -> None:
        if index == 0:
            self.set_record(value)
            return
        while len(self.fields) <= index:
            self.fields.append("")
        self.fields[index] = value
        self.vars["NF"] = float(len(self.fields) - 1)
        self.fields[0] = text(self.vars["OFS"]).join(self.fields[1:])

    # --- running ----------------------------------------------------------------------------------------

    def run(self, lines: list[str]) -> int:
        try:
            for _pattern, action in self._items("BEGIN"):
                self._action(action)
            if any(kind not in ("BEGIN", "END") for kind, _, _ in self._all()):
                for line in lines:
                    self.vars["NR"] = num(self.vars["NR"]) + 1
                    self.set_record(line)
                    try:
                        self._record()
                    except _Next:
                        continue
            for _pattern, action in self._items("END"):
                self._action(action)
        except _Exit as exit_:
            return exit_.code
        return 0

    def _all(self) -> list[tuple[str, Node | None, Node | None]]:
        return [(item[1], item[2], item[3]) for item in self.program]

    def _items(self, kind: str) -> list[tuple[Node | None, Node | None]]:
        return [(pattern, action) for k, pattern, action in self._all() if k == kind]

    def _record(self) -> None:
        for index, (kind, pattern, action) in enumerate(self._all()):
            if kind in ("BEGIN", "END"):
                continue
            if kind == "range":
                assert isinstance(pattern, tuple)
                selected = self._in_range(index, pattern[1], pattern[2])
            else:
                selected = pattern is None or self._truth(self.eval(pattern))
            if selected:
                self._action(action)

    def _in_range(self, index: int, start: Node, end: Node) -> bool:
        if not self.ranges.get(index) and self._truth(self.eval(start)):
            self.ranges[index] = True
        elif not self.ranges.get(index):
            return False
        if self._truth(self.eval(end)):
            self.ranges[index] = False
        return True

    def _action(self, action: Node | None) -> None:
        if action is None:
            self.out.append(self.get_field(0) + text(self.vars["ORS"]))
        else:
            self.execute(action)

    @staticmethod
    def _truth(value: Value) -> bool:
        return num(value) != 0 if _looks_numeric(value) else value != ""

    # --- statements -------------------------------------------------------------------------------------

    def execute(self, node: Node) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise AwkError("program runs too long")
        from droidpilot.emulator.virtual.shell.awk_run import STATEMENTS

        STATEMENTS[node[0]](self, node)

    def eval(self, node: Node) -> Value:
        from droidpilot.emulator.virtual.shell.awk_run import EXPRESSIONS

        return EXPRESSIONS[node[0]](self, node)

    def regex(self, value: Node | Value) -> re.Pattern[str]:
        if isinstance(value, tuple) and value[0] == "regex":
            source = str(value[1])
        else:
            source = text(self.eval(value) if isinstance(value, tuple) else value)
        try:
            return re.compile(translate(source, True))
        except re.error:
            raise AwkError(f"bad regex '{source}'") from None


def awk(inv: Invocation) -> int:
    args = inv.argv[1:]
    variables: dict[str, Value] = {}
    program_text: str | None = None
    while args and args[0].startswith("-") and args[0] != "-" and program_text is None:
        arg = args.pop(0)
        if arg == "--":
            break
        if arg.startswith("-F"):
            fs = arg[2:] or (args.pop(0) if args else "")
            variables["FS"] = "\t" if fs == "t" else fs.replace("\\t", "\t")
        elif arg.startswith("-v"):
            name, _, value = (arg[2:] or (args.pop(0) if args else "")).partition("=")
            variables[name] = value
        elif arg == "-f":
            return fail(inv, "awk: -f is not supported here; pass the program as an argument")
    if program_text is None:
        if not args:
            return fail(inv, "awk: no program")
        program_text = args.pop(0)
    try:
        program = parse_program(program_text)
    except AwkError as exc:
        return fail(inv, f"awk: syntax error: {exc}", 2)
    data = b"".join(d for _, d in inputs(inv, "awk", args) if d is not None)
    lines = decode(data).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    interpreter = Interpreter(program, variables)
    try:
        code = interpreter.run(lines)
    except AwkError as exc:
        inv.out += encode("".join(interpreter.out))
        return fail(inv, f"awk: {exc}", 2)
    inv.out += encode("".join(interpreter.out))
    return code
