"""The virtual clock: device time that moves only when the phone is used, so runs are reproducible."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

DEFAULT_START = datetime(2026, 10, 15, 9, 0, 0, tzinfo=UTC)
"""The time a fresh virtual phone boots at (a Thursday morning)."""


class VirtualClock:
    """Milliseconds since the epoch, advanced by simulated durations (a tap, a swipe, `sleep 2`).

    Frozen clocks ignore `advance`, which is how benchmark tasks pin "today". `set` always works.
    `elapsed_ms` is SystemClock.elapsedRealtime: it moves with every `advance`, frozen or not, as a phone's
    uptime goes on whatever its wall clock says (a playing video keeps playing while "today" is pinned).
    """

    def __init__(self, now_ms: int | None = None, frozen: bool = False, elapsed_ms: int = 0) -> None:
        self._ms = int(DEFAULT_START.timestamp() * 1000) if now_ms is None else now_ms
        self.frozen = frozen
        self._elapsed = elapsed_ms

    def now_ms(self) -> int:
        return self._ms

    def now(self) -> datetime:
        """Device local time. The virtual phone's time zone is UTC."""
        return datetime.fromtimestamp(self._ms / 1000, tz=UTC)

    def advance(self, ms: int) -> None:
        if ms > 0:
            self._elapsed += int(ms)
        if not self.frozen and ms > 0:
            self._ms += int(ms)

    def elapsed_ms(self) -> int:
        return self._elapsed

    def set(self, when: datetime | int) -> None:
        self._ms = when if isinstance(when, int) else int(when.timestamp() * 1000)

    def uptime_ms(self) -> int:
        return self._ms - int(DEFAULT_START.timestamp() * 1000) + int(timedelta(minutes=3).total_seconds() * 1000)
