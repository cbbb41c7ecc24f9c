"""Small real MP3 files: an ID3v2.4 tag (title, artist, album, length) over silent MPEG-2.5 Layer III frames
(8 kHz mono, 8 kbit/s: 72 bytes per 72 ms frame, all-zero side info, so every frame decodes to silence).
`read_tags` is the media scanner's half: the tag's text frames and the length the frames give (CBR: size over
bitrate, as Android's MediaMetadataRetriever computes it)."""

from __future__ import annotations

import struct

FRAME_HEADER = bytes((0xFF, 0xE3, 0x18, 0xC0))
"""Sync, MPEG 2.5, Layer III, no CRC; 8 kbit/s, 8000 Hz, no padding; mono."""
FRAME_BYTES = 72
FRAME_MS = 72
SILENT_FRAME = FRAME_HEADER + bytes(FRAME_BYTES - len(FRAME_HEADER))
_TEXT_FRAMES = {"TIT2": "title", "TPE1": "artist", "TALB": "album", "TLEN": "length"}


def _syncsafe(n: int) -> bytes:
    return bytes(((n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F))


def _unsyncsafe(data: bytes) -> int:
    return (data[0] << 21) | (data[1] << 14) | (data[2] << 7) | data[3]


def _text_frame(frame_id: str, text: str) -> bytes:
    body = b"\x03" + text.encode("utf-8")  # encoding 3: UTF-8
    return frame_id.encode("ascii") + _syncsafe(len(body)) + b"\x00\x00" + body


def id3_tag(title: str, artist: str, album: str, length_ms: int) -> bytes:
    frames = b"".join(_text_frame(fid, text) for fid, text in
                      (("TIT2", title), ("TPE1", artist), ("TALB", album), ("TLEN", str(length_ms))) if text)
    return b"ID3\x04\x00\x00" + _syncsafe(len(frames)) + frames


def silent_mp3(title: str, artist: str, duration_ms: int, album: str = "") -> bytes:
    """An MP3 of `duration_ms` (rounded up to whole 72 ms frames) tagged with title, artist, album."""
    frames = max(1, -(-duration_ms // FRAME_MS))
    return id3_tag(title, artist, album, frames * FRAME_MS) + SILENT_FRAME * frames


def read_tags(head: bytes, file_size: int) -> dict[str, str | int]:
    """`title`, `artist`, `album` (when tagged) and `duration` (ms) from the file's first bytes (the whole tag)
    and its size."""
    found: dict[str, str | int] = {}
    tag_size = 0
    if head[:3] == b"ID3" and len(head) >= 10:
        tag_size = 10 + _unsyncsafe(head[6:10])
        offset = 10
        while offset + 10 <= min(tag_size, len(head)):
            frame_id = head[offset:offset + 4].decode("latin-1")
            size = _unsyncsafe(head[offset + 4:offset + 8]) if head[3] == 4 else struct.unpack(
                ">I", head[offset + 4:offset + 8])[0]
            if not frame_id.strip("\x00") or size <= 0:
                break
            body = head[offset + 10:offset + 10 + size]
            if frame_id in _TEXT_FRAMES and body:
                codec = {0: "latin-1", 1: "utf-16", 2: "utf-16-be", 3: "utf-8"}.get(body[0], "latin-1")
                found[_TEXT_FRAMES[frame_id]] = body[1:].decode(codec, errors="replace").strip("\x00")
            offset += 10 + size
    found.pop("length", None)  # the frames are the truth, as for Android's scanner
    found["duration"] = max(0, file_size - tag_size) // FRAME_BYTES * FRAME_MS
    return found
