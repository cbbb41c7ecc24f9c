"""`{param}` templates: checked when a shortcut is defined, filled when it runs.

Only bare parameter names are allowed (no `{a.b}`, `{a[0]}` or `!r`, so a template can never reach Python
attributes), with a small set of format specs: `{start:ms}` (epoch milliseconds in the device's time zone),
`{at:hour}` / `{at:minute}`, `{when:date}` / `{when:time}`, `{path:path}` (in a URI, keep the slashes) and
`{path:name}` (the last component of a path).
Inside URIs every value is percent-encoded, so an argument can never add a query parameter or a scheme.
"""

from __future__ import annotations

import posixpath
import string
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo
from urllib.parse import quote

from droidpilot.errors import UsageError

Value = str | int | date | time | datetime

SPECS: dict[str, tuple[str, ...]] = {
    "str": ("", "path", "name"), "phone": ("",), "choice": ("",), "int": ("",),
    "date": ("", "ms"), "time": ("", "hour", "minute"), "datetime": ("", "ms", "hour", "minute", "date", "time"),
}
"""The format specs each parameter type accepts."""

_FORMATTER = string.Formatter()


class TemplateError(UsageError, ValueError):
    """A template is malformed or refers to something that is not a parameter."""


def fields(template: str) -> list[tuple[str, str]]:
    """(name, spec) of every placeholder; raises TemplateError for anything but `{name}` / `{name:spec}`."""
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise TemplateError(f"bad template {template!r}: {exc} (write {{{{ and }}}} for literal braces)") from None
    out: list[tuple[str, str]] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or conversion is not None or "{" in (spec or ""):
            raise TemplateError(f"bad placeholder {{{name}{'!' + conversion if conversion else ''}"
                                f"{':' + spec if spec else ''}}} in {template!r}: use {{name}} or {{name:spec}}")
        out.append((name, spec or ""))
    return out


def check_template(template: str, types: Mapping[str, str]) -> str | None:
    """Why `template` cannot be rendered with parameters of these types, or None when it can."""
    try:
        placeholders = fields(template)
    except TemplateError as exc:
        return str(exc)
    for name, spec in placeholders:
        if name not in types:
            known = ", ".join(sorted(types)) or "none"
            return f"placeholder {{{name}}} in {template!r} is not a parameter (parameters: {known})"
        if spec not in SPECS[types[name]]:
            allowed = ", ".join(repr(s) for s in SPECS[types[name]] if s) or "none"
            return f"format {{{name}:{spec}}} does not apply to a {types[name]} (formats: {allowed})"
    return None


def render(template: str, values: dict[str, Value], tz: tzinfo, uri: bool = False) -> str:
    """Fill `template`; in a URI (`uri=True`) every value is percent-encoded."""
    out: list[str] = []
    for literal, name, spec, _conversion in _FORMATTER.parse(template):
        out.append(literal)
        if name is None:
            continue
        if name not in values:
            raise TemplateError(f"no value for {{{name}}}")
        text = format_value(values[name], spec or "", tz)
        out.append(quote(text, safe="/" if spec == "path" else "") if uri else text)
    return "".join(out)


def format_value(value: Value, spec: str, tz: tzinfo) -> str:
    if spec == "ms":
        moment = value if isinstance(value, datetime) else datetime.combine(value, time())  # type: ignore[arg-type]
        return str(int(moment.replace(tzinfo=moment.tzinfo or tz).timestamp() * 1000))
    if spec == "name":
        return posixpath.basename(str(value).rstrip("/"))
    if spec in ("hour", "minute"):
        assert isinstance(value, time | datetime)
        return str(value.hour if spec == "hour" else value.minute)
    if isinstance(value, datetime):
        return {"date": value.date().isoformat(), "time": f"{value:%H:%M}"}.get(spec, f"{value:%Y-%m-%d %H:%M}")
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
