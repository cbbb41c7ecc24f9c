"""Camera, Gallery and Files tasks: AndroidWorld's CameraTakePhoto / TakeVideo, SaveCopyOfReceiptTaskEval,
FilesDeleteFile / FilesMoveFile, and a question about a folder.

These apps keep no database: their state is the files on /sdcard. Each task empties the standard folders and
seeds its own files, noise included (the same file name in two folders, older photos), then checks the whole
tree against the one captured in setup: exactly the expected file may appear, vanish or move, byte for byte.
"""

from __future__ import annotations

import hashlib
import random
import shlex
from typing import Any, ClassVar

from pydantic import BaseModel

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import DEVICE_TIME, AnswerType, Difficulty, Params, Question, Task

CAMERA, GALLERY, FILES = "com.android.camera2", "com.android.gallery3d", "com.android.documentsui"
STORAGE = "Pixel 6"
"""The storage root's name in Files (the device's name)."""
NOW_S = DEVICE_TIME.timestamp()

FILE_NAMES: dict[str, tuple[str, ...]] = {
    "Documents": ("budget_2026.xlsx", "meeting_minutes.docx", "resume.pdf", "lease_agreement.pdf",
                  "travel_itinerary.pdf", "notes.txt", "project_plan.md", "tax_return_2025.pdf"),
    "Download": ("boarding_pass.pdf", "invoice_4821.pdf", "setup_guide.pdf", "photo_backup.zip", "notes.txt",
                 "recipe_lasagna.txt", "concert_tickets.pdf", "bank_statement_sep.pdf"),
    "Music": ("morning_playlist.m3u", "podcast_episode_12.mp3", "voice_memo.m4a", "piano_practice.mp3",
              "road_trip_mix.mp3"),
    "Movies": ("birthday_party.mp4", "vacation_clip.mp4", "graduation.mp4"),
}
FOLDERS = tuple(FILE_NAMES)
PHOTO_NAMES = ("IMG_20261003_091512.jpg", "IMG_20261007_184233.jpg", "IMG_20261009_120045.jpg",
               "IMG_20261011_201618.jpg", "IMG_20261012_075902.jpg", "IMG_20261014_163340.jpg")
RECEIPTS = ("receipt_grocery.jpg", "receipt_hardware_store.jpg", "receipt_restaurant.jpg", "receipt_pharmacy.jpg",
            "receipt_gas_station.jpg", "receipt_bookstore.jpg", "receipt_coffee_shop.jpg", "receipt_taxi.jpg",
            "receipt_hotel.jpg", "receipt_electronics.jpg")
COLORS = ("#4285F4", "#DB4437", "#F4B400", "#0F9D58", "#AB47BC", "#00ACC1", "#FF7043")


class SeedFile(BaseModel):
    folder: str
    name: str
    text: str = ""
    color: str = ""
    """Set for a picture (written as a real image in that colour)."""
    hours_ago: int = 24

    @property
    def path(self) -> str:
        return f"/sdcard/{self.folder}/{self.name}"


class FilesParams(Params):
    files: list[SeedFile]


def text_files(rng: random.Random, per_folder: dict[str, int]) -> list[SeedFile]:
    files = []
    for folder, count in per_folder.items():
        for name in rng.sample(FILE_NAMES[folder], count):
            files.append(SeedFile(folder=folder, name=name, text=f"{name} ({folder}) #{rng.randint(1000, 9999)}\n",
                                  hours_ago=rng.randint(2, 400)))
    return files


def photos(rng: random.Random, count: int, folder: str = "DCIM/Camera") -> list[SeedFile]:
    return [SeedFile(folder=folder, name=name, color=rng.choice(COLORS), hours_ago=rng.randint(20, 300))
            for name in rng.sample(PHOTO_NAMES, count)]


def seed_files(env: TaskEnv, files: list[SeedFile]) -> None:
    env.seed(FILES, "clear_user_files")
    for f in files:
        if f.color:
            env.seed(GALLERY, "add_image", device_path=f.path, color=f.color, mtime=NOW_S - f.hours_ago * 3600)
        else:
            env.shell(f"mkdir -p {shlex.quote('/sdcard/' + f.folder)} && "
                      f"printf '%s' {shlex.quote(f.text)} > {shlex.quote(f.path)}")


