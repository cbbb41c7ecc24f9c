"""Simple Draw Pro driven through its UI: swipes draw strokes in the brush colour and size, and "Save as" writes
a real image (PNG, JPG or SVG) named as typed plus the chosen format's extension, in the folder picked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.draw import SimpleDrawApp
from tests.ui import find, need, open_app, tap

PKG = SimpleDrawApp.PACKAGE


@pytest.fixture
def draw(phone: VirtualPhone) -> SimpleDrawApp:
    app = phone.host.apps[PKG]
    assert isinstance(app, SimpleDrawApp)
    app.reset()
    return app


def pictures(phone: VirtualPhone) -> Path:
    return phone.data_dir / "sdcard/Pictures"


def stroke(phone: VirtualPhone, dy: int = 0) -> None:
    box = need(phone, rid="my_canvas").bounds
    y = (box.top + box.bottom) // 2 + dy
    phone.swipe(box.left + 100, y, box.right - 100, y)


def save_as(phone: VirtualPhone, name: str, fmt: str, folder: str | None = "Pictures") -> None:
    tap(phone, desc="Save")
    if folder is not None:
        tap(phone, rid="save_image_path")
        tap(phone, text=folder)
        tap(phone, text="OK")
    field = need(phone, rid="save_image_filename")
    for _ in field.text:
        phone.press_key("DEL")
    phone.input_text(name)
    tap(phone, text=fmt)
    tap(phone, text="OK")


def test_a_stroke_in_red_is_saved_as_a_png_in_pictures(phone: VirtualPhone, draw: SimpleDrawApp) -> None:
    open_app(phone, "Simple Draw Pro")
    assert phone.current_focus() == (PKG, PKG + ".activities.MainActivity")
    assert need(phone, rid="my_canvas").class_name == "com.simplemobiletools.draw.pro.views.MyCanvas"
    assert find(phone, desc="Undo") is None
    tap(phone, desc="Change color")
    tap(phone, text="Red")
    tap(phone, text="OK")
    stroke(phone)
    assert find(phone, desc="Undo") is not None
    save_as(phone, "sunset_01", "PNG")
    path = pictures(phone) / "sunset_01.png"
    assert path.is_file()
    with Image.open(path) as image:
        assert image.format == "PNG"
        colors = {c for _, c in image.convert("RGB").getcolors(1 << 20) or []}
    assert (0xF4, 0x43, 0x36) in colors and (255, 255, 255) in colors
    assert draw.prefs()["last_save_folder"] == "/storage/emulated/0/Pictures"


def test_the_format_extension_is_appended_and_the_folder_is_remembered(phone: VirtualPhone,
                                                                        draw: SimpleDrawApp) -> None:
    open_app(phone, "Simple Draw Pro")
    stroke(phone)
    save_as(phone, "plan.jpg", "JPG")
    assert (pictures(phone) / "plan.jpg.jpg").is_file()
    save_as(phone, "plan", "SVG", folder=None)  # the dialog opens in Pictures now
    svg = (pictures(phone) / "plan.svg").read_text()
    assert svg.startswith("<svg") and svg.count("<path") == 1


def test_undo_clear_and_overwrite(phone: VirtualPhone, draw: SimpleDrawApp) -> None:
    open_app(phone, "Simple Draw Pro")
    stroke(phone)
    stroke(phone, dy=200)
    tap(phone, desc="Undo")
    save_as(phone, "one", "SVG")
    assert (pictures(phone) / "one.svg").read_text().count("<path") == 1
    tap(phone, desc="Clear")
    assert find(phone, desc="Undo") is None
    save_as(phone, "one", "SVG", folder=None)
    assert need(phone, rid="android:id/message").text.startswith("Are you sure")
    tap(phone, text="Yes")
    assert (pictures(phone) / "one.svg").read_text().count("<path") == 0


def test_cancel_and_an_empty_name_save_nothing(phone: VirtualPhone, draw: SimpleDrawApp) -> None:
    open_app(phone, "Simple Draw Pro")
    before = sorted(p.name for p in pictures(phone).iterdir())
    tap(phone, desc="Save")
    tap(phone, text="Cancel")
    tap(phone, desc="Save")
    field = need(phone, rid="save_image_filename")
    for _ in field.text:
        phone.press_key("DEL")
    tap(phone, text="OK")
    assert need(phone, rid="save_image_filename")  # still open: the name is required
    assert sorted(p.name for p in pictures(phone).iterdir()) == before
    assert not list((phone.data_dir / "sdcard").glob("*.png"))


def test_monkey_leaves_the_app_usable(phone: VirtualPhone, draw: SimpleDrawApp) -> None:
    result = phone.shell(f"monkey -p {PKG} -s 7 --throttle 0 500")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 500" in result.output
    phone.shell("input keyevent HOME")
    phone.shell(f"monkey -p {PKG} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == PKG
    phone.observe()
