"""What the Messages screens share: contact names from the Contacts provider, AOSP-style timestamps, letter
avatars, message bubbles, and a RecyclerView that stays pinned to its newest row."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from droidpilot.emulator.virtual.apps.messages import store
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import font
from droidpilot.emulator.virtual.toolkit.icons import draw_icon
from droidpilot.emulator.virtual.toolkit.render import Painter

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.system.host import SystemHost

CONTACTS = "com.android.contacts"
PHONES_URI = "content://contacts/phones"
TILE_COLORS = ("#DB4437", "#E91E63", "#9C27B0", "#673AB7", "#3F51B5", "#4285F4", "#039BE5", "#0097A7",
               "#009688", "#0F9D58", "#689F38", "#EF6C00", "#FF5722", "#757575")
MINUTE_MS, HOUR_MS = 60_000, 3_600_000


# -- contacts ------------------------------------------------------------------------------------------------
def contact_phones(host: SystemHost) -> list[dict[str, Any]]:
    """Rows (`display_name`, `number`, ...) of the Contacts provider; none if Contacts is missing or mute."""
    contacts = host.apps.get(CONTACTS)
    rows = contacts.content_query(PHONES_URI) if contacts is not None else None
    return [r for r in rows or [] if r.get("number")]


def name_for(address: str, phones: list[dict[str, Any]]) -> str | None:
    for row in phones:
        if store.same_number(str(row["number"]), address):
            return str(row.get("display_name") or "") or None
    return None


def format_number(address: str) -> str:
    """A stored number as the app shows it (PhoneNumberUtils.formatNumber, US style): "+14155550142" becomes
    "+1 415-555-0142" and "4155550142" "(415) 555-0142"; other numbers and names are shown as stored."""
    d = store.digits(address)
    if store.normalize(address) != address or not d:
        return address
    if address.startswith("+1") and len(d) == 11:
        return f"+1 {d[1:4]}-{d[4:7]}-{d[7:]}"
    if not address.startswith("+") and len(d) == 10:
        return f"({d[:3]}) {d[3:6]}-{d[6:]}"
    return address


def display_name(host: SystemHost, address: str) -> str:
    """The contact's name for a number, else the formatted number (the app bar and notifications show it)."""
    return name_for(address, contact_phones(host)) or format_number(address)


# -- time ----------------------------------------------------------------------------------------------------
def _clock(when: datetime, host: SystemHost) -> str:
    if host.settings.get("system", "time_12_24") == "24":
        return f"{when:%H:%M}"
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def _relative(ts_ms: int, now_ms: int) -> str | None:
    delta = now_ms - ts_ms
    if 0 <= delta < MINUTE_MS:
        return "Now"
    if 0 <= delta < HOUR_MS:
        minutes = delta // MINUTE_MS
        return f"{minutes} min" if minutes == 1 else f"{minutes} mins"
    return None


def conversation_time(host: SystemHost, ts_ms: int) -> str:
    """The conversation list's timestamp: Now, N mins, 9:05 AM today, Mon this week, Oct 3, then 10/3/25."""
    now_ms = host.clock.now_ms()
    relative = _relative(ts_ms, now_ms)
    if relative is not None:
        return relative
    when, now = datetime.fromtimestamp(ts_ms / 1000, UTC), datetime.fromtimestamp(now_ms / 1000, UTC)
    days = (now.date() - when.date()).days
    if days == 0:
        return _clock(when, host)
    if 0 < days < 7:
        return f"{when:%a}"
    if when.year == now.year:
        return f"{when:%b} {when.day}"
    return f"{when.month}/{when.day}/{when:%y}"


def message_time(host: SystemHost, ts_ms: int) -> str:
    """A bubble's timestamp: like the list's, but with the time of day for older messages."""
    now_ms = host.clock.now_ms()
    relative = _relative(ts_ms, now_ms)
    if relative is not None:
        return relative
    when, now = datetime.fromtimestamp(ts_ms / 1000, UTC), datetime.fromtimestamp(now_ms / 1000, UTC)
    days = (now.date() - when.date()).days
    clock = _clock(when, host)
    if days == 0:
        return clock
    if 0 < days < 7:
        return f"{when:%a} {clock}"
    if when.year == now.year:
        return f"{when:%b} {when.day}, {clock}"
    return f"{when.month}/{when.day}/{when:%y}, {clock}"


# -- views ---------------------------------------------------------------------------------------------------
@dataclass(eq=False)
class Avatar(v.ImageView):
    """A round tile with the contact's initial, or a person glyph for a bare number (ContactIconView)."""

    name: str = ""
    key: str = ""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self)
        r = min(x2 - x1, y2 - y1) // 2
        cx, cy = (x1 + x2) // 2, (y1 + y2) // 2
        color = TILE_COLORS[zlib.crc32((self.key or self.name).encode("utf-8")) % len(TILE_COLORS)]
        p.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=p.theme.color(color))
        letter = self.name[:1].upper()
        if letter.isalpha():
            p.draw.text((cx, cy), letter, font=font(r), fill=(255, 255, 255), anchor="mm")
        else:
            g = r * 3 // 5
            draw_icon(p.draw, "person", (cx - g, cy - g, cx + g, cy + g), (255, 255, 255))


def avatar(name: str, key: str, view_id: str, size: float = 48) -> Avatar:
    letter_name = name if name != key else ""
    return Avatar(id=view_id, name=letter_name, key=key, width=size, height=size)


@dataclass(eq=False)
class Bubble(v.ViewGroup):
    """A message bubble: a rounded rectangle filled with the `fill` colour role behind its texts."""

    fill: str = "surface_variant"

    def paint_content(self, p: Painter) -> None:
        p.draw.rounded_rectangle(p.box(self), radius=v.px(18), fill=p.theme.color(self.fill))
