"""Widgets with real Android class names, and their layout.

Apps build a fresh view tree from their state on every frame (as Compose or React do); handlers are closures,
so the tree itself is never stored. Sizes are given in dp and laid out in pixels at density 420.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

DENSITY = 420
DP = DENSITY / 160


def px(dp: float) -> int:
    """Density-independent pixels to screen pixels."""
    return round(dp * DP)


Handler = Callable[[], None]
PointHandler = Callable[[int, int, int, int], None]
"""Gets a touch position (x, y) relative to the view's top-left corner and the view's (width, height), in
pixels: enough for a map to turn the touch into coordinates through its view transform."""


def ignoring_value(handler: Handler) -> Callable[[object], None]:
    """An `on_change` that runs `handler` whatever the new value: a radio button only ever reports True,
    and some toggles flip state they read themselves. Bind arguments with functools.partial, not lambda
    defaults, which mypy cannot type."""
    return lambda _value: handler()


@dataclass(eq=False)
class View:
    """The base widget. `height`/`width` are dp; None means "wrap content" (height) or "fill" (width)."""

    CLASS: ClassVar[str] = "android.view.View"

    id: str = ""
    text: str = ""
    desc: str = ""
    on_click: Handler | None = None
    on_long_click: Handler | None = None
    on_pinch: Callable[[float], None] | None = None
    """Two-finger zoom: gets the scale (finger distance at the end over the start; > 1 spreads, zooms in)."""
    enabled: bool = True
    selected: bool = False
    height: float | None = None
    width: float | None = None
    weight: float = 0.0
    padding: float = 0.0
    bg: str | None = None
    visible: bool = True
    focusable: bool = False
    children: list[View] = field(default_factory=list)
    # Set by layout, in pixels.
    left: int = 0
    top: int = 0
    right: int = 0
    bottom: int = 0
    focused: bool = False

    @property
    def class_name(self) -> str:
        return self.CLASS

    @property
    def clickable(self) -> bool:
        return self.on_click is not None

    @property
    def long_clickable(self) -> bool:
        return self.on_long_click is not None

    checkable: ClassVar[bool] = False
    scrollable: ClassVar[bool] = False
    password: ClassVar[bool] = False

    @property
    def checked(self) -> bool:
        return False

    @property
    def box(self) -> tuple[int, int, int, int]:
        return self.left, self.top, self.right, self.bottom

    def measure(self, width: int) -> int:
        """The height in pixels this view wants at `width`."""
        if self.height is not None:
            return px(self.height)
        return self.content_height(width - 2 * px(self.padding)) + 2 * px(self.padding)

    def content_height(self, width: int) -> int:
        return 0

    def place(self, left: int, top: int, width: int, height: int, ctx: LayoutContext) -> None:
        self.left, self.top, self.right, self.bottom = left, top, left + width, top + height

    def walk(self) -> Iterator[View]:
        yield self
        for child in self.visible_children():
            yield from child.walk()

    def visible_children(self) -> list[View]:
        return [c for c in self.children if c.visible]

    def descendants(self) -> Iterator[View]:
        """Every visible view below this one, on screen or scrolled away (layout does not matter)."""
        for child in self.children:
            if child.visible:
                yield child
                yield from child.descendants()


@dataclass
class LayoutContext:
    """Per-frame layout inputs owned by the system: scroll offsets by scroll id, the focused field."""

    scroll: dict[str, int] = field(default_factory=dict)
    extents: dict[str, int] = field(default_factory=dict)
    focus_id: str | None = None


@dataclass(eq=False)
class LinearLayout(View):
    CLASS: ClassVar[str] = "android.widget.LinearLayout"
    vertical: bool = True
    spacing: float = 0.0
    align_center: bool = False

    def content_height(self, width: int) -> int:
        kids = self.visible_children()
        if not kids:
            return 0
        if self.vertical:
            return sum(c.measure(width) for c in kids) + px(self.spacing) * (len(kids) - 1)
        return max(c.measure(w) for c, w in zip(kids, self._widths(width), strict=True))

    def _widths(self, width: int) -> list[int]:
        kids = self.visible_children()
        fixed = sum(px(c.width) for c in kids if c.width is not None) + px(self.spacing) * (len(kids) - 1)
        flexible = [c for c in kids if c.width is None]
        weights = sum(c.weight or 1.0 for c in flexible) or 1.0
        free = max(0, width - fixed)
        return [px(c.width) if c.width is not None else int(free * (c.weight or 1.0) / weights) for c in kids]

    def place(self, left: int, top: int, width: int, height: int, ctx: LayoutContext) -> None:
        super().place(left, top, width, height, ctx)
        pad = px(self.padding)
        inner_w, inner_h = width - 2 * pad, height - 2 * pad
        kids = self.visible_children()
        if self.vertical:
            self._place_vertical(kids, left + pad, top + pad, inner_w, inner_h, ctx)
            return
        x = left + pad
        for child, w in zip(kids, self._widths(inner_w), strict=True):
            h = min(child.measure(w), inner_h) if self.align_center else inner_h
            child.place(x, top + pad + (inner_h - h) // 2, w, h, ctx)
            x += w + px(self.spacing)

    def _place_vertical(
        self, kids: Sequence[View], x: int, y: int, w: int, h: int, ctx: LayoutContext
    ) -> None:
        heights = [0 if c.weight else c.measure(w) for c in kids]
        free = max(0, h - sum(heights) - px(self.spacing) * (len(kids) - 1))
        weights = sum(c.weight for c in kids) or 1.0
        end = y + h
        for child, ch in zip(kids, heights, strict=True):
            ch = int(free * child.weight / weights) if child.weight else ch
            if isinstance(child, ScrollView):
                ch = min(ch, max(0, end - y))  # wrap_content lists are capped by the parent, as AT_MOST does
            child.place(x, y, w, ch, ctx)
            y += ch + px(self.spacing)


@dataclass(eq=False)
class FrameLayout(View):
    """Children stacked on top of each other; a child with `gravity` is sized to content and pinned."""

    CLASS: ClassVar[str] = "android.widget.FrameLayout"

    def content_height(self, width: int) -> int:
        return max((c.measure(width) for c in self.visible_children()), default=0)

    def place(self, left: int, top: int, width: int, height: int, ctx: LayoutContext) -> None:
        super().place(left, top, width, height, ctx)
        for child in self.visible_children():
            gravity = getattr(child, "gravity", "")
            if not gravity:
                child.place(left, top, width, height, ctx)
                continue
            cw = px(child.width) if child.width is not None else width
            ch = child.measure(cw)
            margin = px(16)
            x = left + width - cw - margin if "end" in gravity else left + (width - cw) // 2
            y = top + height - ch - margin if "bottom" in gravity else top + (height - ch) // 2
            child.place(x, y, cw, ch, ctx)


@dataclass(eq=False)
class ViewGroup(LinearLayout):
    """A generic container (list rows, app bars) reported as `android.view.ViewGroup`."""

    CLASS: ClassVar[str] = "android.view.ViewGroup"


@dataclass(eq=False)
class TextView(View):
    CLASS: ClassVar[str] = "android.widget.TextView"
    size: float = 16.0
    bold: bool = False
    color: str = "text"
    align: str = "left"
    max_lines: int = 0

    def content_height(self, width: int) -> int:
        from droidpilot.emulator.virtual.toolkit.fonts import wrap_lines

        lines = wrap_lines(self.text or " ", px(self.size), self.bold, width)
        if self.max_lines:
            lines = lines[: self.max_lines]
        return len(lines) * line_height(self.size) + px(8)


def line_height(size_sp: float) -> int:
    return px(size_sp * 1.4)


@dataclass(eq=False)
class Button(TextView):
    CLASS: ClassVar[str] = "android.widget.Button"
    style: str = "filled"
    align: str = "center"
    size: float = 15.0
    bold: bool = True

    def content_height(self, width: int) -> int:
        return px(48)


@dataclass(eq=False)
class ImageView(View):
    CLASS: ClassVar[str] = "android.widget.ImageView"
    icon: str = ""
    tint: str = "text"

    def content_height(self, width: int) -> int:
        return px(24)


@dataclass(eq=False)
class ImageButton(ImageView):
    CLASS: ClassVar[str] = "android.widget.ImageButton"
    width: float | None = 48
    gravity: str = ""

    def content_height(self, width: int) -> int:
        return px(48)


@dataclass(eq=False)
class EditText(TextView):
    """A text field. `on_change` receives the new value; `on_submit` runs on the IME action (Enter)."""

    CLASS: ClassVar[str] = "android.widget.EditText"
    hint: str = ""
    on_change: Callable[[str], None] | None = None
    on_submit: Handler | None = None
    is_password: bool = False
    multiline: bool = False
    focusable: bool = True

    @property
    def clickable(self) -> bool:
        return self.enabled

    @property
    def password(self) -> bool:  # type: ignore[override]
        return self.is_password

    @property
    def long_clickable(self) -> bool:
        return self.enabled

    def content_height(self, width: int) -> int:
        if not self.multiline:
            return px(56)
        return max(px(120), super().content_height(width) + px(24))

    def shown_text(self) -> str:
        return "•" * len(self.text) if self.is_password else self.text


@dataclass(eq=False)
class CompoundButton(TextView):
    """Base for CheckBox, Switch and RadioButton: a tap toggles and calls `on_change(new_value)`."""

    is_checked: bool = False
    on_change: Callable[[bool], None] | None = None
    checkable: ClassVar[bool] = True

    @property
    def checked(self) -> bool:
        return self.is_checked

    @property
    def clickable(self) -> bool:
        return self.enabled

    def content_height(self, width: int) -> int:
        return max(px(48), super().content_height(width - px(72)))

    def toggle(self) -> None:
        if self.on_change is not None:
            self.on_change(not self.is_checked)


@dataclass(eq=False)
class CheckBox(CompoundButton):
    CLASS: ClassVar[str] = "android.widget.CheckBox"


@dataclass(eq=False)
class Switch(CompoundButton):
    CLASS: ClassVar[str] = "android.widget.Switch"


@dataclass(eq=False)
class RadioButton(CompoundButton):
    CLASS: ClassVar[str] = "android.widget.RadioButton"

    def toggle(self) -> None:
        if self.on_change is not None and not self.is_checked:
            self.on_change(True)


@dataclass(eq=False)
class SeekBar(View):
    """A slider; taps and drags set `progress` from the x position."""

    CLASS: ClassVar[str] = "android.widget.SeekBar"
    progress: int = 0
    max: int = 100
    on_change: Callable[[int], None] | None = None
    focusable: bool = True

    @property
    def clickable(self) -> bool:
        return self.enabled

    def content_height(self, width: int) -> int:
        return px(48)

    def value_at(self, x: float) -> int:
        inset = px(16)
        frac = (x - self.left - inset) / max(1, self.right - self.left - 2 * inset)
        return round(min(1.0, max(0.0, frac)) * self.max)


@dataclass(eq=False)
class ScrollView(View):
    """A vertical scrolling container. Only children at least partly inside the viewport are exposed, and
    their bounds are clipped to it, as uiautomator reports them. `id` doubles as the scroll-state key."""

    CLASS: ClassVar[str] = "android.widget.ScrollView"
    spacing: float = 0.0
    scrollable: ClassVar[bool] = True
    content_extent: int = 0
    from_end: bool = False
    """Stack from the end (a chat): opens at the last row and stays there as rows arrive. The stored scroll
    value is then the distance from the end."""

    def content_height(self, width: int) -> int:
        kids = [c for c in self.children if c.visible]
        return sum(c.measure(width) for c in kids) + px(self.spacing) * max(0, len(kids) - 1)

    def place(self, left: int, top: int, width: int, height: int, ctx: LayoutContext) -> None:
        super().place(left, top, width, height, ctx)
        pad = px(self.padding)
        inner = width - 2 * pad
        total = self.content_height(inner) + 2 * pad
        self.content_extent = total
        max_offset = max(0, total - height)
        # The stored offset is only clamped here, never written back: the input dispatcher owns it.
        stored = ctx.scroll.get(self.id, 0)
        offset = min(max(0, max_offset - stored if self.from_end else stored), max_offset)
        ctx.extents[self.id] = max_offset
        y = top + pad - offset
        for child in self.children:
            if not child.visible:
                continue
            ch = child.measure(inner)
            child.place(left + pad, y, inner, ch, ctx)
            y += ch + px(self.spacing)

    def visible_children(self) -> list[View]:
        return [c for c in self.children if c.visible and c.bottom > self.top and c.top < self.bottom]

    def can_scroll(self, ctx: LayoutContext) -> bool:
        return ctx.extents.get(self.id, 0) > 0


@dataclass(eq=False)
class RecyclerView(ScrollView):
    CLASS: ClassVar[str] = "androidx.recyclerview.widget.RecyclerView"


@dataclass(eq=False)
class Dialog(LinearLayout):
    """A modal window centred over the activity. The dump shows only its window, as on a device."""

    CLASS: ClassVar[str] = "android.widget.FrameLayout"
    padding: float = 24
    spacing: float = 8
    bg: str | None = "dialog"
    on_dismiss: Handler | None = None
    anchor: str = "center"
    """`center` for an alert dialog; `top_end` for a popup (overflow) menu under the app bar."""


Stroke = tuple[int, int, int, int]
"""A finger's path across a canvas, start and end, in pixels relative to the canvas's top-left corner."""


@dataclass(eq=False)
class Canvas(View):
    """A surface that takes swipes as strokes (a drawing app's canvas, a web page's <canvas>) instead of
    scrolling or flinging. `widget_class` is the class name the dump shows (apps ship their own View subclass);
    the app draws its content with `on_paint(painter, box)`, `box` being the canvas's (left, top, right, bottom)
    in the painter's coordinates."""

    widget_class: str = "android.view.View"
    on_stroke: Callable[[Stroke], None] | None = None
    on_paint: Callable[[Any, tuple[int, int, int, int]], None] | None = None
    on_tap: PointHandler | None = None
    on_long_tap: PointHandler | None = None
    """Where a map or a drawing surface was touched, relative to the canvas (a long press picks a point)."""

    @property
    def class_name(self) -> str:
        return self.widget_class

    @property
    def clickable(self) -> bool:
        return self.on_tap is not None or self.on_click is not None

    @property
    def long_clickable(self) -> bool:
        return self.on_long_tap is not None or self.on_long_click is not None

    def paint_content(self, painter: Any) -> None:
        """The renderer's hook for views that draw themselves."""
        if self.on_paint is not None:
            self.on_paint(painter, painter.box(self))
