"""`Intent.parseCommandArgs` and `Intent.toString` as `am start` / `am broadcast` use them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from droidpilot.emulator.virtual.shell.device_util import (
    IAE,
    JavaArgs,
    JavaError,
    decode_int,
    full_class,
    parse_float,
    parse_int,
    short_component,
)
from droidpilot.emulator.virtual.system.javalang import java_hash

FLAG_ACTIVITY_NEW_TASK = 0x10000000
FLAG_ACTIVITY_CLEAR_TASK = 0x8000
FLAG_RECEIVER_FROM_SHELL = 0x00400000

FLAG_OPTIONS = {
    "--grant-read-uri-permission": 0x1, "--grant-write-uri-permission": 0x2,
    "--grant-persistable-uri-permission": 0x40, "--grant-prefix-uri-permission": 0x80,
    "--exclude-stopped-packages": 0x10, "--include-stopped-packages": 0x20, "--debug-log-resolution": 0x8,
    "--activity-brought-to-front": 0x400000, "--activity-clear-top": 0x4000000,
    "--activity-clear-when-task-reset": 0x80000, "--activity-exclude-from-recents": 0x800000,
    "--activity-launched-from-history": 0x100000, "--activity-multiple-task": 0x8000000,
    "--activity-no-animation": 0x10000, "--activity-no-history": 0x40000000,
    "--activity-no-user-action": 0x40000,
    "--activity-previous-is-top": 0x1000000, "--activity-reorder-to-front": 0x20000,
    "--activity-reset-task-if-needed": 0x200000, "--activity-single-top": 0x20000000,
    "--activity-clear-task": FLAG_ACTIVITY_CLEAR_TASK, "--activity-task-on-home": 0x4000,
    "--activity-match-external": 0x800,
    "--receiver-registered-only": 0x40000000, "--receiver-replace-pending": 0x20000000,
    "--receiver-foreground": 0x10000000, "--receiver-no-abort": 0x8000000,
    "--receiver-include-background": 0x1000000,
}


def _bool(text: str) -> bool:
    value = text.lower()
    if value in ("true", "t"):
        return True
    if value in ("false", "f"):
        return False
    try:
        return decode_int(value) != 0
    except JavaError:
        raise JavaError(IAE, f"Invalid boolean value: {value}") from None


def _split_array(text: str) -> list[str]:
    return re.split(r"(?<!\\),", text)


EXTRA_PARSERS: dict[str, Callable[[str], Any]] = {
    "-e": str, "--es": str, "--eu": str, "--ecn": str,
    "--ei": parse_int, "--el": lambda t: parse_int(t, 64), "--ef": parse_float, "--ed": parse_float,
    "--ez": _bool,
    "--eia": lambda t: [parse_int(v) for v in t.split(",")],
    "--eial": lambda t: [parse_int(v) for v in t.split(",")],
    "--ela": lambda t: [parse_int(v, 64) for v in t.split(",")],
    "--elal": lambda t: [parse_int(v, 64) for v in t.split(",")],
    "--efa": lambda t: [parse_float(v) for v in t.split(",")],
    "--efal": lambda t: [parse_float(v) for v in t.split(",")],
    "--esa": _split_array, "--esal": _split_array,
}


@dataclass
class IntentSpec:
    """What the command line described; `component` is (package, fully qualified class)."""

    action: str | None = None
    data: str | None = None
    mime: str | None = None
    identifier: str | None = None
    categories: list[str] = field(default_factory=list)
    component: tuple[str, str] | None = None
    package: str | None = None
    flags: int = 0
    extras: dict[str, Any] = field(default_factory=dict)
    selector: bool = False

    def add_category(self, category: str) -> None:
        if category not in self.categories:
            self.categories.append(category)

    def __str__(self) -> str:
        return "Intent { " + self.short_string() + " }"

    def short_string(self) -> str:
        """`Intent.toShortString(secure=true, comp=true, extras=true, clip=false)`."""
        parts: list[str] = []
        if self.action is not None:
            parts.append(f"act={self.action}")
        if self.categories:
            parts.append("cat=[" + ",".join(sorted(self.categories, key=java_hash)) + "]")
        if self.data is not None:
            parts.append(f"dat={safe_uri(self.data)}")
        if self.mime is not None:
            parts.append(f"typ={self.mime}")
        if self.identifier is not None:
            parts.append(f"id={self.identifier}")
        if self.flags:
            parts.append(f"flg=0x{self.flags:x}")
        if self.package is not None:
            parts.append(f"pkg={self.package}")
        if self.component is not None:
            parts.append("cmp=" + short_component(*self.component))
        if self.extras:
            parts.append("(has extras)")
        return " ".join(parts)

    def target_package(self) -> str | None:
        return self.component[0] if self.component else self.package


def safe_uri(uri: str) -> str:
    """`Uri.toSafeString`: hides phone numbers and e-mail addresses, and web paths and queries."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", uri)
    if match is None:
        return uri.split("#", 1)[0]
    scheme = match.group(1)
    ssp = uri[match.end() :].split("#", 1)[0]
    lower = scheme.lower()
    if lower in ("tel", "sip", "sms", "smsto", "mailto", "nfc"):
        return scheme + ":" + "".join(c if c in "-@." else "x" for c in ssp)
    if lower in ("http", "https", "ftp", "rtsp"):
        authority = re.match(r"//([^/?#]*)", ssp)
        host_port = (authority.group(1) if authority else "").rpartition("@")[2]
        host, _, port = host_port.rpartition(":") if re.search(r":\d+$", host_port) else (host_port, "", "")
        ssp = f"//{host}" + (f":{int(port)}" if port else "") + "/..."
    return f"{scheme}:{ssp}"


