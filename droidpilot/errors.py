"""The root of droidpilot's exceptions, and the families below it.

Catch `DroidpilotError` to catch every error droidpilot raises on purpose; anything else escaping droidpilot is a
bug. The CLI turns a `DroidpilotError` into one error line and a hint; its `exit_code` says which code.
Each concrete exception keeps the builtin it used to be as a second base (`RunNotFound` is still a
`LookupError`), so code that caught the builtin keeps working.

    DroidpilotError
    ├── UsageError            bad input from the user: flags, config files, names, arguments    (exit 2)
    │   ├── ConfigError               droidpilot.agent.llm.config   ([llm] tables, API keys)
    │   │   └── NoModelConfigured     droidpilot.agent.llm.config
    │   ├── SecretError               droidpilot.agent.safety       (--secret NAME=env:VAR)
    │   ├── AppNotFound               droidpilot.agent.apps         (open_app of an app that is not installed)
    │   ├── RunNotFound               droidpilot.agent.runner       (--resume of an unknown run)
    │   ├── EmptyGoal                 droidpilot.agent.runner       (run "" : nothing to judge a run against)
    │   ├── UnknownSuite              droidpilot.benchmarks.suites
    │   ├── ArgumentError             droidpilot.shortcuts.render   (a shortcut's parameters)
    │   ├── TemplateError             droidpilot.shortcuts.template
    │   ├── IntentError               droidpilot.shortcuts.am
    │   ├── SnapshotError             droidpilot.emulator.snapshots (a bad or unknown snapshot name)
    │   ├── FolderInUse               droidpilot.cli.lock           (an output or phone folder another process holds)
    │   ├── MemoryConfigError         droidpilot.memory.config      ([memory] / [learning] in droidpilot.toml)
    │   ├── RayUnavailable            droidpilot.benchmarks.ray_executor (--executor ray without ray installed)
    │   └── UnknownDevice, NoSuchElement, BadPoint   droidpilot.cli.mcp_server (MCP tool arguments)
    ├── DeviceError           the phone or emulator failed or cannot be reached                  (exit 2)
    │   ├── DeviceLost                droidpilot.emulator.device    (it went away mid-run)
    │   ├── LaunchError               droidpilot.emulator.device    (launch / open_uri found nothing to start)
    │   ├── NotAPhoneFolder           droidpilot.emulator.uri       (virtual:DIR names a folder of other things)
    │   ├── NoFreeNodeDevice          droidpilot.emulator.node_devices (every device this node declares is leased)
    │   ├── ActorLost                 droidpilot.benchmarks.ray_executor (a Ray worker died; crawls too)
    │   ├── BadDeviceURI              droidpilot.emulator.uri
    │   ├── SdkNotFound               droidpilot.emulator.avd
    │   ├── EmulatorError             droidpilot.emulator.avd
    │   │   └── ConsoleAuthError      droidpilot.emulator.avd      (the console's token is missing or wrong)
    │   ├── ActivityNotFound          droidpilot.emulator.virtual.system.host
    │   ├── SnapshotsUnsupported      droidpilot.emulator.snapshots (a real phone: no snapshots or reset)
    │   └── TaskEnvError              droidpilot.benchmarks.env
    ├── ModelError            the LLM server or its answers                                      (exit 3)
    │   ├── LLMError                  droidpilot.agent.llm.base     (the LLM layer's base)
    │   ├── ModelUnavailable          droidpilot.agent.llm.base     (down, 401, rejects the request)
    │   │   └── ImagesRejected        droidpilot.agent.llm.base     (a text-only model; --vision auto drops images)
    │   └── ModelOutputError          droidpilot.agent.llm.base     (unusable answers after the re-ask)
    ├── TaskError             a run, an episode or a benchmark could not be carried out          (exit 1)
    │   ├── ReplayError               droidpilot.agent.replay
    │   ├── StepBudgetExhausted       droidpilot.benchmarks.harness (the harness stops an agent at its budget)
    │   ├── QuestionError             droidpilot.benchmarks.task
    │   ├── ProbeNotApplicable        droidpilot.benchmarks.probes
    │   ├── NeedsUser                 droidpilot.agent.runner       (ask_user with nobody to answer: needs_user, exit 5)
    │   ├── OracleError               droidpilot.benchmarks.oracle
    │   ├── RunnerError               droidpilot.benchmarks.runner
    │   ├── AgentUnavailable          droidpilot.benchmarks.agents
    │   └── AgentRunFailed            droidpilot.benchmarks.agents
    └── DataError             a stored file is damaged or of the wrong kind                      (exit 2)
        ├── HierarchyError            droidpilot.emulator.uitree    (a uiautomator dump that does not parse)
        ├── MemoryStoreError          droidpilot.memory.models
        │   ├── NotAMemoryFile, PageNotFound, NoPath   droidpilot.memory.models
        │   └── IngestError           droidpilot.memory.ingest
        │   (also TipNotFound, EmbedderUnavailable)
        ├── CrawlIngestError          droidpilot.crawler.ingest     (memory ingest of a damaged crawl folder)
        ├── DamagedLog                droidpilot.appendlog          (a journal damaged before its last line)
        ├── OutsidePhone              droidpilot.emulator.virtual.sandbox (a path under a phone that leads out of it)
        ├── LibraryError              droidpilot.shortcuts.library
        ├── NotARunDir                droidpilot.agent.run_page     (droidpilot show of a folder that holds no run)
        ├── ShortcutFileError         droidpilot.shortcuts.jsonio
        └── MinerError                droidpilot.agent.mining

Exceptions that carry control flow inside one module and never leave it (the virtual shell's syntax and usage
errors, the ADB server's per-connection failures, an executor's refused action) stay outside the tree on purpose.
"""

from __future__ import annotations


class DroidpilotError(Exception):
    """Any error droidpilot raises on purpose. `hint` is one line telling the user what to do about it."""

    exit_code = 1
    hint = ""


class UsageError(DroidpilotError):
    """Bad input from the user: a flag, a config file, a name or an argument."""

    exit_code = 2


class DeviceError(DroidpilotError):
    """The phone or emulator failed, or cannot be reached."""

    exit_code = 2


class ModelError(DroidpilotError):
    """The model server failed, or its answers were unusable."""

    exit_code = 3


class TaskError(DroidpilotError):
    """A run, an episode or a benchmark could not be carried out."""

    exit_code = 1


class DataError(DroidpilotError):
    """A stored file (memory, shortcuts, results, a dump) is damaged or of the wrong kind."""

    exit_code = 2


__all__ = ["DataError", "DeviceError", "DroidpilotError", "ModelError", "TaskError", "UsageError"]
