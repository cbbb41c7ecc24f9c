"""A disk that refuses a write in the middle of a crawl (full, over a size limit, read-only) stops the crawl with one
line naming the file and exit 2, leaves nothing torn, and the same command continues once there is room, losing no
step. The fault is RLIMIT_FSIZE on the crawling process (EFBIG: a file may not grow past the limit; the same
"the disk is full" family as ENOSPC), which needs no root and no mount: every screenshot of a new state is larger
than the limit, so the first new state of the second session is refused."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from tests.crawler.helpers import assert_consistent, steps
from tests.e2e.test_cli_run import invoke

ROOT = Path(__file__).resolve().parents[2]
APP = "com.android.settings"
LIMIT = 64 * 1024  # the journal and the files the phone writes stay below it (no snapshot: --no-reset); a
# screenshot does not


def _file_size_limit() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_a_disk_error_mid_crawl_stops_it_and_the_same_command_continues(tmp_path: Path) -> None:
    out, phone = tmp_path / "crawl", tmp_path / "phone"
    args = ["crawl", "--app", APP, "--out", str(out), "--no-memory", "--device", f"virtual:{phone}", "--no-reset"]
    first = invoke(*args, "--max-steps", "3")
    assert first.exit_code == 0, first.output
    done = len(steps(out / APP))

    limited = subprocess.run([sys.executable, "-m", "droidpilot", *args, "--max-steps", "9"], capture_output=True,
                             text=True, timeout=120, preexec_fn=_file_size_limit,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert limited.returncode == 2, limited.stderr
    error = [line for line in limited.stderr.splitlines() if line.startswith("error: ")]
    assert len(error) == 1 and str(out / APP) in error[0] and "larger than allowed" in error[0], limited.stderr
    assert "failed" not in limited.stdout + limited.stderr  # not counted as a failed app
    stopped_at = len(steps(out / APP))  # whole lines only: a torn one would not parse
    assert done <= stopped_at < 9
    assert not list(out.rglob(".*.tmp*")), "temporary files left behind"

    resumed = invoke(*args, "--max-steps", "9")
    assert resumed.exit_code == 0, resumed.output
    assert [line["step"] for line in steps(out / APP)] == list(range(9))  # no step lost, none twice
    assert_consistent(out / APP)


APPEND = """
import sys
from pathlib import Path
from droidpilot.crawler.journal import Journal, SessionLine
try:
    Journal(Path(sys.argv[1])).append(SessionLine(started=0, policy="x" * 4000))
except OSError as exc:
    print(exc.errno, exc.filename)
"""


def test_a_journal_line_the_disk_refuses_leaves_no_torn_tail(tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    journal.write_text('{"kind": "session", "started": 1.0, "policy": "dfs"}\n')
    before = journal.read_bytes()
    limit = len(before) + 100  # part of the next line fits, the rest does not

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-c", APPEND, str(journal)], capture_output=True, text=True, timeout=60,
                            preexec_fn=limited, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.split() == [str(errno.EFBIG), str(journal)], result.stderr
    assert journal.read_bytes() == before  # the part that fit was cut off again
