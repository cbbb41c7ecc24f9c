"""Helpers the media families share (Audio Recorder, VLC, Retro Music): AndroidWorld's file-name variations
and a digest of a folder's files, both drawn and read deterministically."""

from __future__ import annotations

import hashlib
import random
import string
from datetime import date, timedelta

from droidpilot.benchmarks.env import TaskEnv

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
