"""Normalised words for lexical page search: case, in-word punctuation and a small table of synonyms.

A query says "wifi", a page says "Wi-Fi" (which FTS5 indexes as the two tokens "wi" and "fi"), another "WLAN":
BM25 over raw words scores all of them 0. Queries are normalised here ("Wi-Fi" -> "wifi", "do not disturb" ->
"dnd"); each normalised word then stands for every way a screen may write it (`variants`), which the FTS5 query
matches as phrases and the Python scan matches as regular expressions. Pages are indexed as they are, so the
table can grow without re-indexing a memory file.
"""

from __future__ import annotations

import re
from functools import cache

SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("wifi", "wi-fi", "wlan", "wireless lan", "wireless network"),
    ("bluetooth", "bt"),
    ("dnd", "do not disturb", "zen mode"),
    ("airplane", "aeroplane", "flight mode"),
    ("hotspot", "tethering"),
    ("location", "gps"),
    ("cellular", "mobile data", "cellular data", "mobile network"),
    ("darktheme", "dark theme", "dark mode", "night mode"),
    ("email", "e-mail"),
    ("sms", "text message", "mms"),
    ("photo", "picture", "image", "pic"),
    ("volume", "loudness"),
    ("ringtone", "ring tone"),
    ("timeout", "screen timeout"),
    ("alarm", "wake up"),
)
"""Groups of words and phrases that name one thing on a phone's screens; the first is the normalised form."""

_IN_WORD = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011.'’](?=[^\W\d_])")
_WORD = re.compile(r"\w+")
_HYPHENATED = re.compile(r"\w+(?:[-\u2010\u2011.'’]\w+)+")


def fold(text: str) -> str:
    """Lower case, and punctuation inside a word the table knows dropped: 'Wi-Fi' -> 'wifi', 'E-mail' -> 'email'
    (others, 'check-in', stay split as FTS5 splits them on pages)."""
    def joined(match: re.Match[str]) -> str:
        whole = _IN_WORD.sub("", match.group())
        return whole if whole in _known() else match.group()
    return _HYPHENATED.sub(joined, text.casefold())


@cache
def _known() -> frozenset[str]:
    return frozenset(_IN_WORD.sub("", w.casefold()) for group in SYNONYMS for form in group for w in form.split())


@cache
def _phrases() -> list[tuple[re.Pattern[str], str]]:
    """(pattern of a folded variant, its group's normal form), longest variants first."""
    pairs = [(fold(v), group[0]) for group in SYNONYMS for v in group[1:]]
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(rf"\b{re.escape(variant)}\b"), normal) for variant, normal in pairs]


def normalise(text: str) -> str:
    """Folded text with every synonym written in its normal form ("Turn off Wi-Fi" -> "turn off wifi")."""
    out = fold(text)
    for pattern, normal in _phrases():
        out = pattern.sub(normal, out)
    return out


@cache
def variants(word: str) -> tuple[tuple[str, ...], ...]:
    """Every way screens write a normalised word, each as its tokens as FTS5 splits them: 'wifi' ->
    (('wifi',), ('wi', 'fi'), ('wlan',), ...). A word outside the table is just itself."""
    group = next((g for g in SYNONYMS if g[0] == word), (word,))
    out: dict[tuple[str, ...], None] = {}
    for form in group:
        out[tuple(_WORD.findall(form.casefold()))] = None
        out[tuple(_WORD.findall(fold(form)))] = None
    return tuple(v for v in out if v)


def pattern(word: str) -> re.Pattern[str]:
    """A regular expression finding any variant of `word` at the start of a word in lower-case text (so
    'network' also finds 'networks'); the tokens of a variant may be joined by any punctuation."""
    forms = [r"[\W_]*".join(re.escape(t) for t in tokens) for tokens in variants(word)]
    return re.compile(r"\b(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")")