def tree(env: TaskEnv) -> dict[str, str]:
    """Every file under /sdcard with a digest of its bytes."""
    paths = [p for p in env.shell("find /sdcard -type f").splitlines() if p]
    return {p: hashlib.sha1(env.read_file(p) or b"").hexdigest() for p in paths}


def open_folder(ui: UIDriver, folder: str) -> None:
    """Files, then the storage root from the drawer, then `folder`."""
    ui.open_app("Files")
    ui.tap(desc="Show roots")
    ui.tap(text=STORAGE)
    ui.tap(rid="title", text=folder)


def select(ui: UIDriver, name: str) -> None:
    ui.long_press(rid="title", text=name)


class _FilesTask(Task):
    params_model: ClassVar[type[Params]] = FilesParams
    category: ClassVar[str] = "data_edit"

    @property
    def p(self) -> FilesParams:
        assert isinstance(self.params, FilesParams)
        return self.params

    def setup(self, env: TaskEnv) -> None:
        seed_files(env, self.p.files)
        self.before = tree(env)

    def changes(self, env: TaskEnv) -> tuple[dict[str, str], set[str], set[str]]:
        """(tree now, paths added, paths removed); a file whose bytes changed counts as both."""
        after = tree(env)
        changed = {p for p in after.keys() & self.before.keys() if after[p] != self.before[p]}
        return after, (after.keys() - self.before.keys()) | changed, (self.before.keys() - after.keys()) | changed


# -- camera ---------------------------------------------------------------------------------------------------
class _CameraTask(_FilesTask):
    app_names: ClassVar[tuple[str, ...]] = (CAMERA,)
    category: ClassVar[str] = "device_control"
    tags: ClassVar[tuple[str, ...]] = ("camera",)
    SUFFIX: ClassVar[str] = ".jpg"

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        return FilesParams(seed=seed, files=photos(rng, rng.randint(1, 3)))

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        _after, added, removed = self.changes(env)
        ok = (not removed and len(added) == 1 and next(iter(added)).startswith("/sdcard/DCIM/Camera/")
              and next(iter(added)).endswith(self.SUFFIX))
        return 1.0 if ok else 0.0


class CameraTakePhoto(_CameraTask):
    template: ClassVar[str] = "Take one photo."

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Camera")
        ui.tap(rid="shutter_button")
        return None


class CameraTakeVideo(_CameraTask):
    template: ClassVar[str] = "Take one video."
    SUFFIX: ClassVar[str] = ".mp4"

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Camera")
        ui.tap(rid="mode_video")
        ui.tap(rid="shutter_button", desc="Shutter")
        ui.tap(rid="shutter_button", desc="Stop")
        return None


# -- gallery --------------------------------------------------------------------------------------------------
class TargetParams(FilesParams):
    file_name: str
    folder: str
    dest: str = ""


