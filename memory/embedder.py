"""Text embeddings for page search: a one-method protocol, a small local model and an OpenAI-compatible server.

`LocalEmbedder` uses the static word embeddings that the `wordllama` package ships inside its wheel (256
dimensions, 16 MB, ~30 us a text on one core): installed with `pip install droidpilot[embeddings]`, loaded from
the package's own files with downloads disabled, so nothing is fetched at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from droidpilot.memory.models import MemoryStoreError


class EmbedderUnavailable(MemoryStoreError):
    """The configured embeddings cannot be used here (extra not installed, model missing)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors of one fixed size. `name` tags stored vectors, so a model change re-embeds."""

    @property
    def name(self) -> str: ...

    def embed(self, texts: list[str]) -> list[list[float]]: ...


LOCAL_MODEL = "wordllama-l2-supercat-256"


class LocalEmbedder:
    """WordLlama's shipped l2_supercat weights (static token embeddings, average-pooled)."""

    def __init__(self) -> None:
        try:
            import wordllama  # type: ignore[import-untyped]
        except ImportError:
            raise EmbedderUnavailable("local embeddings need the 'embeddings' extra: "
                                      "pip install 'droidpilot[embeddings]'") from None
        package = Path(wordllama.__file__).parent
        try:
            # cache_dir = the package: its tokenizer file sits under tokenizers/, where the loader looks there
            self._model = wordllama.WordLlama.load(config="l2_supercat", dim=256, cache_dir=package,
                                                   disable_download=True)
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise EmbedderUnavailable(f"the wordllama package has no usable shipped model: {exc}") from None

    @property
    def name(self) -> str:
        return LOCAL_MODEL

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return [list(map(float, row)) for row in self._model.embed([t or " " for t in texts])]


class OpenAIEmbedder:
    """`/v1/embeddings` on any OpenAI-compatible server (OpenAI, vLLM, Ollama, LM Studio)."""

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None,
                 batch_size: int = 128, timeout: float = 60.0, client: Any = None) -> None:
        from openai import OpenAI  # deferred: importing openai costs ~0.3 s, and only this class needs it

        self.model = model
        self.batch_size = batch_size
        self._client = client or OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout,
                                        max_retries=2)

    @property
    def name(self) -> str:
        return self.model

    def embed(self, texts: list[str]) -> list[list[float]]:
        import openai

        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t or " " for t in texts[start: start + self.batch_size]]  # servers reject empty inputs
            try:
                response = self._client.embeddings.create(model=self.model, input=batch)
            except openai.OpenAIError as exc:
                raise MemoryStoreError(f"embedding with {self.model!r} failed: {exc}") from exc
            ordered = sorted(response.data, key=lambda item: item.index)
            if len(ordered) != len(batch):
                raise MemoryStoreError(f"the embeddings server returned {len(ordered)} vectors for {len(batch)} texts")
            out.extend(list(item.embedding) for item in ordered)
        return out
