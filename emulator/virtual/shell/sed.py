"""toybox `sed`: the commands scripts use (`s`, `d`, `p`, `q`, `=`, `a`, `i`, `c`, `y`), addresses (N, `$`,
`/re/`, ranges, `!`), `-n -e -E -r -i -s`. Regular expressions are POSIX BRE (ERE with `-E`/`-r`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import (
    UsageError,
    VfsError,
    decode,
    encode,
    fail,
    inputs,
    resolve,
    stamp,
    writable_error,
)
from droidpilot.emulator.virtual.shell.grep import translate

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Invocation

Address = int | str | re.Pattern[str] | None
"""A line number, "$" (the last line), a regex, or None (every line)."""


@dataclass
class SedCommand:
    name: str
    first: Address = None
    last: Address = None
    negate: bool = False
    regex: re.Pattern[str] | None = None
    text: str = ""
    flags: str = ""
    active: bool = field(default=False)


class _ScriptParser:
    def __init__(self, script: str, extended: bool) -> None:
        self.src, self.pos, self.extended = script, 0, extended

    def parse(self) -> list[SedCommand]:
        commands: list[SedCommand] = []
        while True:
            self._skip(" \t\n;")
            if self.pos >= len(self.src):
                return commands
            commands.append(self._command())

    def _skip(self, chars: str) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in chars:
            self.pos += 1

    def _address(self) -> Address:
        src = self.src
        number = re.compile(r"\d+").match(src, self.pos)
        if number:
            self.pos = number.end()
            return int(number.group())
        if src.startswith("$", self.pos):
            self.pos += 1
            return "$"
        if src.startswith(("/", "\\"), self.pos):
            delim = src[self.pos + 1] if src[self.pos] == "\\" else "/"
            self.pos += 2 if src[self.pos] == "\\" else 1
            return self._compile(self._until(delim), "")
        return None

    def _until(self, delim: str) -> str:
        out: list[str] = []
        while self.pos < len(self.src) and self.src[self.pos] != delim:
            if self.src[self.pos] == "\\" and self.pos + 1 < len(self.src):
                nxt = self.src[self.pos + 1]
                out.append(nxt if nxt == delim else "\\" + nxt)
                self.pos += 2
                continue
            out.append(self.src[self.pos])
            self.pos += 1
        if self.pos >= len(self.src):
            raise UsageError(f"bad regex '{''.join(out)}'" if delim else "unterminated")
        self.pos += 1
        return "".join(out)

    def _compile(self, pattern: str, flags: str) -> re.Pattern[str]:
        try:
            return re.compile(translate(pattern, self.extended), re.IGNORECASE if "I" in flags else 0)
        except re.error:
            raise UsageError(f"bad regex '{pattern}'") from None

    def _command(self) -> SedCommand:
        first = self._address()
        last: Address = None
        if first is not None and self.src.startswith(",", self.pos):
            self.pos += 1
            last = self._address()
        self._skip(" \t")
        negate = self.src.startswith("!", self.pos)
        self.pos += int(negate)
        self._skip(" \t")
        if self.pos >= len(self.src):
            raise UsageError("missing command")
        name = self.src[self.pos]
        self.pos += 1
        command = SedCommand(name, first, last, negate)
        self._arguments(command)
        return command

    def _arguments(self, command: SedCommand) -> None:
        name = command.name
        if name in "s":
            delim = self.src[self.pos]
            self.pos += 1
            pattern, command.text = self._until(delim), self._until(delim)
            flags = re.compile(r"[gpiIe0-9]*").match(self.src, self.pos)
            command.flags = flags.group() if flags else ""
            self.pos += len(command.flags)
            command.regex = self._compile(pattern, command.flags.replace("i", "I"))
        elif name == "y":
            delim = self.src[self.pos]
            self.pos += 1
            source, target = self._until(delim), self._until(delim)
            if len(source) != len(target):
                raise UsageError("y: strings differ in length")
            command.text = source + "\0" + target
        elif name in "aic":
            self._skip(" \t")
            if self.src.startswith("\\", self.pos):
                self.pos += 1
                self._skip("\n")
            end = self.src.find("\n", self.pos)
            end = len(self.src) if end < 0 else end
            command.text = self.src[self.pos : end]
            self.pos = end
        elif name in "qQ":
            self._skip(" \t")
            code = re.compile(r"\d*").match(self.src, self.pos)
            command.text = code.group() if code else ""
            self.pos += len(command.text)
        elif name not in "dpP=nlhHgGxDN":
            raise UsageError(f"Unknown command '{name}'")


def _matches(address: Address, number: int, line: str, last_line: bool) -> bool:
    if address is None:
        return True
    if address == "$":
        return last_line
    if isinstance(address, int):
        return number == address
    assert isinstance(address, re.Pattern)
    return address.search(line) is not None


def _selects(command: SedCommand, number: int, line: str, last_line: bool) -> bool:
    if command.last is None:
        hit = _matches(command.first, number, line, last_line)
    elif command.active:
        hit = True
        ends = (isinstance(command.last, int) and number >= command.last) or (
            not isinstance(command.last, int) and _matches(command.last, number, line, last_line))
        command.active = not ends
    else:
        hit = _matches(command.first, number, line, last_line)
        if hit:
            command.active = not (isinstance(command.last, int) and command.last <= number)
    return hit != command.negate


def _replacement(template: str, match: re.Match[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            nxt = template[i + 1]
            out.append(match.group(int(nxt)) or "" if nxt.isdigit() else "\n" if nxt == "n" else
                       "\t" if nxt == "t" else nxt)
            i += 2
        else:
            out.append(match.group() if ch == "&" else ch)
            i += 1
    return "".join(out)


def _substitute(command: SedCommand, line: str) -> tuple[str, bool]:
    assert command.regex is not None
    digits = "".join(c for c in command.flags if c.isdigit())
    nth, count = int(digits or 1), 0
    done = False

    def replace(match: re.Match[str]) -> str:
        nonlocal count, done
        count += 1
        if (count == nth or ("g" in command.flags and count >= nth)) and not (done and "g" not in command.flags):
            done = True
            return _replacement(command.text, match)
        return match.group()

    result = command.regex.sub(replace, line)
    return result, done


class _Run:
    """One pass of the script over the lines of one stream."""

    def __init__(self, commands: list[SedCommand], quiet: bool) -> None:
        self.commands, self.quiet = commands, quiet
        self.out: list[str] = []
        self.quit = False

    def line(self, number: int, line: str, last_line: bool) -> None:
        after: list[str] = []
        printed_auto = not self.quiet
        for command in self.commands:
            if not _selects(command, number, line, last_line):
                continue
            name = command.name
            if name == "s":
                line, changed = _substitute(command, line)
                if changed and "p" in command.flags:
                    self.out.append(line + "\n")
            elif name == "y":
                source, target = command.text.split("\0")
                line = line.translate(str.maketrans(source, target))
            elif name == "d":
                printed_auto = False
                break
            elif name == "p":
                self.out.append(line + "\n")
            elif name == "=":
                self.out.append(f"{number}\n")
            elif name == "a":
                after.append(command.text + "\n")
            elif name == "i":
                self.out.append(command.text + "\n")
            elif name == "c":
                printed_auto = False
                if command.last is None or not command.active:
                    self.out.append(command.text + "\n")
                break
            elif name in "qQ":
                self.quit = True
                printed_auto = printed_auto and name == "q"
                break
        if printed_auto:
            self.out.append(line + "\n")
        self.out.extend(after)


def sed(inv: Invocation) -> int:
    args = inv.argv[1:]
    scripts: list[str] = []
    quiet = in_place = extended = False
    files: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg in ("-e", "--expression") and i < len(args):
            scripts.append(args[i])
            i += 1
        elif arg.startswith("-") and len(arg) > 1 and not files and arg != "--":
            flags = arg[1:]
            quiet, in_place = quiet or "n" in flags, in_place or "i" in flags
            extended = extended or "E" in flags or "r" in flags
            if "e" in flags and i < len(args):
                scripts.append(args[i])
                i += 1
        elif not scripts:
            scripts.append(arg)
        else:
            files.append(arg)
    if not scripts:
        return fail(inv, "sed: no script")
    try:
        commands = _ScriptParser("\n".join(scripts), extended).parse()
    except UsageError as exc:
        return fail(inv, f"sed: {exc}")
    if in_place:
        return _in_place(inv, commands, quiet, files)
    data = b"".join(d for _, d in inputs(inv, "sed", files) if d is not None)
    inv.out += encode(_process(commands, quiet, decode(data)))
    return 0


def _process(commands: list[SedCommand], quiet: bool, text: str) -> str:
    lines = text.split("\n")
    missing_newline = lines[-1] != ""
    if not missing_newline:
        lines.pop()
    run = _Run(commands, quiet)
    for index, line in enumerate(lines):
        run.line(index + 1, line, index == len(lines) - 1)
        if run.quit:
            break
    out = "".join(run.out)
    return out[:-1] if missing_newline and out.endswith("\n") and not run.quit else out


def _in_place(inv: Invocation, commands: list[SedCommand], quiet: bool, files: list[str]) -> int:
    status = 0
    for path in files:
        try:
            host = resolve(inv.fs, path, inv.cwd)
            denied = writable_error(inv.fs, host)
            if denied:
                raise VfsError(denied)
            text = decode(host.read_bytes())
        except (VfsError, OSError) as exc:
            status = fail(inv, f"sed: {path}: {exc.strerror if isinstance(exc, OSError) else exc}")
            continue
        for command in commands:
            command.active = False
        host.write_bytes(encode(_process(commands, quiet, text)))
        stamp(inv.shell.clock, host)
    return status
