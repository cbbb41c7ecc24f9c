"""Retrieval: BM25 ranks the right page, filters by app, and embeddings (served by a tiny local
OpenAI-compatible /v1/embeddings endpoint) find pages by meaning and fuse with BM25."""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from droidpilot.memory import MemoryStore, MemoryStoreError, OpenAIEmbedder
from droidpilot.memory.signature import KeyElement, PageSignature

SETTINGS = "com.android.settings"
PAGES = [
    (SETTINGS, "Display", "Brightness, dark theme, screen timeout, font size.", ["Dark theme", "Brightness level"]),
    (SETTINGS, "Network & internet", "Internet, SIMs, airplane mode, hotspot, data saver.",
     ["Internet", "Airplane mode"]),
    (SETTINGS, "Internet", "Wi-Fi networks: HomeNet-5G connected, add network.", ["Wi-Fi", "Add network"]),
    (SETTINGS, "Sound & vibration", "Volume, ringtone, do not disturb, vibration.", ["Media volume", "Ring volume"]),
    ("com.android.contacts", "Contacts", "All contacts, favourites, search contacts.", ["Create contact", "Search"]),
    ("com.android.contacts", "Edit contact", "First name, last name, phone, email.", ["Save", "First name"]),
    ("com.android.messages", "Messages", "Conversations; start chat.", ["Start chat", "Search conversations"]),
    ("com.android.deskclock", "Alarm", "Alarms: 7:00 AM weekdays. Add alarm.", ["Add alarm", "Alarm switch"]),
]


def fill(store: MemoryStore) -> dict[str, int]:
    ids = {}
    for package, title, summary, labels in PAGES:
        sig = PageSignature(package=package, activity=f"{package}.{title.replace(' ', '')}", structure_hash=title,
                            content_hash=title, title=title, summary=summary,
                            key_elements=[KeyElement(label=label, kind="Button") for label in labels])
        ids[title] = store.record_page(sig)
    return ids


def titles(hits: list[Any]) -> list[str]:
    return [h.page.title for h in hits]


def test_bm25_ranks_the_page_that_is_about_the_query(store: MemoryStore) -> None:
    fill(store)
    assert titles(store.search("turn on dark theme"))[0] == "Display"
    assert titles(store.search("connect to a wifi network"))[0] == "Internet"
    assert titles(store.search("set the ringtone volume"))[0] == "Sound & vibration"
    assert titles(store.search("create a new contact"))[0] == "Contacts"
    assert titles(store.search("add an alarm for 7:00"))[0] == "Alarm"


def test_an_exact_title_wins_over_pages_that_mention_it(store: MemoryStore) -> None:
    fill(store)
    assert titles(store.search("Internet"))[0] == "Internet"
    assert titles(store.search("network & internet"))[0] == "Network & internet"
    assert store.resolve_page("internet").title == "Internet"


def test_search_is_filtered_by_package_and_bounded_by_k(store: MemoryStore) -> None:
    fill(store)
    hits = store.search("search", k=10, package="com.android.contacts")
    assert titles(hits) == ["Contacts"]
    assert len(store.search("volume alarm internet display contact", k=2)) == 2
    assert store.search("zebra quantum") == []
    assert store.search("   ") == []
    assert store.search('"; DROP TABLE pages; -- OR NEAR(') == []  # user text never reaches FTS syntax
    assert all(h.mode == "lexical" and h.score > 0 for h in store.search("volume"))


def test_updated_page_text_is_reindexed(store: MemoryStore) -> None:
    fill(store)
    sig = PageSignature(package=SETTINGS, activity="x", structure_hash="Display", content_hash="2", title="Display",
                        summary="Now mentions colour inversion.")
    store.record_page(sig)
    assert titles(store.search("colour inversion")) == ["Display"]
    assert "Display" not in titles(store.search("font size"))


# -- embeddings ------------------------------------------------------------------------------------------------

SYNONYMS = {"wlan": "wifi", "wi": "wifi", "fi": "wifi", "hotspot": "wifi", "tune": "ringtone", "loudness": "volume",
            "night": "dark", "person": "contact", "contacts": "contact"}


def toy_vector(text: str, dims: int = 64) -> list[float]:
    """Hashed bag of words with a synonym table: 'wlan' lands where 'wifi' does, which BM25 cannot know."""
    vector = [0.0] * dims
    for word in text.lower().replace("-", " ").split():
        word = SYNONYMS.get(word.strip(".,:;"), word.strip(".,:;"))
        vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % dims] += 1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


