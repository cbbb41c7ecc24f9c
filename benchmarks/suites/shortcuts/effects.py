"""What each built-in shortcut is for, checked on the device state: the harness's judge of MAS-Bench's SSR.

A shortcut call is successful when its intended effect holds on the device right after it, read the way tasks
check their goals (app databases, settings, files, the foreground screen), not when it merely ran to the end and
not when its episode succeeded. The effect follows from the call's own name and arguments: `send_sms(number,
message)` is successful when a new sent SMS with that text to that number is in the messages database, whatever
the task wanted. A goal that already held counts as reached ("already done": Wi-Fi already off).

Calls of shortcuts the benchmark does not know (mined or user ones) are judged by their own declared goal and
postconditions, which the executor checks on the device as they run: such a call counts when it ran to the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.harness import EffectCheck
from droidpilot.benchmarks.suites.androidworld.clock import alarm_rows
from droidpilot.benchmarks.suites.androidworld.contacts import contact_rows, same_number
from droidpilot.benchmarks.suites.androidworld.datakit import note_text
from droidpilot.benchmarks.suites.androidworld.expenses import CATEGORY_IDS
from droidpilot.benchmarks.suites.androidworld.notes import ROOT
from droidpilot.benchmarks.suites.androidworld.sms import SENT, norm_text, sms_rows
from droidpilot.emulator.device import DeviceError
from droidpilot.shortcuts import builtin as b

Args = Mapping[str, Any]
Rows = dict[Any, dict[str, Any]]


@dataclass(frozen=True)
class Effect:
    """`read` the state the call should change (before and after it); `had(before, after, args)` is True when the
    intended effect holds after it. `says` describes it, with the call's arguments filled in."""

    says: str
    read: Callable[[TaskEnv, Args], Any]
    had: Callable[[Any, Any, Args], bool]


def _added(before: Rows, after: Rows) -> list[dict[str, Any]]:
    return [row for key, row in after.items() if key not in before]


# -- data the call adds ----------------------------------------------------------------------------------------
def _sms_sent(before: Rows, after: Rows, args: Args) -> bool:
    return any(r["type"] == SENT and same_number(r["address"], str(args["number"]))
               and norm_text(r["body"]) == norm_text(str(args["message"])) for r in _added(before, after))


def _contact_added(before: Rows, after: Rows, args: Args) -> bool:
    name = " ".join(str(args.get(k, "")).strip() for k in ("first_name", "last_name")).strip()
    phone = str(args.get("phone", ""))

    def fits(row: dict[str, Any]) -> bool:
        full = " ".join(str(row.get(k) or "").strip() for k in ("first_name", "last_name")).strip()
        return full == name and (not phone or any(same_number(n, phone) for n, _ in row["phones"]))
    return any(fits(r) for r in _added(before, after))


def _starred(_before: Rows, after: Rows, args: Args) -> bool:
    return any(r["display_name"] == args["name"] and r["starred"] == 1 for r in after.values())


def _expenses(env: TaskEnv, args: Args) -> Rows:
    return {r["expense_id"]: r for r in env.query(b.EXPENSES, "accounting.db", "SELECT * FROM expense")}


def _expense_added(before: Rows, after: Rows, args: Args) -> bool:
    cents = round(float(str(args["amount"])) * 100)
    category = CATEGORY_IDS.get(str(args["category"]))
    return any(r["name"] == args["name"] and r["amount"] == cents and r["category"] == category
               and (r["note"] or "") == str(args.get("note") or "") for r in _added(before, after))


def _alarm_set(before: Rows, after: Rows, args: Args) -> bool:
    """An enabled alarm at that time (with that label when one is given); one that was already set counts."""
    label = str(args.get("label") or "")
    return any(r["enabled"] == 1 and (r["hour"], r["minutes"]) == (int(args["hour"]), int(args["minute"]))
               and (not label or r["label"] == label) for r in after.values())


