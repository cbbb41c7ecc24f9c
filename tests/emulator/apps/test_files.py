"""Files driven through its UI: browse, open, delete, move, copy, rename, new folder; checked on /sdcard."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.files import FilesApp
from tests.ui import elements, find, need, open_app, tap

PACKAGE = "com.android.documentsui"
DAY = 86400


def app_of(phone: VirtualPhone) -> FilesApp:
    app = phone.host.apps[PACKAGE]
    assert isinstance(app, FilesApp)
    return app


def sdcard(phone: VirtualPhone, rel: str) -> Path:
    return phone.data_dir / "sdcard" / rel


def now_s(phone: VirtualPhone) -> float:
    return phone.clock.now_ms() / 1000


@pytest.fixture
def files(phone: VirtualPhone) -> VirtualPhone:
    """Download holds a folder and two files, the report older than the notes."""
    app = app_of(phone)
    app.clear_user_files()
    app.make_dir("/sdcard/Download/Receipts")
    app.write_file("/sdcard/Download/report.pdf", b"%PDF-1.4" + b"0" * 1292, mtime=now_s(phone) - 3 * DAY)
    app.write_file("/sdcard/Download/notes.txt", b"Buy milk\nCall Sam\n", mtime=now_s(phone) - DAY)
    return phone


def open_folder(phone: VirtualPhone, name: str) -> None:
    """Launcher -> Files -> roots drawer -> the device's storage -> `name`."""
    open_app(phone, "Files")
    tap(phone, desc="Show roots")
    tap(phone, rid="title", text="Pixel 6")
    tap(phone, rid="title", text=name)
    need(phone, rid="action_bar_title", text=name)


def titles(phone: VirtualPhone) -> list[str]:
    return [e.text for e in elements(phone) if e.resource_id == "android:id/title"]


def long_press(phone: VirtualPhone, text: str) -> None:
    phone.long_press(*need(phone, rid="title", text=text).bounds.center)


def selection_action(phone: VirtualPhone, name: str, action: str) -> None:
    long_press(phone, name)
    need(phone, rid="action_bar_title", text="1 selected")
    tap(phone, desc="More options")
    tap(phone, text=action)


def test_browse_download_folders_first_and_back_goes_up(files: VirtualPhone) -> None:
    open_app(files, "Files")
    need(files, rid="action_bar_title", text="Downloads")  # the default root, newest first
    assert titles(files) == ["Receipts", "notes.txt", "report.pdf"]
    tap(files, desc="Show roots")
    tap(files, rid="title", text="Pixel 6")
    assert {"Download", "Documents", "DCIM", "Pictures"} <= set(titles(files))
    tap(files, rid="title", text="Download")
    assert titles(files) == ["Receipts", "notes.txt", "report.pdf"]  # by name here
    need(files, rid="size", text="1.30 kB")
    need(files, rid="date", text="Oct 12")
    need(files, rid="breadcrumb_text", text="Pixel 6")
    files.press_key("BACK")
    need(files, rid="action_bar_title", text="Pixel 6")


def test_delete_asks_first_then_removes_the_file(files: VirtualPhone) -> None:
    open_folder(files, "Download")
    long_press(files, "notes.txt")
    tap(files, desc="Delete")
    need(files, text='Delete "notes.txt"?')
    tap(files, text="Cancel")
    assert sdcard(files, "Download/notes.txt").exists()
    tap(files, desc="Delete")
    tap(files, rid="button1", text="OK")
    assert not sdcard(files, "Download/notes.txt").exists()
    assert sdcard(files, "Download/report.pdf").exists()
    assert titles(files) == ["Receipts", "report.pdf"]
    assert find(files, rid="action_mode_bar") is None


def test_move_to_documents_through_the_picker(files: VirtualPhone) -> None:
    before = sdcard(files, "Download/report.pdf").stat().st_mtime
    open_folder(files, "Download")
    selection_action(files, "report.pdf", "Move to…")
    assert files.current_focus()[1] == f"{PACKAGE}.picker.PickActivity"
    assert not need(files, rid="button1", text="Move").enabled  # it is already here
    tap(files, rid="breadcrumb_text", text="Pixel 6")
    tap(files, rid="title", text="Documents")
    tap(files, rid="button1", text="Move")
    moved = sdcard(files, "Documents/report.pdf")
    assert moved.read_bytes().startswith(b"%PDF-1.4") and moved.stat().st_mtime == before
    assert not sdcard(files, "Download/report.pdf").exists()
    assert files.current_focus()[1] == f"{PACKAGE}.files.FilesActivity"
    assert titles(files) == ["Receipts", "notes.txt"]


