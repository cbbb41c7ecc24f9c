"""Retrieval over pages: BM25 through SQLite FTS5, brute-force cosine over stored vectors, and their fusion.

Functions here take a connection and return `(page_id, score)` lists, best first; the store turns ids into
pages.

bm25() costs about 1.5 us per matching page and query word, so a word on most pages ("add", "search",
"settings") would make a query over 100k pages take 100+ ms. Each query word's page count is probed first
(bounded by PROBE_CAP); the rare words pick and score the candidates, and the common ones re-rank them. When
every word is common, the pages holding most of them are scored, at most the SCORE_BUDGET most recent.
p50 is ~8-12 ms at 100k pages (scripts/perf_memory.py).

Vectors are unit-normalized float32 blobs, so cosine similarity is a dot product; numpy is used when it
is installed and a plain loop otherwise (fine for small stores; numpy handles ~100k pages in milliseconds).
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from droidpilot.memory import synonyms

SearchMode = Literal["auto", "lexical", "embedding", "hybrid"]
WEIGHTS = (8.0, 1.5, 3.0)
"""BM25 column weights: title, summary, key elements. A title match says most about what a page is."""
RRF_K = 60
PROBE_CAP = 2000
"""Words on more pages than this are 'common': left out of the SQL query, used to re-rank its candidates."""
SCORE_BUDGET = 6000
"""Pages x query words that bm25() may score per query: it costs ~1.5 us each, the rest of a search ~2 ms."""
CANDIDATES = 50
LEXICAL_CUTOFF = 0.5
"""A lexical hit is offered when it scores at least this share of the best hit (scripts/eval_memory.py)."""
VECTOR_MARGIN = 0.12
"""An embedding hit is offered when its cosine is at most this much below the best hit's."""
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "go", "get", "i", "in", "into", "is", "it",
    "me", "my", "of", "on", "or", "please", "the", "then", "to", "using", "via", "want", "with",
    # verbs of asking, not of what is asked for: "turn off wifi" is about Wi-Fi, not about pages saying "Turn on"
    "turn", "off", "switch", "change", "enable", "disable", "open", "see", "show", "find", "how", "much", "what",
    "where", "can", "do", "does", "i", "an"))
_WORD = re.compile(r"\w+")
Ranked = list[tuple[int, float]]
"""(page id, score) pairs, best first."""


def words(text: str) -> list[str]:
    """Lower-case query words, stopwords dropped (unless nothing else is left), each once, in order."""
    found = _WORD.findall(synonyms.normalise(text))
    kept = [w for w in found if w not in STOPWORDS] or found
    return list(dict.fromkeys(kept))


def _quoted(word: str) -> str:
    """An FTS5 query for a normalised word: every way pages write it, each as a phrase ('wifi' is
    `("wifi" OR "wi fi" OR "wlan" ...)`, so "Wi-Fi" on a page matches), never FTS syntax from user text."""
    phrases = ['"' + " ".join(tokens).replace('"', '""') + '"' for tokens in synonyms.variants(word)]
    return phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"


