"""Carry out one `Action` on a `Device`: element numbers become pixels, app names become packages, and typed
text is verified by reading the field back (users' first complaint about phone agents is text that silently
did not arrive).

Clearing a field sends DEL then FORWARD_DEL, each as many times as the field has characters, in one
`input keyevent` command: plain adb that works on every Android version and on the virtual phone, wherever
the cursor is (a long-press "select all" only selects a word on real devices).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from droidpilot.agent.actions import (
    Action,
    ActionOutcome,
    Answer,
    AskUser,
    Done,
    DoubleTap,
    LongPress,
    OpenApp,
    OpenUri,
    Press,
    Scroll,
    ShortcutCall,
    Swipe,
    Tap,
    TypeSecret,
    TypeText,
    Wait,
)
from droidpilot.agent.apps import AppNotFound, find_app
from droidpilot.agent.perception import ModelView, quote
from droidpilot.agent.safety import SecretVault
from droidpilot.agent.shortcut_tool import run_shortcut_action
from droidpilot.emulator.device import Bounds, Device, DeviceError, DeviceLost, Key, UIElement

if TYPE_CHECKING:
    from droidpilot.shortcuts.library import ShortcutLibrary

log = logging.getLogger(__name__)

KEYS = {"back": Key.BACK, "home": Key.HOME, "enter": Key.ENTER, "recents": Key.RECENTS, "delete": Key.DELETE}
SCROLL_MS = 400
KEYS_PER_COMMAND = 200
_PHONE_LIKE = re.compile(r"[\d\s()+\-.]+")
_BULLETS = set("•*●·")


class Refused(Exception):
    """The action cannot be carried out as asked; the message is for the model."""


class _Typing:
    """One `type` / `type_secret` request: what to type, where, and how to talk about it."""

    def __init__(self, action: TypeText | TypeSecret, text: str, secret: bool) -> None:
        self.action = action
        self.text = text
        self.secret = secret
        self.clear = isinstance(action, TypeText) and action.clear
        self.enter = isinstance(action, TypeText) and action.enter
        self.shown_as = f"<secret:{action.name}>" if isinstance(action, TypeSecret) else quote(text, 60)


class ActionExecutor:
    """Executes actions against the view the model chose them from. `settle` waits for the screen to be
    stable after an input (the graph passes its own; the virtual phone needs none). `shortcut` actions run the
    library's shortcuts or the built-ins (`library=None`), unless `shortcuts` is False."""

    def __init__(self, device: Device, vault: SecretVault | None = None,
                 settle: Callable[[], None] | None = None, library: ShortcutLibrary | None = None,
                 shortcuts: bool = True) -> None:
        self.device = device
        self.vault = vault
        self.settle = settle or (lambda: None)
        self.library = library
        self.shortcuts = shortcuts

    def execute(self, action: Action, view: ModelView) -> ActionOutcome:
        try:
            outcome = self._dispatch(action, view)
        except DeviceLost:
            raise
        except (Refused, DeviceError, LookupError) as exc:
            message = exc.args[0] if exc.args else type(exc).__name__
            outcome = ActionOutcome(ok=False, error=str(message))
        return self.vault.redact(outcome) if self.vault else outcome

    def _dispatch(self, action: Action, view: ModelView) -> ActionOutcome:
        if isinstance(action, Tap | LongPress | DoubleTap):
            return self._touch(action, view)
        if isinstance(action, TypeText):
            return self._type(_Typing(action, action.text, secret=False), view)
        if isinstance(action, TypeSecret):
            return self._type(_Typing(action, self._secret(action.name), secret=True), view)
        if isinstance(action, Swipe):
            return self._swipe(action, view)
        if isinstance(action, Scroll):
            return self._scroll(action, view)
        if isinstance(action, Press):
            self.device.press(KEYS[action.key])
            return self._done(detail=f"pressed {action.key}")
        if isinstance(action, OpenApp):
            return self._open_app(action)
        if isinstance(action, OpenUri):
            self.device.open_uri(action.uri)
            return self._done(detail=f"opened {action.uri}")
        if isinstance(action, Wait):
            return self._wait(action)
        if isinstance(action, ShortcutCall):
            return self._shortcut(action)
        if isinstance(action, Answer):
            return ActionOutcome(ok=True, detail=f"answer: {action.text}")
        if isinstance(action, AskUser):  # the act node asks; nothing happens on the device
            return ActionOutcome(ok=True, detail=f"asked the user: {action.question}")
        if isinstance(action, Done):
            message = f": {action.message}" if action.message else ""
            return ActionOutcome(ok=True, detail=f"done ({action.status}){message}")
        raise Refused(f"unknown action {getattr(action, 'action', action)!r}")

    def _done(self, detail: str, target: str = "") -> ActionOutcome:
        self.settle()
        return ActionOutcome(ok=True, detail=detail, target=target)

    # -- targets ---------------------------------------------------------------------------------------------
    def _screen(self, view: ModelView) -> tuple[int, int]:
        return view.screen_size if view.screen_size[0] > 0 else self.device.screen_size()

    def _target(self, action: Tap | LongPress | DoubleTap | TypeText | TypeSecret,
                view: ModelView) -> tuple[tuple[int, int], UIElement | None, str]:
        """(point, element, description) for an index or a pixel target."""
        if action.index is not None:
            element = view.targets.get(action.index)
            if element is None:
                raise Refused(index_error(action.index, view))
            return center(element.bounds, self._screen(view)), element, view.describe(action.index)
        if action.x is None or action.y is None:
            raise Refused(f"{action.action} needs an element index, or both x and y")
        width, height = self._screen(view)
        if not (0 <= action.x < width and 0 <= action.y < height):
            raise Refused(f"({action.x}, {action.y}) is outside the {width}x{height} screen")
        return (action.x, action.y), None, f"({action.x}, {action.y})"

    def _touch(self, action: Tap | LongPress | DoubleTap, view: ModelView) -> ActionOutcome:
        (x, y), _element, described = self._target(action, view)
        if isinstance(action, LongPress):
            self.device.long_press(x, y, action.ms)
        else:
            for _ in range(2 if isinstance(action, DoubleTap) else 1):
                self.device.tap(x, y)
        verb = {"tap": "tapped", "long_press": "long-pressed", "double_tap": "double-tapped"}[action.action]
        return self._done(detail=f"{verb} {described}", target=described)

    def _swipe(self, action: Swipe, view: ModelView) -> ActionOutcome:
        width, height = self._screen(view)
        points = (action.x1, action.y1, action.x2, action.y2)
        if not all(0 <= v < limit for v, limit in zip(points, (width, height, width, height), strict=True)):
            raise Refused(f"swipe {points} goes outside the {width}x{height} screen")
        self.device.swipe(*points, ms=action.ms)
        return self._done(detail=f"swiped from ({action.x1}, {action.y1}) to ({action.x2}, {action.y2})")

    def _scroll(self, action: Scroll, view: ModelView) -> ActionOutcome:
        width, height = self._screen(view)
        if action.index is not None:
            if action.index not in view.targets:
                raise Refused(index_error(action.index, view))
            region = clip(view.targets[action.index].bounds, (width, height))
            described = view.describe(action.index)
        else:
            region = Bounds(left=0, top=height // 5, right=width, bottom=height * 4 // 5)
            described = "the screen"
        self.device.swipe(*scroll_gesture(region, action.direction), ms=SCROLL_MS)
        return self._done(detail=f"scrolled {described} {action.direction}", target=described)

    # -- apps and time ---------------------------------------------------------------------------------------
    def _open_app(self, action: OpenApp) -> ActionOutcome:
        try:
            app = find_app(self.device, action.app)
        except AppNotFound as exc:
            raise Refused(str(exc)) from None
        self.device.launch(app.package)
        return self._done(detail=f"opened {app.label} ({app.package})", target=app.package)

    def _wait(self, action: Wait) -> ActionOutcome:
        # `sleep` on the device: the virtual phone's clock advances; a real phone simply waits.
        result = self.device.shell(f"sleep {action.seconds:g}")
        if not result.ok:
            raise Refused(f"wait failed: {result.output.strip() or result.exit_code}")
        return self._done(detail=f"waited {action.seconds:g} s")

    def _shortcut(self, action: ShortcutCall) -> ActionOutcome:
        if not self.shortcuts:
            raise Refused("shortcuts are off in this run: use GUI actions")
        outcome = run_shortcut_action(self.device, self.library, action.name, action.args)
        self.settle()
        return outcome

    def _secret(self, name: str) -> str:
        if self.vault is None or not len(self.vault):
            raise Refused("no secrets are configured (use --secret NAME=env:VAR)")
        try:
            return self.vault.get(name)
        except KeyError as exc:
            raise Refused(str(exc.args[0])) from None

    # -- typing ----------------------------------------------------------------------------------------------
    def _type(self, typing: _Typing, view: ModelView) -> ActionOutcome:
        element, described = None, "the focused field"
        focused_before = next((e.key for e in view.targets.values() if e.editable and e.focused), None)
        if typing.action.index is not None or typing.action.x is not None:
            point, element, described = self._target(typing.action, view)
            self.device.tap(*point)
            self.settle()
        field = self._focused_field()
        if field is None:
            return self._type_blind(typing, element, described)
        if element is not None and not _receives(field, element, focused_before):
            # Typing now would land in another field than the one the model pointed at.
            error = f"typed text did not stick: {described} did not focus a text field (is it disabled?)"
            return ActionOutcome(ok=False, error=error, target=described)
        for attempt in (1, 2):
            if typing.clear or attempt == 2:
                field = self._clear(field)
            before = field.text
            self.device.input_text(typing.text)
            self.settle()
            field = self._reread(field)
            if field is not None and _holds(field, before, typing, fresh=typing.clear or attempt == 2):
                return self._after_typing(typing, described, retried=attempt == 2)
            if field is None:
                break
            log.debug("typed text did not stick (attempt %d)", attempt)
        return ActionOutcome(ok=False, error=_mismatch(field, typing), target=described)

    def _after_typing(self, typing: _Typing, described: str, retried: bool) -> ActionOutcome:
        if typing.enter:
            self.device.press(Key.ENTER)
            self.settle()
        note = " after clearing and retrying" if retried else ""
        enter = " and pressed enter" if typing.enter else ""
        return ActionOutcome(ok=True, detail=f"typed {typing.shown_as} into {described}{note}{enter}",
                             target=described)

    def _type_blind(self, typing: _Typing, element: UIElement | None, described: str) -> ActionOutcome:
        """No field reports focus. A secret is never typed blind; plain text is, and counts as typed only if
        it shows up on screen (some custom views take text without reporting focus)."""
        if element is not None and element.editable:
            error = f"typed text did not stick: {described} did not take focus (is it disabled?)"
            return ActionOutcome(ok=False, error=error, target=described)
        if typing.secret:
            return ActionOutcome(ok=False, error="typed text did not stick: no text field is focused",
                                 target=described)
        before = {e.text for e in self.device.observe().elements}
        self.device.input_text(typing.text)
        self.settle()
        now = self.device.observe().elements
        if any(typing.text in e.text and e.text not in before for e in now):
            return self._after_typing(typing, described, retried=False)
        return ActionOutcome(ok=False, error="typed text did not stick: no text field is focused",
                             target=described)

    def _focused_field(self) -> UIElement | None:
        return next((e for e in self.device.observe().elements if e.editable and e.focused), None)

    def _reread(self, field: UIElement) -> UIElement | None:
        """The same field in a fresh dump (bounds move when the keyboard opens, so match by identity)."""
        fields = [e for e in self.device.observe().elements if e.editable]
        same = [e for e in fields if e.key == field.key] or [e for e in fields if e.focused]
        cx, cy = field.bounds.center
        return min(same, key=lambda e: abs(e.bounds.center[0] - cx) + abs(e.bounds.center[1] - cy), default=None)

    def _clear(self, field: UIElement) -> UIElement:
        count = len(field.text) + 1  # an empty field shows its hint: a few extra DELs do no harm
        for start in range(0, count, KEYS_PER_COMMAND):
            n = min(KEYS_PER_COMMAND, count - start)
            self.device.shell("input keyevent " + " ".join(["KEYCODE_DEL"] * n + ["KEYCODE_FORWARD_DEL"] * n))
        self.settle()
        return self._reread(field) or field


# -- helpers ---------------------------------------------------------------------------------------------------

def index_error(index: int, view: ModelView) -> str:
    if not view.targets:
        return f"index {index} is not on screen (no numbered elements)"
    return f"index {index} is not on screen ({min(view.targets)}-{max(view.targets)})"


def clip(bounds: Bounds, screen: tuple[int, int]) -> Bounds:
    return Bounds(left=max(0, bounds.left), top=max(0, bounds.top), right=min(screen[0], bounds.right),
                  bottom=min(screen[1], bounds.bottom))


def center(bounds: Bounds, screen: tuple[int, int]) -> tuple[int, int]:
    """The middle of the element's visible part (real dumps may report bounds past the screen edge)."""
    return clip(bounds, screen).center


def scroll_gesture(region: Bounds, direction: str) -> tuple[int, int, int, int]:
    """The finger path that scrolls content `direction`: scrolling down moves the content up, so the finger
    goes from the lower part of the region to the upper part (20% to 80%, staying inside it)."""
    cx, cy = region.center
    near_top, near_bottom = region.top + region.height // 5, region.bottom - region.height // 5
    near_left, near_right = region.left + region.width // 5, region.right - region.width // 5
    return {
        "down": (cx, near_bottom, cx, near_top),
        "up": (cx, near_top, cx, near_bottom),
        "right": (near_right, cy, near_left, cy),
        "left": (near_left, cy, near_right, cy),
    }[direction]


def _receives(field: UIElement, target: UIElement, focused_before: str | None) -> bool:
    """Whether the focused `field` is the one the model meant by `target`: the target itself, a field inside
    the target (a clickable wrapper), or a field the tap focused (a search button opening a search box)."""
    if target.editable:
        return field.key == target.key
    wrapper = target.bounds.contains(*field.bounds.center) and \
        target.bounds.width * target.bounds.height <= 4 * field.bounds.width * field.bounds.height
    return wrapper or field.key != focused_before


def _norm(text: str) -> str:
    return " ".join(text.split())


def _holds(field: UIElement, before: str, typing: _Typing, fresh: bool) -> bool:
    """Whether the field now holds the typed text. `before` may be the field's hint, so appending accepts the
    text alone too; a password field shows bullets, so only lengths compare; phone fields may format digits."""
    shown, text = field.text, typing.text
    wanted = [text] if fresh else [text, before + text]
    if field.password or (shown and set(shown) <= _BULLETS):
        return len(shown) in {len(w) for w in wanted}
    if any(shown == w or _norm(shown) == _norm(w) for w in wanted):
        return True
    if _PHONE_LIKE.fullmatch(text):
        digits = re.sub(r"\D", "", shown)
        return any(digits == re.sub(r"\D", "", w) for w in wanted)
    return False


def _mismatch(field: UIElement | None, typing: _Typing) -> str:
    if field is None:
        return "typed text did not stick: the field is gone from the screen"
    if typing.secret:
        return f"typed text did not stick: field shows {len(field.text)} characters, not the secret"
    shown = field.text if len(field.text) <= 80 else field.text[:79] + "…"
    return f"typed text did not stick: field shows '{shown}'"
