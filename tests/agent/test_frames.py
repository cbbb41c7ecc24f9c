"""One coordinate frame, and text-only models: on the virtual phone, a vision model that taps by the pixels of the
image it was shown, one that taps in normalized 0-1000 coordinates, and a text-only model that acts on element
numbers all complete "Turn off Wi-Fi" and "Create a contact named Ada Lovelace" (several screens each).

The coordinate models are scripted like a perfect vision model: they pick the element as the index policies do,
then compute its centre in their own frame from the element's true screen bounds and the size of the image in
the request, independently of the agent's mapping (agent/coords.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.calls import read_calls
from droidpilot.agent.llm.base import ImagePart, Message
from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.perception import perceive
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentSettings, RoleMode
from droidpilot.agent.trajectory import load_run
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import (
    WIFI_PLAN,
    by_role,
    contact_operator,
    prompt_text,
    role_of,
    shows,
    wifi_completion,
    wifi_operator,
)

SUCCESS = {"outcome": "success", "reason": "as intended"}
CONTACT_PLAN = {"subgoals": [{"text": "Create the contact Ada Lovelace with phone +1 555 0199 in Contacts"}]}
TARGETED = ("tap", "long_press", "double_tap", "type")


def contact_completion(text: str) -> dict[str, Any]:
    shown = shows(text, "Ada Lovelace") or '"Ada Lovelace' in text.rpartition("<screen>")[2]
    return {"complete": shown, "evidence": "Ada Lovelace is shown" if shown else "no Ada Lovelace on screen"}


GOALS = {
    "wifi": ("Turn off Wi-Fi", by_role(manager=WIFI_PLAN, operator=wifi_operator, reflector=SUCCESS,
                                       completion=wifi_completion)),
    "contact": ("Create a contact named Ada Lovelace", by_role(manager=CONTACT_PLAN, operator=contact_operator,
                                                               reflector=SUCCESS, completion=contact_completion)),
}


@pytest.fixture
def device() -> Iterator[VirtualDevice]:
    with VirtualPhone() as phone:
        yield VirtualDevice(phone)


def by_coordinates(responder: Any, device: VirtualDevice, frame: str, seen: list[tuple[int, int]]) -> Any:
    """The responder's operator answers with the element's centre in `frame` instead of its number."""

    def reply(messages: list[Message], role: str) -> str:
        text = prompt_text(messages)
        answer = responder(text)
        action = answer.get("action") if role_of(text) == "operator" else None
        if action and action.get("action") in TARGETED and action.get("index") is not None:
            element = perceive(device.observe()).targets[action.pop("index")]
            cx, cy = element.bounds.center
            width, height = device.observe().screenshot.size
            image = next(p.image for p in messages[-1].content if isinstance(p, ImagePart))
            if frame == "normalized":
                action["x"], action["y"] = round(cx * 1000 / width), round(cy * 1000 / height)
            else:
                action["x"], action["y"] = round(cx * image.width / width), round(cy * image.height / height)
            seen.append((cx, cy))
        return json.dumps(answer)

    return reply


def wifi_off(device: VirtualDevice) -> bool:
    return device.shell("settings get global wifi_on").output.strip() == "0"


def has_ada(device: VirtualDevice) -> bool:
    return "Ada Lovelace" in device.shell("content query --uri content://contacts/phones").output


REACHED = {"wifi": wifi_off, "contact": has_ada}


@pytest.mark.parametrize("frame", ["pixel", "normalized"])
@pytest.mark.parametrize("goal", list(GOALS))
def test_a_vision_model_tapping_by_coordinates_hits_the_intended_elements(device: VirtualDevice, tmp_path: Path,
                                                                          frame: str, goal: str) -> None:
    text, responder = GOALS[goal]
    centres: list[tuple[int, int]] = []
    model = ScriptedModel(replies=[by_coordinates(responder, device, frame, centres)] * 80)
    settings = AgentSettings(confirm="auto", modes={"default": RoleMode(vision="on", coords=frame)})  # type: ignore[arg-type]
    result = run_task(text, device, {"default": model}, settings=settings, out_dir=tmp_path)

    assert result.status == "complete", result.message
    assert REACHED[goal](device)
    steps = load_run(Path(result.run_dir)).steps
    mapped = [s for s in steps if s.model_action is not None]
    assert len(mapped) >= 2 and len(mapped) == len(centres)
    screens = {s.before.fingerprint for s in mapped}
    assert len(screens) >= 2, "taps on several screens"
    for step, (cx, cy) in zip(mapped, centres, strict=True):
        assert "index" not in step.action  # type: ignore[operator]
        assert abs(step.action["x"] - cx) <= 3 and abs(step.action["y"] - cy) <= 3  # type: ignore[index]
    operator = next(prompt_text(r.messages) for r in model.requests if r.role == "operator")
    assert "1080 x 2400" in operator or "1080x2400" in operator.replace(" ", "")
    if frame == "normalized":
        assert "normalized to 0-1000" in operator
    else:
        image = next(p.image for p in model.requests[0].messages[-1].content if isinstance(p, ImagePart))  # type: ignore[union-attr]
        assert f"{image.width} x {image.height} pixels" in operator and "pixels of the attached screenshot" in operator


@pytest.mark.parametrize("goal", list(GOALS))
def test_a_text_only_model_completes_goals_from_the_element_list(device: VirtualDevice, tmp_path: Path,
                                                                 goal: str) -> None:
    text, responder = GOALS[goal]
    model = ScriptedModel(replies=[lambda messages, _role: json.dumps(responder(prompt_text(messages)))] * 80)
    settings = AgentSettings(confirm="auto", modes={"default": RoleMode(vision="off")})
    result = run_task(text, device, {"default": model}, settings=settings, out_dir=tmp_path)

    assert result.status == "complete", result.message
    assert REACHED[goal](device)
    assert all(isinstance(m.content, str) or not any(isinstance(p, ImagePart) for p in m.content)
               for r in model.requests for m in r.messages)
    operator = next(prompt_text(r.messages) for r in model.requests if r.role == "operator")
    assert "No screenshot is attached" in operator and re.search(r"screen pixels", operator)
    calls = read_calls(Path(result.run_dir))
    assert calls and not any(c.vision for c in calls)
    assert not any("images" in m for c in calls for m in c.messages)


def test_auto_vision_drops_images_once_for_all_roles_of_a_metered_model(device: VirtualDevice, tmp_path: Path) -> None:
    """Benchmarks wrap each role's model in a usage meter; the roles still share one text-only switch."""
    from droidpilot.agent.llm.config import LLMSettings, build_models
    from droidpilot.agent.llm.meter import UsageMeter
    from tests.agent.fake_openai_server import FakeOpenAIServer, Reply

    text, responder = GOALS["wifi"]
    with FakeOpenAIServer(reject_images=True) as server:
        server.responder = lambda request: Reply.json(responder(request.text()))
        models = build_models(LLMSettings(model="m", base_url=server.base_url), env={}, meter=UsageMeter())
        result = run_task(text, device, models, settings=AgentSettings(confirm="auto"), out_dir=tmp_path)
        with_images = [r for r in server.chat_requests() if r.image_urls()]
    assert result.status == "complete", result.message
    assert len(with_images) == 1
