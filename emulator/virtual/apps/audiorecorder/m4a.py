"""Silent AAC-LC audio in an MPEG-4 audio file (`.m4a`, ISO/IEC 14496-12/14 with an `mp4a` track).

Every AAC frame is the same four bytes: one mono channel element with `max_sfb = 0` (no spectral data, so it
decodes to 1024 samples of silence) and the END element. The sample table is constant-size (`stsz` with a fixed
size, one `stts` run, one chunk), so an hour of audio is a few hundred kilobytes of frames and a tiny index.
FFmpeg, MediaExtractor and MP4 parsers read the file and report its duration.
"""

from __future__ import annotations

import struct

SAMPLE_RATE = 44_100
FRAME_SAMPLES = 1024
SILENT_FRAME = bytes((0x01, 0x40, 0x20, 0x07))
"""SCE (tag 0, global_gain 160, long window, max_sfb 0, no pulse/TNS/gain control), then END (0b111)."""
MAC_EPOCH_OFFSET = 2_082_844_800
_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
_FREQ_INDEX = {96_000: 0, 88_200: 1, 64_000: 2, 48_000: 3, 44_100: 4, 32_000: 5, 24_000: 6, 22_050: 7, 16_000: 8}


def _box(kind: bytes, *payload: bytes) -> bytes:
    body = b"".join(payload)
    return struct.pack(">I", 8 + len(body)) + kind + body


def _full_box(kind: bytes, version: int, flags: int, *payload: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags), *payload)


def _descriptor(tag: int, body: bytes) -> bytes:
    n = len(body)
    size = bytes([0x80 | (n >> 21) & 0x7F, 0x80 | (n >> 14) & 0x7F, 0x80 | (n >> 7) & 0x7F, n & 0x7F])
    return bytes([tag]) + size + body


def _audio_specific_config(sample_rate: int) -> bytes:
    """AAC-LC (object type 2), the rate's index, one channel, 1024-sample frames."""
    bits = (2 << 11) | (_FREQ_INDEX[sample_rate] << 7) | (1 << 3)
    return struct.pack(">H", bits)


def _sample_entry(sample_rate: int) -> bytes:
    config = _descriptor(0x04, bytes((0x40, 0x15)) + b"\x00\x00\x00" + struct.pack(">II", 1411, 1411)
                         + _descriptor(0x05, _audio_specific_config(sample_rate)))
    esds = _full_box(b"esds", 0, 0, _descriptor(0x03, struct.pack(">HB", 1, 0) + config + _descriptor(0x06, b"\x02")))
    audio = b"\x00" * 6 + struct.pack(">H", 1) + b"\x00" * 8 + struct.pack(">HHHHI", 1, 16, 0, 0, sample_rate << 16)
    return _box(b"mp4a", audio, esds)


def _track(frames: int, sample_rate: int, duration_ms: int, stamp: int, chunk_offset: int) -> bytes:
    stbl = _box(
        b"stbl",
        _full_box(b"stsd", 0, 0, struct.pack(">I", 1), _sample_entry(sample_rate)),
        _full_box(b"stts", 0, 0, struct.pack(">III", 1, frames, FRAME_SAMPLES)),
        _full_box(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, frames, 1)),
        _full_box(b"stsz", 0, 0, struct.pack(">II", len(SILENT_FRAME), frames)),
        _full_box(b"stco", 0, 0, struct.pack(">II", 1, chunk_offset)),
    )
    dinf = _box(b"dinf", _full_box(b"dref", 0, 0, struct.pack(">I", 1), _full_box(b"url ", 0, 1)))
    minf = _box(b"minf", _full_box(b"smhd", 0, 0, b"\x00" * 4), dinf, stbl)
    mdhd = _full_box(b"mdhd", 0, 0, struct.pack(">IIIIHH", stamp, stamp, sample_rate, frames * FRAME_SAMPLES,
                                                 0x55C4, 0))
    hdlr = _full_box(b"hdlr", 0, 0, struct.pack(">I", 0), b"soun", b"\x00" * 12, b"SoundHandle\x00")
    tkhd = _full_box(b"tkhd", 0, 3, struct.pack(">IIIII", stamp, stamp, 1, 0, duration_ms), b"\x00" * 8,
                     struct.pack(">hhhH", 0, 0, 0x0100, 0), _MATRIX, struct.pack(">II", 0, 0))
    return _box(b"trak", tkhd, _box(b"mdia", mdhd, hdlr, minf))


def silent_m4a(duration_ms: int, created_s: int, sample_rate: int = SAMPLE_RATE) -> bytes:
    """The bytes of an `.m4a` holding `duration_ms` (at least one frame) of silence, created at `created_s`."""
    frames = max(1, round(duration_ms * sample_rate / (1000 * FRAME_SAMPLES)))
    exact_ms = frames * FRAME_SAMPLES * 1000 // sample_rate
    stamp = created_s + MAC_EPOCH_OFFSET
    ftyp = _box(b"ftyp", b"M4A ", struct.pack(">I", 0), b"M4A ", b"mp42", b"isom")
    mdat = _box(b"mdat", SILENT_FRAME * frames)
    mvhd = _full_box(b"mvhd", 0, 0, struct.pack(">IIII", stamp, stamp, 1000, exact_ms),
                     struct.pack(">IH", 0x10000, 0x100), b"\x00" * 10, _MATRIX, b"\x00" * 24, struct.pack(">I", 2))
    moov = _box(b"moov", mvhd, _track(frames, sample_rate, exact_ms, stamp, len(ftyp) + 8))
    return ftyp + mdat + moov


def duration_ms(data: bytes) -> int | None:
    """The duration an MP4/M4A file's movie header declares, in ms; None when the file has none."""
    moov = _child(data, 0, len(data), b"moov")
    mvhd = _child(data, moov[0], moov[1], b"mvhd") if moov else None
    if mvhd is None:
        return None
    start = mvhd[0]
    version = data[start]
    if version == 1:
        timescale, duration = struct.unpack(">IQ", data[start + 20:start + 32])
    else:
        timescale, duration = struct.unpack(">II", data[start + 12:start + 20])
    return duration * 1000 // timescale if timescale else None


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """(payload start, payload end) of the first box `kind` directly inside data[start:end]."""
    offset = start
    while offset + 8 <= end:
        size, found = struct.unpack(">I4s", data[offset:offset + 8])
        if size < 8:
            return None
        if found == kind:
            return offset + 8, min(end, offset + size)
        offset += size
    return None