def parse_component(text: str) -> tuple[str, str]:
    """`ComponentName.unflattenFromString`; a `.Class` is relative to the package."""
    package, sep, cls = text.partition("/")
    if not sep or not package or not cls:
        raise JavaError(IAE, f"Bad component name: {text}")
    return package, full_class(package, cls)


OptionHandler = Callable[[str, JavaArgs], bool]


def parse_intent(args: JavaArgs, handle: OptionHandler | None = None) -> IntentSpec:
    """Options up to the first non-option; then an optional URI, component or package (as Java does)."""
    spec = IntentSpec()
    while (opt := args.next_option()) is not None:
        if not _intent_option(spec, opt, args) and not (handle is not None and handle(opt, args)):
            raise JavaError(IAE, f"Unknown option: {opt}")
    target = args.next_arg()
    if target is not None:
        if ":" in target:
            spec.data = target
        elif "/" in target:
            spec.component = parse_component(target)
        else:
            spec.package = target
    return spec


def _intent_option(spec: IntentSpec, opt: str, args: JavaArgs) -> bool:
    if opt in EXTRA_PARSERS:
        key = args.required()
        spec.extras[key] = EXTRA_PARSERS[opt](args.required())
    elif opt == "--esn":
        spec.extras[args.required()] = None
    elif opt in FLAG_OPTIONS:
        spec.flags |= FLAG_OPTIONS[opt]
    elif opt in ("-a", "-d", "-t", "-i", "-c", "-n", "-p", "-f"):
        _valued_option(spec, opt, args.required())
    elif opt == "--selector":
        spec.selector = True
    else:
        return False
    return True


def _valued_option(spec: IntentSpec, opt: str, value: str) -> None:
    if opt == "-a":
        spec.action = value
    elif opt == "-d":
        spec.data = value
    elif opt == "-t":
        spec.mime = value
    elif opt == "-i":
        spec.identifier = value
    elif opt == "-c":
        spec.add_category(value)
    elif opt == "-n":
        spec.component = parse_component(value)
    elif opt == "-p":
        spec.package = value
    else:
        spec.flags = decode_int(value)
