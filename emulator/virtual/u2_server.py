"""The uiautomator2 server (u2.jar) of a virtual phone: HTTP JSON-RPC on the device's tcp:9008.

uiautomator2 3.x reaches it through an adb `tcp:9008` stream (or an `adb forward`): `GET /ping` answers
`pong`, `POST /jsonrpc/0` runs one method (adb_spec.md §3). Selectors match the same hierarchy that
`uiautomator dump` prints, so both paths see one screen.
"""

from __future__ import annotations

import base64
import io
import json
import logging
import math
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from droidpilot.emulator.device import KEYCODES, UIElement
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import u2_objects
from droidpilot.emulator.virtual.adb.framing import quickack
from droidpilot.emulator.virtual.adb.uiselector import describe, match, obj_info
from droidpilot.emulator.virtual.phone import VirtualPhone
from droidpilot.emulator.virtual.u2_objects import ObjectTable
from droidpilot.emulator.virtual.u2_windows import dump_all_windows

log = logging.getLogger(__name__)

METHOD_NOT_FOUND = -32601
PARSE_ERROR = -32700
OBJECT_NOT_FOUND = -32002
INTERNAL = -32001
KEY_NAMES = {
    "home": "HOME", "back": "BACK", "left": "DPAD_LEFT", "right": "DPAD_RIGHT", "up": "DPAD_UP",
    "down": "DPAD_DOWN", "center": "DPAD_CENTER", "menu": "MENU", "search": "SEARCH", "enter": "ENTER",
    "delete": "DEL", "del": "DEL", "recent": "APP_SWITCH", "volume_up": "VOLUME_UP",
    "volume_down": "VOLUME_DOWN", "volume_mute": "VOLUME_MUTE", "camera": "CAMERA", "power": "POWER",
}
CODE_NAMES = {code: name for name, code in KEYCODES.items()}
MAX_WAIT_S = 60.0
TAP_SLOP = 8
LONG_PRESS_S = 0.5
ORIENTATIONS = {"natural": 0, "n": 0, "left": 1, "l": 1, "upsidedown": 2, "u": 2, "right": 3, "r": 3}
"""uiautomator's names for the display rotations (Surface.ROTATION_0 .. ROTATION_270)."""


class RpcError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def not_found(selector: dict[str, Any]) -> RpcError:
    message = f"androidx.test.uiautomator.UiObjectNotFoundException: {describe(selector)}"
    return RpcError(OBJECT_NOT_FOUND, message)