class EmbeddingsServer:
    """A stdlib HTTP server answering POST /v1/embeddings like OpenAI does; records every request body."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                if self.path != "/v1/embeddings":
                    return self._send(404, {"error": {"message": "not found"}})
                if body.get("model") != "toy-embed":
                    return self._send(404, {"error": {"message": "model not found", "type": "invalid_request"}})
                data = [{"object": "embedding", "index": i, "embedding": toy_vector(t)}
                        for i, t in enumerate(body["input"])]
                self._send(200, {"object": "list", "data": data[::-1], "model": body["model"],  # any order
                                 "usage": {"prompt_tokens": 1, "total_tokens": 1}})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> EmbeddingsServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[EmbeddingsServer]:
    with EmbeddingsServer() as s:
        yield s


def test_openai_embedder_talks_to_an_embeddings_endpoint(server: EmbeddingsServer) -> None:
    embedder = OpenAIEmbedder("toy-embed", base_url=server.base_url, api_key="k", batch_size=2)
    vectors = embedder.embed(["wifi", "wlan", "dark theme"])
    assert len(vectors) == 3 and len(vectors[0]) == 64
    assert vectors[0] == pytest.approx(vectors[1])  # synonyms, and the reversed reply order was put right
    assert [r["input"] for r in server.requests] == [["wifi", "wlan"], ["dark theme"]]
    with pytest.raises(MemoryStoreError, match="embedding with 'nope' failed"):
        OpenAIEmbedder("nope", base_url=server.base_url).embed(["x"])


def test_embedding_search_finds_pages_by_meaning(server: EmbeddingsServer, tmp_path: Path) -> None:
    embedder = OpenAIEmbedder("toy-embed", base_url=server.base_url)
    with MemoryStore(tmp_path / "m.sqlite", embedder=embedder) as store:
        fill(store)
        assert store.stats().vectors == len(PAGES)
        assert titles(store.search("wlan", mode="lexical")) == ["Internet"]  # the shipped synonym table knows it
        assert titles(store.search("wlan", mode="embedding"))[0] == "Internet"
        assert store.search("tune", mode="lexical") == []  # not in the table: only meaning finds it
        assert titles(store.search("tune", mode="embedding"))[0] == "Sound & vibration"
        hybrid = store.search("night theme", k=3)
        assert titles(hybrid)[0] == "Display" and hybrid[0].mode == "hybrid"
        assert titles(store.search("person", package="com.android.contacts", mode="embedding"))[0] == "Contacts"


def test_vectors_follow_page_changes_and_can_be_backfilled(server: EmbeddingsServer, tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with MemoryStore(path) as plain:  # e.g. the crawler, with no embedder configured
        fill(plain)
    embedder = OpenAIEmbedder("toy-embed", base_url=server.base_url)
    with MemoryStore(path, embedder=embedder) as store:
        assert store.stats().vectors == 0
        assert store.embed_missing() == len(PAGES)
        assert store.embed_missing() == 0
        calls = len(server.requests)
        fill(store)  # revisits with unchanged text: nothing to re-embed
        assert len(server.requests) == calls
        sig = PageSignature(package=SETTINGS, activity="x", structure_hash="Display", content_hash="", title="Display",
                            summary="wlan")
        store.record_page(sig)  # the page's text changed: it is embedded again
        assert len(server.requests) == calls + 1
        assert store.stats().vectors == len(PAGES)
        assert "Display" in titles(store.search("wifi", mode="embedding", k=2))


def test_modes_needing_an_embedder_say_so(store: MemoryStore) -> None:
    with pytest.raises(MemoryStoreError, match="needs an embedder"):
        store.search("x", mode="embedding")


# -- words on thousands of pages -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MemoryStore]:
    """4,000 list screens saying 'new', 'item', 'settings', half of them 'add' too, and two contact pages."""
    with MemoryStore(tmp_path_factory.mktemp("crowded") / "m.sqlite") as store:
        with store.transaction():
            for i in range(4000):
                store.record_page(PageSignature(
                    package="com.example.list", activity="x", structure_hash=f"p{i}", content_hash="",
                    title=f"Item {i}", summary=f"{'Add' if i % 2 else 'Show'} new item. Search items. Settings.",
                    key_elements=[KeyElement(label=label) for label in ("Search", "More options")]))
            for title, summary in (("Contact details", "Contact: call, message, edit contact, share contact."),
                                   ("Add contact", "New contact form: name, phone, save.")):
                store.record_page(PageSignature(package="com.android.contacts", activity="x", structure_hash=title,
                                                content_hash="", title=title, summary=summary))
        yield store


def test_common_words_rerank_the_pages_a_rare_word_finds(crowded: MemoryStore) -> None:
    assert titles(crowded.search("add a contact", k=2, cutoff=False)) == ["Add contact", "Contact details"]
    assert titles(crowded.search("contact details", k=2, cutoff=False)) == ["Contact details", "Add contact"]
    assert titles(crowded.search("contact details", k=2)) == ["Contact details"]  # the other is far below


def test_queries_of_common_words_only_still_answer(crowded: MemoryStore) -> None:
    for query in ("add new item search", "settings", "add contact settings", "add"):
        hits = crowded.search(query, k=5, cutoff=False)
        assert len(hits) == 5, query
    assert all("Add new item" in h.page.summary for h in crowded.search("add new item search", k=5))
    assert titles(crowded.search("add contact settings", k=1)) == ["Add contact"]


# -- SQLite without FTS5 ---------------------------------------------------------------------------------------

def test_the_scan_fallback_ranks_like_bm25(store: MemoryStore) -> None:
    from droidpilot.memory.search import lexical_scan

    ids = fill(store)
    db = store._db()
    assert lexical_scan(db, "turn on dark theme", 1, None)[0][0] == ids["Display"]
    assert lexical_scan(db, "ringtone volumes", 1, None)[0][0] == ids["Sound & vibration"]
    assert lexical_scan(db, "airplane mode", 1, None)[0][0] == ids["Network & internet"]
    assert [i for i, _s in lexical_scan(db, "search", 5, "com.android.contacts")] == [ids["Contacts"]]
    assert lexical_scan(db, "zebra", 5, None) == []


def test_a_file_made_without_fts5_gets_its_index_where_fts5_exists(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    with MemoryStore(path) as store:
        fill(store)
        with store.transaction() as db:  # as a Python whose SQLite lacks FTS5 would have left it
            for trigger in ("pages_fts_insert", "pages_fts_delete", "pages_fts_update"):
                db.execute(f"DROP TRIGGER {trigger}")
            db.execute("DROP TABLE pages_fts")
            db.execute("UPDATE meta SET value = 'scan' WHERE key = 'lexical'")
    with MemoryStore(path) as store:
        assert store.lexical == "fts5"
        assert titles(store.search("dark theme"))[0] == "Display"


# -- normalised words and the relevance cut-off ------------------------------------------------------------------

def test_words_are_normalised_case_punctuation_and_synonyms(store: MemoryStore) -> None:
    ids = fill(store)
    for query in ("wifi", "WIFI", "Wi-Fi", "wi fi", "WLAN", "turn off the wifi"):
        assert titles(store.search(query))[0] == "Internet", query  # the page says "Wi-Fi"
    assert titles(store.search("DND"))[0] == "Sound & vibration"  # it says "do not disturb"
    assert titles(store.search("night mode"))[0] == "Display"  # "dark theme"
    from droidpilot.memory.search import lexical_scan
    db = store._db()
    assert lexical_scan(db, "wlan", 1, None)[0][0] == ids["Internet"]  # the scan fallback normalises too
    assert lexical_scan(db, "dnd", 1, None)[0][0] == ids["Sound & vibration"]


def test_pages_far_below_the_best_are_not_offered(store: MemoryStore) -> None:
    fill(store)
    sig = PageSignature(package=SETTINGS, activity="x.Dnd", structure_hash="dnd", content_hash="dnd",
                        title="Do Not Disturb", summary="Turn on now. Only important people and apps "
                        "can interrupt. Alarms and media can interrupt. Schedules: sleeping, events, driving, "
                        "meetings, weekends. Starred contacts and repeat callers can ring. Calls over Wi-Fi too.")
    store.record_page(sig)
    everything = titles(store.search("turn off wifi", k=5, cutoff=False))
    assert everything[0] == "Internet" and "Do Not Disturb" in everything
    assert titles(store.search("turn off wifi", k=5)) == ["Internet"]  # one mention of Wi-Fi is not a match
    off = PageSignature(package=SETTINGS, activity="x.Internet", structure_hash="internet-off", content_hash="off",
                        title="Internet", summary="Wi-Fi is off.")
    store.record_page(off)  # the same screen in another state is as relevant as the best hit
    assert titles(store.search("turn off wifi", k=5)) == ["Internet", "Internet"]


# -- the local model of the embeddings extra ---------------------------------------------------------------------

def test_the_shipped_local_model_finds_pages_by_meaning_without_any_download(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("wordllama", reason="the embeddings extra is not installed")
    from droidpilot.memory import LocalEmbedder

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr("socket.socket.connect", _no_network)  # the model must come from the package itself
    embedder = LocalEmbedder()
    with MemoryStore(tmp_path / "m.sqlite", embedder=embedder) as store:
        fill(store)
        assert store.stats().vectors == len(PAGES)
        assert titles(store.search("wake me up at seven", mode="embedding"))[0] == "Alarm"
        assert titles(store.search("loudness of ringing", mode="embedding")) == ["Sound & vibration"]  # cut-off
        assert titles(store.search("person's phone number", mode="embedding", package="com.android.contacts",
                                   k=1)) == ["Edit contact"]


def _no_network(*_args: Any) -> None:
    raise AssertionError("the local embedder tried to reach the network")


def test_memory_config_chooses_the_search(tmp_path: Path) -> None:
    from droidpilot.memory import MemoryConfigError, load_memory_settings

    config = tmp_path / "droidpilot.toml"
    assert load_memory_settings(env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}).search == "lexical"
    config.write_text('[memory]\nsearch = "embeddings"\n')
    assert load_memory_settings(config).search == "embeddings"
    config.write_text('[memory]\nsearch = "vectors"\n')
    with pytest.raises(MemoryConfigError, match=r"\[memory\] search: Input should be 'lexical' or 'embeddings'"):
        load_memory_settings(config)
    config.write_text("[memory\n")
    with pytest.raises(MemoryConfigError, match="cannot read"):
        load_memory_settings(config)
