"""App traversal for GUI datasets (DESIGN.md §6): explorer loop and policies, state identity, transition graph,
DroidBot-compatible traces, Parquet shards with a dataset card, page memory, resume after a crash.

    from droidpilot.crawler import CrawlConfig, crawl_app, make_policy

    config = CrawlConfig(package="com.android.settings", out=Path("crawl"), max_steps=400)
    result = crawl_app(device, config, make_policy(config.policy))
    result.coverage, result.states, result.transitions
"""

from __future__ import annotations

from droidpilot._lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["CrawlConfig", "DEFAULT_DENY", "DEFAULT_INPUTS", "POLICIES", "PolicyName"],
                    "droidpilot.crawler.config"),
    **dict.fromkeys(["Catalogue", "ScreenSpec", "catalogue_for"], "droidpilot.crawler.coverage"),
    **dict.fromkeys(["Explorer"], "droidpilot.crawler.explorer"),
    **dict.fromkeys(["CrawlProgress", "CrawlResult", "PhashRegistry"], "droidpilot.crawler.models"),
    **dict.fromkeys(["make_policy"], "droidpilot.crawler.policies"),
    **dict.fromkeys(["crawl_app", "crawl_apps"], "droidpilot.crawler.runner"),
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_exports("droidpilot.crawler", _EXPORTS, globals())
