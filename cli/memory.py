"""`droidpilot memory ...`: look into long-term memory (pages, paths between them) and feed it finished runs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from droidpilot.cli.common import fail
from droidpilot.cli.writes import discard_new_store, store_problem
from droidpilot.memory import (
    EmbedderUnavailable,
    IngestError,
    MemoryConfigError,
    MemoryStore,
    MemoryStoreError,
    NoPath,
    NotAMemoryFile,
    Page,
    PageNotFound,
    configured_embedder,
    default_memory_path,
    ingest_run_dir,
    load_memory_settings,
)

app = typer.Typer(help="Long-term memory: remembered pages, how to get from one to another, finished runs.",
                  no_args_is_help=True)

MemoryOption = Annotated[
    Path | None,
    typer.Option("--memory", "-m", help="the memory file. Default: $DROIDPILOT_MEMORY, else "
                 "~/.local/share/droidpilot/memory.sqlite (created on first use).", show_default=False),
]
PackageOption = Annotated[str | None, typer.Option("--package", "-p", help="only pages of this app package")]


@contextmanager
def memory_session(option: Path | None) -> Iterator[MemoryStore]:
    """Open the memory file for one command; its errors become one line and a hint."""
    path = option or default_memory_path()
    existed = path.exists()
    try:
        store = MemoryStore(path, embedder=configured_embedder(load_memory_settings()))
    except MemoryConfigError as exc:
        fail(str(exc), "fix the [memory] table of droidpilot.toml")
    except EmbedderUnavailable as exc:
        fail(str(exc), "or set search = \"lexical\" under [memory] in droidpilot.toml")
    except NotAMemoryFile as exc:
        fail(str(exc), "pass another file with --memory, or move this one out of the way")
    except MemoryStoreError as exc:
        discard_new_store(path, existed)
        message, hint = store_problem(path) or (str(exc), "check the --memory path and its permissions")
        fail(message, hint)
    try:
        if store.embedder is not None:
            store.embed_missing()  # pages the crawler (or a lexical run) recorded without vectors
        yield store
    except PageNotFound as exc:
        fail(str(exc), "'droidpilot memory pages' lists the pages and their ids")
    except NoPath as exc:
        fail(str(exc), "runs that go from one page to the other add the missing transitions")
    except MemoryStoreError as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        fail(f"the memory file '{path}' cannot be read: {exc}", "it may be damaged; move it away to start afresh")
    finally:
        store.close()


def table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; the last column is never padded."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = ["  ".join([*(f"{c:<{w}}" for c, w in zip(row[:-1], widths, strict=True)), str(row[-1])]).rstrip()
             for row in [headers, *rows]]
    return "\n".join(lines)


def _short_activity(page: Page) -> str:
    return page.activity.removeprefix(page.package).lstrip(".") or page.activity


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@app.command("stats")
def stats(memory: MemoryOption = None) -> None:
    """How much is remembered: pages, transitions, runs, tips, and pages per app."""
    with memory_session(memory) as store:
        s = store.stats()
    packages = ", ".join(f"{p} {n}" for p, n in list(s.packages.items())[:8]) or "-"
    if len(s.packages) > 8:
        packages += f", … ({len(s.packages) - 8} more)"
    rows = [["memory", f"{s.path} ({_size(s.size_bytes)}, schema {s.schema_version})"], ["pages", str(s.pages)],
            ["transitions", str(s.transitions)], ["trajectories", str(s.trajectories)], ["tips", str(s.tips)],
            ["vectors", str(s.vectors)], ["search", "BM25 (SQLite FTS5)" if s.lexical == "fts5" else "BM25 (scan)"],
            ["packages", packages]]
    typer.echo(table(["", ""], rows).split("\n", 1)[1])


@app.command("pages")
def pages(
    package: PackageOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="at most this many pages")] = 50,
    memory: MemoryOption = None,
) -> None:
    """List remembered pages, most visited first."""
    with memory_session(memory) as store:
        found = store.pages(package=package, limit=limit)
    if not found:
        typer.echo("no pages remembered" + (f" for {package}" if package else ""))
        return
    typer.echo(table(["ID", "VISITS", "PACKAGE", "ACTIVITY", "TITLE"],
                     [[str(p.id), str(p.visits), p.package, _short_activity(p), p.title] for p in found]))


@app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="what the page is about: a goal, a subgoal, a page name")],
    package: PackageOption = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="how many pages")] = 5,
    every: Annotated[bool, typer.Option("--all", help="also pages scoring far below the best one")] = False,
    memory: MemoryOption = None,
) -> None:
    """The pages most relevant to QUERY (BM25 over titles, summaries and key elements, words normalised:
    "wifi" finds "Wi-Fi"; fused with embeddings when [memory] search = "embeddings")."""
    with memory_session(memory) as store:
        hits = store.search(query, k=k, package=package, cutoff=not every)
    if not hits:
        typer.echo(f"no remembered page matches '{query}'")
        return
    typer.echo(table(["ID", "SCORE", "PACKAGE", "TITLE", "SUMMARY"],
                     [[str(h.page.id), f"{h.score:.3f}", h.page.package, h.page.title, h.page.summary[:80]]
                      for h in hits]))


@app.command("path")
def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="page id, or text naming the page (its title)")],
    target: Annotated[str, typer.Argument(metavar="TO", help="page id, or text naming the page")],
    package: PackageOption = None,
    memory: MemoryOption = None,
) -> None:
    """The shortest recorded way from one page to another, as actions on elements."""
    with memory_session(memory) as store:
        start, goal = store.resolve_page(source, package), store.resolve_page(target, package)
        steps = store.shortest_path(start.id, goal.id)
        titles = {p.id: p.title for p in (store.page(s.to_page) for s in steps) if p is not None}
    typer.echo(f"from  {start.title} (page {start.id}, {start.package})")
    typer.echo(f"to    {goal.title} (page {goal.id}, {goal.package})")
    if not steps:
        typer.echo("already there: both are the same page")
        return
    typer.echo(table(["#", "ACTION", "", "LEADS TO"],
                     [[f"{i}.", s.action, "->", f"{titles.get(s.to_page, '?')} (page {s.to_page})"]
                      for i, s in enumerate(steps, 1)]))


@app.command("ingest")
def ingest(
    run_dirs: Annotated[list[Path], typer.Argument(metavar="RUN_DIR...", help="finished runs: runs/<run_id>")],
    memory: MemoryOption = None,
) -> None:
    """Add finished agent runs to memory: their pages, transitions and trajectory (each run once). A crawl output
    folder (`droidpilot crawl --out OUT`, or OUT/<package>) adds the crawled apps' pages and transitions."""
    from droidpilot.crawler.ingest import CrawlIngestError, ingest_crawl_dir, is_crawl_dir

    with memory_session(memory) as store:
        for run_dir in run_dirs:
            if is_crawl_dir(run_dir):
                try:
                    crawled = ingest_crawl_dir(store, run_dir)
                except CrawlIngestError as exc:
                    fail(str(exc), exc.hint)
                for app_report in crawled:
                    typer.echo(f"{app_report.package}: {app_report.steps} crawl steps, {app_report.visits} page "
                               f"visits, {app_report.transitions} transitions")
                continue
            try:
                report = ingest_run_dir(store, run_dir)
            except IngestError as exc:
                fail(str(exc), "pass a directory made by 'droidpilot run' (runs/<run_id>)")
            if report.skipped:
                typer.echo(f"{report.run_id}: already in memory, skipped")
                continue
            typer.echo(f"{report.run_id}: {report.steps} steps, {report.visits} page visits "
                       f"({report.new_pages} new pages), {report.transitions} transitions")
            if report.note:
                typer.echo(f"note: {report.note}", err=True)
