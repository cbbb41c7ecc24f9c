"""Speed of the in-process virtual phone. Prints p50/p90 in milliseconds.

Targets (issues 2 and 18): observe (render + dump + PNG) p50 < 40 ms; tap-to-next-observe p50 < 80 ms;
snapshot restore < 100 ms. The first two observe a screen seen before (the phone reuses its painted windows);
"type -> observe" changes the screen every time, so it measures a full repaint. The verdict uses wall time; the
CPU column (this process's CPU time) is what to compare when other processes load the machine.

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

Samples = tuple[list[float], list[float]]  # wall ms, CPU ms


def timed(fn: Callable[[], object], rounds: int) -> Samples:
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def report(name: str, samples: Samples, target: float) -> None:
    wall, cpu = samples
    p50 = statistics.median(wall)
    p90 = sorted(wall)[int(len(wall) * 0.9) - 1]
    verdict = "ok" if p50 < target else "SLOW"
    print(f"{name:<28} p50 {p50:7.1f} ms   p90 {p90:7.1f} ms   CPU p50 {statistics.median(cpu):7.1f} ms"
          f"   target < {target:.0f} ms   {verdict}")


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
        report("observe (render+dump+png)", timed(lambda: observe_with_png(phone), rounds), 40)

        phone.press_key("HOME")
        icon = center_of(phone, "Settings")

        def tap_then_observe() -> None:
            phone.tap(*icon) if phone.current_focus()[0].endswith("launcher3") else phone.press_key("HOME")
            observe_with_png(phone)

        report("tap -> next observe", timed(tap_then_observe, rounds), 80)

        open_app(phone, "Contacts")
        phone.tap(*next(e.bounds.center for e in parse_hierarchy(phone.dump()) if e.content_desc == "Create contact"))
        phone.tap(*next(e.bounds.center for e in parse_hierarchy(phone.dump()) if e.class_name.endswith("EditText")))

        def type_then_observe() -> None:  # a new letter each time: the windows are painted again, never cached
            phone.input_text("a")
            observe_with_png(phone)

        report("type -> observe (repainted)", timed(type_then_observe, rounds), 40)
        phone.snapshot("perf")
        open_app(phone, "Contacts")
        report("snapshot restore", timed(lambda: phone.restore("perf"), rounds), 100)


if __name__ == "__main__":
    main()