class SaveCopyOfReceiptTaskEval(_FilesTask):
    template: ClassVar[str] = "In Gallery, copy the picture {file_name} to the Download folder."
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (GALLERY,)
    complexity: ClassVar[float] = 1.5
    tags: ClassVar[tuple[str, ...]] = ("gallery", "files", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        receipts = [SeedFile(folder="DCIM", name=n, color=rng.choice(COLORS), hours_ago=rng.randint(3, 100))
                    for n in rng.sample(RECEIPTS, 3)]
        files = [*photos(rng, 3), *receipts, *text_files(rng, {"Download": 2})]
        return TargetParams(seed=seed, files=files, file_name=receipts[0].name, folder="DCIM", dest="Download")

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after, added, removed = self.changes(env)
        copy = f"/sdcard/Download/{self.tp.file_name}"
        source = f"/sdcard/{self.tp.folder}/{self.tp.file_name}"
        return 1.0 if not removed and added == {copy} and after[copy] == self.before[source] else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Gallery")
        ui.scroll_to(rid="thumbnail", desc=self.tp.file_name)
        ui.tap(rid="thumbnail", desc=self.tp.file_name)
        ui.tap(desc="More options")
        ui.tap(text="Copy to")
        ui.tap(rid="folder_name", text="Download")
        return None


# -- files ----------------------------------------------------------------------------------------------------
def _target_files(rng: random.Random) -> tuple[list[SeedFile], SeedFile]:
    """Files in four folders and one of them as the target (notes.txt may be in two folders: the folder matters)."""
    files = text_files(rng, {"Documents": 4, "Download": 4, "Music": 2, "Movies": 1})
    target = rng.choice(files)
    return files, target


class FilesDeleteFile(_FilesTask):
    template: ClassVar[str] = "Delete the file {file_name} from the {folder} folder."
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (FILES,)
    complexity: ClassVar[float] = 1.5
    tags: ClassVar[tuple[str, ...]] = ("files", "data_edit", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        files, target = _target_files(rng)
        return TargetParams(seed=seed, files=files, file_name=target.name, folder=target.folder)

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        _after, added, removed = self.changes(env)
        return 1.0 if not added and removed == {f"/sdcard/{self.tp.folder}/{self.tp.file_name}"} else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_folder(ui, self.tp.folder)
        select(ui, self.tp.file_name)
        ui.tap(rid="action_menu_delete")
        ui.tap(rid="button1", text="OK")
        return None


class FilesMoveFile(_FilesTask):
    template: ClassVar[str] = "Move the file {file_name} from the {folder} folder to the {dest} folder."
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (FILES,)
    complexity: ClassVar[float] = 2.0
    difficulty: ClassVar[Difficulty] = "medium"
    tags: ClassVar[tuple[str, ...]] = ("files", "data_edit", "parameterized")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        files, target = _target_files(rng)
        clash = {f.folder for f in files if f.name == target.name}
        dest = rng.choice([f for f in (*FOLDERS, "Pictures") if f not in clash])
        return TargetParams(seed=seed, files=files, file_name=target.name, folder=target.folder, dest=dest)

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after, added, removed = self.changes(env)
        source = f"/sdcard/{self.tp.folder}/{self.tp.file_name}"
        moved = f"/sdcard/{self.tp.dest}/{self.tp.file_name}"
        ok = added == {moved} and removed == {source} and after[moved] == self.before[source]
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_folder(ui, self.tp.folder)
        select(ui, self.tp.file_name)
        ui.tap(desc="More options")
        ui.tap(rid="title", text="Move to…")
        ui.tap(rid="breadcrumb_text", text=STORAGE)  # the picker opens in the source folder
        ui.tap(rid="title", text=self.tp.dest)
        ui.tap(rid="button1", text="Move")
        return None


class FilesCountQuestion(Question, _FilesTask):
    template: ClassVar[str] = "How many files are in the {folder} folder?"
    params_model: ClassVar[type[Params]] = TargetParams
    app_names: ClassVar[tuple[str, ...]] = (FILES,)
    answer_type: ClassVar[AnswerType | None] = "number"
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("files", "information_retrieval", "parameterized", "math_counting")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        folder = rng.choice(FOLDERS)
        counts = {f: rng.randint(1, len(FILE_NAMES[f]) - 1) for f in FOLDERS}
        counts[folder] = rng.randint(2, len(FILE_NAMES[folder]))
        return TargetParams(seed=seed, files=text_files(rng, counts), file_name="", folder=folder)

    @property
    def tp(self) -> TargetParams:
        assert isinstance(self.params, TargetParams)
        return self.params

    def expected_answer(self, env: TaskEnv) -> str | None:
        return str(len(env.list_dir(f"/sdcard/{self.tp.folder}")))

    def asked_state(self, env: TaskEnv) -> Any:
        return tree(env)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_folder(ui, self.tp.folder)
        return str(sum(1 for e in ui.elements() if e.resource_id.endswith("/title") and e.text))


TASKS = (CameraTakePhoto, CameraTakeVideo, SaveCopyOfReceiptTaskEval, FilesDeleteFile, FilesMoveFile,
         FilesCountQuestion)
