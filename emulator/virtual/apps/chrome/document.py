"""A web page as Chrome's accessibility tree shows it: the supported HTML subset parsed into blocks.

Supported: `<title>`; headings `h1`-`h6`; text in `p`, `div`, `span`, `li`, `td`, `pre`, `label`; `a href`
(a clickable link); `button`; `input` (text, number, search, password; `placeholder`, `value`) and `textarea`;
`img alt`; `br`. `script`, `style`, `head` content and attributes other than these are ignored: no script runs
(AndroidWorld's interactive task pages are recognised by `pages.py` and behave through Python models).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

HEADINGS = {"h1": 32, "h2": 24, "h3": 20, "h4": 18, "h5": 16, "h6": 14}
TEXT_TAGS = {"p", "div", "span", "li", "td", "th", "pre", "label", "section", "article", "main", "body", "ul",
             "ol", "table", "tr", "form", "header", "footer", "nav", "center", "b", "i", "em", "strong"}
SKIPPED = {"script", "style", "head", "noscript", "template"}


@dataclass
class Block:
    """One node of the page as exposed: `kind` is text, heading, link, button, input or image."""

    kind: str
    text: str = ""
    size: int = 16
    href: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    source: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = Document()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.link: Block | None = None
        self.button: Block | None = None
        self.in_title = False
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in SKIPPED:
            self.skipping += 1
            self.in_title = self.in_title or False
            return
        if tag == "title":
            self.in_title = True
            return
        if self.skipping:
            return
        if tag in HEADINGS or tag in ("a", "button", "br") or tag in TEXT_TAGS:
            self._flush()
        if tag == "a":
            self.link = Block("link", href=values.get("href", ""), attrs=values)
        elif tag == "button":
            self.button = Block("button", attrs=values)
        elif tag in ("input", "textarea"):
            if values.get("type", "text") in ("text", "number", "search", "password", "email", "tel", "url"):
                self.doc.blocks.append(Block("input", text=values.get("value", ""), attrs=values))
        elif tag == "img" and values.get("alt"):
            self.doc.blocks.append(Block("image", text=values["alt"], attrs=values))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if self.skipping:
            return
        if tag == "a" and self.link is not None:
            self.link.text = " ".join("".join(self.text).split())
            self.text = []
            self.doc.blocks.append(self.link)
            self.link = None
        elif tag == "button" and self.button is not None:
            self.button.text = " ".join("".join(self.text).split())
            self.text = []
            self.doc.blocks.append(self.button)
            self.button = None
        elif tag in HEADINGS:
            self._flush(size=HEADINGS[tag], kind="heading")
        elif tag in TEXT_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.doc.title += data.strip()
        elif not self.skipping:
            self.text.append(data)

    def _flush(self, size: int = 16, kind: str = "text") -> None:
        if self.link is not None or self.button is not None:
            return
        text = " ".join("".join(self.text).split())
        self.text = []
        if text:
            self.doc.blocks.append(Block(kind, text=text, size=size))

    def close(self) -> None:
        super().close()
        self._flush()


def parse(html: str) -> Document:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.doc.source = html
    return parser.doc