def _timers(env: TaskEnv, args: Args) -> Rows:
    return {r["_id"]: r for r in env.query(b.CLOCK, "alarms.db", "SELECT * FROM timers")}


def _timer_running(before: Rows, after: Rows, args: Args) -> bool:
    return any(r["length_ms"] == int(args["seconds"]) * 1000 and r["state"] == "RUNNING"
               for r in _added(before, after))


def _events(env: TaskEnv, args: Args) -> tuple[Rows, Any]:
    rows = env.query(b.CALENDAR, "events.db", "SELECT id, title, location, description, start_ts, end_ts FROM events")
    return {r["id"]: r for r in rows}, _device_zone(env)


def _device_zone(env: TaskEnv) -> Any:
    try:
        name = env.shell("getprop persist.sys.timezone").strip()
        return ZoneInfo(name) if name else UTC
    except (DeviceError, ValueError, ZoneInfoNotFoundError):
        return UTC


def _epoch(text: str, zone: Any) -> int:
    return int(datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=zone).timestamp())


def _event_added(before: tuple[Rows, Any], after: tuple[Rows, Any], args: Args) -> bool:
    rows, zone = after
    start, end = _epoch(str(args["start"]), zone), _epoch(str(args["end"]), zone)
    location, description = str(args.get("location") or ""), str(args.get("description") or "")
    return any(r["title"] == args["title"] and (r["start_ts"], r["end_ts"]) == (start, end)
               and (not location or r["location"] == location)
               and (not description or r["description"] == description) for r in _added(before[0], rows))


def _notes(env: TaskEnv, args: Args) -> Rows:
    names = [line for line in env.shell(f"find {ROOT} -maxdepth 1 -type f").splitlines() if line.startswith(ROOT)]
    return {path: {"text": (env.read_file(path) or b"").decode(errors="replace")} for path in names}


def _note_added(before: Rows, after: Rows, args: Args) -> bool:
    """A new note in the notes folder named after the title (Notes adds " (1)" when the name is taken)."""
    title, text = str(args["title"]), note_text(str(args["text"]))
    return any(path.rpartition("/")[2].startswith(title) and note_text(after[path]["text"]) == text
               for path in after if path not in before)


def _setting(key: str) -> Callable[[TaskEnv, Args], str | None]:
    return lambda env, _args: env.setting("global", key)


# -- screens the call opens ------------------------------------------------------------------------------------
def _screen(env: TaskEnv, args: Args) -> dict[str, str]:
    """The foreground app and activity, and every element's text by its resource name (first one wins)."""
    observation = env.observe()
    texts: dict[str, str] = {}
    for element in observation.elements:
        texts.setdefault(element.resource_id.rpartition("/")[2], element.text)
    return {"package": observation.package, "activity": observation.activity, **texts}


def _showing(package: str, activity: str = "", **texts: Callable[[Args], str]) -> Callable[[Any, Any, Args], bool]:
    def had(_before: Any, after: dict[str, str], args: Args) -> bool:
        return (after["package"] == package and after["activity"].endswith(activity)
                and all(after.get(rid) == want(args) for rid, want in texts.items()))
    return had


def _day_heading(args: Args) -> str:
    """How the day view heads the day: "December 24 (Thu)" for 2026-12-24."""
    day = datetime.strptime(str(args["date"]), "%Y-%m-%d")
    return f"{day:%B} {day.day} ("


def _file_name(args: Args) -> str:
    return str(args["path"]).rstrip("/").rpartition("/")[2]


def _settings_page(activity: str) -> Effect:
    return Effect(f"Settings shows {activity}", _screen, _showing(b.SETTINGS, activity))


def _switch(key: str, on: bool) -> Effect:
    value = "1" if on else "0"
    return Effect(f"setting global/{key} is {value}", _setting(key), lambda _b, after, _a: after == value)


