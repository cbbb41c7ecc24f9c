"""The agent's own cost, with a scripted model (zero model time) on the virtual phone.

Prints, per step, in vision mode (set-of-mark image sent) and text-only mode (`--vision off`): framework
overhead excluding model time (p50/p90 ms: perceive + prompt building + act + reflection rules + checkpointing +
trajectory and calls.jsonl writing), and prompt tokens per step over every call (text estimated as chars/4, images
by OpenAI's tile rule at high detail); then the operator's prompt on a typical screen, and model calls per step
with reflection on_demand, always and never.

    python scripts/perf_agent.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from droidpilot.agent.llm.images import estimate_image_tokens
from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentSettings, RoleMode
from droidpilot.agent.trajectory import RunResult, read_steps
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import CONTACT_PLAN, by_role, contact_operator, policy_model, prompt_text

GOAL = "add contact Ada Lovelace +1 555 0199, then text her 'Hi Ada'"
RESPONDER = by_role(manager=CONTACT_PLAN, operator=contact_operator, reflector={"outcome": "success"},
                    notetaker={"notes": []}, completion={"complete": True, "evidence": "the message is shown"})
VISION = {"vision": "on", "text-only": "off"}


def one_run(reflection: str, out: Path, screenshots: bool = True, vision: str = "on"
            ) -> tuple[RunResult, ScriptedModel]:
    model = policy_model(RESPONDER)
    settings = AgentSettings(confirm="auto", reflection=reflection, screenshots=screenshots,  # type: ignore[arg-type]
                             modes={"default": RoleMode(vision=vision)})  # type: ignore[arg-type]
    with VirtualPhone() as phone:
        result = run_task(GOAL, VirtualDevice(phone), {"default": model}, out_dir=out, settings=settings)
    assert result.status == "complete", result.message
    return result, model


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def overhead(rounds: int, out: Path, screenshots: bool, vision: str = "on") -> None:
    per_step: list[float] = []
    parts: dict[str, list[float]] = {"perceive_ms": [], "act_ms": [], "reflect_ms": []}
    for _ in range(rounds):
        result, _model = one_run("on_demand", out, screenshots, vision)
        steps = read_steps(Path(result.run_dir))
        per_step += [s.timings["step_ms"] - s.timings.get("model_ms", 0.0) for s in steps if "step_ms" in s.timings]
        for key, values in parts.items():
            values += [s.timings[key] for s in steps if key in s.timings]
    saving = "with" if screenshots else "without"
    mode = "vision" if vision == "on" else "text-only"
    print(f"{mode}: framework overhead per step, model time excluded ({len(per_step)} steps, {saving} screenshot "
          "files):")
    print(f"  whole step  p50 {statistics.median(per_step):7.1f} ms   p90 {pct(per_step, 0.9):7.1f} ms")
    for key, values in parts.items():
        print(f"  {key[:-3]:<11} p50 {statistics.median(values):7.1f} ms   p90 {pct(values, 0.9):7.1f} ms")


def prompt_size(out: Path) -> None:
    _result, model = one_run("on_demand", out)
    operator = [r for r in model.requests if r.role == "operator"]
    chars = [len(m.text()) for r in operator for m in r.messages]
    per_call = [sum(len(m.text()) for m in r.messages) / 4 for r in operator]
    images = [p.image for r in operator for m in r.messages if isinstance(m.content, list) for p in m.content
              if getattr(p, "type", "") == "image"]
    image_tokens = [estimate_image_tokens(i.size, "high") for i in images]
    typical = prompt_text(operator[len(operator) // 2].messages)
    screen_chars = len(typical.rpartition("<screen>")[2].partition("</screen>")[0])
    print(f"operator prompt per step ({len(operator)} calls): text p50 {statistics.median(per_call):.0f} tokens "
          f"(chars/4; max {max(per_call):.0f}); its element list on a mid-run screen ~{screen_chars / 4:.0f} tokens; "
          f"system prompt {chars[0] / 4:.0f} tokens")
    print(f"  image: set-of-mark {images[0].size[0]}x{images[0].size[1]} -> {statistics.median(image_tokens):.0f} "
          "tokens at high detail (85 at low detail)")


def request_tokens(request: Any) -> tuple[float, int]:
    """Estimated prompt tokens of one request: text (chars/4) and images (tile rule, high detail)."""
    text = sum(len(m.text()) for m in request.messages) / 4
    images = [p.image for m in request.messages if isinstance(m.content, list) for p in m.content
              if getattr(p, "type", "") == "image"]
    return text, sum(estimate_image_tokens(i.size, "high") for i in images)


def tokens_per_step(out: Path) -> None:
    for mode, vision in VISION.items():
        result, model = one_run("on_demand", out, vision=vision)
        counted = [request_tokens(r) for r in model.requests]
        text, image = sum(t for t, _ in counted) / result.steps, sum(i for _, i in counted) / result.steps
        print(f"{mode:<9}  prompt tokens per step ~{text + image:6.0f} (text {text:5.0f} + images {image:5.0f}); "
              f"{len(model.requests)} calls in {result.steps} steps")


def calls_per_step(out: Path) -> None:
    for mode in ("on_demand", "always", "never"):
        result, model = one_run(mode, out)
        by_role: dict[str, int] = {}
        for request in model.requests:
            by_role[request.role] = by_role.get(request.role, 0) + 1
        roles = ", ".join(f"{role} {n}" for role, n in sorted(by_role.items()))
        print(f"reflection={mode:<9}  {result.calls / result.steps:.2f} calls/step  ({result.calls} calls in "
              f"{result.steps} steps: {roles})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="runs of the two-app goal for the timing figures")
    args: Any = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(f"goal: {GOAL!r} (scripted model, virtual phone)")
        for vision in VISION.values():
            overhead(args.rounds, out, screenshots=True, vision=vision)
        overhead(args.rounds, out, screenshots=False)
        tokens_per_step(out)
        prompt_size(out)
        calls_per_step(out)


if __name__ == "__main__":
    main()
