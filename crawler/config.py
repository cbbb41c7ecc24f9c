"""What a crawl is told to do: `CrawlConfig`, the default deny-list and the default text-input dictionary."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PolicyName = Literal["dfs", "bfs", "random", "replay", "llm"]
POLICIES: tuple[PolicyName, ...] = ("dfs", "bfs", "random", "replay", "llm")

DEFAULT_DENY: tuple[str, ...] = (
    r"\blog ?(out|off)\b", r"\bsign ?out\b",
    r"\bdelete\b", r"\b(remove|close|deactivate) (my )?account\b",
    r"\bpay\b", r"\bpayment\b", r"\bpurchase\b", r"\bbuy\b", r"\bcheck ?out\b", r"\bsubscribe\b",
    r"\b(place|confirm) order\b",
    r"\buninstall\b", r"\bforce stop\b", r"\bclear (data|storage)\b",
    r"\breset\b", r"\bfactory\b", r"\berase\b", r"\bwipe\b", r"\bformat (the )?(sd|card|storage|phone|device|usb)\b",
    r"\b(power off|reboot|shut ?down)\b",
    r"^send\b",
)
REAL_DEVICE_DENY: tuple[str, ...] = (
    r"\b(airplane|flight) mode\b", r"\bbluetooth\b", r"\bwi-?fi\b", r"\bmobile data\b", r"\bhotspot\b",
    r"\bnetwork reset\b", r"\bcall\b", r"\bdial\b", r"\bsend\b", r"\bshare\b", r"\bpost\b", r"\bpublish\b",
    r"\bremove\b", r"\bdiscard\b", r"\border\b", r"\bdonate\b", r"\binstall\b", r"\bupdate now\b",
)
"""Side effects a real device must be spared on top of DEFAULT_DENY (network and radio toggles, anything that
reaches other people or changes the device): on by default when a crawl runs on a real device."""
"""Regexes (case-insensitive) on an element's text, content-desc, resource-id name (underscores read as spaces)
and row label. A match means the crawler never acts on the element: it could lose the account, spend money,
destroy data or take the device away (Mobile3M keeps a similar skip list)."""

SEARCH_FIELD = r"search|query|find|filter"
DEFAULT_INPUTS: dict[str, str] = {
    r"e-?mail": "alex.crawler@example.com",
    r"phone|tel\b|mobile": "5550100",
    r"pass(word)?|\bpin\b": "Crawl3r-pass",
    SEARCH_FIELD: "a",
    r"url|link|website": "https://example.com",
    r"\bhours?\b|\bhh\b": "9",
    r"minutes?|\bmm\b": "30",
    r"\btime\b|clock|alarm": "09:30",
    r"\bdate\b|\bday\b|birthday": "2026-12-07",
    r"\byear\b": "2026",
    r"first|given": "Alex",
    r"last|family|surname": "Morgan",
    r"name|contact|person|recipient|\bto\b": "Alex Morgan",
    r"amount|price|cost|qty|quantity|number|count|duration|weight|distance": "12",
    r"title|subject|label": "Weekly groceries",
    r"note|body|message|description|comment|text": "Pick up milk and bread",
}
"""Text typed into an editable element: the first pattern matching its resource-id, hint/text or content-desc
wins; `DEFAULT_TEXT` otherwise."""
DEFAULT_TEXT = "Hello World"


class CrawlConfig(BaseModel):
    """One app's crawl. Limits left at None do not stop the crawl; it still stops when nothing is left."""

    model_config = ConfigDict(extra="forbid")

    package: str
    out: Path = Path("crawl")
    policy: PolicyName = "dfs"
    max_steps: int | None = Field(400, ge=1)
    max_states: int | None = Field(None, ge=1)
    time_limit: float | None = Field(None, gt=0, description="seconds of crawling, summed over resumed sessions")
    stagnation: int | None = Field(100, ge=1, description="stop after this many steps without a new state")
    seed: int = 0
    redact: bool = False
    deny: list[str] = Field(default_factory=lambda: list(DEFAULT_DENY))
    inputs: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_INPUTS))
    default_text: str = DEFAULT_TEXT
    replay_depth: int = Field(10, ge=1, description="replay policy: pages deeper than this are not expanded")
    max_outside: int = Field(3, ge=0, description="backs tried outside the app before relaunching it")
    max_variants: int = Field(3, ge=1, description="records kept per state for distinct contents")
    shard_rows: int = Field(100, ge=1, description="rows per Parquet shard")
    utg_every: int = Field(25, ge=1, description="rewrite utg.json every this many steps")
    max_llm_calls: int = Field(200, ge=0)
    license: str = Field("other", description="the dataset card's license id (the app's screens are not ours)")
    reset: bool = Field(True, description="start the app from its device's clean snapshot (or cleared app data)")

    @field_validator("deny")
    @classmethod
    def _valid_regexes(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            re.compile(pattern)
        return patterns

    @property
    def app_dir(self) -> Path:
        return self.out / self.package
