"""Java library behaviour whose results scripts can observe on a phone (orderings, ids)."""

from __future__ import annotations


def java_hash(text: str) -> int:
    """`String.hashCode` as a signed int: ArraySet orders an intent's categories by it, and MediaProvider's
    bucket_id is the hash of the lower-cased folder path."""
    value = 0
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value = (31 * value + int.from_bytes(data[i : i + 2], "little")) & 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value
