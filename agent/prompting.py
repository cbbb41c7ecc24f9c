"""Prompt building: templates in `agent/prompts/*.md` (string.Template, `$name` placeholders, no logic) filled
with text rendered here from the state's records and the current screen.

Every role gets the same system message (`system.md`, so servers can cache it) and one user message: the role's
template plus, where useful, the set-of-mark screenshot. Screen text always goes inside `<screen>` tags as quoted
data; tags that appear in the screen text itself are defused so a page cannot close the block early.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, Protocol

from PIL import Image

from droidpilot.agent.llm.base import ImagePart, Message, TextPart
from droidpilot.agent.perception import ModelView
from droidpilot.agent.state import StepRecord, Subgoal

PROMPTS_DIR = Path(__file__).parent / "prompts"
MAX_SCREEN_CHARS = 12_000
NONE = "(none)"


class ScreenView(Protocol):
    """What prompts need from a perception (agent/perception.py's ModelView). Read-only properties, so a view
    whose `image` is always set (ModelView's `Image.Image`) still fits `Image.Image | None`."""

    @property
    def image(self) -> Image.Image | None: ...
    @property
    def elements_text(self) -> str: ...
    @property
    def package(self) -> str: ...
    @property
    def activity(self) -> str: ...
    @property
    def keyboard_shown(self) -> bool: ...
    @property
    def fingerprint(self) -> str: ...


@cache
def template(name: str) -> Template:
    return Template((PROMPTS_DIR / f"{name}.md").read_text(encoding="utf-8"))


def render(name: str, **values: Any) -> str:
    return template(name).substitute({k: str(v) for k, v in values.items()})


def messages(role: str, images: list[Image.Image | None] | None = None, **values: Any) -> list[Message]:
    """The system message and the role's filled template, with the given screenshots attached."""
    parts: list[TextPart | ImagePart] = [TextPart(text=render(role, **values))]
    parts += [ImagePart(image=img) for img in images or [] if img is not None]
    return [Message(role="system", content=render("system")), Message(role="user", content=parts)]


def screen_messages(role: str, view: ModelView, vision: bool, coords: str = "pixel", **values: Any) -> list[Message]:
    """`messages` for a prompt about `view`: with its set-of-mark image when `vision`, and the frame sentence
    (`$frame`: image or text-only, the coordinate frame, image and screen size; `$shot`: whether an image is
    attached) to match."""
    return messages(role, [view.image] if vision else [], frame=frame_text(view, vision, coords),
                    shot=render(f"frame/shot_{'image' if vision else 'text'}").strip(), **values)


def frame_text(view: ModelView, vision: bool, coords: str) -> str:
    """What the model is told about the screen it sees and the frame its coordinates are in."""
    width, height = view.screen_size
    return render(f"frame/{'image' if vision else 'text'}_{coords}", image_w=view.image.width,
                  image_h=view.image.height, screen_w=width, screen_h=height).strip()


def quote_screen(text: str) -> str:
    """Screen text made safe to put between `<screen>` tags, and bounded."""
    text = text.replace("<screen>", "<screen\u200b>").replace("</screen>", "</screen\u200b>")
    if len(text) > MAX_SCREEN_CHARS:
        text = text[:MAX_SCREEN_CHARS] + "\n... (list truncated)"
    return text.strip() or "(no elements)"


def screen_values(view: ScreenView | None, prefix: str = "") -> dict[str, str]:
    if view is None:
        return {f"{prefix}package": "unknown", f"{prefix}activity": "", f"{prefix}elements": "(not available)",
                f"{prefix}keyboard": "unknown"}
    return {f"{prefix}package": view.package or "unknown", f"{prefix}activity": view.activity or "",
            f"{prefix}elements": quote_screen(view.elements_text),
            f"{prefix}keyboard": "shown" if view.keyboard_shown else "hidden"}


def plan_text(plan: list[Subgoal]) -> str:
    rows = [f"{s.id}. [{s.status}] {s.text}" for s in plan if s.status != "dropped"]
    return "\n".join(rows) or "(no plan yet)"


def notes_text(notes: list[str]) -> str:
    return "\n".join(f"- {n}" for n in notes) or NONE


def action_text(action: dict[str, Any] | None) -> str:
    if not action:
        return "(no usable action)"
    args = {k: v for k, v in action.items() if k != "action" and v not in (None, "", False)}
    return f"{action.get('action', '?')} {json.dumps(args, ensure_ascii=False)}" if args else str(action["action"])


def step_line(step: StepRecord) -> str:
    target = step.target
    where = f" on {_target_label(target)}" if target else ""
    line = f"step {step.step}: {action_text(step.action)}{where}"
    if step.summary:
        line += f" ({step.summary})"
    if step.verdict:
        line += f" -> {step.verdict}"
    if step.feedback:
        line += f": {step.feedback}"
    elif step.outcome and not step.outcome.get("ok") and step.outcome.get("error"):
        line += f": {step.outcome['error']}"
    return line


def history_text(steps: list[StepRecord], window: int) -> str:
    shown = steps[-window:]
    skipped = len(steps) - len(shown)
    rows = ([f"({skipped} earlier steps not shown)"] if skipped else []) + [step_line(s) for s in shown]
    return "\n".join(rows) or "(this is the first step)"


def warnings_text(warnings: list[str]) -> str:
    if not warnings:
        return ""
    return "\n## Warnings\n" + "\n".join(f"- {w}" for w in warnings) + "\n"


def escalation_text(reason: str, failed: list[StepRecord]) -> str:
    if not reason:
        return ""
    rows = "\n".join(step_line(s) for s in failed) or NONE
    return (f"\n## Potentially stuck\n{reason}. Recent attempts:\n{rows}\n"
            "Re-plan: take another route to the goal (another screen, app or approach), not the same steps again.\n")


def apps_text(apps: list[Any]) -> str:
    """Installed apps as "Label (package)", so open_app can name either."""
    return ", ".join(f"{a.label} ({a.package})" for a in apps) or "(unknown)"


def _target_label(target: Any) -> str:
    label = target.label or target.text or target.content_desc or target.resource_id.rpartition("/")[2]
    kind = target.class_name.rpartition(".")[2]
    return f"{kind} {json.dumps(' '.join(label.split())[:60], ensure_ascii=False)}" if label else kind
