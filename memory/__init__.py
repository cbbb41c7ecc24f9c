"""Long-term memory (DESIGN.md §4): page memory (MapAgent), the app transition graph, trajectories and tips,
in one SQLite file shared by the agent, the crawler and the CLI.

    from droidpilot.memory import MemoryStore, page_signature, semantic_action, ingest_observations

    store = MemoryStore(default_memory_path())
    before = device.observe(); device.tap(...); after = device.observe()
    ingest_observations(store, [(before, ("tap", element), after)])   # or StepRecorder(store).record(...)
    store.search("turn on dark theme", package="com.android.settings")
    store.shortest_path("Display", "Internet")   # the semantic actions to follow
"""

from droidpilot.memory.config import MemoryConfigError, MemorySettings, configured_embedder, load_memory_settings
from droidpilot.memory.embedder import Embedder, EmbedderUnavailable, LocalEmbedder, OpenAIEmbedder
from droidpilot.memory.ingest import (
    IngestError,
    IngestReport,
    ObservedStep,
    StepRecorder,
    ingest_observations,
    ingest_run_dir,
)
from droidpilot.memory.models import (
    MemoryStats,
    MemoryStoreError,
    NoPath,
    NotAMemoryFile,
    Page,
    PageHit,
    PageNotFound,
    Tip,
    TipNotFound,
    Trajectory,
    Transition,
)
from droidpilot.memory.signature import (
    KeyElement,
    PageSignature,
    SemanticAction,
    locator,
    page_signature,
    parse_semantic_action,
    semantic_action,
)
from droidpilot.memory.store import MemoryStore, default_memory_path

__all__ = [
    "Embedder",
    "EmbedderUnavailable",
    "IngestError",
    "IngestReport",
    "KeyElement",
    "LocalEmbedder",
    "MemoryConfigError",
    "MemorySettings",
    "MemoryStats",
    "MemoryStore",
    "MemoryStoreError",
    "NoPath",
    "NotAMemoryFile",
    "ObservedStep",
    "OpenAIEmbedder",
    "Page",
    "PageHit",
    "PageNotFound",
    "PageSignature",
    "SemanticAction",
    "StepRecorder",
    "Tip",
    "TipNotFound",
    "Trajectory",
    "Transition",
    "configured_embedder",
    "default_memory_path",
    "ingest_observations",
    "ingest_run_dir",
    "load_memory_settings",
    "locator",
    "page_signature",
    "parse_semantic_action",
    "semantic_action",
]
