"""Special builtins of the virtual sh: the ones that change the shell itself (cd, export, set, read, exec,
return, break, local, let, ...). Each takes the shell, the invocation and the running shell's state.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import VfsError, encode, fail, read_path, resolve
from droidpilot.emulator.virtual.shell.sh_arith import ArithError, evaluate
from droidpilot.emulator.virtual.shell.sh_parse import ShSyntaxError, parse
from droidpilot.emulator.virtual.shell.sh_session import ExitScript, LoopJump, ReturnJump

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.shell.sh import Invocation, Shell
    from droidpilot.emulator.virtual.shell.sh_expand import State

SH = "/system/bin/sh"
SpecialFn = Callable[["Shell", "Invocation", "State"], int]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LONG_OPTIONS = {"errexit": "e", "nounset": "u", "xtrace": "x", "noglob": "f", "pipefail": "pipefail",
                 "noclobber": "C", "verbose": "v"}


def cd(shell: Shell, inv: Invocation, state: State) -> int:
    args = [a for a in inv.argv[1:] if a not in ("-L", "-P")]
    target = args[0] if args else state.vars.get("HOME", "/")
    if target == "-":
        target = state.vars.get("OLDPWD", state.cwd)
        inv.out += encode(target + "\n")
    path = shell.fs.normalize(target, state.cwd)
    try:
        host = resolve(shell.fs, path, "/")
    except VfsError as exc:
        return fail(inv, f"{SH}: cd: {target}: {exc}", 2)
    if path != "/" and not host.is_dir():
        reason = "Not a directory" if host.exists() else "No such file or directory"
        return fail(inv, f"{SH}: cd: {target}: {reason}", 2)
    state.vars["OLDPWD"], state.vars["PWD"], state.cwd = state.cwd, path, path
    return 0


def export(shell: Shell, inv: Invocation, state: State) -> int:
    names = [a for a in inv.argv[1:] if a not in ("-p", "-x")]
    if not names:
        inv.out += encode("".join(f"export {k}={v}\n" for k, v in sorted(state.vars.items())))
    status = 0
    for arg in names:
        name, eq, value = arg.partition("=")
        if not _NAME.fullmatch(name):
            status = fail(inv, f"{SH}: {inv.argv[0]}: {name}: is not an identifier")
        elif eq:
            state.vars[name] = value
    return status


def local(shell: Shell, inv: Invocation, state: State) -> int:
    """`local` / `typeset`: inside a function the old value comes back when it returns."""
    frame = state.frames[-1] if state.frames else None
    for arg in (a for a in inv.argv[1:] if not a.startswith(("-", "+"))):
        name, eq, value = arg.partition("=")
        if not _NAME.fullmatch(name):
            return fail(inv, f"{SH}: {inv.argv[0]}: {name}: is not an identifier")
        if frame is not None and name not in frame:
            frame[name] = state.vars.get(name)
        if eq:
            state.vars[name] = value
        elif frame is not None:
            state.vars.pop(name, None)
    return 0


def unset(shell: Shell, inv: Invocation, state: State) -> int:
    args = inv.argv[1:]
    functions = "-f" in args
    for name in (a for a in args if not a.startswith("-")):
        (state.funcs if functions else state.vars).pop(name, None)
    return 0


def exit_(shell: Shell, inv: Invocation, state: State) -> int:
    arg = inv.argv[1] if len(inv.argv) > 1 else str(state.status)
    if not arg.lstrip("-").isdigit():
        fail(inv, f"{SH}: exit: {arg}: bad number")
        raise ExitScript(2)
    raise ExitScript(int(arg) & 0xFF)


def return_(shell: Shell, inv: Invocation, state: State) -> int:
    arg = inv.argv[1] if len(inv.argv) > 1 else str(state.status)
    if not arg.lstrip("-").isdigit():
        return fail(inv, f"{SH}: return: {arg}: bad number")
    raise ReturnJump(int(arg) & 0xFF)


def _loop_jump(kind: str) -> SpecialFn:
    def jump(shell: Shell, inv: Invocation, state: State) -> int:
        arg = inv.argv[1] if len(inv.argv) > 1 else "1"
        if not arg.isdigit() or int(arg) < 1:
            return fail(inv, f"{SH}: {kind}: {arg}: bad number")
        raise LoopJump(kind, int(arg))

    return jump


def eval_(shell: Shell, inv: Invocation, state: State) -> int:
    return _run_source(shell, inv, state, " ".join(inv.argv[1:]), "eval")


def _run_source(shell: Shell, inv: Invocation, state: State, text: str, name: str) -> int:
    from droidpilot.emulator.virtual.shell.sh import Streams

    try:
        script = parse(text)
    except ShSyntaxError as exc:
        return fail(inv, f"{SH}: {name}: syntax error: {exc}")
    return shell.script(script, state, Streams(inv.input, inv.out, inv.err))


def source(shell: Shell, inv: Invocation, state: State) -> int:
    if len(inv.argv) < 2:
        return fail(inv, f"{SH}: {inv.argv[0]}: missing argument")
    try:
        text = read_path(shell.fs, inv.argv[1], state.cwd).decode("utf-8", "surrogateescape")
    except VfsError as exc:
        return fail(inv, f"{SH}: {inv.argv[0]}: {inv.argv[1]}: {exc}")
    try:
        return _run_source(shell, inv, state, text, inv.argv[0])
    except ReturnJump as jump:
        return jump.code


def set_(shell: Shell, inv: Invocation, state: State) -> int:
    args = inv.argv[1:]
    if not args:
        inv.out += encode("".join(f"{k}={v}\n" for k, v in sorted(state.vars.items())))
        return 0
    while args and args[0][:1] in ("-", "+") and args[0] not in ("-", "--"):
        flag = args.pop(0)
        on = flag.startswith("-")
        if flag[1:] == "o":
            if not args:
                inv.out += encode("".join(f"{name:<16}{'on' if opt in state.options else 'off'}\n"
                                          for name, opt in sorted(_LONG_OPTIONS.items())))
                return 0
            option = _LONG_OPTIONS.get(args.pop(0))
            if option is None:
                return fail(inv, f"{SH}: set: -o: bad option")
            _toggle(state, option, on)
        else:
            for letter in flag[1:]:
                _toggle(state, letter, on)
    if args and args[0] in ("-", "--"):
        args.pop(0)
        state.args[1:] = args
    elif args:
        state.args[1:] = args
    return 0


def _toggle(state: State, option: str, on: bool) -> None:
    if on:
        state.options.add(option)
    else:
        state.options.discard(option)


def shift(shell: Shell, inv: Invocation, state: State) -> int:
    count = int(inv.argv[1]) if len(inv.argv) > 1 and inv.argv[1].isdigit() else 1
    if count > len(state.args) - 1:
        return fail(inv, f"{SH}: shift: nothing to shift")
    del state.args[1 : 1 + count]
    return 0


def read(shell: Shell, inv: Invocation, state: State) -> int:
    """`read [-r] [-p PROMPT] NAME...`: one line of the shared input; fails at end of input."""
    args, raw = inv.argv[1:], False
    while args and args[0].startswith("-") and args[0] != "-":
        flag = args.pop(0)
        raw = raw or "r" in flag
        if "p" in flag and args:
            args.pop(0)  # mksh -p reads from a co-process; scripts use it rarely: take the operand
    names = args or ["REPLY"]
    line_bytes = inv.input.readline()
    if line_bytes is None:
        for name in names:
            state.vars[name] = ""
        return 1
    line = line_bytes.decode("utf-8", "surrogateescape").removesuffix("\n")
    if not raw:
        line = re.sub(r"\\(.)", r"\1", line.rstrip("\\"))
    ifs = state.vars.get("IFS", " \t\n")
    _assign_fields(state, names, line, ifs)
    return 0 if line_bytes.endswith(b"\n") else 1


def _assign_fields(state: State, names: list[str], line: str, ifs: str) -> None:
    blanks = "".join(c for c in ifs if c in " \t\n")
    line = line.strip(blanks) if blanks else line
    for index, name in enumerate(names):
        if index == len(names) - 1:
            state.vars[name] = line.rstrip(blanks) if blanks else line
            return
        match = re.search(f"[{re.escape(ifs)}]+", line) if ifs else None
        state.vars[name] = line[: match.start()] if match else line
        line = line[match.end() :] if match else ""


def exec_(shell: Shell, inv: Invocation, state: State) -> int:
    """`exec CMD ARGS`: the command replaces the shell, so its status ends the script (`adb logcat` sends
    `exec logcat`). Without a command the redirections apply to `exec` alone."""
    args = inv.argv[1:]
    while args and args[0].startswith("-") and args[0] != "--":
        args.pop(0)
    args = args[1:] if args[:1] == ["--"] else args
    if not args:
        return 0
    function = state.funcs.get(args[0])
    if function is not None:
        from droidpilot.emulator.virtual.shell.sh import Streams

        code = shell.control.call_function(function, args, state, Streams(inv.input, inv.out, inv.err))
    else:
        code = shell.call(replace(inv, env={**inv.env}), args)
    raise ExitScript(code)


def let(shell: Shell, inv: Invocation, state: State) -> int:
    value = 0
    for expression in inv.argv[1:]:
        try:
            value = evaluate(expression, state.vars)
        except ArithError as exc:
            return fail(inv, f"{SH}: let: {expression}: {exc}")
    return 0 if value else 1


SPECIAL: dict[str, SpecialFn] = {
    "cd": cd, "export": export, "readonly": export, "unset": unset, "exit": exit_, "eval": eval_,
    ".": source, "source": source, "set": set_, "shift": shift, "read": read, "exec": exec_,
    "return": return_, "break": _loop_jump("break"), "continue": _loop_jump("continue"), "local": local,
    "typeset": local, "let": let,
}
