"""The editor (Markor's `DocumentActivity`) and the share receiver that opens a new note in it.

The text lives in the activity state and is written to the file on every change, on Save and on leaving, as
Markor's auto-save does, so what the agent typed is on disk even if it never presses Back. An unchanged note is
never rewritten, so opening a note does not move its modification time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from droidpilot.emulator.virtual.apps.base import EXTRA_STREAM, EXTRA_TEXT, Activity, Intent
from droidpilot.emulator.virtual.apps.notes import files
from droidpilot.emulator.virtual.apps.notes.glyphs import GlyphButton
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.fonts import draw_text, text_width, wrap_lines
from droidpilot.emulator.virtual.toolkit.render import Painter
from droidpilot.emulator.virtual.toolkit.widgets import app_bar

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.apps.notes.app import NotesApp

EDITOR_ID = "document__fragment__edit__highlighting_editor"
EXTRA_PATH = "path"
EXTRA_SUBJECT = "android.intent.extra.SUBJECT"


@dataclass(eq=False)
class HighlightingEditor(v.EditText):
    """Markor's borderless full-screen editor: plain text, Markdown headings in bold, the cursor at the end.
    When the text is taller than the view, the focused editor shows its end (where typing goes)."""

    def paint_content(self, p: Painter) -> None:
        x1, y1, x2, y2 = p.box(self, v.px(12))
        size, lh = v.px(self.size), v.line_height(self.size)
        color = p.theme.text if self.text else p.theme.text_secondary
        rows: list[tuple[str, bool]] = []
        for para in (self.text or self.hint).split("\n"):
            heading = para.startswith("#")
            rows += [(line, heading) for line in wrap_lines(para, size, heading, max(1, x2 - x1))]
        fit = max(1, (y2 - y1) // lh)
        shown = rows[-fit:] if self.focused and len(rows) > fit else rows[:fit]
        y = y1
        for line, heading in shown:
            draw_text(p.draw, (x1, y), line, size, heading, p.theme.primary if heading and self.text else color)
            y += lh
        if self.focused:
            last, heading = shown[-1] if self.text else ("", False)
            cx = x1 + text_width(last, size, heading) + 2
            cy = y1 + (len(shown) - 1) * lh if self.text else y1
            p.draw.line([(cx, cy), (cx, cy + lh - 4)], fill=p.theme.primary, width=4)


class DocumentActivity(Activity):
    NAME: ClassVar[str] = ".activity.DocumentActivity"
    LABEL: ClassVar[str] = "Document"
    app: NotesApp

    def on_create(self) -> None:
        self._open(str(self.intent.extras.get(EXTRA_PATH, "")))

    def on_new_intent(self, intent: Intent) -> None:
        """Another note asked for while this editor is on top: keep this one's text, then show that one."""
        if EXTRA_PATH in intent.extras:
            self.save()
            self._open(str(intent.extras[EXTRA_PATH]))

    def _open(self, rel: str) -> None:
        """Load the note at `rel`; a new (empty) note gets the keyboard at once."""
        root = self.app.notes_dir
        self.state.clear()
        if not rel or files.is_dir(root, rel) or not files.exists(root, rel):
            self.state.update(path=rel, missing=True)
            return
        text = files.read(root, rel)
        self.state.update(path=rel, text=text, saved=text)
        if not text:
            self.request_focus(EDITOR_ID)

    def build(self) -> v.View:
        rel = str(self.state.get("path", ""))
        name = files.base(rel)
        if self.state.get("missing"):
            bar = app_bar(name or "Notes", on_up=self.finish)
            return v.LinearLayout(children=[bar, v.TextView(id="document__placeholder", text="File not found",
                                                            align="center", color="text_secondary", padding=48)])
        save = GlyphButton(id="action_save", desc="Save", icon="save", on_click=self._save_clicked)
        bar = app_bar(name, on_up=self._leave, actions=[save])
        editor = HighlightingEditor(id=EDITOR_ID, text=str(self.state.get("text", "")), hint="Start typing…",
                                    multiline=True, weight=1, on_change=self._on_change)
        return v.LinearLayout(id="document__fragment__edit__content", children=[bar, editor])

    def _on_change(self, text: str) -> None:
        self.state["text"] = text
        self.save()

    def save(self) -> None:
        """Write the text if it differs from what was last saved (Markor's auto-save)."""
        if self.state.get("missing"):
            return
        text = str(self.state.get("text", ""))
        if text == self.state.get("saved"):
            return
        files.write(self.app.notes_dir, str(self.state["path"]), text, self.app.now_s())
        self.state["saved"] = text

    def _save_clicked(self) -> None:
        self.save()
        self.toast("Saved")

    def _leave(self) -> None:
        self.save()
        self.finish()

    def on_back(self) -> bool:
        """Save and close. As the root of its own task (a share, `am start`) Back finishes it, as Android
        does for a root activity that is not the launcher's, so the launcher icon opens the file browser."""
        if super().on_back():
            return True
        self.save()
        if self.is_task_root():
            self.finish()
            return True
        return False


class ShareIntoActivity(DocumentActivity):
    """Receives ACTION_SEND of text: writes a new note in the notes root and edits it.

    The note is named after the subject or the text's first line (cleaned of characters a file name cannot
    hold), else `Shared note YYYY-MM-DD HH-MM`; ` (2)`, ` (3)` ... avoid overwriting an existing note.
    """

    NAME: ClassVar[str] = ".activity.ShareIntoActivity"
    LABEL: ClassVar[str] = "Share into Notes"

    def on_create(self) -> None:
        self._receive(self.intent)

    def on_new_intent(self, intent: Intent) -> None:
        """A second share while this screen is on top: keep the current note and start another."""
        self.save()
        self._receive(intent)

    def _receive(self, intent: Intent) -> None:
        text = self._shared_text(intent)
        rel = self.app.unused_name("", self._title(intent, text), ".md")
        files.write(self.app.notes_dir, rel, text, self.app.now_s())
        self._open(rel)
        self.toast(f"Saved to {rel}")

    def _shared_text(self, intent: Intent) -> str:
        extras = intent.extras
        text = str(extras.get(EXTRA_TEXT) or "")
        stream = str(extras.get(EXTRA_STREAM) or "")
        if not text and stream.startswith("/"):
            path = self.host.fs.host_path(stream)
            if path.is_file() and path.is_relative_to(self.host.fs.sdcard):
                text = path.read_text(encoding="utf-8", errors="replace")
        return text

    def _title(self, intent: Intent, text: str) -> str:
        subject = str(intent.extras.get(EXTRA_SUBJECT) or "")
        first = subject or next((line for line in text.splitlines() if line.strip()), "")
        cleaned = "".join(" " if c in files.BAD_CHARS or c in ':*?"<>|' else c for c in first)
        cleaned = " ".join(cleaned.replace("..", " ").lstrip("#").split())[:40].strip(" .")
        return cleaned or f"Shared note {self.host.clock.now():%Y-%m-%d %H-%M}"
