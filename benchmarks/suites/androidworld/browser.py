"""AndroidWorld's Browser families: BrowserMaze, BrowserMultiply, BrowserDraw. Each puts a seeded task page in
Download/task.html (browser_pages.py); the goal opens it from Files in Chrome and plays it. The check is
AndroidWorld's: Chrome in front and an element reading "Success!" on its screen.

The oracles act through the GUI only: the maze oracle reads the grid from the screen (walls are cells without
the X, coloured black in the screenshot) and walks a shortest path; the multiply oracle reads each number
before it clicks; the draw oracle samples the three target colours from the screenshot and picks the palette
buttons of the same colour.
"""

from __future__ import annotations

import random
from typing import ClassVar

from PIL import Image

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import OracleError, UIDriver
from droidpilot.benchmarks.suites.androidworld import browser_pages
from droidpilot.benchmarks.suites.androidworld.camera_gallery_files import open_folder
from droidpilot.benchmarks.task import Params, Task
from droidpilot.emulator.device import UIElement

CHROME = "com.android.chrome"
FILES = "com.android.documentsui"
TASK_FILE = "/sdcard/Download/task.html"
PREAMBLE = "Open the file task.html in Downloads in the file manager; when prompted open it with Chrome."


class BrowserParams(Params):
    browser_task_seed: int


class _BrowserTask(Task):
    app_names: ClassVar[tuple[str, ...]] = (CHROME, FILES)
    category: ClassVar[str] = "game_playing"
    PAGE: ClassVar[str] = ""
    params: BrowserParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return BrowserParams(seed=seed, browser_task_seed=rng.randint(0, 2**32 - 1))

    def setup(self, env: TaskEnv) -> None:
        env.seed(FILES, "clear_user_files")
        env.seed(CHROME, "reset")
        html = browser_pages.page(self.PAGE, self.params.browser_task_seed)
        env.device.push(html.encode(), TASK_FILE)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        if env.current_app()[0] != CHROME:
            return 0.0
        return 1.0 if any(e.text == "Success!" for e in env.observe().elements) else 0.0

    def open_page(self, ui: UIDriver) -> None:
        open_folder(ui, "Download")
        ui.tap(rid="title", text="task.html")


def _web(ui: UIDriver) -> list[UIElement]:
    """The page's elements (below Chrome's toolbar), in document order."""
    toolbar = ui.need(rid="url_bar").bounds.bottom
    return [e for e in ui.elements() if e.bounds.top >= toolbar and e.package == CHROME]


class BrowserMaze(_BrowserTask):
    template: ClassVar[str] = (PREAMBLE + " Then navigate the X to the bottom-right cell, by using the direction "
                               "buttons.")
    tags: ClassVar[tuple[str, ...]] = ("game_playing", "multi_app", "complex_ui_understanding", "memorization",
                                       "parameterized")
    PAGE: ClassVar[str] = browser_pages.MAZE

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        self.open_page(ui)
        cells = [e for e in _web(ui) if e.class_name == "android.widget.TextView"][:16]
        shot = ui.device.observe().screenshot
        open_cells = {(i // 4, i % 4) for i, cell in enumerate(cells)
                      if cell.text == "X" or _pixel(shot, _inner(cell)) != (0, 0, 0)}
        for move in _shortest_path(open_cells):
            ui.tap(text=move, cls="android.widget.Button")
        return None


def _pixel(shot: Image.Image | None, xy: tuple[int, int]) -> tuple[int, int, int]:
    """The screenshot's colour at a point (what the agent sees there)."""
    if shot is None:
        raise OracleError("the device gave no screenshot")
    r, g, b = shot.convert("RGB").getpixel(xy)  # type: ignore[misc]  # an RGB image gives a 3-tuple
    return r, g, b


def _inner(e: UIElement) -> tuple[int, int]:
    """A point inside the cell away from the X glyph."""
    return e.bounds.left + 6, e.bounds.top + 6


def _shortest_path(open_cells: set[tuple[int, int]]) -> list[str]:
    moves = {"Up": (-1, 0), "Down": (1, 0), "Left": (0, -1), "Right": (0, 1)}
    paths: dict[tuple[int, int], list[str]] = {(0, 0): []}
    queue = [(0, 0)]
    while queue:
        here = queue.pop(0)
        for name, (dr, dc) in moves.items():
            there = (here[0] + dr, here[1] + dc)
            if there in open_cells and there not in paths:
                paths[there] = [*paths[here], name]
                queue.append(there)
    return paths.get((3, 3), [])


class BrowserMultiply(_BrowserTask):
    template: ClassVar[str] = (PREAMBLE + " Then click the button 5 times, remember the numbers displayed, and "
                               "enter their product in the form.")
    tags: ClassVar[tuple[str, ...]] = ("math_counting", "memorization", "screen_reading")
    category: ClassVar[str] = "math_counting"
    PAGE: ClassVar[str] = browser_pages.MULTIPLY

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        self.open_page(ui)
        product = 1
        for _ in range(5):
            number = next(e for e in _web(ui) if e.class_name == "android.widget.TextView" and e.text.isdigit())
            product *= int(number.text)
            ui.tap(text="Click Me")
        ui.tap(cls="android.widget.EditText", text="Enter the product")
        ui.type(str(product))
        ui.tap(text="Submit")
        return None


class BrowserDraw(_BrowserTask):
    template: ClassVar[str] = (PREAMBLE + " Then create a drawing using the three colors shown at the top and hit "
                               "submit.")
    tags: ClassVar[tuple[str, ...]] = ("game_playing", "parameterized")
    PAGE: ClassVar[str] = browser_pages.DRAW

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        self.open_page(ui)
        page = _web(ui)
        shot = ui.device.observe().screenshot
        canvas = next(e for e in page if e.resource_id.endswith("canvas"))
        swatches = [e for e in page if e.bounds.bottom <= canvas.bounds.top and e.class_name == "android.view.View"]
        palette = [e for e in page if e.class_name == "android.widget.Button" and not e.text]
        for i, swatch in enumerate(swatches[:3]):
            wanted = _pixel(shot, swatch.bounds.center)
            button = next(b for b in palette if _pixel(shot, b.bounds.center) == wanted)
            ui.tap_at(*button.bounds.center)
            y = canvas.bounds.top + (i + 1) * canvas.bounds.height // 4
            ui.swipe(canvas.bounds.left + 40, y, canvas.bounds.right - 40, y)
        ui.tap(text="Submit")
        return None


TASKS = (BrowserDraw, BrowserMaze, BrowserMultiply)
