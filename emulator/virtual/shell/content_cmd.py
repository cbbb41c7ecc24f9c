"""`content query|insert|update|delete` over content://settings/{system,secure,global}, content://media (the
MediaStore rows of /sdcard's pictures, videos and audio, see system/media_store.py) and app providers.

Rows print as Content.java does (`Row: 0 _id=1, name=x, value=y`, NULL for null). Apps answer the
authorities in their CONTENT_AUTHORITIES through `content_query` / `content_insert`; `--where` and `--sort`
are applied here to the rows they return (a small SQL subset: comparisons joined by AND).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.shell.common import emit, encode
from droidpilot.emulator.virtual.system.media_store import MediaStore, parse_media_uri
from droidpilot.emulator.virtual.system.settings_provider import NAMESPACES

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.base import App
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

USAGE = """usage: adb shell content [subcommand] [options]

usage: adb shell content insert --uri <URI> [--user <USER_ID>] --bind <BINDING> [--bind <BINDING>...]
  <URI> a content provider URI.
  <BINDING> binds a typed value to a column and is formatted:
  <COLUMN_NAME>:<TYPE>:<COLUMN_VALUE> where:
  <TYPE> specifies data type such as:
  b - boolean, s - string, i - integer, l - long, f - float, d - double, n - null
  Note: Omit the value for passing an empty string, e.g column:s:
  Example:
  # Add "new_setting" secure setting with value "new_value".
  adb shell content insert --uri content://settings/secure --bind name:s:new_setting --bind value:s:new_value

usage: adb shell content update --uri <URI> [--user <USER_ID>] [--where <WHERE>]
  <WHERE> is a SQL style where clause in quotes (You have to escape single quotes - see example below).

usage: adb shell content delete --uri <URI> [--user <USER_ID>] --bind <BINDING> [--bind <BINDING>...] \
[--where <WHERE>]

usage: adb shell content query --uri <URI> [--user <USER_ID>] [--projection <PROJECTION>] [--where <WHERE>] \
[--sort <SORT_ORDER>]
  <PROJECTION> is a list of colon separated column names and is formatted:
  <COLUMN_NAME>[:<COLUMN_NAME>...]
  <SORT_ORDER> is the order in which rows in the result should be sorted.
  Example:
  # Select "name" and "value" columns from secure settings where "name" is equal to "new_setting" and sort \
the result by name in ascending order.
  adb shell content query --uri content://settings/secure --projection name:value \
