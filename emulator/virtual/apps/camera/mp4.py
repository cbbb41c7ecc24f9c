"""A minimal but standard MP4 (ISO/IEC 14496-12/14) holding Motion-JPEG frames.

Layout `ftyp`, `mdat`, `moov` (moov last, as Android's MediaRecorder writes it). The one video track uses an
`mp4v` sample entry whose `esds` names object type 0x6C (JPEG), which is how FFmpeg muxes MJPEG into MP4, so
FFmpeg, VLC and MP4 parsers read it. Each frame is one sample; all frames live in a single chunk.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

MAC_EPOCH_OFFSET = 2082844800
"""Seconds from 1904-01-01 (the MP4 time origin) to 1970-01-01."""
TIMESCALE = 1000
_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def _box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _full_box(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags), *payload)


def _descriptor(tag: int, body: bytes) -> bytes:
    """An MPEG-4 descriptor with the 4-byte (0x80-continued) size FFmpeg and Android write."""
    n = len(body)
    size = bytes([0x80 | (n >> 21) & 0x7F, 0x80 | (n >> 14) & 0x7F, 0x80 | (n >> 7) & 0x7F, n & 0x7F])
    return bytes([tag]) + size + body


def _esds(bitrate: int) -> bytes:
    config = _descriptor(0x04, struct.pack(">BB", 0x6C, 0x11) + b"\x00\x00\x00" + struct.pack(">II", bitrate,
                                                                                               bitrate))
    sl_config = _descriptor(0x06, b"\x02")
    return _full_box(b"esds", 0, 0, _descriptor(0x03, struct.pack(">HB", 1, 0) + config + sl_config))


def _sample_entry(width: int, height: int, bitrate: int) -> bytes:
    compressor = b"\x04MJPG".ljust(32, b"\x00")
    visual = (b"\x00" * 6 + struct.pack(">H", 1) + b"\x00" * 16 + struct.pack(">HHII", width, height, 0x480000,
                                                                                 0x480000)
              + b"\x00" * 4 + struct.pack(">H", 1) + compressor + struct.pack(">Hh", 0x18, -1))
    return _box(b"mp4v", visual, _esds(bitrate))


def _durations(count: int, duration_ms: int) -> list[tuple[int, int]]:
    """stts entries spreading `duration_ms` over `count` samples (the last one takes the remainder)."""
    each = max(1, duration_ms // count)
    last = max(1, duration_ms - each * (count - 1))
    if last == each:
        return [(count, each)]
    return ([(count - 1, each)] if count > 1 else []) + [(1, last)]


def _stbl(frames: Sequence[bytes], width: int, height: int, duration_ms: int, chunk_offset: int) -> bytes:
    bitrate = sum(len(f) for f in frames) * 8 * 1000 // max(1, duration_ms)
    stts = _durations(len(frames), duration_ms)
    return _box(
        b"stbl",
        _full_box(b"stsd", 0, 0, struct.pack(">I", 1), _sample_entry(width, height, bitrate)),
        _full_box(b"stts", 0, 0, struct.pack(">I", len(stts)), *(struct.pack(">II", n, d) for n, d in stts)),
        _full_box(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, len(frames), 1)),
        _full_box(b"stsz", 0, 0, struct.pack(">II", 0, len(frames)), *(struct.pack(">I", len(f)) for f in frames)),
        _full_box(b"stco", 0, 0, struct.pack(">II", 1, chunk_offset)),
    )


def _trak(stbl: bytes, width: int, height: int, duration_ms: int, stamp: int) -> bytes:
    tkhd = _full_box(b"tkhd", 0, 3, struct.pack(">IIIII", stamp, stamp, 1, 0, duration_ms), b"\x00" * 8,
                     struct.pack(">hhhH", 0, 0, 0, 0), _MATRIX, struct.pack(">II", width << 16, height << 16))
    mdhd = _full_box(b"mdhd", 0, 0, struct.pack(">IIIIHH", stamp, stamp, TIMESCALE, duration_ms, 0x55C4, 0))
    hdlr = _full_box(b"hdlr", 0, 0, struct.pack(">I", 0), b"vide", b"\x00" * 12, b"VideoHandle\x00")
    dinf = _box(b"dinf", _full_box(b"dref", 0, 0, struct.pack(">I", 1), _full_box(b"url ", 0, 1)))
    minf = _box(b"minf", _full_box(b"vmhd", 0, 1, b"\x00" * 8), dinf, stbl)
    return _box(b"trak", tkhd, _box(b"mdia", mdhd, hdlr, minf))


def mjpeg_mp4(frames: Sequence[bytes], width: int, height: int, duration_ms: int, created_s: int) -> bytes:
    """The file bytes: `frames` are complete JPEG images of `width`x`height`, played over `duration_ms`."""
    if not frames:
        raise ValueError("an MP4 needs at least one frame")
    duration_ms = max(1, duration_ms)
    stamp = created_s + MAC_EPOCH_OFFSET
    ftyp = _box(b"ftyp", b"isom", struct.pack(">I", 0x200), b"isom", b"iso2", b"mp41")
    mdat = _box(b"mdat", *frames)
    stbl = _stbl(frames, width, height, duration_ms, len(ftyp) + 8)
    mvhd = _full_box(b"mvhd", 0, 0, struct.pack(">IIII", stamp, stamp, TIMESCALE, duration_ms),
                     struct.pack(">IH", 0x10000, 0x100), b"\x00" * 10, _MATRIX, b"\x00" * 24, struct.pack(">I", 2))
    moov = _box(b"moov", mvhd, _trak(stbl, width, height, duration_ms, stamp))
    return ftyp + mdat + moov


def top_level_boxes(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, offset, size) of each top-level box; for readers and tests."""
    boxes: list[tuple[bytes, int, int]] = []
    offset = 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size < 8:
            break
        boxes.append((kind, offset, size))
        offset += size
    return boxes
