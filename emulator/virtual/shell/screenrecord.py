"""`screenrecord [--size WxH] [--bit-rate RATE] [--time-limit SEC] [--verbose] FILE`: the screen as an H.264 MP4.

Android 14's screenrecord (v1.3) options, messages and limits. The file is a real MP4 (H.264 by PyAV's bundled
FFmpeg, MPEG-4 Part 2 if that FFmpeg has no H.264 encoder) that standard players and decoders read. Like the
real tool, a frame is written when the screen changes, each stamped with the time it appeared.

On the ADB path the recording runs in real time, a screen sampled every FRAME_INTERVAL_S with the phone released
in between (so other clients can tap and type meanwhile), until the time limit or until the client goes away
(Ctrl-C), which still leaves a complete file. In-process, time is virtual: the screen at the start, then the
phone's clock moves on by the time limit (as `sleep` does) and the screen at the end.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import av
from PIL import Image, ImageOps

from droidpilot.emulator.virtual.shell.common import emit, fail
from droidpilot.emulator.virtual.shell.device_util import write_device_file

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

USAGE = """Usage: screenrecord [options] <filename>

Android screenrecord v1.3.  Records the device's display to a .mp4 file.

Options:
--size WIDTHxHEIGHT
    Set the video size, e.g. "1280x720".  Default is the device's main
    display resolution (if supported), 1280x720 if not.  For best results,
    use a size supported by the AVC encoder.
--bit-rate RATE
    Set the video bit rate, in bits per second.  Value may be specified as
    bits or megabits, e.g. '4000000' is equivalent to '4M'.  Default 20Mbps.
--bugreport
    Add additional information, such as a timestamp overlay, that is helpful
    in videos captured to illustrate bugs.
--time-limit TIME
    Set the maximum recording time, in seconds.  Default is 180. Set to 0
    to remove the time limit.
--display-id ID
    specify the physical display ID to record. Default is the primary display.
    see "dumpsys SurfaceFlinger --display-id" for valid display IDs.
--verbose
    Display interesting information on stdout.
--help
    Show this message.

Recording continues until Ctrl-C is hit or the time limit is reached.

"""
MAX_TIME_LIMIT_S = 180
FRAME_INTERVAL_S = 0.1
CODECS = ("libx264", "libopenh264", "mpeg4")
MS = Fraction(1, 1000)


@dataclass
class Options:
    path: str = ""
    size: tuple[int, int] | None = None
    bit_rate: int = 20_000_000
    time_limit_s: int = MAX_TIME_LIMIT_S
    verbose: bool = False


def _bit_rate(text: str) -> int | None:
    match = re.fullmatch(r"(\d+)([mM]?)", text)
    if match is None:
        return None
    return int(match.group(1)) * (1_000_000 if match.group(2) else 1)


def parse(argv: list[str]) -> Options | str:
    """The options, or the error line screenrecord prints (exit 2)."""
    opts, args = Options(), list(argv)
    while args and args[0].startswith("--"):
        name = args.pop(0)
        if name in ("--verbose", "--bugreport", "--rotate"):
            opts.verbose = opts.verbose or name == "--verbose"
            continue
        if name == "--help":
            return ""
        if not args:
            return f"screenrecord: option '{name}' requires an argument"
        value = args.pop(0)
        if name == "--size":
            match = re.fullmatch(r"(\d+)x(\d+)", value)
            if match is None or 0 in (int(match.group(1)), int(match.group(2))):
                return f"Invalid size '{value}', must be width x height"
            opts.size = int(match.group(1)), int(match.group(2))
        elif name == "--bit-rate":
            rate = _bit_rate(value)
            if rate is None or not 100_000 <= rate <= 200_000_000:
                return f"Bit rate {value}bps outside acceptable range [100000,200000000]"
            opts.bit_rate = rate
        elif name == "--time-limit":
            if not value.isdigit() or int(value) > MAX_TIME_LIMIT_S:
                return f"Time limit {value}s outside acceptable range [0,{MAX_TIME_LIMIT_S}] seconds"
            opts.time_limit_s = int(value)
        elif name != "--display-id":
            return f"Unknown option '{name}'"
    if len(args) != 1:
        return "Must specify output file (see --help)."
    opts.path = args[0]
    return opts


class Mp4Writer:
    """Frames in, an MP4 out: each frame letterboxed to the video size and stamped with its time in ms."""

    def __init__(self, size: tuple[int, int], bit_rate: int) -> None:
        self.size = (size[0] // 2 * 2, size[1] // 2 * 2)  # the AVC encoder takes even sizes
        self.buffer = io.BytesIO()
        self.container = av.open(self.buffer, mode="w", format="mp4")
        codec = next(c for c in CODECS if c in av.codecs_available)
        stream = self.container.add_stream(codec, rate=60)
        if not isinstance(stream, av.VideoStream):
            raise TypeError(f"{codec} is no video encoder")
        self.stream = stream
        self.stream.width, self.stream.height = self.size
        self.stream.pix_fmt = "yuv420p"
        self.stream.bit_rate = bit_rate
        self.stream.codec_context.time_base = MS
        if codec == "libx264":
            self.stream.options = {"preset": "ultrafast"}
        self.frames = 0
        self.last_ms = -1

    @property
    def codec(self) -> str:
        return str(self.stream.codec_context.name)

    def add(self, image: Image.Image, at_ms: int) -> None:
        if at_ms <= self.last_ms:
            return
        fitted = ImageOps.pad(image.convert("RGB"), self.size, color=(0, 0, 0))
        frame = av.VideoFrame.from_image(fitted)
        frame.pts, frame.time_base = at_ms, MS
        for packet in self.stream.encode(frame):
            self.container.mux(packet)
        self.frames += 1
        self.last_ms = at_ms

    def finish(self) -> bytes:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()
        return self.buffer.getvalue()


def _record_realtime(phone: VirtualPhone, inv: Invocation, writer: Mp4Writer, limit_s: int) -> tuple[int, bool]:
    """Sample the screen until the limit or the client's Ctrl-C; (ms recorded, limit reached)."""
    started = time.monotonic()
    last: bytes | None = None
    while True:
        now_ms = int((time.monotonic() - started) * 1000)
        image = phone.screenshot()
        pixels = image.tobytes()
        if pixels != last:
            writer.add(image, now_ms)
            last = pixels
        if limit_s and now_ms >= limit_s * 1000:
            writer.add(image, now_ms)  # the last picture lasts to the end
            return now_ms, True
        if not inv.session.pause(FRAME_INTERVAL_S):
            writer.add(image, now_ms)
            return now_ms, False


