"""Helpers the media families share (Audio Recorder, VLC, Retro Music): AndroidWorld's file-name variations, a
digest of a folder's files, AndroidWorld's playlist check and scrolling to a row of a list sorted by title."""

from __future__ import annotations

import hashlib
import random
import string
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.datakit import text_matches
from droidpilot.emulator.device import UIElement

_FIXED_SUFFIXES = ("backup", "copy", "final", "edited")


def random_string(rng: random.Random, length: int) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits, k=length))


def modified_file_name(rng: random.Random, base: str) -> str:
    """AndroidWorld's `generate_modified_file_name`: a date, four random characters or a word such as "final",
    put before or after the stem ("interview.m4a" -> "interview_final.m4a", "2023_03_09_interview.m4a")."""
    kind = rng.choice(("date_prefix", "random_suffix", "fixed_suffix"))
    as_prefix = rng.choice((True, False))
    stem, dot, ext = base.rpartition(".")
    if kind == "date_prefix":
        day = date(2023, 1, 1) + timedelta(days=rng.randint(0, (date(2023, 10, 14) - date(2023, 1, 1)).days))
        mod = day.strftime("%Y_%m_%d")
    elif kind == "random_suffix":
        mod = random_string(rng, 4)
    else:
        mod = rng.choice(_FIXED_SUFFIXES)
    named = f"{mod}_{stem}" if as_prefix else f"{stem}_{mod}"
    return f"{named}{dot}{ext}"


def folder_digest(env: TaskEnv, folder: str) -> dict[str, str]:
    """File name -> sha1 of its bytes, for the non-empty files in `folder` (AndroidWorld ignores empty ones)."""
    found: dict[str, str] = {}
    for name in env.list_dir(folder):
        data = env.read_file(f"{folder}/{name}")
        if data:
            found[name] = hashlib.sha1(data).hexdigest()
    return found


def playlist_matches(rows: list[dict[str, Any]], name: str, files: Sequence[str]) -> bool:
    """AndroidWorld's `verify_playlist` over (playlist_name, media_file_name, order_in_playlist) rows: the
    playlist named `name` holds exactly `files`, file i at position i. Names are identifiers here, matched
    after case and whitespace are normalised, not by AndroidWorld's 0.9 fuzzy ratio (which takes a near miss
    such as "Party Mix 113" for "Party Mix 112")."""
    mine = [r for r in rows if text_matches(str(r["playlist_name"]), name)]
    if len(mine) != len(files):
        return False
    return all(any(r["media_file_name"] == f and r["order_in_playlist"] == i for r in mine)
               for i, f in enumerate(files))


def reveal_in_sorted_list(ui: UIDriver, title: str, rid: str, list_rid: str) -> UIElement:
    """Scroll the list `list_rid`, sorted by title (case-insensitively), until its row title `title` (resource-id
    `rid`) is wholly inside it: a long swipe towards where the title sorts, a short one for a row cut off at
    an edge."""
    for _ in range(12):
        found = ui.elements()
        frame = next(e for e in found if e.resource_id.rpartition("/")[2] == list_rid).bounds
        shown = [e for e in found if e.resource_id.rpartition("/")[2] == rid and e.text]
        hit = next((e for e in shown if e.text == title), None)
        middle = (frame.top + frame.bottom) // 2
        if hit is not None and frame.top <= hit.bounds.top and hit.bounds.bottom <= frame.bottom:
            return hit
        if hit is not None:
            step = 500 if hit.bounds.top < frame.top else -500
        else:
            step = 1000 if shown and title.lower() < shown[0].text.lower() else -1000
        ui.swipe(540, middle - step // 2, 540, middle + step // 2)
    return ui.need(rid=rid, text=title)
