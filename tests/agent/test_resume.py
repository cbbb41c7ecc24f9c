"""Resuming a run in the same process family: a Ctrl-C right after an action reached the phone (before the
checkpoint) must not make the resumed run repeat it, and a finished run resumes to its result."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from droidpilot.agent.runner import resume_task, run_task
from droidpilot.agent.state import AgentSettings
from droidpilot.agent.trajectory import load_run
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.emulator.virtual.phone import VirtualPhone
from tests.agent.policies import by_role, policy_model, sms_operator

PLAN = {"subgoals": [{"text": "Send 'See you at 6' to Maria Garcia in Messages"}]}
RESPONDER = by_role(manager=PLAN, operator=sms_operator("Maria Garcia", "See you at 6"),
                    reflector={"outcome": "success"}, completion={"complete": True, "reason": "sent"})


class CtrlCAfterSend(VirtualDevice):
    """A real virtual phone, with the user pressing Ctrl-C just after the send button was tapped."""

    def tap(self, x: int, y: int) -> None:
        sending = any(e.content_desc == "Send SMS" and e.bounds.contains(x, y) for e in self.observe().elements)
        super().tap(x, y)
        if sending:
            raise KeyboardInterrupt


def sent(phone: VirtualPhone) -> list[str]:
    path = phone.fs.host_path("/data/data/com.android.messaging/databases/mmssms.db")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [row[0] for row in conn.execute("SELECT body FROM sms WHERE type = 2")]


def test_an_action_interrupted_before_its_checkpoint_is_not_repeated(tmp_path: Path) -> None:
    settings = AgentSettings(confirm="auto")
    with VirtualPhone(tmp_path / "phone") as phone:
        first = run_task("text Maria 'See you at 6'", CtrlCAfterSend(phone), {"default": policy_model(RESPONDER)},
                         out_dir=tmp_path / "runs", settings=settings)
        assert first.status == "interrupted" and first.exit_code == 130
        assert sent(phone).count("See you at 6") == 1

        resumed = resume_task(first.run_id, VirtualDevice(phone), {"default": policy_model(RESPONDER)},
                              out_dir=tmp_path / "runs")
        assert resumed.status == "complete", resumed.message
        assert sent(phone).count("See you at 6") == 1
        steps = load_run(Path(resumed.run_dir)).steps
        send = next(s for s in steps if (s.outcome or {}).get("detail", "").startswith("not repeated"))
        assert send.verdict == "success"
        assert resumed.steps == max(s.step for s in steps)
        assert resumed.time_s >= first.time_s

        again: Any = resume_task(first.run_id, VirtualDevice(phone), {"default": policy_model(RESPONDER)},
                                 out_dir=tmp_path / "runs")
        assert again.status == "complete" and again.steps == resumed.steps