def _record_virtual(phone: VirtualPhone, writer: Mp4Writer, limit_s: int) -> tuple[int, bool]:
    limit_ms = (limit_s or MAX_TIME_LIMIT_S) * 1000
    writer.add(phone.screenshot(), 0)
    phone.advance_clock(limit_ms)
    writer.add(phone.screenshot(), limit_ms)
    return limit_ms, True


def screenrecord(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        opts = parse(inv.argv[1:])
        if isinstance(opts, str):
            return fail(inv, opts, 2) if opts else _help(inv)
        error = write_device_file(phone, inv, opts.path, b"")  # the file is created before recording starts
        if error:
            return fail(inv, f"Unable to open '{opts.path}': {error}", 1)
        display = phone.screenshot().size
        writer = Mp4Writer(opts.size or display, opts.bit_rate)
        if opts.verbose:
            _describe(inv, display, writer, opts.bit_rate)
        record = _record_realtime if inv.session.realtime else None
        recorded_ms, reached = (record(phone, inv, writer, opts.time_limit_s) if record is not None
                                else _record_virtual(phone, writer, opts.time_limit_s))
        data = writer.finish()
        error = write_device_file(phone, inv, opts.path, data)
        if error:
            return fail(inv, f"Unable to open '{opts.path}': {error}", 1)
        if opts.verbose:
            emit(inv, ("Time limit reached\n" if reached else "")
                 + f"Encoder stopping; recorded {writer.frames} frames in {recorded_ms // 1000} seconds\n"
                 "Stopping encoder and muxer\n")
        return 0

    return run


def _help(inv: Invocation) -> int:
    emit(inv, USAGE)
    return 0


def _describe(inv: Invocation, display: tuple[int, int], writer: Mp4Writer, bit_rate: int) -> None:
    mime = "video/avc" if writer.codec in ("libx264", "h264", "libopenh264") else "video/mp4v-es"
    width, height = writer.size
    scale = min(width / display[0], height / display[1])
    content = (round(display[0] * scale) // 2 * 2, round(display[1] * scale) // 2 * 2)
    emit(inv, f"Display is {display[0]}x{display[1]} @60.00fps (orientation=ROTATION_0), layerStack=0\n"
              f"Configuring recorder for {width}x{height} {mime} at {bit_rate / 1e6:.2f}Mbps\n"
              f"Content area is {content[0]}x{content[1]} at offset x={(width - content[0]) // 2} "
              f"y={(height - content[1]) // 2}\n")
    inv.session.flush()