--where "name='new_setting'" --sort "name ASC"
"""
TYPES: dict[str, Callable[[str], Any]] = {
    "b": lambda v: v.lower() == "true", "s": str, "i": int, "l": int, "f": float, "d": float,
    "n": lambda v: None,
}
COMPARISON = re.compile(r"\s*(\w+)\s*(==|=|!=|<>|<=|>=|<|>|\bLIKE\b|\bIS NOT\b|\bIS\b)\s*"
                        r"('(?:[^']|'')*'|[^\s']+)\s*", re.IGNORECASE)


class ContentError(Exception):
    """A Java exception from a provider, printed after `Error while accessing provider:`."""

    def __init__(self, cls: str, message: str) -> None:
        super().__init__(message)
        self.cls = cls


@dataclass
class Request:
    verb: str
    uri: str = ""
    projection: list[str] | None = None
    where: str | None = None
    sort: str | None = None
    binds: dict[str, Any] = field(default_factory=dict)


def parse_args(argv: list[str]) -> Request:
    """Content.Parser; raises ValueError with the `[ERROR]` text."""
    if not argv or argv[0] not in ("query", "insert", "update", "delete"):
        raise ValueError(f"Unsupported operation: {argv[0] if argv else 'null'}")
    request = Request(argv[0])
    i = 1
    while i < len(argv):
        opt = argv[i]
        if i + 1 >= len(argv):
            raise ValueError(f"Unsupported argument: {opt}")
        value, i = argv[i + 1], i + 2
        if opt == "--uri":
            request.uri = value
        elif opt == "--projection":
            request.projection = value.split(":")
        elif opt == "--where":
            request.where = value
        elif opt == "--sort":
            request.sort = value
        elif opt in ("--bind", "--extra"):
            name, kind, text = [*value.split(":", 2), "", ""][:3]
            if kind not in TYPES:
                raise ValueError(f"Unsupported type: {kind}")
            request.binds[name] = TYPES[kind](text)
        elif opt != "--user":
            raise ValueError(f"Unsupported argument: {opt}")
    if not request.uri:
        raise ValueError("Content provider URI not specified. Did you specify --uri argument?")
    if request.verb == "insert" and not request.binds:
        raise ValueError("Bindings not specified. Did you specify --bind argument(s)?")
    return request


# --- where / sort ------------------------------------------------------------------------------------------


def _literal(token: str) -> Any:
    if token.startswith("'"):
        return token[1:-1].replace("''", "'")
    if token.upper() == "NULL":
        return None
    try:
        return float(token) if "." in token else int(token)
    except ValueError:
        return token


def _compare(left: Any, op: str, right: Any) -> bool:
    op = op.upper()
    if op in ("IS", "IS NOT"):
        return (left is None) == (op == "IS")
    if left is None or right is None:
        return False
    if op == "LIKE":
        pattern = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in str(right))
        return re.fullmatch(pattern, str(left), re.IGNORECASE | re.DOTALL) is not None
    try:
        a, b = float(left), float(right)
    except (TypeError, ValueError):
        a, b = str(left), str(right)  # type: ignore[assignment]
    return {"=": a == b, "==": a == b, "!=": a != b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b,
            ">=": a >= b}[op]


def filter_rows(rows: list[dict[str, Any]], where: str | None) -> list[dict[str, Any]]:
    if not where or not where.strip():
        return rows
    text = where.strip()
    while text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    clauses = re.split(r"\s+AND\s+(?=(?:[^']*'[^']*')*[^']*$)", text, flags=re.IGNORECASE)
    parsed = [COMPARISON.fullmatch(clause) for clause in clauses]
    if not all(parsed):
        raise ContentError("android.database.sqlite.SQLiteException",
                           f'near "{where}": syntax error (code 1 SQLITE_ERROR)')
    conditions = [(m.group(1), m.group(2), _literal(m.group(3))) for m in parsed if m]
    return [row for row in rows if all(_compare(row.get(c), op, v) for c, op, v in conditions)]


def sort_rows(rows: list[dict[str, Any]], order: str | None) -> list[dict[str, Any]]:
    for term in reversed([t.split() for t in (order or "").split(",") if t.strip()]):
        column, descending = term[0], len(term) > 1 and term[1].upper() == "DESC"
        rows = sorted(rows, key=lambda r: (r.get(column) is not None, r.get(column)), reverse=descending)
    return rows


def format_value(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, bytes):
        return "BLOB"
    return str(value)


# --- providers ---------------------------------------------------------------------------------------------


def _authority(uri: str) -> tuple[str, list[str]]:
    match = re.match(r"content://([^/?#]*)/?([^?#]*)", uri)
    if match is None:
        raise ContentError("java.lang.IllegalArgumentException", f"Invalid URI: {uri}")
    return match.group(1), [seg for seg in match.group(2).split("/") if seg]


class ContentCommand:
    def __init__(self, phone: VirtualPhone) -> None:
        self.phone = phone

    def __call__(self, inv: Invocation) -> int:
        try:
            request = parse_args(inv.argv[1:])
        except ValueError as exc:
            emit(inv, USAGE + f"[ERROR] {exc}\n")
            return 0
        authority = re.sub(r"^content://", "", request.uri).split("/", 1)[0]
        try:
            self.execute(inv, request)
        except ContentError as exc:
            inv.err += encode(f"Error while accessing provider:{authority}\n{exc.cls}: {exc}\n"
                              "\tat com.android.commands.content.Content$Command.execute(Content.java:517)\n"
                              "\tat com.android.commands.content.Content.main(Content.java:735)\n")
            return 1
        return 0

    def execute(self, inv: Invocation, request: Request) -> None:
        authority, path = _authority(request.uri)
        if authority == "settings":
            self._settings(inv, request, path)
            return
        if authority == "media":
            self._media(inv, request)
            return
        app = next((a for a in self.phone.host.apps.values() if authority in a.CONTENT_AUTHORITIES), None)
        if app is None:
            raise ContentError("java.lang.IllegalStateException", f"Could not find provider: {authority}")
        self._app(inv, request, app)

    def _app(self, inv: Invocation, request: Request, app: App) -> None:
        if request.verb == "query":
            rows = app.content_query(request.uri)
            if rows is None:
                raise ContentError("java.lang.IllegalArgumentException", f"Unknown URI {request.uri}")
            self._print(inv, rows, request)
        elif request.verb == "insert":
            values = {k: "" if v is None else format_value(v) for k, v in request.binds.items()}
            if app.content_insert(request.uri, values) is None:
                raise ContentError("java.lang.IllegalArgumentException", f"Unknown URI {request.uri}")
            self.phone.invalidate()
        else:
            raise ContentError("java.lang.UnsupportedOperationException", f"{request.verb} not supported")

    def _media(self, inv: Invocation, request: Request) -> None:
        """MediaProvider: query the external volume's images, video, audio or files; delete removes files too."""
        parsed = parse_media_uri(request.uri)
        if parsed is None:
            raise ContentError("java.lang.UnsupportedOperationException", f"Unknown or unsupported URL: {request.uri}")
        volume, kind, media_id = parsed
        store = MediaStore(self.phone.fs, lambda: self.phone.clock.now_ms())
        rows = [] if volume == "internal" else store.rows(kind, media_id)
        if request.verb == "query":
            self._print(inv, rows, request)
        elif request.verb == "delete":
            store.delete([int(r["_id"]) for r in filter_rows(rows, request.where)])
            self.phone.invalidate()
        else:
            raise ContentError("java.lang.UnsupportedOperationException", f"{request.verb} not supported")

    def _settings(self, inv: Invocation, request: Request, path: list[str]) -> None:
        if not path or path[0] not in NAMESPACES or len(path) > 2:
            raise ContentError("java.lang.IllegalArgumentException", f"Invalid URI: {request.uri}")
        table, provider = path[0], self.phone.settings
        rows = [{"_id": i, "name": n, "value": v} for i, n, v in provider.items(table)]
        rows = [r for r in rows if len(path) == 1 or r["name"] == path[1]]
        if request.verb == "query":
            self._print(inv, rows, request)
        elif request.verb == "insert":
            name = request.binds.get("name")
            if name is None:
                raise ContentError("java.lang.IllegalArgumentException", "name cannot be null")
            value = request.binds.get("value")
            provider.put(table, str(name), "" if value is None else format_value(value))
        elif request.verb == "delete":
            for row in filter_rows(rows, request.where):
                provider.delete(table, row["name"])
        else:
            for row in filter_rows(rows, request.where):
                value = request.binds.get("value")
                provider.put(table, row["name"], "" if value is None else format_value(value))
        self.phone.invalidate()

    @staticmethod
    def _print(inv: Invocation, rows: list[dict[str, Any]], request: Request) -> None:
        rows = sort_rows(filter_rows(rows, request.where), request.sort)
        if not rows:
            emit(inv, "No result found.\n")
            return
        columns = request.projection or list(rows[0])
        unknown = [c for c in columns if all(c not in r for r in rows)]
        if unknown:
            raise ContentError("java.lang.IllegalArgumentException", f"Invalid column: {unknown[0]}")
        for index, row in enumerate(rows):
            emit(inv, f"Row: {index} " + ", ".join(f"{c}={format_value(row.get(c))}" for c in columns) + "\n")


def content(phone: VirtualPhone) -> CommandFn:
    return ContentCommand(phone)
