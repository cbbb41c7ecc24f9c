"""AndroidWorld's interactive task pages (Maze Puzzle, Memory Task, Color Challenge), modelled in Python.

No script engine runs in this browser: a page whose `<title>` names one of these and whose script seeds
`SeededRNG(N)` behaves as its JavaScript does, from the same linear congruential generator, so the maze, the
numbers and the colours are the ones Chrome would show. Each model keeps its state in the tab's `page` dict
(JSON), lays out the views Chrome's accessibility tree would expose, and says "Success!" where the page does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from PIL import Image, ImageDraw

from droidpilot.emulator.virtual.toolkit import views as v

Page = dict[str, Any]
Refresh = Callable[[Page], None]
MAZE_SIZE = 4
CANVAS_CSS = 300
DRAW_COLORS = ("#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff", "#00ffff", "#800000", "#008000", "#000080",
               "#808000", "#800080", "#008080", "#ffa500", "#ff1493", "#9932cc", "#20b2aa", "#4b0082", "#00ff7f",
               "#ff6347", "#00ced1", "#9400d3", "#f0e68c", "#ff8c00", "#228b22")
MOVES = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}


class Lcg:
    """The pages' SeededRNG: seed = (1664525 * seed + 1013904223) mod 2**32, returned as seed / 2**32."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def random(self) -> float:
        self.seed = (1664525 * self.seed + 1013904223) % 2**32
        return self.seed / 2**32


def task_page(title: str, source: str) -> str | None:
    """`maze`, `multiply` or `draw` when the page is one of AndroidWorld's task pages."""
    if "SeededRNG" not in source:
        return None
    return {"Maze Puzzle": "maze", "Memory Task": "multiply", "Color Challenge": "draw"}.get(title)


def page_seed(source: str) -> int:
    found = re.search(r"new SeededRNG\((\d+)\)", source)
    return int(found.group(1)) if found else 0


# -- Maze Puzzle -------------------------------------------------------------------------------------------------
def maze_layout(seed: int) -> list[list[str]]:
    """The page's randomised depth-first carving from the top-left cell until it reaches the bottom-right."""
    rng = Lcg(seed)
    layout = [["#"] * MAZE_SIZE for _ in range(MAZE_SIZE)]
    stack = [(0, 0)]
    directions = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    while stack:
        row, col = stack.pop()
        layout[row][col] = " "
        if (row, col) == (MAZE_SIZE - 1, MAZE_SIZE - 1):
            break
        for i in range(len(directions) - 1, 0, -1):
            j = int(rng.random() * (i + 1))
            directions[i], directions[j] = directions[j], directions[i]
        for dr, dc in directions:
            r, c = row + dr, col + dc
            if 0 <= r < MAZE_SIZE and 0 <= c < MAZE_SIZE and layout[r][c] == "#":
                stack.append((r, c))
    layout[0][0] = " "
    layout[MAZE_SIZE - 1][MAZE_SIZE - 1] = "$"
    return layout


def maze_views(seed: int, page: Page, refresh: Refresh) -> list[v.View]:
    if page.get("solved"):
        return [v.TextView(text="Success!", size=32)]
    layout = maze_layout(seed)
    row_at, col_at = page.get("pos", [0, 0])
    rows: list[v.View] = []
    for r, cells in enumerate(layout):
        line: list[v.View] = []
        for c, cell in enumerate(cells):
            bg = "#000000" if cell == "#" else "#008000" if cell == "$" else "#ffffff"
            text = "X" if (r, c) == (row_at, col_at) else ""
            line.append(v.TextView(text=text, width=88, height=88, bg=bg, size=40, align="center"))
        rows.append(v.LinearLayout(vertical=False, spacing=2, children=line))
    buttons: list[v.View] = [v.Button(text=name.capitalize(), style="outlined", width=88,
                        on_click=partial(_move, seed, page, name, refresh)) for name in MOVES]
    return [*rows, v.LinearLayout(vertical=False, spacing=6, children=buttons)]


def _move(seed: int, page: Page, direction: str, refresh: Refresh) -> None:
    layout = maze_layout(seed)
    row, col = page.get("pos", [0, 0])
    dr, dc = MOVES[direction]
    r, c = row + dr, col + dc
    if 0 <= r < MAZE_SIZE and 0 <= c < MAZE_SIZE and layout[r][c] != "#":
        refresh({**page, "pos": [r, c], "solved": layout[r][c] == "$"})


def maze_solution(seed: int) -> list[str]:
    """The shortest run of moves from the top-left to the goal (breadth-first), for oracles and tests."""
    layout = maze_layout(seed)
    goal = (MAZE_SIZE - 1, MAZE_SIZE - 1)
    paths: dict[tuple[int, int], list[str]] = {(0, 0): []}
    queue = [(0, 0)]
    while queue:
        row, col = queue.pop(0)
        for name, (dr, dc) in MOVES.items():
            nxt = (row + dr, col + dc)
            if 0 <= nxt[0] < MAZE_SIZE and 0 <= nxt[1] < MAZE_SIZE and layout[nxt[0]][nxt[1]] != "#" \
                    and nxt not in paths:
                paths[nxt] = [*paths[(row, col)], name]
                queue.append(nxt)
    return paths.get(goal, [])