class U2Service:
    """The device-side JSON-RPC server for one phone; `lock` is the phone's lock shared with adb."""

    def __init__(self, phone: VirtualPhone, lock: threading.RLock) -> None:
        self.phone = phone
        self.lock = lock
        self._touch_down: tuple[float, float, float] | None = None
        self.objects = ObjectTable()
        self._dumped: tuple[object, int, str, list[UIElement]] | None = None
        """(frame, clock ms, xml, its nodes) of the last multi-window dump: selectors reuse it until the screen
        changes (a new frame) or the status-bar clock moves."""

    def serve(self, sock: Any) -> None:
        """Answer HTTP requests on a connected socket until the client closes it."""
        # BaseRequestHandler types its third argument as a socketserver BaseServer; the handler only calls
        # handle_rpc on it, which U2Service provides.
        _Handler(sock, ("127.0.0.1", 0), self)  # type: ignore[arg-type]

    # -- JSON-RPC -----------------------------------------------------------------------------------------
    def handle_rpc(self, body: bytes) -> dict[str, Any]:
        try:
            request = json.loads(body or b"{}")
            method, params, ident = request["method"], request.get("params") or [], request.get("id", 1)
        except (ValueError, KeyError, TypeError):
            return {"jsonrpc": "2.0", "id": None, "error": {"code": PARSE_ERROR, "message": "Parse error"}}
        try:
            result = self.call(str(method), params if isinstance(params, list) else [])
            return {"jsonrpc": "2.0", "id": ident, "result": result}
        except RpcError as exc:
            return {"jsonrpc": "2.0", "id": ident, "error": {"code": exc.code, "message": exc.message}}
        except Exception as exc:  # a phone bug becomes an RPC error, never a dropped connection
            log.exception("u2 method %s failed", method)
            error = {"code": INTERNAL, "message": f"java.lang.RuntimeException: {exc}", "data": repr(exc)}
            return {"jsonrpc": "2.0", "id": ident, "error": error}

    def call(self, method: str, params: list[Any]) -> Any:
        handler: Callable[..., Any] | None = getattr(self, f"rpc_{method}", None)
        if handler is None:
            raise RpcError(METHOD_NOT_FOUND, f"Method not found: {method}")
        try:
            return handler(*params)
        except TypeError as exc:
            raise RpcError(-32602, f"Invalid params for {method}: {exc}") from None

    # -- helpers ------------------------------------------------------------------------------------------
    def elements(self) -> list[UIElement]:
        """Nodes of every window, top-most first, as UiAutomator searches them with multi-window on."""
        return self._dump()[3]

    def window_dump(self) -> str:
        return self._dump()[2]

    def _dump(self) -> tuple[object, int, str, list[UIElement]]:
        with self.lock:
            frame, now = self.phone.frame(), self.phone.clock.now_ms()
            if self._dumped is None or self._dumped[0] is not frame or self._dumped[1] != now:
                xml = dump_all_windows(self.phone)
                self._dumped = (frame, now, xml, parse_hierarchy(xml))
            return self._dumped

    def resolve(self, selector: dict[str, Any] | str, elements: list[UIElement]) -> list[UIElement]:
        """A selector's matches, or the node an object name (from `childByText`...) stands for."""
        if isinstance(selector, str):
            stored = self.objects.get(selector)
            return stored.find(elements) if stored is not None else []
        return match(selector, elements)

    def find(self, selector: dict[str, Any] | str) -> list[UIElement]:
        return self.resolve(selector, self.elements())

    def one(self, selector: dict[str, Any] | str) -> UIElement:
        found = self.find(selector)
        if not found:
            raise self.missing(selector)
        return found[0]

    def missing(self, selector: dict[str, Any] | str) -> RpcError:
        if isinstance(selector, str):
            return RpcError(OBJECT_NOT_FOUND, f"androidx.test.uiautomator.UiObjectNotFoundException: {selector}")
        return not_found(selector)

    def scroll_forward(self, selector: dict[str, Any]) -> bool:
        return self._scroll_once(selector, True, True, 55)

    def _wait(self, selector: dict[str, Any], timeout_ms: float, present: bool) -> bool:
        deadline = time.monotonic() + min(float(timeout_ms) / 1000, MAX_WAIT_S)
        while bool(self.find(selector)) != present:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        return True

    def _tap(self, x: float, y: float) -> None:
        with self.lock:
            self.phone.tap(x, y)

    def _long(self, x: float, y: float, ms: float) -> None:
        with self.lock:
            self.phone.long_press(x, y, int(ms))

    def _swipe(self, x1: float, y1: float, x2: float, y2: float, steps: float) -> bool:
        with self.lock:
            self.phone.swipe(x1, y1, x2, y2, max(10, int(steps) * 5))  # uiautomator: 5 ms per step
        return True

    def _focused_field(self) -> UIElement | None:
        return next((e for e in self.elements() if e.focused and e.editable), None)

    def _replace_text(self, element: UIElement, text: str) -> bool:
        """Focus the field like a finger would, delete what it holds, then type `text`."""
        with self.lock:
            self.phone.tap(*element.bounds.center)
            field = self._focused_field()
            for _ in range(len(field.text) if field is not None else 0):
                self.phone.press_key("DEL")
            if text:
                self.phone.input_text(text)
        return True

    # -- device -------------------------------------------------------------------------------------------
    def rpc_deviceInfo(self) -> dict[str, Any]:
        with self.lock:
            package = self.phone.current_focus()[0]
            display = self.phone.display
        dp = display.density / 160
        return {"currentPackageName": package, "displayWidth": display.width, "displayHeight": display.height,
                "displayRotation": display.rotation, "displaySizeDpX": round(display.width / dp),
                "displaySizeDpY": round(display.height / dp), "productName": "sdk_gphone64_x86_64",
                "naturalOrientation": True, "screenOn": self.phone.hardware.screen_on, "sdkInt": 34}

    def rpc_dumpWindowHierarchy(self, compressed: bool = False, max_depth: int = 50, *_: Any) -> str:
        return self.window_dump()

    def rpc_takeScreenshot(self, scale: float = 1, quality: int = 80) -> str:
        with self.lock:
            image = self.phone.screenshot()
        if scale and scale != 1:
            image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, "JPEG", quality=int(quality))
        return base64.b64encode(buffer.getvalue()).decode()

    def rpc_click(self, *args: Any) -> bool:
        if args and isinstance(args[0], dict):
            self._tap(*self.one(args[0]).bounds.center)
        elif len(args) >= 3:
            self._long(args[0], args[1], args[2])
        else:
            self._tap(args[0], args[1])
        return True

    def rpc_longClick(self, selector: dict[str, Any], *_: Any) -> bool:
        self._long(*self.one(selector).bounds.center, LONG_PRESS_S * 2000)
        return True

    def rpc_swipe(self, *args: Any) -> bool:
        if args and isinstance(args[0], dict):
            return self._swipe_element(self.one(args[0]), str(args[1]), args[-1] if len(args) > 2 else 10)
        return self._swipe_points(*args)

    def _swipe_points(self, sx: float, sy: float, ex: float, ey: float, steps: float = 55, *_: Any) -> bool:
        """`swipe(sx, sy, ex, ey[, steps])`; too few numbers raise TypeError, which `call` reports as
        invalid params."""
        return self._swipe(sx, sy, ex, ey, steps)

    def _swipe_element(self, element: UIElement, direction: str, steps: float) -> bool:
        b = element.bounds
        cx, cy = b.center
        dx, dy = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}.get(direction, (0, 0))
        half_w, half_h = b.width * 0.4, b.height * 0.4
        return self._swipe(cx - dx * half_w, cy - dy * half_h, cx + dx * half_w, cy + dy * half_h, steps)

    def rpc_drag(self, sx: float, sy: float, ex: float, ey: float, steps: float = 100) -> bool:
        return self._swipe(sx, sy, ex, ey, steps)

    def rpc_swipePoints(self, points: list[float], steps: float = 100) -> bool:
        pairs = list(zip(points[0::2], points[1::2], strict=False))
        if len(pairs) < 2:
            return False
        return self._swipe(*pairs[0], *pairs[-1], steps)

    def rpc_injectInputEvent(self, action: int, x: float, y: float, meta: int = 0) -> bool:
        """down / move / up become one tap, long press or swipe when the finger lifts."""
        if action == 0:
            self._touch_down = (x, y, time.monotonic())
        elif action == 1 and self._touch_down is not None:
            x0, y0, t0 = self._touch_down
            self._touch_down = None
            held = time.monotonic() - t0
            if math.hypot(x - x0, y - y0) < TAP_SLOP:
                self._long(x, y, held * 1000) if held >= LONG_PRESS_S else self._tap(x, y)
            else:
                self._swipe(x0, y0, x, y, max(2, held * 200))
        return True

    def rpc_pressKey(self, name: str) -> bool:
        key = KEY_NAMES.get(str(name).lower())
        if key is None:
            return False
        with self.lock:
            self.phone.press_key(key)
        return True

    def rpc_pressKeyCode(self, code: int, meta: int = 0) -> bool:
        name = CODE_NAMES.get(int(code))
        if name is None:
            return False
        with self.lock:
            self.phone.press_key(name)
        return True

    def rpc_openNotification(self) -> bool:
        with self.lock:
            self.phone.host.state.overlay = "shade"
            self.phone.invalidate()
        return True

    rpc_openQuickSettings = rpc_openNotification

    def rpc_wakeUp(self) -> None:
        with self.lock:
            self.phone.set_screen(True)

    def rpc_sleep(self) -> None:
        with self.lock:
            self.phone.set_screen(False)

    def rpc_clearLastTraversedText(self) -> None:
        return None

    def rpc_setOrientation(self, orientation: str) -> None:
        """Rotate and lock there, as UiDevice.setOrientation* does (user_rotation, auto-rotate off)."""
        rotation = ORIENTATIONS.get(str(orientation).lower())
        if rotation is None:
            raise RpcError(-32602, f"Invalid params for setOrientation: unknown orientation {orientation!r}")
        with self.lock:
            self.phone.settings.put("system", "accelerometer_rotation", "0")
            self.phone.settings.put("system", "user_rotation", str(rotation))

    def rpc_freezeRotation(self, freeze: bool = True) -> None:
        with self.lock:
            self.phone.settings.put("system", "accelerometer_rotation", "0" if freeze else "1")

    def rpc_getLastTraversedText(self) -> None:
        return None

    # -- clipboard, toasts --------------------------------------------------------------------------------
    def rpc_setClipboard(self, label: str | None, text: str) -> None:
        with self.lock:
            self.phone.host.state.clipboard = str(text)

    def rpc_getClipboard(self) -> str:
        with self.lock:
            return self.phone.host.state.clipboard

    def rpc_pasteClipboard(self) -> None:
        with self.lock:
            self.phone.input_text(self.phone.host.state.clipboard)

    def rpc_clearInputText(self) -> None:
        field = self._focused_field()
        if field is not None:
            self._replace_text(field, "")

    def rpc_makeToast(self, text: str, duration: int = 1000) -> bool:
        with self.lock:
            self.phone.host.toast(str(text))
            self.phone.invalidate()
        return True

    def rpc_getLastToast(self, *_: Any) -> str | None:
        with self.lock:
            toast = self.phone.host.state.toast
        return toast.text if toast is not None else None

    def rpc_clearLastToast(self) -> None:
        with self.lock:
            self.phone.host.state.toast = None
            self.phone.invalidate()

    # -- selectors ----------------------------------------------------------------------------------------
    def rpc_exist(self, selector: dict[str, Any]) -> bool:
        return bool(self.find(selector))

    def rpc_waitForExists(self, selector: dict[str, Any], timeout_ms: float = 0) -> bool:
        return self._wait(selector, timeout_ms, present=True)

    def rpc_waitUntilGone(self, selector: dict[str, Any], timeout_ms: float = 0) -> bool:
        return self._wait(selector, timeout_ms, present=False)

    def rpc_count(self, selector: dict[str, Any]) -> int:
        return len(self.find(selector))

    def rpc_objInfo(self, selector: dict[str, Any] | str) -> dict[str, Any]:
        elements = self.elements()
        found = self.resolve(selector, elements)
        if not found:
            raise self.missing(selector)
        return obj_info(found[0], sum(1 for e in elements if e.parent == found[0].index))

    def rpc_objInfoOfAllInstances(self, selector: dict[str, Any] | str) -> list[dict[str, Any]]:
        elements = self.elements()
        found = self.resolve(selector, elements)
        return [obj_info(e, sum(1 for c in elements if c.parent == e.index)) for e in found]

    def rpc_getText(self, selector: dict[str, Any]) -> str:
        return self.one(selector).text

    def rpc_setText(self, selector: dict[str, Any], text: str) -> bool:
        return self._replace_text(self.one(selector), str(text))

    def rpc_clearTextField(self, selector: dict[str, Any]) -> bool:
        return self._replace_text(self.one(selector), "")

    # -- collections and gestures (u2_objects) ------------------------------------------------------------
    def rpc_childByText(self, collection: Any, child: dict[str, Any], text: str, scroll: bool = True) -> str:
        return u2_objects.child_by(self, "text", collection, child, str(text), bool(scroll))

    def rpc_childByDescription(self, collection: Any, child: dict[str, Any], desc: str,
                               scroll: bool = True) -> str:
        return u2_objects.child_by(self, "description", collection, child, str(desc), bool(scroll))

    def rpc_childByInstance(self, collection: Any, child: dict[str, Any], instance: int) -> str:
        return u2_objects.child_by_instance(self, collection, child, int(instance))

    def rpc_dragTo(self, selector: Any, *target: Any) -> bool:
        return u2_objects.drag_to(self, selector, *target)

    def rpc_pinchIn(self, selector: Any, percent: float = 100, steps: float = 50) -> bool:
        return u2_objects.pinch(self, selector, percent, steps, outward=False)

    def rpc_pinchOut(self, selector: Any, percent: float = 100, steps: float = 50) -> bool:
        return u2_objects.pinch(self, selector, percent, steps, outward=True)

    def rpc_gesture(self, selector: Any, start1: dict[str, float], start2: dict[str, float],
                    end1: dict[str, float], end2: dict[str, float], steps: float = 100) -> bool:
        try:
            return u2_objects.gesture(self, selector, [start1, start2, end1, end2], steps)
        except (KeyError, ValueError, TypeError) as exc:  # a malformed point is an invalid-params error
            raise RpcError(-32602, f"Invalid params for gesture: {exc!r}") from None

    # -- scrolling ----------------------------------------------------------------------------------------
    def _scroll_once(self, selector: dict[str, Any], vertical: bool, forward: bool, steps: float) -> bool:
        """One swipe across the scrollable element; True if the screen changed."""
        element = self.one(selector)
        before = self.rpc_dumpWindowHierarchy()
        direction = ("up" if forward else "down") if vertical else ("left" if forward else "right")
        self._swipe_element(element, direction, steps)
        return self.rpc_dumpWindowHierarchy() != before

    def rpc_scrollForward(self, selector: dict[str, Any], vertical: bool = True, steps: int = 55) -> bool:
        return self._scroll_once(selector, vertical, True, steps)

    def rpc_scrollBackward(self, selector: dict[str, Any], vertical: bool = True, steps: int = 55) -> bool:
        return self._scroll_once(selector, vertical, False, steps)

    def rpc_scrollToEnd(self, selector: dict[str, Any], vertical: bool = True, max_swipes: int = 500,
                        steps: int = 55, forward: bool = True) -> bool:
        for _ in range(min(int(max_swipes), 100)):
            if not self._scroll_once(selector, vertical, forward, steps):
                break
        return True

    def rpc_scrollToBeginning(self, selector: dict[str, Any], vertical: bool = True, max_swipes: int = 500,
                              steps: int = 55) -> bool:
        return self.rpc_scrollToEnd(selector, vertical, max_swipes, steps, forward=False)

    def rpc_scrollTo(self, selector: dict[str, Any], target: dict[str, Any], vertical: bool = True) -> bool:
        for _ in range(30):
            if self.find(target):
                return True
            if not self._scroll_once(selector, vertical, True, 55):
                break
        return bool(self.find(target))

    def rpc_flingForward(self, selector: dict[str, Any], vertical: bool = True) -> bool:
        return self._scroll_once(selector, vertical, True, 10)

    def rpc_flingBackward(self, selector: dict[str, Any], vertical: bool = True) -> bool:
        return self._scroll_once(selector, vertical, False, 10)

    def rpc_flingToEnd(self, selector: dict[str, Any], vertical: bool = True, max_swipes: int = 500) -> bool:
        return self.rpc_scrollToEnd(selector, vertical, max_swipes, 10)

    def rpc_flingToBeginning(self, selector: dict[str, Any], vertical: bool = True,
                             max_swipes: int = 500) -> bool:
        return self.rpc_scrollToEnd(selector, vertical, max_swipes, 10, forward=False)


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive on an already connected socket; `server` is the `U2Service`."""

    protocol_version = "HTTP/1.1"
    server_version = "NanoHTTPD"
    sys_version = ""
    timeout = 60
    server: U2Service  # type: ignore[assignment]

    def handle_one_request(self) -> None:
        quickack(self.connection)  # headers and body come in two writes (see framing.quickack)
        super().handle_one_request()

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/ping":
            self._reply(200, b"pong", "text/plain")
        else:
            self._reply(404, b"Not Found", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not self.path.startswith("/jsonrpc/0"):
            self._reply(404, b"Not Found", "text/plain")
            return
        reply = self.server.handle_rpc(body)
        self._reply(200, json.dumps(reply, ensure_ascii=False).encode(), "application/json")

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("u2 %s", format % args)
