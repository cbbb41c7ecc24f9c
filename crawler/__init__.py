"""App traversal for GUI datasets (DESIGN.md §6): explorer loop and policies, state identity, transition graph,
DroidBot-compatible traces, Parquet shards with a dataset card, page memory, resume after a crash.

    from crawler import CrawlConfig, crawl_app, make_policy

    config = CrawlConfig(package="com.android.settings", out=Path("crawl"), max_steps=400)
    result = crawl_app(device, config, make_policy(config.policy))
    result.coverage, result.states, result.transitions
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "DEFAULT_DENY": "crawler.config", "DEFAULT_INPUTS": "crawler.config", "POLICIES": "crawler.config",
    "CrawlConfig": "crawler.config", "PolicyName": "crawler.config", "Catalogue": "crawler.coverage",
    "ScreenSpec": "crawler.coverage", "catalogue_for": "crawler.coverage", "Explorer": "crawler.explorer",
    "CrawlProgress": "crawler.models", "CrawlResult": "crawler.models", "PhashRegistry": "crawler.models",
    "make_policy": "crawler.policies", "crawl_app": "crawler.runner", "crawl_apps": "crawler.runner",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Exports load on first use, so `import crawler.config` (the CLI's start-up) does not pull in pyarrow."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'crawler' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