def _probe(db: sqlite3.Connection, match: str, cap: int = 0) -> int:
    """How many pages match, counting at most cap + 1 (bounded cost for common words)."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM pages_fts WHERE pages_fts MATCH ? LIMIT ?)"
    return int(db.execute(sql, (match, (cap or PROBE_CAP) + 1)).fetchone()[0])


def _select(terms: list[str], df: dict[str, int]) -> list[str]:
    """Of `terms` (rarest first), the rarest words whose pages x words stay within SCORE_BUDGET (at least
    one word). A word on every page would dominate latency while adding little to the ranking."""
    selected: list[str] = []
    used = 0
    for word in terms:
        if selected and (df[word] > PROBE_CAP or (used + df[word]) * (len(selected) + 1) > SCORE_BUDGET):
            break
        selected.append(word)
        used += df[word]
    return selected


def _bm25_rows(db: sqlite3.Connection, match: str, limit: int, package: str | None, min_rowid: int = 0) -> Ranked:
    rank = f"bm25(pages_fts, {', '.join(str(w) for w in WEIGHTS)})"
    if package is None:
        sql = f"SELECT rowid, {rank} AS r FROM pages_fts WHERE pages_fts MATCH ? AND rowid >= ? ORDER BY r LIMIT ?"
        rows = db.execute(sql, (match, min_rowid, limit)).fetchall()
    else:
        sql = (f"SELECT pages_fts.rowid, {rank} AS r FROM pages_fts JOIN pages ON pages.id = pages_fts.rowid "
               "WHERE pages_fts MATCH ? AND pages_fts.rowid >= ? AND pages.package = ? ORDER BY r LIMIT ?")
        rows = db.execute(sql, (match, min_rowid, package, limit)).fetchall()
    return [(int(page_id), -float(score)) for page_id, score in rows]  # bm25() is lower-is-better


def _bounded(db: sqlite3.Connection, terms: list[str], limit: int, package: str | None) -> Ranked:
    """bm25 over the pages holding all `terms`, or over the most recently recorded of them when there are
    more than the budget allows."""
    match = " AND ".join(_quoted(t) for t in terms)
    floor = db.execute("SELECT rowid FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                       (match, SCORE_BUDGET // len(terms))).fetchone()
    found = _bm25_rows(db, match, limit, package, floor[0] if floor else 0)
    return found if len(found) >= limit or floor is None else _bm25_rows(db, match, limit, package)


def _all_of(db: sqlite3.Connection, terms: list[str], wanted: int) -> list[str]:
    """Every word is on thousands of pages: the largest set, built from the rarest word on, whose pages
    holding all of its words are still at least `wanted` (intersections are cheap; scoring is not)."""
    chosen = [terms[0]]
    for word in terms[1:]:
        if _probe(db, " AND ".join(_quoted(t) for t in [*chosen, word]), wanted) >= wanted:
            chosen.append(word)
    return chosen


def _with_common_words(db: sqlite3.Connection, found: Ranked, common: list[str], sample: int) -> Ranked:
    """Add the BM25 share of the words left out of the SQL query, computed on the candidates only (a word
    counts when a word of the text starts with it: 'notification' matches 'notifications'); their document
    frequency is estimated from how often they occur among the first `sample` candidates, those found by
    the other words."""
    ids = [i for i, _s in found]
    rows = db.execute(f"SELECT id, title, summary, elements FROM pages WHERE id IN ({','.join('?' * len(ids))})",
                      ids).fetchall()
    texts = {row[0]: [str(f).casefold() for f in row[1:]] for row in rows}
    total = int(db.execute("SELECT max(id) FROM pages").fetchone()[0] or 1)
    scores = dict(found)
    for word in common:
        pattern = synonyms.pattern(word[:-1] if len(word) > 4 and word.endswith("s") else word)
        tfs = {i: sum(w * len(pattern.findall(f)) for w, f in zip(WEIGHTS, texts.get(i, []), strict=False))
               for i in ids}
        share = (sum(1 for i in ids[:sample] if tfs[i]) + 0.5) / (sample + 1)
        df = max(PROBE_CAP, share * total)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        for i, tf in tfs.items():
            scores[i] += idf * tf * 2.2 / (tf + 1.2)
    return sorted(scores.items(), key=lambda p: (-p[1], p[0]))


def lexical_fts(db: sqlite3.Connection, query: str, limit: int, package: str | None) -> Ranked:
    """BM25 through FTS5, on a bounded number of pages: the query's selective words (ORed) pick and score the
    candidates, or, when every word is common, the pages holding most of them; the other words re-rank."""
    terms = words(query)
    df = {t: _probe(db, _quoted(t)) for t in terms}
    terms = sorted((t for t in terms if df[t]), key=lambda t: df[t])
    if not terms:
        return []
    wanted = max(limit, CANDIDATES)
    if df[terms[0]] <= PROBE_CAP:
        selected = _select(terms, df)
        found = _bm25_rows(db, " OR ".join(_quoted(t) for t in selected), wanted, package)
    else:
        selected = _all_of(db, terms, wanted)
        found = _bounded(db, selected, wanted, package)
    common = [t for t in terms if t not in selected]
    sample = len(found)
    if common and len(found) < wanted:  # too few pages have the rare words: pages with common ones follow
        seen = {i for i, _s in found}
        found += [(i, 0.0) for i, _s in _bounded(db, common[:1], wanted, package) if i not in seen]
    if common and found:
        found = _with_common_words(db, found[:wanted], common, sample or len(found))
    return found[:limit]


def _stem(word: str) -> str:
    """A crude plural/verb-form folding, so 'networks' finds 'network' without FTS5's porter stemmer."""
    for suffix in ("ing", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def lexical_scan(db: sqlite3.Connection, query: str, limit: int, package: str | None) -> Ranked:
    """BM25 computed in Python over rows containing any query word: for SQLite builds without FTS5."""
    terms = list(dict.fromkeys(_stem(t) for t in words(query)))
    if not terms:
        return []
    likes = [f"%{'%'.join(tokens)}%" for t in terms for tokens in synonyms.variants(t)]
    like = " OR ".join(["(title || ' ' || summary || ' ' || elements) LIKE ?"] * len(likes))
    sql = f"SELECT id, title, summary, elements FROM pages WHERE ({like})" + (" AND package = ?" if package else "")
    params: list[Any] = likes + ([package] if package else [])
    rows = db.execute(sql, params).fetchall()
    total = db.execute("SELECT count(*) FROM pages").fetchone()[0] or 1
    docs = [(row[0], [Counter(_stem(w) for w in _WORD.findall(synonyms.normalise(str(field)))) for field in row[1:]])
            for row in rows]
    df = {t: sum(1 for _id, fields in docs if any(t in f for f in fields)) for t in terms}
    scored = [(page_id, _bm25(fields, terms, df, total)) for page_id, fields in docs]
    scored = [(i, s) for i, s in scored if s > 0]
    return sorted(scored, key=lambda p: (-p[1], p[0]))[:limit]


def _bm25(fields: list[Counter[str]], terms: list[str], df: dict[str, int], total: int) -> float:
    score = 0.0
    for term in terms:
        idf = math.log(1 + (total - df[term] + 0.5) / (df[term] + 0.5))
        for weight, counts in zip(WEIGHTS, fields, strict=True):
            tf = counts.get(term, 0)
            length = sum(counts.values()) or 1
            score += weight * idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / 20))
    return score


