"""Speed of page memory at scale: ingest rate and retrieval latency over 100k synthetic pages.

Pages are drawn from an app-screen vocabulary (titles, summaries and key elements like real ones, word
frequencies Zipf-like so common words match thousands of pages), spread over several packages.
Targets (issue 6): search p50 < 20 ms at 100k pages; page_signature < 2 ms on a typical dump.

    python scripts/perf_memory.py [--pages 100000] [--queries 300] [--file PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from droidpilot.memory import MemoryStore, MemoryStoreError, page_signature
from droidpilot.memory.signature import KeyElement, PageSignature


def _words(text: str) -> list[str]:
    return text.split()


PACKAGES = [
    "com.android.settings", "com.android.contacts", "com.google.android.apps.messaging", "com.google.android.gm",
    "com.google.android.apps.maps", "com.android.chrome", "com.spotify.music", "com.amazon.mShop.android",
    "com.android.calendar", "com.android.deskclock", "com.whatsapp", "com.instagram.android", "com.ubercab",
    "org.wikipedia", "com.booking", "com.chase.sig.android"]
SCREENS = _words("""
    home inbox search results details settings account profile compose cart checkout history notifications
    favourites library playlist conversation map directions filters orders payment security privacy display sound
    network storage battery alarms timer calendar event editor""")
UI_WORDS = _words("""
    add new edit delete save cancel share send reply forward archive search filter sort open close back next
    previous done ok allow deny sign in out login password email phone number name address city country date time
    today tomorrow week month year price total subtotal tax shipping delivery order item items product review rating
    stars photo photos video videos camera gallery album song artist playlist queue shuffle repeat volume brightness
    dark theme mode wifi bluetooth airplane data mobile hotspot location privacy security lock screen notification
    sound vibration ringtone alarm clock timer stopwatch snooze label event reminder calendar invite guest meeting
    room route drive walk transit bike traffic destination start stop pause play download upload sync backup restore
    storage cache clear language region units accessibility font size zoom contact contacts favourite message
    messages chat conversation group call voice mute block report spam inbox sent drafts trash folder star important
    unread read mark select all none more options menu help feedback about version update install apps permissions
    default card bank account balance transfer payee statement deposit check budget expense income category recipe
    ingredient note task list due priority complete hotel booking guests nights flight seat""")
SYLLABLES = _words("ka lo mi ra ne tu sa vo li da pe ro ki ma zu no be ta fi go")
CONTENT_WORDS = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "r", "s", "l", "x", "m", "ta")]
"""Names, places, products, song titles...: the long tail of words real screens show (3200 of them)."""
WIDGETS = ["Button", "ImageButton", "Switch", "CheckBox", "EditText", "TextView", "ViewGroup", "RecyclerView"]


def zipf(rng: random.Random, words: list[str]) -> str:
    """Word of rank r with probability ~ 1/r: a few words everywhere, a long tail of rare ones."""
    return words[min(int(len(words) ** rng.random()) - 1, len(words) - 1)]


def ui_word(rng: random.Random) -> str:
    return zipf(rng, UI_WORDS)


def content_word(rng: random.Random) -> str:
    return zipf(rng, CONTENT_WORDS).capitalize()


def synthetic_page(rng: random.Random, n: int) -> PageSignature:
    package = rng.choice(PACKAGES)
    screen = rng.choice(SCREENS)
    title = f"{screen.capitalize()} {content_word(rng)}" if rng.random() < 0.4 else screen.capitalize()
    elements = [KeyElement(label=" ".join(ui_word(rng) for _ in range(rng.randint(1, 3))).capitalize(),
                           resource_id=f"{package}:id/{ui_word(rng)}_{rng.choice(('button', 'row', 'text'))}",
                           kind=rng.choice(WIDGETS)) for _ in range(rng.randint(4, 16))]
    shown = ", ".join(content_word(rng) if rng.random() < 0.5 else ui_word(rng) for _ in range(rng.randint(5, 25)))
    summary = f"{title} screen of {package}. Actions: {', '.join(e.label for e in elements)}. Shows: {shown}."
    return PageSignature(package=package, activity=f"{package}.{screen.capitalize()}Activity",
                         structure_hash=f"{n:08x}", content_hash=f"{n:08x}c", title=title, summary=summary[:400],
                         key_elements=elements)


def build(store: MemoryStore, count: int, rng: random.Random, batch: int = 1000) -> list[int]:
    """Pages in batches (as one run or one crawl chunk is ingested); page generation is not timed."""
    ids: list[int] = []
    writing = 0.0
    for first in range(0, count, batch):
        sigs = [synthetic_page(rng, n) for n in range(first, min(count, first + batch))]
        start = time.perf_counter()
        with store.transaction():
            ids.extend(store.record_page(sig) for sig in sigs)
        writing += time.perf_counter() - start
    print(f"ingest pages (batches of {batch})  {count / writing:10.0f} pages/s   ({count} pages in {writing:.1f} s)")
    return ids


def ingest_transitions(store: MemoryStore, ids: list[int], rng: random.Random, count: int) -> None:
    actions = [f'tap text="{w.capitalize()}"' for w in UI_WORDS[:60]] + ["press back", "scroll down"]
    edges = [(rng.choice(ids), rng.choice(actions), rng.choice(ids)) for _ in range(count)]
    start = time.perf_counter()
    for first in range(0, count, 1000):
        with store.transaction():
            for a, action, b in edges[first: first + 1000]:
                store.record_transition(a, action, b)
    took = time.perf_counter() - start
    print(f"ingest transitions (batches)     {count / took:10.0f} transitions/s   ({count} in {took:.1f} s)")


def one_at_a_time(store: MemoryStore, rng: random.Random, count: int) -> None:
    """An agent recording one step per transaction (page + page + transition)."""
    start = time.perf_counter()
    for n in range(count):
        a = store.record_page(synthetic_page(rng, 10_000_000 + n))
        b = store.record_page(synthetic_page(rng, 20_000_000 + n))
        store.record_transition(a, "tap", b)
    took = time.perf_counter() - start
    print(f"ingest one step per transaction   {count / took:10.0f} steps/s      (2 pages + 1 transition each)")


def percentiles(name: str, samples: list[float], target: float | None = None) -> None:
    ordered = sorted(samples)
    p50, p90, p99 = (ordered[min(len(ordered) - 1, int(len(ordered) * q))] for q in (0.5, 0.9, 0.99))
    verdict = "" if target is None else f"   target p50 < {target:g} ms   {'ok' if p50 < target else 'SLOW'}"
    print(f"{name:<34} p50 {p50:7.2f} ms   p90 {p90:7.2f} ms   p99 {p99:7.2f} ms{verdict}")


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def queries(rng: random.Random, count: int) -> list[str]:
    """Goal-like: a verb, one to three UI words, and often a name or a screen."""
    verbs = ["turn on", "open", "find", "change", "add", "send", "show", "delete", "set"]
    return [" ".join([rng.choice(verbs), *(ui_word(rng) for _ in range(rng.randint(1, 3))),
                      content_word(rng) if rng.random() < 0.5 else "", rng.choice(SCREENS) if rng.random() < 0.5
                      else ""]).strip() for _ in range(count)]


def signature_speed() -> None:
    from droidpilot.emulator.virtual import VirtualPhone

    with VirtualPhone() as phone:
        phone.press_key("HOME")
        phone.tap(*next(e.bounds.center for e in phone.observe().elements if e.text == "Settings"))
        observation = phone.observe()
        samples = [timed(lambda: page_signature(observation)) for _ in range(200)]
    percentiles(f"page_signature ({len(observation.elements)} nodes)", samples, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--transitions", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--file", type=Path, help="memory file to build (default: a temporary one)")
    args = parser.parse_args()
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / "perf.sqlite"
        with MemoryStore(path) as store:
            ids = build(store, args.pages, rng)
            ingest_transitions(store, ids, rng, args.transitions)
            one_at_a_time(store, rng, 500)
            stats = store.stats()
            print(f"store: {stats.pages} pages, {stats.transitions} transitions, {stats.size_bytes / 2**20:.0f} MB")
            asked = queries(rng, args.queries)
            for q in asked[:20]:
                store.search(q)  # warm the page cache
            percentiles(f"search k=5 ({stats.pages} pages)", [timed(lambda q=q: store.search(q)) for q in asked], 20)
            percentiles("search k=5 --package", [timed(lambda q=q: store.search(q, package=rng.choice(PACKAGES)))
                                                 for q in asked], 20)
            for q in ("add", "add new item", "open settings"):
                percentiles(f"search common words {q!r}", [timed(lambda q=q: store.search(q)) for _ in range(30)], 20)
            pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(50)]
            percentiles("shortest_path (ids)", [timed(lambda a=a, b=b: _path(store, a, b)) for a, b in pairs])
    signature_speed()


def _path(store: MemoryStore, a: int, b: int) -> None:
    with contextlib.suppress(MemoryStoreError):  # unreachable pairs are timed too
        store.shortest_path(a, b)


if __name__ == "__main__":
    main()
