"""Simple Draw Pro's family (AndroidWorld's SimpleDrawProCreateDrawing): draw something, save it under the
given name in the Pictures folder. The check is AndroidWorld's: a file of exactly that name in
/storage/emulated/0/Pictures. The app appends the chosen format's extension to the typed name, so the name is
typed without it and the matching format is picked (typing "x.png" saves "x.png.png", as on a real phone).
"""

from __future__ import annotations

import random
from typing import ClassVar

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.mediakit import modified_file_name
from droidpilot.benchmarks.task import Params, Task

DRAW = "com.simplemobiletools.draw.pro"
PICTURES = "/storage/emulated/0/Pictures"
WORDS = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit")
EXTENSIONS = (".png", ".svg", ".jpg")
ADJECTIVES = ("quick", "happy", "silly", "brave", "kind", "clever", "gentle", "proud", "friendly", "funny",
              "curious", "smart", "bold", "calm")
NOUNS = ("apple", "banana", "cat", "dog", "elephant", "fish", "guitar", "house", "island", "jacket", "king",
         "lion", "monkey", "nest")


class DrawingParams(Params):
    file_name: str
    text: str = ""
    """Unused, as in AndroidWorld (its file-creation check shares a schema with text files)."""


def random_drawing_name(rng: random.Random) -> str:
    """AndroidWorld's: a word, "_", an adjective_noun name varied by a date, four characters or a word, and one
    of the three formats ("dolor_2023_04_11_calm_cat.svg")."""
    stem = modified_file_name(rng, f"{rng.choice(ADJECTIVES)}_{rng.choice(NOUNS)}.x").removesuffix(".x")
    return f"{rng.choice(WORDS)}_{stem}{rng.choice(EXTENSIONS)}"


class SimpleDrawProCreateDrawing(Task):
    template: ClassVar[str] = ("Create a new drawing in Simple Draw Pro. Name it {file_name}. Save it in the "
                               "Pictures folder within the sdk_gphone_x86_64 storage area.")
    app_names: ClassVar[tuple[str, ...]] = (DRAW,)
    tags: ClassVar[tuple[str, ...]] = ("data_entry", "parameterized")
    category: ClassVar[str] = "data_entry"
    params: DrawingParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return DrawingParams(seed=seed, file_name=random_drawing_name(rng))

    def setup(self, env: TaskEnv) -> None:
        env.seed(DRAW, "reset")
        env.shell(f"rm -rf {PICTURES} && mkdir -p {PICTURES}")  # AndroidWorld clears the storage first

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        return 1.0 if self.params.file_name in env.list_dir(PICTURES) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        stem, _, extension = self.params.file_name.rpartition(".")
        ui.open_app("Simple Draw Pro")
        box = ui.need(rid="my_canvas").bounds
        middle = (box.top + box.bottom) // 2
        ui.swipe(box.left + 150, middle, box.right - 150, middle - 200)
        ui.tap(desc="Save")
        ui.tap(rid="save_image_path")
        ui.tap(text="Pictures")
        ui.tap(text="OK")
        ui.long_press(rid="save_image_filename")  # selects the proposed name: typing replaces it
        ui.type(stem)
        ui.tap(text=extension.upper())
        ui.tap(text="OK")
        return None


TASKS = (SimpleDrawProCreateDrawing,)
