"""The hierarchical manager / operator / reflector / notetaker agent (DESIGN.md §3), built on LangGraph.

    from droidpilot.agent import AgentSettings, OpenAIChat, run_task

    model = OpenAIChat(model="gpt-4o-mini")
    result = run_task("Turn off Wi-Fi", device, {"default": model}, settings=AgentSettings(max_steps=20))
    result.status, result.steps, result.run_dir

Models are anything satisfying `ChatModel`; `ScriptedModel` answers from a script (for tests);
`load_settings` + `build_models` read droidpilot.toml's [llm] tables.
"""

from __future__ import annotations

from droidpilot._lazy import lazy_exports

_EXPORTS = {
    **dict.fromkeys(["RunNotFound", "resume_task", "run_task"], "droidpilot.agent.runner"),
    **dict.fromkeys(["AgentSettings", "StepRecord"], "droidpilot.agent.state"),
    **dict.fromkeys(["RunResult"], "droidpilot.agent.trajectory"),
    **dict.fromkeys(["ChatModel", "LLMError", "Message", "ModelOutputError", "ModelUnavailable"],
                    "droidpilot.agent.llm.base"),
    **dict.fromkeys(["OpenAIChat"], "droidpilot.agent.llm.openai_chat"),
    **dict.fromkeys(["ScriptedModel"], "droidpilot.agent.llm.scripted"),
    **dict.fromkeys(["ConfigError", "build_models", "load_settings"], "droidpilot.agent.llm.config"),
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports("droidpilot.agent", _EXPORTS, globals())
