"""Speed of the in-process virtual phone. Prints p50/p90 in milliseconds.

Targets (issue 2): observe (render + dump + PNG) p50 < 60 ms; tap-to-next-observe p50 < 80 ms;
snapshot restore < 100 ms.

    python scripts/perf_phone.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from droidpilot.emulator.png import encode_png
from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float], target: float) -> None:
    p50 = statistics.median(samples)
    p90 = sorted(samples)[int(len(samples) * 0.9) - 1]
    verdict = "ok" if p50 < target else "SLOW"
    print(f"{name:<28} p50 {p50:7.1f} ms   p90 {p90:7.1f} ms   target < {target:.0f} ms   {verdict}")


def observe_with_png(phone: VirtualPhone) -> None:
    phone.invalidate()
    observation = phone.observe()
    assert observation.screenshot is not None
    encode_png(observation.screenshot)


def center_of(phone: VirtualPhone, text: str) -> tuple[int, int]:
    return next(e.bounds.center for e in parse_hierarchy(phone.dump()) if e.text == text)


def open_app(phone: VirtualPhone, label: str) -> None:
    phone.press_key("HOME")
    phone.tap(*center_of(phone, label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    with VirtualPhone() as phone:
        open_app(phone, "Settings")
        report("observe (render+dump+png)", timed(lambda: observe_with_png(phone), rounds), 60)

        phone.press_key("HOME")
        icon = center_of(phone, "Settings")

        def tap_then_observe() -> None:
            phone.tap(*icon) if phone.current_focus()[0].endswith("launcher3") else phone.press_key("HOME")
            observe_with_png(phone)

        report("tap -> next observe", timed(tap_then_observe, rounds), 80)
        phone.snapshot("perf")
        open_app(phone, "Contacts")
        report("snapshot restore", timed(lambda: phone.restore("perf"), rounds), 100)


if __name__ == "__main__":
    main()
