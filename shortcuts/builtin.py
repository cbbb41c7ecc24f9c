"""Built-in shortcuts for the virtual phone's apps: MAS-Bench's deep-link kind (and a few GUI ones).

Each uses the app's documented deep links and intents (see the app packages under emulator/virtual/apps/), and
checks a postcondition after every step that changes the screen, so a mismatch hands control back at once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from droidpilot.shortcuts.model import (
    AppInForeground,
    ElementAbsent,
    ElementPresent,
    Extra,
    IntentSpec,
    Locator,
    Param,
    SettingEquals,
    Shortcut,
    Step,
)

MESSAGING, CONTACTS, CLOCK = "com.android.messaging", "com.android.contacts", "com.android.deskclock"
CALENDAR, SETTINGS, GALLERY = "com.android.calendar", "com.android.settings", "com.android.gallery3d"
FILES, NOTES = "com.android.documentsui", "net.droidpilot.notes"
EXPENSES = "net.droidpilot.expenses"
SWITCH_ID = "android:id/switch_widget"
ALARM_EXTRA = "android.intent.extra.alarm."
_CREATED = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so the built-ins hash the same on every start


def _id(package: str, name: str, **attrs: str) -> Locator:
    return Locator(resource_id=f"{package}:id/{name}", **attrs)


def _present(package: str, name: str, **attrs: str) -> ElementPresent:
    return ElementPresent(locator=_id(package, name, **attrs))


def _tap(locator: Locator, expect: ElementPresent | ElementAbsent | AppInForeground | SettingEquals) -> Step:
    return Step(action="tap", locator=locator, expect=expect)


def _intent(expect: ElementPresent | AppInForeground, **spec: object) -> Step:
    return Step(action="start_intent", intent=IntentSpec.model_validate(spec), expect=expect)


def _shortcut(name: str, description: str, app: str, kind: str, params: list[Param], steps: list[Step],
              **more: object) -> Shortcut:
    return Shortcut.model_validate({"name": name, "description": description, "app": app, "kind": kind,
                                    "params": params, "steps": steps, "source": "builtin", "created": _CREATED,
                                    **more})


def _messaging() -> list[Shortcut]:
    number = Param(name="number", type="phone", description="the recipient's phone number", example="+1 555-0100")
    message = Param(name="message", description="the text to send", example="Running late, see you at 7")
    compose = _present(MESSAGING, "compose_message_text")
    return [
        _shortcut("send_sms", "Send an SMS to a phone number (opens the conversation with the text and taps Send)",
                  MESSAGING, "deeplink", [number, message], [
                      Step(action="open_uri", uri="smsto:{number}?body={message}",
                           expect=_present(MESSAGING, "compose_message_text", text="{message}")),
                      _tap(_id(MESSAGING, "send_message_button"), _present(MESSAGING, "message_text",
                                                                          text="{message}")),
                  ], sensitive="send"),
        _shortcut("open_conversation", "Open the Messages conversation with a phone number, ready to type",
                  MESSAGING, "deeplink", [number], [Step(action="open_uri", uri="smsto:{number}", expect=compose)]),
    ]


def _contacts() -> list[Shortcut]:
    params = [Param(name="first_name", description="one word", example="Alice", pattern=r"\S+"),
              Param(name="last_name", example="Doe", default=""),
              Param(name="phone", type="phone", example="555-0100", default=""),
              Param(name="email", example="alice@example.com", default="")]
    insert = {"action": "android.intent.action.INSERT", "data": "content://com.android.contacts/raw_contacts",
              "extras": {"name": "{first_name} {last_name}", "phone": "{phone}", "email": "{email}"}}
    name = Param(name="name", description="the contact's full name as the list shows it", example="Alice Doe")
    card = _open_card_steps()
    star = _id(CONTACTS, "menu_star")
    starred = ElementPresent(locator=star.model_copy(update={"content_desc": "Remove from favourites"}))
    return [
        _shortcut("new_contact", "Create a contact (prefilled new-contact form, then Save)", CONTACTS, "intent",
                  params, [
                      _intent(_present(CONTACTS, "first_name", text="{first_name}"), **insert),
                      _tap(_id(CONTACTS, "editor_menu_save_button"),
                           _present(CONTACTS, "large_title", text="{first_name} {last_name}")),
                  ]),
        _shortcut("open_contact", "Open a contact's card by searching the contact list for the name", CONTACTS,
                  "gui", [name], card),
        _shortcut("add_contact_to_favorites", "Star a contact (found by name) so it is among the favourites",
                  CONTACTS, "gui", [name], [
                      *card,
                      # the star flips only from "not a favourite", so a second run cannot unstar the contact
                      Step(action="tap", locator=star, expect=starred, idempotent=True,
                           requires=ElementPresent(locator=star.model_copy(
                               update={"content_desc": "Add to favourites"}))),
                  ], goal=[_present(CONTACTS, "large_title", text="{name}"), starred]),
    ]


def _open_card_steps() -> list[Step]:
    """Contacts' list, search for {name}, open the match's card."""
    return [
        _intent(_present(CONTACTS, "menu_search"), package=CONTACTS, activity=".activities.PeopleActivity",
                clear_task=True),
        _tap(_id(CONTACTS, "menu_search"), _present(CONTACTS, "search_view")),
        Step(action="type", locator=_id(CONTACTS, "search_view"), text="{name}",
             expect=ElementPresent(locator=Locator(content_desc="{name}"))),
        _tap(Locator(content_desc="{name}"), _present(CONTACTS, "large_title", text="{name}")),
    ]


def _clock() -> list[Shortcut]:
    hour = Param(name="hour", type="int", description="0-23", example="7", minimum=0, maximum=23)
    minute = Param(name="minute", type="int", description="0-59", example="30", minimum=0, maximum=59)
    label = Param(name="label", description="optional alarm label", example="Gym", default="")
    seconds = Param(name="seconds", type="int", description="timer length", example="300", minimum=1,
                    maximum=86399)
    clock = AppInForeground(package=CLOCK)
    alarm = {f"{ALARM_EXTRA}HOUR": Extra(value="{hour}", type="int"),
             f"{ALARM_EXTRA}MINUTES": Extra(value="{minute}", type="int"),
             f"{ALARM_EXTRA}MESSAGE": Extra(value="{label}"), f"{ALARM_EXTRA}SKIP_UI": Extra(value="true",
                                                                                            type="bool")}
    timer = {f"{ALARM_EXTRA}LENGTH": Extra(value="{seconds}", type="int"),
             f"{ALARM_EXTRA}SKIP_UI": Extra(value="true", type="bool")}
    return [
        _shortcut("create_alarm", "Set an alarm at hour:minute (24-hour clock), optionally labelled", CLOCK,
                  "intent", [hour, minute, label],
                  [_intent(clock, action="android.intent.action.SET_ALARM", extras=alarm)]),
        _shortcut("set_timer", "Start a countdown timer of the given number of seconds", CLOCK, "intent",
                  [seconds], [_intent(clock, action="android.intent.action.SET_TIMER", extras=timer)]),
    ]


def _settings() -> list[Shortcut]:
    pages = (("wifi", "Wi-Fi (Internet)", "WIFI_SETTINGS", "NetworkProviderSettingsActivity"),
             ("bluetooth", "Bluetooth", "BLUETOOTH_SETTINGS", "BluetoothSettingsActivity"),
             ("display", "Display", "DISPLAY_SETTINGS", "DisplaySettingsActivity"))
    out = [_shortcut(f"open_{key}_settings", f"Open the {title} settings page", SETTINGS, "intent", [], [
        _intent(AppInForeground(package=SETTINGS, activity=activity), action=f"android.settings.{action}")])
        for key, title, action, activity in pages]
    switches = (("wifi", "Wi-Fi", "wifi_on", "WIFI_SETTINGS", "Wi-Fi"),
                ("bluetooth", "Bluetooth", "bluetooth_on", "BLUETOOTH_SETTINGS", "Use Bluetooth"))
    for key, title, setting, action, switch in switches:
        for on in (True, False):
            out.append(_switch_shortcut(key, title, setting, action, Locator(resource_id=SWITCH_ID, text=switch), on))
    return out


def _switch_shortcut(key: str, title: str, setting: str, action: str, toggle: Locator, on: bool) -> Shortcut:
    """A radio's switch: nothing to do when the setting already is what is asked (the goal), and the tap flips
    the switch only from the other state (so it can never undo itself)."""
    def showing(state: bool) -> ElementPresent:
        return ElementPresent(locator=toggle.model_copy(update={"checked": state}))
    flip = Step(action="tap", locator=toggle, requires=showing(not on), expect=showing(on), idempotent=True)
    return _shortcut(f"turn_{'on' if on else 'off'}_{key}", f"Turn {title} {'on' if on else 'off'} in Settings",
                     SETTINGS, "gui", [], [
                         _intent(ElementPresent(locator=toggle), action=f"android.settings.{action}"), flip],
                     goal=[SettingEquals(namespace="global", key=setting, value="1" if on else "0")])


def _calendar() -> list[Shortcut]:
    title = Param(name="title", example="Dentist")
    start = Param(name="start", type="datetime", description="YYYY-MM-DD HH:MM", example="2026-10-20 09:00")
    end = Param(name="end", type="datetime", description="YYYY-MM-DD HH:MM", example="2026-10-20 10:00")
    location = Param(name="location", example="Main St 1", default="")
    description = Param(name="description", example="Bring the slides", default="")
    day = Param(name="date", type="date", description="YYYY-MM-DD", example="2026-10-20")
    insert = {"action": "android.intent.action.INSERT", "data": "content://com.android.calendar/events",
              "extras": {"title": "{title}", "eventLocation": "{location}", "description": "{description}",
                         "beginTime": Extra(value="{start:ms}", type="long"),
                         "endTime": Extra(value="{end:ms}", type="long")}}
    save = _id(CALENDAR, "save")
    return [
        _shortcut("create_event", "Add a calendar event (prefilled new-event form, then Save)", CALENDAR,
                  "intent", [title, start, end, location, description], [
                      _intent(_present(CALENDAR, "event_title", text="{title}"), **insert),
                      _tap(save, ElementAbsent(locator=save)),
                  ]),
        _shortcut("open_date_in_calendar", "Show one day in the calendar's daily view", CALENDAR, "deeplink",
                  [day], [Step(action="open_uri", uri="content://com.android.calendar/time/{date:ms}",
                               expect=_present(CALENDAR, "top_left_arrow", content_desc="Previous day"))]),
    ]


def _files() -> list[Shortcut]:
    image = Param(name="path", description="device path of a picture", example="/sdcard/DCIM/Camera/IMG_1.jpg",
                  pattern=r"/\S.*")
    text = Param(name="path", description="device path of a text file", example="/sdcard/Download/notes.txt",
                 pattern=r"/\S.*")
    title = Param(name="title", description="the note's name", example="Groceries")
    body = Param(name="text", description="the note's content", example="- milk\n- eggs")
    send = {f"android.intent.extra.{k}": f"{{{v}}}" for k, v in (("SUBJECT", "title"), ("TEXT", "text"))}
    any_file = Param(name="path", description="device path of a file", example="/sdcard/Download/report.txt",
                     pattern=r"/\S.*")
    row = Locator(resource_id="android:id/title", text="{path:name}")
    return [
        _shortcut("view_file", "Open a file from Files in the app that views it (pictures, videos, text)", FILES,
                  "intent", [any_file], [
                      _intent(ElementPresent(locator=row), package=FILES, activity=".files.FilesActivity",
                              extras={"path": "{path}"}),
                      _tap(row, ElementAbsent(locator=_id(FILES, "dir_list"))),
                  ]),
        _shortcut("view_image", "Show a picture full screen in Gallery", GALLERY, "intent", [image], [
            _intent(_present(GALLERY, "photo_view"), action="android.intent.action.VIEW", package=GALLERY,
                    activity=".app.PhotoPage", data="file://{path:path}", extras={"path": "{path}"})]),
        _shortcut("view_text_file", "Show a text file's content (Files' text preview)", FILES, "intent", [text], [
            _intent(_present(FILES, "preview_text"), package=FILES, activity=".preview.TextPreviewActivity",
                    extras={"path": "{path}"})]),
        _shortcut("compose_note", "Create a note with a title and text in Notes (saved at once)", NOTES, "intent",
                  [title, body], [
                      _intent(_present(NOTES, "document__fragment__edit__highlighting_editor"),
                              action="android.intent.action.SEND", package=NOTES,
                              activity=".activity.ShareIntoActivity", mime="text/plain", extras=send)]),
    ]


def _expenses() -> list[Shortcut]:
    params = [Param(name="name", example="Lunch"),
              Param(name="amount", description="in the currency's units, two decimals", example="12.50",
                    pattern=r"\d+(\.\d{1,2})?"),
              Param(name="category", type="choice", example="Food", choices=list(EXPENSE_CATEGORIES)),
              Param(name="note", example="Paid by card", default="")]
    category = _id(EXPENSES, "tv_category")
    chosen = ElementPresent(locator=category.model_copy(update={"text": "{category}"}))
    return [_shortcut("add_expense", "Add an expense in Expenses (the new-expense form filled in, then Save)",
                      EXPENSES, "gui", params, [
                          Step(action="open_app", package=EXPENSES, expect=_present(EXPENSES, "fb_add")),
                          _tap(_id(EXPENSES, "fb_add"), _present(EXPENSES, "edt_name")),
                          Step(action="type", locator=_id(EXPENSES, "edt_name"), text="{name}",
                               expect=_present(EXPENSES, "edt_name", text="{name}")),
                          Step(action="type", locator=_id(EXPENSES, "edt_amount"), text="{amount}",
                               expect=_present(EXPENSES, "edt_amount", text="{amount}")),
                          _tap(_id(EXPENSES, "spinner_category"), _present(EXPENSES, "category_item")),
                          _tap(_id(EXPENSES, "category_item", text="{category}"), chosen),
                          Step(action="type", locator=_id(EXPENSES, "edt_note"), text="{note}"),
                          _tap(_id(EXPENSES, "btn_save"), ElementAbsent(locator=_id(EXPENSES, "btn_save"))),
                      ])]


EXPENSE_CATEGORIES = ("Food", "Housing", "Social", "Entertainment", "Transportation", "Clothes", "Health Care",
                      "Education", "Donation")
"""What add_expense can file an expense under: every expense category but the form's default, Others."""


BUILTIN_SHORTCUTS: tuple[Shortcut, ...] = tuple(
    _messaging() + _contacts() + _clock() + _settings() + _calendar() + _files() + _expenses())
"""Every built-in shortcut, in a stable order."""


def builtin(name: str) -> Shortcut | None:
    return next((s for s in BUILTIN_SHORTCUTS if s.name == name), None)
