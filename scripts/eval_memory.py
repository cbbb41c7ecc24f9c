"""Quality of page-memory retrieval: Recall@k, MRR and how many unrelated pages are offered, lexical vs
embeddings, on queries written from the virtual phone's screens.

The memory is a crawl of five apps on the virtual phone (`droidpilot crawl`, made here unless --memory names
one). Each query lists the page titles that answer it; a hit counts when its (package, title) is one of them.

    python scripts/eval_memory.py [--memory PATH] [--k 4] [--steps 200] [--no-cutoff]

Recall@k: share of queries with an answering page in the top k. MRR: mean of 1 / rank of the first answering
page (0 when none is in the top k). Noise@k: unrelated pages offered per query (in the top k, after the cut-off).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from droidpilot.memory import MemoryStore
from droidpilot.memory.embedder import Embedder, EmbedderUnavailable, LocalEmbedder

S, C, M, K, CAL = ("com.android.settings", "com.android.contacts", "com.android.messaging", "com.android.deskclock",
                   "com.android.calendar")
APPS = (S, C, M, K, CAL)
QUERIES: list[tuple[str, str, tuple[str, ...]]] = [
    ("wifi", S, ("Internet",)),
    ("Turn off Wi-Fi", S, ("Internet",)),
    ("WLAN networks", S, ("Internet",)),
    ("connect to HomeNet-5G", S, ("HomeNet-5G", "Internet")),
    ("pair a bluetooth headset", S, ("Pair new device", "Bluetooth")),
    ("rename the bluetooth device", S, ("Rename this device", "Bluetooth")),
    ("turn on do not disturb", S, ("Do Not Disturb",)),
    ("dark theme", S, ("Display",)),
    ("change the screen timeout", S, ("Screen timeout", "Display")),
    ("brightness level", S, ("Display",)),
    ("battery saver", S, ("Battery",)),
    ("how much storage is used", S, ("Storage",)),
    ("ringtone volume", S, ("Sound & vibration",)),
    ("notification history", S, ("Notifications",)),
    ("airplane mode", S, ("Network & internet",)),
    ("mobile hotspot", S, ("Network & internet",)),
    ("turn off GPS", S, ("Location",)),
    ("android version", S, ("Android version", "About phone")),
    ("change the phone's device name", S, ("Device name", "About phone")),
    ("see all installed apps", S, ("All apps", "Apps")),
    ("create a new contact", C, ("Create contact",)),
    ("search people", C, ("Contacts", "People")),
    ("discard changes to a contact", C, ("Discard changes?",)),
    ("start a new conversation", M, ("New conversation",)),
    ("text message to a phone number", M, ("New conversation",)),
    ("set an alarm", K, ("Alarm",)),
    ("start a countdown timer", K, ("Timer",)),
    ("stopwatch lap", K, ("Stopwatch",)),
    ("label the alarm", K, ("Label", "Alarm")),
    ("add a calendar event", CAL, ("New Event",)),
    ("edit an event", CAL, ("Edit Event",)),
    ("go to a date in the calendar", CAL, ("Go to date",)),
]


def crawl(path: Path, steps: int) -> None:
    out = path.parent / "crawl"
    command = [sys.executable, "-m", "droidpilot.cli.main", "crawl", "--app", ",".join(APPS), "--max-steps",
               str(steps), "--memory", str(path), "--out", str(out)]
    print(f"crawling {len(APPS)} apps into {path} ({steps} steps each) ...", flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def score(store: MemoryStore, mode: str, k: int, cutoff: bool) -> dict[str, float]:
    recall = mrr = noise = 0.0
    for query, package, answers in QUERIES:
        hits = store.search(query, k=k, mode=mode, cutoff=cutoff)  # type: ignore[arg-type]
        good = [(h.page.package, h.page.title) in {(package, a) for a in answers} for h in hits]
        first = good.index(True) + 1 if True in good else 0
        recall += first > 0
        mrr += 1 / first if first else 0.0
        noise += good.count(False)
    n = len(QUERIES)
    return {"recall": recall / n, "mrr": mrr / n, "noise": noise / n}


def local_embedder() -> Embedder | None:
    try:
        return LocalEmbedder()
    except EmbedderUnavailable as exc:
        print(f"embeddings skipped: {exc}")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", type=Path, help="a memory file to evaluate (default: crawl one)")
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--steps", type=int, default=200, help="crawl steps per app")
    parser.add_argument("--no-cutoff", action="store_true", help="also report without the relevance cut-off")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.memory or Path(tmp) / "memory.sqlite"
        if args.memory is None:
            crawl(path, args.steps)
        embedder = local_embedder()
        with MemoryStore(path, embedder=embedder) as store:
            if embedder is not None:
                store.embed_missing()
            pages = store.stats().pages
            print(f"{len(QUERIES)} queries over {pages} pages; k = {args.k}")
            print(f"{'mode':<10} {'cut-off':<8} {'Recall@k':>8} {'MRR':>6} {'Noise@k':>8}")
            modes = ["lexical"] + (["embedding", "hybrid"] if embedder is not None else [])
            for mode in modes:
                for cutoff in (True, False) if args.no_cutoff else (True,):
                    r = score(store, mode, args.k, cutoff)
                    print(f"{mode:<10} {'on' if cutoff else 'off':<8} {r['recall']:>8.3f} {r['mrr']:>6.3f} "
                          f"{r['noise']:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