def test_copy_into_a_folder_twice_makes_numbered_copies(files: VirtualPhone) -> None:
    open_folder(files, "Download")
    for _ in range(2):
        selection_action(files, "notes.txt", "Copy to…")
        tap(files, rid="title", text="Receipts")
        tap(files, rid="button1", text="Copy")
    assert app_of(files).listdir("/sdcard/Download/Receipts") == ["notes (1).txt", "notes.txt"]
    copy = sdcard(files, "Download/Receipts/notes.txt")
    assert copy.read_bytes() == b"Buy milk\nCall Sam\n"
    assert abs(copy.stat().st_mtime - now_s(files)) < 60  # a copy is a new file, dated by the device clock
    assert sdcard(files, "Download/notes.txt").exists()


def test_rename_replaces_the_base_name_and_rejects_clashes(files: VirtualPhone) -> None:
    open_folder(files, "Download")
    selection_action(files, "notes.txt", "Rename")
    files.input_text("report")  # the base name starts selected: the extension stays
    tap(files, text="OK")
    assert app_of(files).listdir("/sdcard/Download") == ["Receipts", "report.pdf", "report.txt"]
    selection_action(files, "report.txt", "Rename")
    tap(files, rid="text1")
    for _ in range(len("report.txt")):
        files.press_key("DEL")
    files.input_text("RECEIPTS")
    tap(files, text="OK")
    need(files, rid="textinput_error", text="A file with this name already exists.")
    for _ in range(len("RECEIPTS")):
        files.press_key("DEL")
    files.input_text("shopping.txt")
    tap(files, text="OK")
    assert app_of(files).listdir("/sdcard/Download") == ["Receipts", "report.pdf", "shopping.txt"]
    assert sdcard(files, "Download/shopping.txt").read_bytes() == b"Buy milk\nCall Sam\n"


def test_new_folder_refuses_bad_names_then_opens_the_new_folder(files: VirtualPhone) -> None:
    open_folder(files, "Documents")
    tap(files, desc="More options")
    tap(files, text="New folder")
    files.input_text("../escape")
    tap(files, text="OK")
    need(files, rid="textinput_error", text="Invalid file name")
    tap(files, rid="text1")
    for _ in range(len("../escape")):
        files.press_key("DEL")
    files.input_text("Trips")
    tap(files, text="OK")
    assert sdcard(files, "Documents/Trips").is_dir()
    assert not (files.data_dir / "escape").exists() and not sdcard(files, "escape").exists()
    need(files, rid="action_bar_title", text="Trips")
    need(files, text="No items")


def test_open_text_file_shows_its_content_and_unknown_types_toast(files: VirtualPhone) -> None:
    app_of(files).write_file("/sdcard/Download/blob.bin", b"\x00\x01")
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(picture, "PNG")
    app_of(files).write_file("/sdcard/Download/sky.png", picture.getvalue())
    open_folder(files, "Download")
    tap(files, rid="title", text="notes.txt")
    assert files.current_focus()[1] == f"{PACKAGE}.preview.TextPreviewActivity"
    need(files, rid="preview_text", text="Buy milk\nCall Sam\n")
    files.press_key("BACK")
    tap(files, rid="title", text="blob.bin")
    assert files.host.state.toast is not None and files.host.state.toast.text == "Can\u2019t open file"
    assert files.current_focus()[1] == f"{PACKAGE}.files.FilesActivity"
    tap(files, rid="title", text="sky.png")  # pictures open in the Gallery, on this task
    assert files.current_focus()[0] == "com.android.gallery3d"
    files.press_key("BACK")
    assert files.current_focus()[1] == f"{PACKAGE}.files.FilesActivity"


def test_monkey_3000_events(files: VirtualPhone) -> None:
    result = files.shell(f"monkey -p {PACKAGE} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode().lower()
    files.shell("input keyevent HOME")
    assert files.current_focus()[0] == "com.android.launcher3"
