"""A parsed page laid out as Chrome's accessibility tree exposes a WebView's content: an `android.webkit.WebView`
holding `android.widget.TextView` text, `android.view.View` links, `android.widget.Button` buttons and
`android.widget.EditText` fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from droidpilot.emulator.virtual.apps.chrome import document, pages
from droidpilot.emulator.virtual.toolkit import views as v


@dataclass(eq=False)
class WebView(v.LinearLayout):
    CLASS: ClassVar[str] = "android.webkit.WebView"


@dataclass(eq=False)
class WebNode(v.TextView):
    """A link or other generic element: Chrome reports it as a plain View with its text."""

    CLASS: ClassVar[str] = "android.view.View"


def title_of(html: str) -> str:
    return document.parse(html).title


def content(html: str, page: dict[str, Any], refresh: Callable[[dict[str, Any]], None],
            follow: Callable[[str], None]) -> tuple[str, v.View]:
    """(title, the WebView) for a page; AndroidWorld's task pages run their Python model."""
    doc = document.parse(html)
    model = pages.task_page(doc.title, html)
    if model is not None:
        children = pages.MODELS[model](pages.page_seed(html), page, refresh)
    else:
        children = _static(doc, page, refresh, follow)
    return doc.title, WebView(id="", desc=doc.title, spacing=8, padding=12, children=children)


def _static(doc: document.Document, page: dict[str, Any], refresh: Callable[[dict[str, Any]], None],
            follow: Callable[[str], None]) -> list[v.View]:
    views: list[v.View] = []
    inputs = dict(page.get("inputs", {}))
    for i, block in enumerate(doc.blocks):
        if block.kind in ("text", "heading"):
            views.append(v.TextView(text=block.text, size=block.size, bold=block.kind == "heading"))
        elif block.kind == "link":
            views.append(WebNode(text=block.text or block.href, color="primary",
                                 on_click=partial(follow, block.href) if block.href else None))
        elif block.kind == "button":
            views.append(v.Button(text=block.text, style="outlined", on_click=lambda: None))
        elif block.kind == "input":
            key = str(i)
            views.append(v.EditText(id=block.attrs.get("id", ""), text=str(inputs.get(key, block.text)),
                                    hint=block.attrs.get("placeholder", ""),
                                    on_change=partial(_typed, page, refresh, key)))
        elif block.kind == "image":
            views.append(v.ImageView(desc=block.text, icon="photo"))
    return views


def _typed(page: dict[str, Any], refresh: Callable[[dict[str, Any]], None], key: str, text: str) -> None:
    refresh({**page, "inputs": {**page.get("inputs", {}), key: text}})
