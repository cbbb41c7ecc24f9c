"""Scripted "models" for agent tests: stateless policies that read the prompt like a model would (the role
header, the current subgoal, the numbered element list between <screen> tags) and answer JSON. They find
element numbers by label, so tests never hard-code the numbering, and being stateless they keep working
across a killed-and-resumed run (the fake OpenAI server uses the same functions)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from droidpilot.agent.llm.base import Message

Answer = dict[str, Any]
Policy = Callable[[str], Answer]

_NUMBERED = re.compile(r"^\[(\d+)\]\s+(\S+)\s*(.*)$")


def prompt_text(messages: list[Message]) -> str:
    """The role's prompt: the last message with a role header (a re-ask appends the error after it)."""
    texts = [m.text() for m in messages]
    return next((t for t in reversed(texts) if "# Role:" in t), texts[-1] if texts else "")


def role_of(text: str) -> str:
    match = re.search(r"^# Role: (\w+)", text, re.MULTILINE)
    return match.group(1) if match else ""


def section(text: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def screen(text: str) -> list[str]:
    """The element lines of the (last) screen block in the prompt."""
    block = text.rpartition("<screen>")[2].partition("</screen>")[0]
    return [line.strip() for line in block.strip().splitlines()]


def app(text: str) -> str:
    match = re.search(r"^App: (\S+)", text.rpartition("<screen>")[0], re.MULTILINE)
    return match.group(1) if match else ""


def find(text: str, label: str, kind: str = "") -> int | None:
    """The number of the first element whose line mentions `label` (and whose class is `kind`, if given)."""
    for line in screen(text):
        match = _NUMBERED.match(line)
        if match and label in match.group(3) and (not kind or match.group(2) == kind):
            return int(match.group(1))
    return None


def line_of(text: str, index: int) -> str:
    return next((line for line in screen(text) if line.startswith(f"[{index}]")), "")


def shows(text: str, label: str) -> bool:
    """The label is on screen as plain (unnumbered) text."""
    return any(line.startswith("- ") and label in line for line in screen(text))


def subgoal(text: str) -> str:
    return section(text, "Current subgoal")


def act(action: Answer, summary: str = "", done: bool = False, **extra: Any) -> Answer:
    return {"thought": summary, "action": action, "summary": summary, "subgoal_done": done, **extra}


def tap(index: int | None, summary: str = "", done: bool = False) -> Answer:
    if index is None:
        return act({"action": "press", "key": "back"}, "target not found; go back")
    return act({"action": "tap", "index": index}, summary, done)


def typing(index: int | None, text: str, summary: str = "", done: bool = False) -> Answer:
    return act({"action": "type", "index": index, "text": text}, summary, done)


# -- the two-app goal: add a contact, then text her -------------------------------------------------------------

CONTACT_PLAN = {"thought": "two apps", "subgoals": [
    {"text": "Create the contact Ada Lovelace with phone +1 555 0199 in Contacts"},
    {"text": "Send the SMS 'Hi Ada' to Ada Lovelace in Messages"}]}


def contact_operator(text: str) -> Answer:
    goal = subgoal(text)
    if "Create the contact" in goal:
        return _create_contact(text)
    if "Send the SMS" in goal:
        return sms_operator("Ada Lovelace", "Hi Ada")(text)
    return act({"action": "done", "status": "complete", "message": "contact added and texted"}, "finished")


def _create_contact(text: str) -> Answer:
    if app(text) != "com.android.contacts":
        return act({"action": "open_app", "app": "Contacts"}, "open Contacts")
    if find(text, '"Save"') is None:
        return tap(find(text, "Create contact"), "new contact")
    for hint, value in (("First name", "Ada"), ("Last name", "Lovelace"), ("Phone", "+1 555 0199")):
        index = find(text, f'"{hint}"', "EditText")
        if index is not None and "(hint)" in line_of(text, index):
            return typing(index, value, f"type {value}")
    return tap(find(text, '"Save"'), "save the contact", done=True)


def sms_operator(name: str, body: str) -> Policy:
    """Open Messages, start a chat with `name`, type `body`, send; done once the message shows."""

    def operator(text: str) -> Answer:
        if "All planned subgoals are done" in subgoal(text):
            return act({"action": "done", "status": "complete", "message": "sent"}, "finished")
        if app(text) != "com.android.messaging":
            return act({"action": "open_app", "app": "Messages"}, "open Messages")
        if find(text, "Start chat") is not None:
            return tap(find(text, "Start chat"), "new conversation")
        if find(text, name, "ViewGroup") is not None:
            return tap(find(text, name, "ViewGroup"), f"pick {name}")
        if shows(text, f'"{body}"'):
            return act({"action": "done", "status": "complete", "message": "sent"}, "already sent", done=True)
        send = find(text, "Send SMS")
        if send is not None:
            return tap(send, "send", done=True)
        return typing(find(text, "compose_message_text", "EditText"), body, "write the message")

    return operator


# -- Settings: turn Wi-Fi off ------------------------------------------------------------------------------------

WIFI_PLAN = {"subgoals": [{"text": "Turn Wi-Fi off in Settings"}]}


def wifi_operator(text: str) -> Answer:
    if "All planned subgoals are done" in subgoal(text):
        return act({"action": "done", "status": "complete", "message": "Wi-Fi is off"}, "finished")
    if app(text) != "com.android.settings":
        return act({"action": "open_app", "app": "Settings"}, "open Settings")
    switch = find(text, '"Wi-Fi"', "Switch")
    if switch is not None:
        if line_of(text, switch).endswith(" off"):
            return act({"action": "done", "status": "complete", "message": "Wi-Fi is off"}, "finished", True)
        return tap(switch, "turn Wi-Fi off", done=True)
    for label in ('"Internet', '"Network & internet'):
        if find(text, label) is not None:
            return tap(find(text, label), f"open {label.strip(chr(34))}")
    return act({"action": "press", "key": "back"}, "back")


def wifi_completion(text: str) -> Answer:
    switch = find(text, '"Wi-Fi"', "Switch")
    off = switch is not None and line_of(text, switch).endswith(" off")
    return {"complete": off, "evidence": line_of(text, switch) if switch is not None else "no Wi-Fi switch shown",
            "reason": "the Wi-Fi switch is off" if off else "the Wi-Fi switch is not shown off"}


# -- wiring ---------------------------------------------------------------------------------------------------

def by_role(**policies: Policy | Answer) -> Callable[[str], Answer]:
    """One responder for all roles: a policy (function of the prompt) or a fixed answer per role."""

    def respond(text: str) -> Answer:
        role = role_of(text)
        policy = policies.get(role) or policies.get(role.split("_")[0])
        if policy is None:
            raise AssertionError(f"no policy for role {role!r}")
        return policy(text) if callable(policy) else policy

    return respond


def scripted(responder: Callable[[str], Answer]) -> Callable[[list[Message], str], str]:
    """A ScriptedModel reply function built from a responder."""
    return lambda messages, _role: json.dumps(responder(prompt_text(messages)))


def policy_model(responder: Callable[[str], Answer], calls: int = 300) -> Any:
    """A ScriptedModel answering every call with the responder (up to `calls` calls)."""
    from droidpilot.agent.llm.scripted import ScriptedModel

    return ScriptedModel(replies=[scripted(responder)] * calls)
