"""Renderer fuzz: hostile texts (paragraph separators, long, mixed-script, emoji, RTL, empty) in every text widget
render and dump without an error. (A note holding U+2029 or a NEL once crashed a crawl with
`raqm_layout() failed`: raqm lays out one paragraph only.)"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from PIL import Image

from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit import widgets
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, ellipsize, text_width, wrap_lines
from droidpilot.emulator.virtual.toolkit.pickers import DayCell, DialNumber, TimeChip
from droidpilot.emulator.virtual.toolkit.render import Painter, paint_dialog
from droidpilot.emulator.virtual.toolkit.theme import DARK, LIGHT

SEPARATORS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
HOSTILE = {
    "empty": "", "space": " ", "separators": f"a{SEPARATORS}b", "paragraph": "Lunch\u2029with Priya",
    "nel": "line\x85next", "crlf": "one\r\ntwo", "controls": "".join(map(chr, range(32))) + "\x7f",
    "long": "x" * 4_000, "long words": "supercalifragilistic " * 300, "rtl": "שלום עולם مرحبا بالعالم",
    "mixed": "abc שלום 中文 مرحبا 123 😀", "emoji": "👨‍👩‍👧‍👦👍🏽🏳️‍🌈" * 20, "combining": "e" + "\u0301" * 200,
    "bidi controls": "\u202eevil\u202c \u2066x\u2069", "surrogate": "a\ud800b", "nonchars": "\ufffe\uffff\ue000",
    "zero width": "a\u200b\u200c\u200d\ufeffb", "cjk long": "中文" * 1_500,
}


def _random_text(rng: random.Random) -> str:
    pools = [SEPARATORS, "abc XYZ", "שלום", "مرحبا", "中文", "😀👍🏽", "\u0301\u200d", "".join(map(chr, range(32)))]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 400)))


TEXTS = list(HOSTILE.values()) + [_random_text(random.Random(seed)) for seed in range(12)]
IDS = list(HOSTILE) + [f"random {seed}" for seed in range(12)]
WIDGETS: dict[str, Callable[[str], v.View]] = {
    "TextView": lambda t: v.TextView(text=t),
    "TextView centred big": lambda t: v.TextView(text=t, size=40, bold=True, align="center"),
    "TextView right": lambda t: v.TextView(text=t, align="right"),
    "Button": lambda t: v.Button(text=t),
    "EditText": lambda t: v.EditText(text=t, hint=t),
    "EditText multiline": lambda t: v.EditText(text=t, multiline=True),
    "EditText hint only": lambda t: v.EditText(hint=t),
    "CheckBox": lambda t: v.CheckBox(text=t, is_checked=True),
    "Switch": lambda t: v.Switch(text=t),
    "RadioButton": lambda t: v.RadioButton(text=t),
    "TimeChip": lambda t: TimeChip(text=t),
    "DialNumber": lambda t: DialNumber(text=t, selected=True),
    "DayCell": lambda t: DayCell(text=t, today=True),
    "list item": lambda t: widgets.list_item(t, t),
    "app bar": lambda t: widgets.app_bar(t),
    "section": lambda t: widgets.section(t),
}


def _screen(view: v.View) -> Image.Image:
    root = v.LinearLayout(children=[view, v.ScrollView(id="list", children=[v.TextView(text="below")])])
    root.place(0, 0, 1080, 2400, v.LayoutContext())
    image = Image.new("RGB", (1080, 2400))
    Painter(image, LIGHT).paint(root)
    return image


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_every_widget_renders_any_text(text: str) -> None:
    for name, make in WIDGETS.items():
        try:
            _screen(make(text))
        except Exception as exc:  # name the widget: the parametrize id names the text
            raise AssertionError(f"{name} failed on this text: {type(exc).__name__}: {exc}") from exc


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_dialogs_and_menus_render_any_text(text: str) -> None:
    for dialog in (widgets.alert_dialog(text, text, lambda: None, text),
                   widgets.popup_menu([(text, lambda: None), ("Share", lambda: None)])):
        dialog.place(v.px(24), v.px(200), 1080 - 2 * v.px(24), 1200, v.LayoutContext())
        paint_dialog(Image.new("RGB", (1080, 2400)), dialog, DARK)


@pytest.mark.parametrize("text", TEXTS, ids=IDS)
def test_measuring_wrapping_and_ellipsizing_never_fail(text: str) -> None:
    assert text_width(text, 40) >= 0
    lines = wrap_lines(text[:5_000], 32, False, 600)
    assert lines and all(text_width(line, 32) <= 600 or len(line) <= 1 for line in lines)
    assert len(ellipsize(text, 32, True, 600)) <= max(len(text), 1)
    draw = Painter(Image.new("RGB", (1080, 200)), LIGHT).draw
    for anchor in ("lm", "mm", "rm", "la"):
        draw_text(draw, (540, 100), text, 40, False, (0, 0, 0), anchor)