# -- Memory Task -------------------------------------------------------------------------------------------------
def multiply_numbers(seed: int, count: int = 5) -> list[int]:
    rng = Lcg(seed)
    return [int(rng.random() * 10) + 1 for _ in range(count)]


def multiply_views(seed: int, page: Page, refresh: Refresh) -> list[v.View]:
    clicks = int(page.get("clicks", 0))
    views: list[v.View] = []
    if clicks < 5:
        shown = multiply_numbers(seed, clicks + 1)[-1]
        views += [v.TextView(text=str(shown), size=40, align="center"),
                  v.Button(text="Click Me", on_click=partial(refresh, {**page, "clicks": clicks + 1}))]
    else:
        answer = str(page.get("answer", ""))
        views += [v.EditText(text=answer, hint="Enter the product",
                             on_change=lambda text: refresh({**page, "answer": text})),
                  v.Button(text="Submit", style="outlined", on_click=partial(_check_product, seed, page, refresh))]
    if page.get("result"):
        views.append(v.TextView(text=str(page["result"]), size=24))
    return views


def _check_product(seed: int, page: Page, refresh: Refresh) -> None:
    product = 1
    for n in multiply_numbers(seed):
        product *= n
    answer = re.match(r"\s*-?\d+", str(page.get("answer", "")))  # parseInt
    ok = answer is not None and int(answer.group()) == product
    refresh({**page, "result": "Success!" if ok else ""})


# -- Color Challenge ---------------------------------------------------------------------------------------------
def draw_task_colors(seed: int) -> list[str]:
    rng = Lcg(seed)
    remaining = list(DRAW_COLORS)
    return [remaining.pop(int(rng.random() * len(remaining))) for _ in range(3)]


def draw_views(seed: int, page: Page, refresh: Refresh) -> list[v.View]:
    swatches = [v.View(width=50, height=50, bg=color) for color in draw_task_colors(seed)]
    canvas = v.Canvas(id="canvas", width=CANVAS_CSS, height=CANVAS_CSS, bg="#ffffff",
                      on_stroke=partial(_stroke, page, refresh), on_paint=partial(_paint_strokes, page))
    palette: list[v.View] = [v.Button(width=30, height=30, bg=color, style="text",
                        on_click=partial(refresh, {**page, "color": color})) for color in DRAW_COLORS]
    rows = [v.LinearLayout(vertical=False, spacing=6, children=palette[i:i + 8]) for i in range(0, 24, 8)]
    return [v.LinearLayout(vertical=False, spacing=10, children=swatches), canvas,
            v.TextView(text="Available Colors:"), *rows,
            v.LinearLayout(vertical=False, spacing=8, children=[
                v.Button(text="Clear", style="outlined", on_click=partial(refresh, {**page, "strokes": []})),
                v.Button(text="Submit", style="outlined", on_click=partial(_submit_drawing, seed, page, refresh))]),
            v.TextView(text=str(page.get("result", "")))]


def _stroke(page: Page, refresh: Refresh, stroke: v.Stroke) -> None:
    scaled = [round(n / v.DP) for n in stroke]
    refresh({**page, "strokes": [*page.get("strokes", []), [*scaled, page.get("color", "#000000")]]})


def _paint_strokes(page: Page, painter: Any, box: tuple[int, int, int, int]) -> None:
    left, top = box[0], box[1]
    for x1, y1, x2, y2, color in page.get("strokes", []):
        painter.draw.line((left + x1 * v.DP, top + y1 * v.DP, left + x2 * v.DP, top + y2 * v.DP), fill=color,
                          width=round(v.DP))


def _submit_drawing(seed: int, page: Page, refresh: Refresh) -> None:
    """The page reads back every pixel: success when each task colour is one of them."""
    image = Image.new("RGB", (CANVAS_CSS, CANVAS_CSS), (0, 0, 0))  # an untouched canvas reads as #000000
    draw = ImageDraw.Draw(image)
    for x1, y1, x2, y2, color in page.get("strokes", []):
        draw.line((x1, y1, x2, y2), fill=color, width=1)
    used = {"#{:02x}{:02x}{:02x}".format(*cast(tuple[int, int, int], rgb))
            for _, rgb in image.getcolors(CANVAS_CSS * CANVAS_CSS) or []}
    refresh({**page, "result": "Success!" if all(c in used for c in draw_task_colors(seed)) else ""})


MODELS: dict[str, Callable[[int, Page, Refresh], list[v.View]]] = {
    "maze": maze_views, "multiply": multiply_views, "draw": draw_views}