# -- vectors -------------------------------------------------------------------------------------------------

def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def encode_vector(vector: Sequence[float]) -> bytes:
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return array("f", (v / norm for v in vector)).tobytes()


def decode_vector(blob: bytes) -> array[float]:
    out = array("f")
    out.frombytes(blob)
    return out


class VectorMatrix(NamedTuple):
    """All vectors of one model, loaded once and reused until the store's vectors_version changes."""

    version: str
    ids: list[int]
    packages: list[str]
    matrix: Any  # numpy array (n, dim), or a list of arrays without numpy


def load_vectors(db: sqlite3.Connection, model: str, version: str) -> VectorMatrix:
    rows = db.execute("SELECT v.page_id, p.package, v.vector FROM page_vectors v JOIN pages p ON p.id = v.page_id "
                      "WHERE v.model = ? ORDER BY v.page_id", (model,)).fetchall()
    ids = [r[0] for r in rows]
    packages = [r[1] for r in rows]
    try:
        import numpy as np
    except ImportError:
        return VectorMatrix(version, ids, packages, [decode_vector(r[2]) for r in rows])
    dims = {len(r[2]) for r in rows}
    if len(dims) > 1:
        raise ValueError(f"stored vectors of model {model!r} have different sizes")
    matrix = np.frombuffer(b"".join(r[2] for r in rows), dtype=np.float32).reshape(len(rows), -1) if rows \
        else np.zeros((0, 0), dtype=np.float32)
    return VectorMatrix(version, ids, packages, matrix)


def nearest(vectors: VectorMatrix, query: Sequence[float], limit: int, package: str | None) -> Ranked:
    if not vectors.ids:
        return []
    q = decode_vector(encode_vector(query))
    if isinstance(vectors.matrix, list):
        sims = [sum(a * b for a, b in zip(row, q, strict=False)) for row in vectors.matrix]
    else:
        import numpy as np

        if vectors.matrix.shape[1] != len(q):
            raise ValueError(f"the query vector has {len(q)} dimensions, stored vectors {vectors.matrix.shape[1]}")
        sims = (vectors.matrix @ np.asarray(q, dtype=np.float32)).tolist()
    ranked = [(vectors.ids[i], s) for i, s in enumerate(sims) if package is None or vectors.packages[i] == package]
    ranked.sort(key=lambda p: (-p[1], p[0]))
    return ranked[:limit]


def relevant(ranked: Ranked, ratio: float, margin: float = 0.0) -> Ranked:
    """The hits close enough to the best one: a score of at least `ratio` times the best (BM25), or at most
    `margin` below it (cosine). A page that shares only a common word with the query ("turn" in "Turn on now"
    for "turn off wifi") is not offered next to the pages about the query."""
    if not ranked:
        return ranked
    best = ranked[0][1]
    floor = best * ratio if ratio > 0 else best - margin if margin > 0 else float("-inf")
    return [p for p in ranked if p[1] >= floor]


def fuse(*rankings: Ranked, limit: int) -> Ranked:
    """Reciprocal rank fusion: robust to the two scores having unrelated scales."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (page_id, _score) in enumerate(ranking):
            scores[page_id] = scores.get(page_id, 0.0) + 1.0 / (RRF_K + rank + 1)
    return sorted(scores.items(), key=lambda p: (-p[1], p[0]))[:limit]
