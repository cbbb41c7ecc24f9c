"""`screenrecord`: Android 14's options and errors, a real MP4 (decoded here with PyAV, frame count and size),
virtual time in-process, and on the ADB path real time with other clients acting meanwhile and Ctrl-C
(the client going away) still leaving a complete file."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator

import adbutils
import av
import pytest

from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.adb_server import AdbServer
from droidpilot.emulator.virtual.apps.gallery import media


def decode(data: bytes) -> tuple[str, list[tuple[int, int, float]]]:
    """The codec and (width, height, seconds) of every frame."""
    with av.open(io.BytesIO(data)) as container:
        stream = container.streams.video[0]
        frames = [(f.width, f.height, float((f.pts or 0) * (stream.time_base or 0))) for f in container.decode(stream)]
        return str(stream.codec_context.name), frames


@pytest.fixture(scope="module")
def phone() -> Iterator[VirtualPhone]:
    with VirtualPhone() as p:
        yield p


@pytest.mark.parametrize(("args", "message"), [
    ("", "Must specify output file (see --help)."),
    ("--size 12 /sdcard/x.mp4", "Invalid size '12', must be width x height"),
    ("--time-limit 500 /sdcard/x.mp4", "Time limit 500s outside acceptable range [0,180] seconds"),
    ("--bit-rate 7 /sdcard/x.mp4", "Bit rate 7bps outside acceptable range [100000,200000000]"),
])
def test_bad_options_exit_2_with_androids_words(phone: VirtualPhone, args: str, message: str) -> None:
    result = phone.shell(f"screenrecord {args}")
    assert (result.exit_code, result.stderr.decode()) == (2, message + "\n")


def test_in_process_recording_spends_virtual_time(phone: VirtualPhone) -> None:
    assert phone.shell("screenrecord --help").stdout.startswith(b"Usage: screenrecord [options] <filename>")
    denied = phone.shell("screenrecord /system/x.mp4")
    assert (denied.exit_code, denied.stderr) == (1, b"Unable to open '/system/x.mp4': Read-only file system\n")
    before = phone.clock.elapsed_ms()
    result = phone.shell("screenrecord --verbose --time-limit 3 --size 540x1200 --bit-rate 4M /sdcard/a.mp4")
    assert result.exit_code == 0 and phone.clock.elapsed_ms() - before >= 3000
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "Display is 1080x2400 @60.00fps (orientation=ROTATION_0), layerStack=0"
    assert lines[1] == "Configuring recorder for 540x1200 video/avc at 4.00Mbps" and "Time limit reached" in lines
    codec, frames = decode((phone.fs.sdcard / "a.mp4").read_bytes())
    assert codec == "h264" and [f[:2] for f in frames] == [(540, 1200)] * 2 and frames[-1][2] == 3.0
    assert media.dimensions(phone.fs.sdcard / "a.mp4") == (540, 1200)  # Gallery's poster: the first frame


def test_over_adb_other_clients_act_while_it_records() -> None:
    with AdbServer.virtual(devices=1, port=0) as server:
        device = adbutils.AdbClient(port=server.port).device("emulator-5554")

        def act() -> None:  # on connections of their own, as a test script beside the recording would
            time.sleep(0.6)
            device.shell("input keyevent KEYCODE_NOTIFICATION")
            time.sleep(0.5)
            device.shell("input keyevent HOME")

        actor = threading.Thread(target=act)
        actor.start()
        started = time.monotonic()
        assert device.shell("screenrecord --time-limit 2 --size 360x800 /sdcard/rec.mp4 && echo done") == "done"
        assert time.monotonic() - started >= 2.0
        actor.join()
        codec, frames = decode(device.sync.read_bytes("/sdcard/rec.mp4"))
        assert codec == "h264" and len(frames) >= 3 and {f[:2] for f in frames} == {(360, 800)}
        assert 2.0 <= frames[-1][2] < 3.0

        stream = device.shell("screenrecord --time-limit 0 /sdcard/stopped.mp4", stream=True)
        time.sleep(0.5)
        stream.close()  # Ctrl-C: the recording stops, the file is finished
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            data = device.sync.read_bytes("/sdcard/stopped.mp4")
            if data:
                break
            time.sleep(0.1)
        assert decode(data)[1][0][:2] == (1080, 2400)