EFFECTS: dict[str, Effect] = {
    "send_sms": Effect("a new sent SMS {message!r} to {number}", lambda env, _a: sms_rows(env), _sms_sent),
    "open_conversation": Effect("Messages shows a conversation, ready to type", _screen,
                                lambda _b, after, _a: after["package"] == b.MESSAGING
                                and after["activity"].endswith("ConversationActivity")
                                and "compose_message_text" in after),
    "new_contact": Effect("a new contact {first_name} {last_name}", lambda env, _a: contact_rows(env),
                          _contact_added),
    "open_contact": Effect("the contact card of {name} is shown", _screen,
                           _showing(b.CONTACTS, large_title=lambda a: str(a["name"]))),
    "add_contact_to_favorites": Effect("{name} is a favourite", lambda env, _a: contact_rows(env), _starred),
    "add_expense": Effect("a new expense {name!r} of {amount} ({category})", _expenses, _expense_added),
    "create_alarm": Effect("an enabled alarm at {hour}:{minute}", lambda env, _a: alarm_rows(env), _alarm_set),
    "set_timer": Effect("a new running timer of {seconds} s", _timers, _timer_running),
    "open_wifi_settings": _settings_page("NetworkProviderSettingsActivity"),
    "open_bluetooth_settings": _settings_page("BluetoothSettingsActivity"),
    "open_display_settings": _settings_page("DisplaySettingsActivity"),
    "turn_on_wifi": _switch("wifi_on", True), "turn_off_wifi": _switch("wifi_on", False),
    "turn_on_bluetooth": _switch("bluetooth_on", True), "turn_off_bluetooth": _switch("bluetooth_on", False),
    "create_event": Effect("a new event {title!r} from {start} to {end}", _events, _event_added),
    "open_date_in_calendar": Effect("Calendar's day view shows {date}", _screen,
                                    lambda _b, after, a: after["package"] == b.CALENDAR and "top_left_arrow" in after
                                    and after.get("top_value", "").startswith(_day_heading(a))),
    "view_file": Effect("{path} is shown", _screen,
                        lambda _b, after, a: after.get("action_bar_title") == _file_name(a)),
    "view_image": Effect("Gallery shows {path}", _screen,
                         _showing(b.GALLERY, "PhotoPage", action_bar_title=_file_name)),
    "view_text_file": Effect("Files previews {path}", _screen,
                             _showing(b.FILES, "TextPreviewActivity", action_bar_title=_file_name)),
    "compose_note": Effect("a new note {title!r} holding the text", _notes, _note_added),
}
"""The intended effect of every built-in shortcut (tests check that none is missing)."""


def describe(effect: Effect, args: Args) -> str:
    try:
        return effect.says.format(**args)
    except (KeyError, IndexError, ValueError):
        return effect.says


class EffectJudge:
    """The harness's `ShortcutJudge` for one episode: reads each call's state before it and checks its intended
    effect after it, on `env` (the raw device, so the reading is never counted as a step)."""

    def __init__(self, env: TaskEnv, effects: Mapping[str, Effect] | None = None) -> None:
        self.env = env
        self.effects = EFFECTS if effects is None else effects

    def __call__(self, name: str, args: Mapping[str, Any]) -> EffectCheck:
        effect = self.effects.get(name)
        if effect is None:
            return lambda ok: (ok, f"{name}: no benchmark effect known; its own goal and postconditions decide "
                                   f"({'ran to the end' if ok else 'stopped'})")
        try:
            before = effect.read(self.env, args)
        except (DeviceError, LookupError, ValueError, TypeError) as exc:
            why = f"could not read the state before the call: {exc}"
            return lambda _ok: (False, why)
        return lambda _ok: self._check(effect, before, args)

    def _check(self, effect: Effect, before: Any, args: Mapping[str, Any]) -> tuple[bool, str]:
        says = describe(effect, args)
        try:
            held = effect.had(before, effect.read(self.env, args), args)
        except (DeviceError, LookupError, ValueError, TypeError) as exc:
            return False, f"{says}: could not be checked ({exc})"
        return held, f"{says}: {'yes' if held else 'no'}"
