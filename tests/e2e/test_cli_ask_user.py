"""Human in the loop: the agent's `ask_user` action. In a terminal the question is asked and the run goes on with
the answer as a note; without one the run ends as needs_user (exit 5) and `--resume RUN_ID --answer TEXT`
continues it. On the virtual phone, with a local model server (CLI) or a scripted model (in-process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from droidpilot.agent.llm.scripted import ScriptedModel
from droidpilot.agent.nodes.act import UserQuestion
from droidpilot.agent.runner import run_task
from droidpilot.agent.state import AgentSettings
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.fake_openai_server import FakeOpenAIServer
from tests.agent.policies import act, by_role, contact_operator, prompt_text, section
from tests.e2e.test_cli_run import ENV_VARS, answering, invoke, only_run, run_args, shell

SUCCESS = {"outcome": "success", "reason": "ok"}
PLAN = {"subgoals": [{"text": "Create the contact Ada Lovelace with phone +1 555 0199 in Contacts"}]}
QUESTION = "Which phone number should Ada Lovelace's contact get?"
GOAL = "Create a contact for Ada Lovelace with the number I will tell you"


def operator(text: str) -> dict[str, Any]:
    if "+1 555 0199" not in section(text, "Notes"):
        return act({"action": "ask_user", "question": QUESTION}, "ask for the number")
    return contact_operator(text)


RESPONDER = by_role(manager=PLAN, operator=operator, reflector=SUCCESS,
                    completion={"complete": True, "evidence": "Ada Lovelace saved with +1 555 0199"})


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    (tmp_path / "fast.toml").write_text("[llm]\nmax_retries = 1\ntimeout = 1\n")
    return tmp_path


def test_without_a_terminal_the_run_needs_the_user_and_resumes_with_the_answer(workdir: Path) -> None:
    phone = workdir / "phone"
    with FakeOpenAIServer() as server:
        server.responder = answering(RESPONDER)
        paused = invoke("run", GOAL, *run_args(server, phone), "--no-memory", "--confirm", "auto")
        assert paused.exit_code == 5, paused.output
        run_dir = only_run(workdir / "runs")
        saved = json.loads((run_dir / "result.json").read_text())
        assert saved["status"] == "needs_user" and QUESTION in saved["message"]
        assert f"--resume {run_dir.name} --answer" in paused.stdout
        assert "Ada Lovelace" not in shell(phone, "content query --uri content://contacts/people")

        no_answer = invoke("run", "--answer", "x", *run_args(server, phone)[2:])
        assert no_answer.exit_code == 2 and "--answer goes with --resume" in no_answer.output

        resumed = invoke("run", "--resume", run_dir.name, "--answer", "+1 555 0199", *run_args(server, phone)[2:],
                         "--no-memory", "--confirm", "auto")
    assert resumed.exit_code == 0, resumed.output
    assert "Ada Lovelace" in shell(phone, "content query --uri content://contacts/phones")
    steps = [json.loads(line) for line in (run_dir / "trajectory.jsonl").read_text().splitlines()]
    asked = [s for s in steps if (s.get("action") or {}).get("action") == "ask_user"]
    assert asked and asked[-1]["outcome"]["detail"] == "the user answered: +1 555 0199"


def test_in_a_terminal_the_question_is_asked_and_the_run_goes_on(tmp_path: Path) -> None:
    asked: list[UserQuestion] = []

    def terminal(question: UserQuestion) -> str:
        asked.append(question)
        return "+1 555 0199"

    model = ScriptedModel(replies=[lambda messages, _role: json.dumps(RESPONDER(prompt_text(messages)))] * 60)
    with VirtualPhone() as phone:
        device = VirtualDevice(phone)
        result = run_task(GOAL, device, {"default": model}, settings=AgentSettings(confirm="auto"),
                          out_dir=tmp_path, ask_user=terminal)
        phones = device.shell("content query --uri content://contacts/phones").output
    assert result.status == "complete", result.message
    assert [q.question for q in asked] == [QUESTION] and asked[0].step == 1
    assert "display_name=Ada Lovelace, number=+1 555 0199" in phones
    later = [prompt_text(r.messages) for r in model.requests if r.role == "operator"][1]
    assert f"The user was asked {QUESTION!r} and answered: +1 555 0199" in later
