"""Camera driven through its UI: photos and videos land in /sdcard/DCIM/Camera as real JPEG and MP4 files."""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path

from PIL import Image

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.apps.camera import CameraApp
from droidpilot.emulator.virtual.apps.camera.mp4 import top_level_boxes
from tests.ui import find, need, open_app, tap

PACKAGE = "com.android.camera2"


def camera_dir(phone: VirtualPhone) -> Path:
    return phone.data_dir / "sdcard" / "DCIM" / "Camera"


def files(phone: VirtualPhone) -> list[str]:
    folder = camera_dir(phone)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def stamp(phone: VirtualPhone) -> str:
    return f"{phone.clock.now():%Y%m%d_%H%M%S}"


def test_take_photos_writes_dated_jpegs(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    assert phone.current_focus() == (PACKAGE, "com.android.camera.CameraActivity")
    assert find(phone, desc="Filmstrip") is None
    assert need(phone, desc="Photo").selected
    tap(phone, desc="Shutter")
    first = f"IMG_{stamp(phone)}.jpg"
    tap(phone, desc="Shutter")  # the same second: the name gets _1
    assert files(phone) == [first, first.replace(".jpg", "_1.jpg")]
    path = camera_dir(phone) / first
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == (960, 1280)
        image.load()
        taken = image.getexif().get_ifd(0x8769)[0x9003]
    assert taken == f"{phone.clock.now():%Y:%m:%d %H:%M:%S}"
    assert abs(os.stat(path).st_mtime - phone.clock.now_ms() / 1000) < 1
    camera = phone.host.apps[PACKAGE]
    assert isinstance(camera, CameraApp)
    assert camera.last_capture() == f"/sdcard/DCIM/Camera/{first.replace('.jpg', '_1.jpg')}"
    need(phone, desc="Filmstrip")


def test_photos_differ_with_the_minute(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    tap(phone, desc="Shutter")
    phone.advance_clock(60_000)
    tap(phone, desc="Shutter")
    first, second = (Image.open(camera_dir(phone) / name).convert("RGB") for name in files(phone))
    assert first.tobytes() != second.tobytes()


def test_record_video_writes_an_mp4(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    tap(phone, desc="Video")
    assert need(phone, desc="Video").selected
    tap(phone, desc="Shutter")
    name = f"VID_{stamp(phone)}.mp4"
    phone.advance_clock(4000)
    need(phone, rid="recording_time", text="00:04")
    assert find(phone, desc="Photo") is None  # mode tabs hide while recording
    assert files(phone) == []
    tap(phone, desc="Stop")
    assert files(phone) == [name]
    data = (camera_dir(phone) / name).read_bytes()
    assert data[4:8] == b"ftyp" and data[8:12] == b"isom"
    assert [kind for kind, _, _ in top_level_boxes(data)] == [b"ftyp", b"mdat", b"moov"]
    mvhd = data.index(b"mvhd")
    timescale, duration = struct.unpack(">II", data[mvhd + 16 : mvhd + 24])
    assert timescale == 1000 and 4000 <= duration <= 4200
    frame = data[data.index(b"\xff\xd8\xff") :]
    with Image.open(io.BytesIO(frame)) as image:
        assert image.format == "JPEG" and image.size == (240, 320)
    need(phone, desc="Shutter")
    need(phone, desc="Filmstrip")


def test_back_while_recording_saves_the_video(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    phone.swipe(900, 900, 200, 900)  # swipe left: video mode
    tap(phone, desc="Shutter")
    phone.advance_clock(1500)
    phone.press_key("BACK")
    assert [n[-4:] for n in files(phone)] == [".mp4"]
    assert phone.current_focus()[0] == "com.android.launcher3"


def test_thumbnail_opens_the_capture_in_gallery(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    tap(phone, desc="Switch to front camera")
    need(phone, desc="Switch to back camera")
    tap(phone, desc="Shutter")
    tap(phone, desc="Filmstrip")
    assert phone.current_focus() == ("com.android.gallery3d", "com.android.gallery3d.app.PhotoPage")
    need(phone, rid="action_bar_title", text=files(phone)[0])
    phone.press_key("BACK")
    assert phone.current_focus()[0] == PACKAGE


def test_video_intent_opens_video_mode(phone: VirtualPhone) -> None:
    assert phone.shell("am start -a android.media.action.VIDEO_CAMERA").exit_code == 0
    assert need(phone, desc="Video").selected


def test_monkey(phone: VirtualPhone) -> None:
    result = phone.shell(f"monkey -p {PACKAGE} -s 7 --throttle 0 3000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 3000" in result.stdout.decode()
    assert "internal error" not in result.stderr.decode().lower()
    phone.shell("input keyevent HOME")
    assert phone.current_focus()[0] == "com.android.launcher3"
    for name in files(phone):
        assert name.startswith(("IMG_", "VID_"))


def test_leaving_the_camera_while_recording_saves_the_video(phone: VirtualPhone) -> None:
    open_app(phone, "Camera")
    tap(phone, desc="Video")
    tap(phone, desc="Shutter")
    phone.advance_clock(3_000)
    phone.press_key("HOME")
    videos = [p for p in phone.host.fs.host_path("/sdcard/DCIM/Camera").iterdir() if p.suffix == ".mp4"]
    assert len(videos) == 1 and videos[0].stat().st_size > 0
