"""Safety helpers: which actions are sensitive (send, pay, buy, delete, call, install, share), and the secret
vault whose values are typed by `type_secret` and scrubbed from every string that leaves the agent.

Detection is keyword based on what the target says about itself (text, description, resource-id, and the
label the model was shown). It errs on the side of asking: a false positive costs one confirmation, a false
negative may send a message or delete data.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from droidpilot.agent.actions import DoubleTap, LongPress, Press, Tap, TypeSecret, TypeText
from droidpilot.emulator.device import UIElement
from droidpilot.errors import UsageError

if TYPE_CHECKING:
    from droidpilot.agent.perception import ModelView

KINDS = ("send", "pay", "buy", "delete", "call", "install", "share")
KEYWORDS: dict[str, tuple[str, ...]] = {
    "send": ("send", "sends", "submit", "post", "reply"),
    "pay": ("pay", "payment", "pay now"),
    "buy": ("buy", "purchase", "checkout", "check out", "order", "place order", "subscribe"),
    "delete": ("delete", "remove", "trash", "erase", "discard", "uninstall", "clear data", "wipe", "reset"),
    "call": ("call", "dial", "video call"),
    "install": ("install", "download app"),
    "share": ("share",),
}
NEGATIONS = ("cancel", "don't", "do not", "not now", "undo", "keep", "sort order", "order by", "call log",
             "call history", "share sheet")
COMPOSE_WORDS = ("compose", "message", "reply", "chat", "comment", "sms", "mms", "tweet", "post")
MAX_LABEL_WORDS = 4
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _words(text: str) -> str:
    """Lower-case words: "send_message_button" / "sendMessage" -> "send message button"."""
    spaced = _CAMEL.sub(" ", text.rpartition(":id/")[2] if ":id/" in text else text)
    return " " + " ".join(re.sub(r"[^\w']+", " ", spaced.replace("_", " ")).casefold().split()) + " "


def kind_of_text(*texts: str) -> str:
    """The sensitive kind the texts describe, or "" (a cancel / undo button is never sensitive)."""
    joined = "".join(_words(t) for t in texts if t)
    if not joined.strip() or any(f" {n} " in joined for n in NEGATIONS):
        return ""
    for kind in KINDS:
        if any(f" {word} " in joined for word in KEYWORDS[kind]):
            return kind
    return ""


def _describe(element: UIElement, view: ModelView | None) -> list[str]:
    """What the element says it does. A container's label (its children's texts) counts only when short, so a
    button-like row "Send" does, and a conversation row quoting "send me the file" does not."""
    texts = [element.text, element.content_desc, element.resource_id]
    if view is not None and not (element.text or element.content_desc):
        texts += [label for index, label in view.labels.items()
                  if view.targets.get(index) == element and len(label.split()) <= MAX_LABEL_WORDS]
    return texts


def _focused_field(view: ModelView | None) -> UIElement | None:
    if view is None:
        return None
    return next((e for e in view.targets.values() if e.editable and e.focused), None)


def _enter_sends(field: UIElement | None, view: ModelView | None) -> bool:
    """Enter in a compose box sends; so does Enter on a screen that has a send button."""
    if field is not None and any(f" {w} " in _words(field.resource_id) + _words(field.text) for w in COMPOSE_WORDS):
        return True
    if view is None:
        return False
    return any(kind_of_text(e.text, e.content_desc, e.resource_id) == "send" for e in view.targets.values()
               if not e.editable)


def sensitive_kind(action: Any, element: UIElement | None, view: ModelView | None = None) -> str:
    """send / pay / buy / delete / call / install / share when `action` on `element` does that, else ""."""
    if isinstance(action, Press):
        if action.key != "enter":
            return ""
        return "send" if _enter_sends(element or _focused_field(view), view) else ""
    if isinstance(action, TypeText | TypeSecret):
        enter = isinstance(action, TypeText) and action.enter
        return "send" if enter and _enter_sends(element or _focused_field(view), view) else ""
    if isinstance(action, Tap | LongPress | DoubleTap) and element is not None:
        if element.editable:
            return ""  # focusing a field does nothing irreversible, whatever its hint says
        return kind_of_text(*_describe(element, view))
    return ""


# -- secrets ---------------------------------------------------------------------------------------------------

class SecretError(UsageError, ValueError):
    """A `--secret` spec is malformed or refers to a missing environment variable."""


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
T = TypeVar("T")


class SecretVault:
    """Secrets by name. The model sees only names; `redact` replaces every value with `<secret:NAME>`."""

    def __init__(self, secrets: Mapping[str, str] | None = None) -> None:
        self._secrets: dict[str, str] = {}
        for name, value in (secrets or {}).items():
            self.add(name, value)

    @classmethod
    def from_specs(cls, specs: Iterable[str], environ: Mapping[str, str] | None = None) -> SecretVault:
        """Parse `NAME=env:VAR` (value from the environment) and `NAME=value` (literal) specs."""
        env = os.environ if environ is None else environ
        vault = cls()
        for spec in specs:
            name, sep, source = spec.partition("=")
            name = name.strip()
            if not sep or not name:
                raise SecretError(f"bad secret {spec.split('=')[0]!r}: expected NAME=env:VAR or NAME=value")
            if source.startswith("env:"):
                var = source[4:]
                if var not in env:
                    raise SecretError(f"secret {name}: environment variable {var} is not set")
                source = env[var]
            vault.add(name, source)
        return vault

    def add(self, name: str, value: str) -> None:
        if not _NAME.fullmatch(name):
            raise SecretError(f"bad secret name {name!r}: use letters, digits and _")
        if not value:
            raise SecretError(f"secret {name} is empty")
        self._secrets[name] = value

    @property
    def names(self) -> list[str]:
        return sorted(self._secrets)

    def __contains__(self, name: object) -> bool:
        return name in self._secrets

    def __len__(self) -> int:
        return len(self._secrets)

    def get(self, name: str) -> str:
        if name not in self._secrets:
            known = ", ".join(self.names) or "none configured"
            raise KeyError(f"no secret named {name!r} (known: {known})")
        return self._secrets[name]

    def __repr__(self) -> str:
        return f"SecretVault(names={self.names})"

    def redact(self, value: T) -> T:
        """`value` with every secret replaced: strings, and dicts / lists / tuples / pydantic models of them."""
        return self._redact(value)

    def _redact(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._redact_text(value)
        if isinstance(value, BaseModel):
            return type(value).model_validate(self._redact(value.model_dump()))
        if isinstance(value, dict):
            return {self._redact(k): self._redact(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._redact(v) for v in value)
        return value

    def _redact_text(self, text: str) -> str:
        # Longest first, so a secret that contains another is replaced whole.
        for name, secret in sorted(self._secrets.items(), key=lambda kv: -len(kv[1])):
            if secret in text:
                text = text.replace(secret, f"<secret:{name}>")
        return text
