"""Small real video files: MPEG-4 with Motion-JPEG frames showing a line of text (AndroidWorld's test videos show
a random message for a while), and the scan that reads a video's duration back from its movie header."""

from __future__ import annotations

import io
import zlib

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.apps.audiorecorder.m4a import duration_ms
from droidpilot.emulator.virtual.apps.camera.mp4 import mjpeg_mp4
from droidpilot.emulator.virtual.toolkit.fonts import font

WIDTH, HEIGHT = 320, 240
VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mkv", ".webm", ".avi", ".mov", ".3gp")
FRAMES = 4
"""Frames per file, whatever its length: each is shown for a quarter of it (files stay a few kilobytes)."""


def _frame(message: str, shade: int) -> bytes:
    hue = zlib.crc32(message.encode()) & 0xFFFFFF
    background = ((hue >> 16) % 128 + shade, (hue >> 8 & 0xFF) % 128 + shade, (hue & 0xFF) % 128 + shade)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH // 2, HEIGHT // 2), message, fill=(255, 255, 255), font=font(28), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


def message_video(message: str, seconds: int, created_s: int) -> bytes:
    """An MP4 of `seconds` showing `message`, its background a little lighter each quarter."""
    frames = [_frame(message, 20 * i) for i in range(FRAMES)]
    return mjpeg_mp4(frames, WIDTH, HEIGHT, max(1, seconds) * 1000, created_s)


def messages_video(messages: list[str], seconds_each: int, created_s: int) -> bytes:
    """An MP4 showing each of `messages` in turn for `seconds_each` (AndroidWorld's transcription videos)."""
    frames = [_frame(message, 0) for message in messages]
    return mjpeg_mp4(frames, WIDTH, HEIGHT, max(1, seconds_each) * 1000 * len(frames), created_s)


def video_duration_ms(data: bytes) -> int:
    """The duration the file declares; 0 for what is no MP4 (VLC lists it with no duration)."""
    return duration_ms(data) or 0
