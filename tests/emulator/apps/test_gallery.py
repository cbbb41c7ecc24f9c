"""Gallery driven through its UI: the grid of real image files, the viewer, delete, save a copy, share."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.gallery import GalleryApp
from tests.ui import elements, find, need, open_app, tap

PACKAGE = "com.android.gallery3d"
PHOTO_PAGE = f"{PACKAGE}.app.PhotoPage"
BASE = 1_790_000_000  # seed mtimes, in epoch seconds (before the virtual clock's now)


def gallery(phone: VirtualPhone) -> GalleryApp:
    app = phone.host.apps[PACKAGE]
    assert isinstance(app, GalleryApp)
    return app


def sdcard(phone: VirtualPhone, rel: str) -> Path:
    return phone.data_dir / "sdcard" / rel


@pytest.fixture
def seeded(phone: VirtualPhone) -> VirtualPhone:
    app = gallery(phone)
    app.add_image("/sdcard/DCIM/Camera/old.jpg", 640, 480, "#e53935", mtime=BASE)
    app.add_image("/sdcard/Pictures/middle.png", 300, 500, "#43a047", mtime=BASE + 60)
    app.add_image("/storage/emulated/0/Download/receipt.jpg", 400, 600, "#1e88e5", mtime=BASE + 120)
    sdcard(phone, "Download/notes.txt").write_text("not a picture")
    return phone


def grid_names(phone: VirtualPhone) -> list[str]:
    return [e.content_desc for e in elements(phone) if e.resource_id.endswith(":id/thumbnail")]


def test_grid_shows_images_newest_first(seeded: VirtualPhone) -> None:
    open_app(seeded, "Gallery")
    need(seeded, rid="action_bar_title", text="Gallery")
    assert grid_names(seeded) == ["receipt.jpg", "middle.png", "old.jpg"]
    assert gallery(seeded).images() == ["/sdcard/Download/receipt.jpg", "/sdcard/Pictures/middle.png",
                                        "/sdcard/DCIM/Camera/old.jpg"]


def test_empty_gallery(phone: VirtualPhone) -> None:
    open_app(phone, "Gallery")
    need(phone, text="No images available.")


def test_open_photo_details_and_swipe(seeded: VirtualPhone) -> None:
    open_app(seeded, "Gallery")
    tap(seeded, desc="middle.png")
    assert seeded.current_focus() == (PACKAGE, PHOTO_PAGE)
    need(seeded, rid="action_bar_title", text="middle.png")
    tap(seeded, desc="More options")
    tap(seeded, text="Details")
    for line in ("Title: middle.png", "Width: 300", "Height: 500", "Path: /storage/emulated/0/Pictures/middle.png"):
        need(seeded, text=line)
    tap(seeded, text="Close")
    seeded.swipe(900, 1200, 150, 1200)  # left: the next, older picture
    need(seeded, rid="action_bar_title", text="old.jpg")
    seeded.swipe(900, 1200, 150, 1200)  # nothing older: stays
    need(seeded, rid="action_bar_title", text="old.jpg")
    seeded.swipe(150, 1200, 900, 1200)
    seeded.swipe(150, 1200, 900, 1200)
    need(seeded, rid="action_bar_title", text="receipt.jpg")
    seeded.press_key("BACK")
    assert seeded.current_focus() == (PACKAGE, f"{PACKAGE}.app.GalleryActivity")


def test_delete_asks_first(seeded: VirtualPhone) -> None:
    open_app(seeded, "Gallery")
    tap(seeded, desc="middle.png")
    tap(seeded, desc="Delete")
    need(seeded, text="Delete selected item?")
    tap(seeded, text="Cancel")
    assert sdcard(seeded, "Pictures/middle.png").exists()
    tap(seeded, desc="Delete")
    tap(seeded, text="OK")
    assert not sdcard(seeded, "Pictures/middle.png").exists()
    need(seeded, rid="action_bar_title", text="old.jpg")  # the next picture takes its place
    seeded.press_key("BACK")
    assert grid_names(seeded) == ["receipt.jpg", "old.jpg"]


def test_deleting_the_last_picture_returns_to_the_grid(phone: VirtualPhone) -> None:
    gallery(phone).add_image("/sdcard/Pictures/only.webp", 100, 100, "red")
    open_app(phone, "Gallery")
    tap(phone, desc="only.webp")
    tap(phone, desc="Delete")
    tap(phone, text="OK")
    assert phone.current_focus()[1] == f"{PACKAGE}.app.GalleryActivity"
    need(phone, text="No images available.")


def test_save_a_copy(seeded: VirtualPhone) -> None:
    open_app(seeded, "Gallery")
    tap(seeded, desc="receipt.jpg")
    for expected in ("receipt_copy.jpg", "receipt_copy_2.jpg"):
        tap(seeded, desc="More options")
        tap(seeded, text="Save a copy")
        copy = sdcard(seeded, f"Download/{expected}")
        assert copy.is_file()
        with Image.open(copy) as a, Image.open(sdcard(seeded, "Download/receipt.jpg")) as b:
            assert a.size == b.size == (400, 600) and a.tobytes() == b.tobytes()
        assert seeded.host.state.toast is not None and expected in seeded.host.state.toast.text
    need(seeded, rid="action_bar_title", text="receipt.jpg")
    seeded.press_key("BACK")
    assert grid_names(seeded)[:2] == ["receipt_copy_2.jpg", "receipt_copy.jpg"]


def test_copy_to_another_folder_keeps_the_name(seeded: VirtualPhone) -> None:
    # AndroidWorld's SaveCopyOfReceipt: "copy NAME in DCIM and save a copy with the same name in Download".
    open_app(seeded, "Gallery")
    tap(seeded, desc="old.jpg")
    tap(seeded, desc="More options")
    tap(seeded, text="Copy to")
    need(seeded, text="DCIM/Camera")
    tap(seeded, text="Download")
    copy = sdcard(seeded, "Download/old.jpg")
    assert copy.read_bytes() == sdcard(seeded, "DCIM/Camera/old.jpg").read_bytes()
    tap(seeded, desc="More options")
    tap(seeded, text="Copy to")
    tap(seeded, text="Download")  # taken there now: the second copy gets _copy
    assert sdcard(seeded, "Download/old_copy.jpg").is_file()
    tap(seeded, desc="More options")
    tap(seeded, text="Copy to")
    tap(seeded, text="Cancel")
    assert sorted(p.name for p in sdcard(seeded, "Download").iterdir()) == [
        "notes.txt", "old.jpg", "old_copy.jpg", "receipt.jpg"]


def test_share_opens_the_share_sheet(seeded: VirtualPhone) -> None:
    open_app(seeded, "Gallery")
    tap(seeded, desc="old.jpg")
    tap(seeded, desc="Share")
    assert seeded.current_focus()[0] == "com.android.intentresolver"
    need(seeded, text="old.jpg")
    seeded.press_key("BACK")
    assert seeded.current_focus() == (PACKAGE, PHOTO_PAGE)


def test_view_intent_opens_the_photo_page(seeded: VirtualPhone) -> None:
    assert seeded.shell("am start -a android.intent.action.VIEW -d file:///sdcard/Pictures/middle.png").exit_code == 0
    assert seeded.current_focus() == (PACKAGE, PHOTO_PAGE)
    need(seeded, rid="action_bar_title", text="middle.png")
    seeded.shell(f"am start -a android.intent.action.VIEW -n {PACKAGE}/.app.PhotoPage -d file:///sdcard/../etc/x.jpg")
    assert find(seeded, rid="photo_view") is None
    need(seeded, text="Couldn't load image")


def test_add_image_rejects_paths_off_shared_storage(phone: VirtualPhone) -> None:
    with pytest.raises(ValueError):
        gallery(phone).add_image("/data/data/x.jpg")
    with pytest.raises(ValueError):
        gallery(phone).add_image("/sdcard/Pictures/x.gif")


def test_monkey(seeded: VirtualPhone) -> None:
    result = seeded.shell(f"monkey -p {PACKAGE} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode().lower()
    seeded.shell("input keyevent HOME")
    assert seeded.current_focus()[0] == "com.android.launcher3"
