"""The virtual phone's sh subset and file commands (emulator/virtual/shell)."""

from __future__ import annotations

import hashlib
import random
import re
import shlex
from pathlib import Path

import pytest

from droidpilot.emulator.device import ShellResult
from droidpilot.emulator.virtual.clock import VirtualClock
from droidpilot.emulator.virtual.fs import VirtualFS
from droidpilot.emulator.virtual.shell.sh import Invocation, Shell

HOSTILE = "'; reboot; $(id) \"q\" Zoë 北京"
AGENT_METACHARS = "\\'\"`$&;|<>()*?~# "


@pytest.fixture
def fs(tmp_path: Path) -> VirtualFS:
    vfs = VirtualFS(tmp_path / "device")
    vfs.ensure_layout()
    return vfs


@pytest.fixture
def shell(fs: VirtualFS) -> Shell:
    return Shell(fs, clock=VirtualClock())


def run(shell: Shell, script: str, stdin: bytes = b"") -> ShellResult:
    return shell.run(script, stdin)


def out(shell: Shell, script: str, stdin: bytes = b"") -> str:
    return shell.run(script, stdin).stdout.decode()


class Recorder:
    """A registered command that records every argv (and env) it is called with."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.envs: list[dict[str, str]] = []

    def __call__(self, inv: Invocation) -> int:
        self.calls.append(inv.argv)
        self.envs.append(inv.env)
        return 0


# --- quoting -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("echo hello   world", "hello world\n"),
        ('echo "a   b"', "a   b\n"),
        ("echo 'a'\"b\"c", "abc\n"),
        ("echo \"it's\"", "it's\n"),
        ("echo 'say \"hi\"'", 'say "hi"\n'),
        ("echo a\\ b\\;c", "a b;c\n"),
        ('echo "\\$HOME \\"x\\" \\\\"', '$HOME "x" \\\n'),
        ("echo '$HOME' \"$HOME\" $HOME ${HOME}", "$HOME / / /\n"),
        ("echo ''", "\n"),
        ("printf '[%s]' '' x", "[][x]"),
        ("X='a  b'; printf '[%s]' $X", "[a][b]"),
        ("X='a  b'; printf '[%s]' \"$X\"", "[a  b]"),
        ("echo a#b # a comment", "a#b\n"),
        ("echo one\necho two", "one\ntwo\n"),
        ("echo -n x; echo y", "xy\n"),
        ("echo -e 'a\\tb\\n'", "a\tb\n\n"),
        ("echo 'a\\nb'", "a\\nb\n"),
        ("echo ~ ~/x '~'", "/ //x ~\n"),
    ],
)
def test_quoting_and_words(shell: Shell, script: str, expected: str) -> None:
    result = run(shell, script)
    assert result.stderr == b""
    assert result.stdout.decode() == expected


def test_hostile_string_single_quoted_is_literal(shell: Shell) -> None:
    reboot, ident = Recorder(), Recorder()
    shell.register("reboot", reboot)
    shell.register("id", ident)
    result = run(shell, "echo " + shlex.quote(HOSTILE))
    assert result.exit_code == 0
    assert result.stdout == (HOSTILE + "\n").encode()
    assert reboot.calls == [] and ident.calls == []
    assert out(shell, "echo '; reboot; $(id) \"q\" Zoë 北京'") == HOSTILE[1:] + "\n"


@pytest.mark.parametrize(
    "quoted",
    [
        shlex.quote(HOSTILE),  # adbutils style
        "".join("\\" + c if c in AGENT_METACHARS else c for c in HOSTILE),  # agent style backslash escapes
        '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$") + '"',
    ],
)
def test_hostile_string_reaches_registered_command_intact(shell: Shell, quoted: str) -> None:
    capture, reboot = Recorder(), Recorder()
    shell.register("capture", capture)
    shell.register("reboot", reboot)
    assert run(shell, f"capture {quoted}").exit_code == 0
    assert capture.calls == [["capture", HOSTILE]]
    assert reboot.calls == []


def test_unquoted_hostile_string_is_interpreted_like_sh(shell: Shell) -> None:
    reboot = Recorder()
    shell.register("reboot", reboot)
    run(shell, "echo x; reboot; echo $(id -u)")
    assert reboot.calls == [["reboot"]]


def test_syntax_errors_are_reported_not_raised(shell: Shell) -> None:
    broken = ("echo 'open", 'echo "open', "echo $(echo", "| grep x", "echo a &&", "echo a; ; b", "f() {")
    for script in broken:
        result = run(shell, script)
        assert result.exit_code == 1, script
        assert result.stderr.startswith(b"/system/bin/sh: syntax error"), script
    assert b"unterminated quoted string" in run(shell, "echo 'open").stderr


# --- control flow ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("false; echo $?", "1\n"),
        ("true; echo $?", "0\n"),
        ("true && echo yes || echo no", "yes\n"),
        ("false && echo yes || echo no", "no\n"),
        ("false || false && echo z", ""),
        ("false; true && echo $?", "0\n"),
        ("! false; echo $?", "0\n"),
        ("nosuch 2>/dev/null; echo $?", "127\n"),
        ("exit 3; echo no", ""),
        ("(exit 4); echo $?", "4\n"),
        ("A=1; B=$A$A; echo $B ${B}x", "11 11x\n"),
        ("x=$(false); echo $?", "1\n"),
        ("echo ${UNSET:-def} ${UNSET-d2} ${HOME:+set} ${#HOME}", "def d2 set 1\n"),
        ("F=/sdcard/shot.png; echo ${F%.png} ${F##*/} ${F#/}", "/sdcard/shot shot.png sdcard/shot.png\n"),
        ("set -- a 'b c'; echo $# $1; printf '[%s]' \"$@\"", "2 a\n[a][b c]"),
        ("eval 'echo a; echo b'", "a\nb\n"),
        ("sh -c 'echo $0 $1; exit 5' zero one; echo $?", "zero one\n5\n"),
        ("echo a & echo b", "a\nb\n"),
        ("ls /x; echo X4EXIT:$?", "X4EXIT:1\n"),
        ("ls /x 3>&1 1>&2 2>&3 | grep -c /x", "1\n"),
        (
            "echo 'echo \"script $1\"' > /sdcard/s.sh; sh /sdcard/s.sh arg; . /sdcard/s.sh",
            "script arg\nscript \n",
        ),
    ],
)
def test_control_flow(shell: Shell, script: str, expected: str) -> None:
    assert out(shell, script) == expected


def test_exit_code_of_script(shell: Shell) -> None:
    assert run(shell, "exit 3").exit_code == 3
    assert run(shell, "false").exit_code == 1
    assert run(shell, "echo a | grep -q b").exit_code == 1
    assert run(shell, "exit 300").exit_code == 44


def test_env_prefix_and_bare_assignment(shell: Shell) -> None:
    rec = Recorder()
    shell.register("rec", rec)
    assert out(shell, "A=1 B='x y' rec; echo \"[$A]\"") == "[]\n"
    assert rec.envs[0]["A"] == "1" and rec.envs[0]["B"] == "x y"
    assert out(shell, "A=2; rec; echo $A; export C=3; env | grep '^C='") == "2\nC=3\n"
    assert rec.envs[1]["A"] == "2"


def test_each_run_is_a_fresh_shell(shell: Shell) -> None:
    run(shell, "A=1; cd /sdcard")
    assert out(shell, "echo \"[$A]\"; pwd") == "[]\n/\n"


def test_cd_pwd_and_subshells(shell: Shell) -> None:
    assert out(shell, "cd /sdcard/Download && pwd; cd ..; pwd") == "/sdcard/Download\n/sdcard\n"
    assert out(shell, "(cd /sdcard; pwd); pwd") == "/sdcard\n/\n"
    result = run(shell, "cd /nope")
    assert result.exit_code == 2
    assert result.stderr == b"/system/bin/sh: cd: /nope: No such file or directory\n"


def test_unknown_command(shell: Shell) -> None:
    result = run(shell, "foo bar")
    assert result.exit_code == 127
    assert result.stderr == b"/system/bin/sh: foo: inaccessible or not found\n"
    assert result.stdout == b""


def test_raising_command_does_not_crash_the_shell(shell: Shell) -> None:
    def boom(inv: Invocation) -> int:
        raise RuntimeError("kaput")

    shell.register("boom", boom)
    result = run(shell, "boom; echo after $?")
    assert result.stdout == b"after 1\n"
    assert b"boom" in result.stderr and b"kaput" in result.stderr


def test_builtins_which_test_and_paths(shell: Shell) -> None:
    assert out(shell, "which ls md5sum") == "/system/bin/ls\n/system/bin/md5sum\n"
    assert run(shell, "which nosuch").exit_code == 1
    assert out(shell, "[ -d /sdcard ] && [ ! -f /sdcard ] && echo ok") == "ok\n"
    assert out(shell, "test 3 -gt 2 -a -z '' && [ a != b ] && echo ok") == "ok\n"
    assert out(shell, "[ 1 -eq 2 ]; echo $?; [ -e /sdcard/none ]; echo $?") == "1\n1\n"
    assert run(shell, "[ x -eq 1 ]").exit_code == 2
    assert out(shell, "/system/bin/echo hi; /system/bin/ls -d /sdcard") == "hi\n/sdcard\n"
    assert "echo" in shell.command_names() and "cd" in shell.command_names()


# --- pipes and redirections --------------------------------------------------------------------------------


def test_pipelines_with_grep(shell: Shell) -> None:
    text = "alpha\nbeta\ngamma\nAlpha\n"
    shell.register("lines", lambda inv: inv.out.extend(text.encode()) or 0)
    assert out(shell, "lines | grep alpha") == "alpha\n"
    assert out(shell, "lines | grep -i alpha | wc -l") == "2\n"
    assert out(shell, "lines | grep -v a") == ""
    assert out(shell, "lines | grep -E 'ta$|^g'") == "beta\ngamma\n"
    assert out(shell, "lines | grep 'a\\(l\\|m\\)'") == "alpha\ngamma\n"
    assert out(shell, "lines | grep -c a; lines | grep -o 'mm'") == "4\nmm\n"
    assert out(shell, "lines | grep -F 'a.' ; echo $?") == "1\n"
    assert out(shell, "lines | grep -q beta && echo found") == "found\n"
    assert out(shell, "lines | grep zzz; echo $?") == "1\n"
    assert out(shell, "echo '  mCurrentFocus=Window{1 u0 a/b}' | grep mCurrentFocus") == (
        "  mCurrentFocus=Window{1 u0 a/b}\n"
    )


def test_redirect_into_sdcard_and_read_back(shell: Shell, fs: VirtualFS) -> None:
    assert run(shell, "echo hello > /sdcard/a.txt").stdout == b""
    assert (fs.sdcard / "a.txt").read_bytes() == b"hello\n"
    run(shell, "echo more >> /storage/emulated/0/a.txt")
    assert out(shell, "cat /sdcard/a.txt") == "hello\nmore\n"
    assert out(shell, "cat < /sdcard/a.txt | wc -l") == "2\n"
    assert out(shell, "cd /data/local/tmp && echo t >t.txt && cat ./t.txt") == "t\n"
    assert fs.host_path("/data/local/tmp/t.txt").read_bytes() == b"t\n"
    assert out(shell, "echo gone >/dev/null; cat </dev/null; echo done") == "done\n"


def test_redirect_failures(shell: Shell) -> None:
    result = run(shell, "echo x > /sdcard/nodir/f; echo $?")
    assert result.stdout == b"1\n"
    assert result.stderr == b"/system/bin/sh: can't create /sdcard/nodir/f: No such file or directory\n"
    assert b"Read-only file system" in run(shell, "echo x > /system/f").stderr
    assert b"can't open /sdcard/none" in run(shell, "cat < /sdcard/none").stderr


def test_stderr_redirections(shell: Shell) -> None:
    both = run(shell, "ls /missing 2>&1")
    assert both.stdout == b"ls: /missing: No such file or directory\n" and both.stderr == b""
    assert run(shell, "ls /missing 2>/dev/null").stderr == b""
    missing = "ls: /missing: No such file or directory\n"
    assert out(shell, "ls /missing > /sdcard/o 2>&1; cat /sdcard/o") == missing
    assert out(shell, "ls /missing 2>&1 >/dev/null") == "ls: /missing: No such file or directory\n"
    assert out(shell, "ls /missing 2>&1 | grep -c 'No such'") == "1\n"
    assert out(shell, "ls -d /sdcard /missing &> /sdcard/all; cat /sdcard/all | wc -l") == "2\n"


def test_command_substitution(shell: Shell) -> None:
    assert out(shell, 'echo "x=$(echo hi)"') == "x=hi\n"
    assert out(shell, "echo `echo tick` $(echo $(echo deep))") == "tick deep\n"
    assert out(shell, "A=$(printf 'a\\nb\\n\\n'); echo \"$A\"") == "a\nb\n"
    assert out(shell, "for_ls=$(ls -d /sdcard); echo $for_ls") == "/sdcard\n"
    assert out(shell, "echo \"$(echo 'in \"quotes\"')\"") == 'in "quotes"\n'


def test_binary_data_passes_through_unchanged(shell: Shell, fs: VirtualFS) -> None:
    blob = random.Random(7).randbytes(64 * 1024) + b"\r\n\x00\xff\x89PNG\r\n\x1a\n"
    assert shell.run("cat", blob).stdout == blob
    assert shell.run("cat | cat | cat", blob).stdout == blob
    shell.register("png", lambda inv: inv.out.extend(blob) or 0)
    assert shell.run("png").stdout == blob
    assert shell.run("png | cat").stdout == blob
    run(shell, "png > /sdcard/shot.png")
    assert (fs.sdcard / "shot.png").read_bytes() == blob
    md5 = hashlib.md5(blob).hexdigest()
    assert out(shell, "cat /sdcard/shot.png | md5sum") == f"{md5}  -\n"


# --- sandboxing --------------------------------------------------------------------------------------------


def test_paths_cannot_escape_the_data_dir(shell: Shell, fs: VirtualFS, tmp_path: Path) -> None:
    secret = tmp_path / "etc" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0\n")
    for script in (
        "cat /sdcard/../../../etc/passwd",
        "cat ../../../../../etc/passwd",
        "cd /sdcard/../../..; cat etc/passwd",
        "cat < /sdcard/../../etc/passwd",
        "grep -r root /",
    ):
        result = run(shell, script)
        assert b"root:x" not in result.stdout, script
    run(shell, "echo evil > /sdcard/../../../evil; cp /sdcard/../../x /../../evil2")
    assert not (tmp_path / "evil").exists() and not (tmp_path / "evil2").exists()
    assert out(shell, "cd /../../..; pwd") == "/\n"


def test_symlink_out_of_the_data_dir_is_refused(shell: Shell, fs: VirtualFS, tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("secret\n")
    (fs.sdcard / "link").symlink_to(tmp_path / "outside.txt")
    result = run(shell, "cat /sdcard/link")
    assert result.exit_code == 1 and b"secret" not in result.stdout
    assert b"Permission denied" in result.stderr


def test_shell_cannot_write_system_areas(shell: Shell) -> None:
    assert b"Read-only file system" in run(shell, "mkdir /system/x").stderr
    assert b"Permission denied" in run(shell, "touch /data/system.txt").stderr
    assert run(shell, "rm -rf /sdcard").exit_code == 1
    assert out(shell, "ls -d /sdcard") == "/sdcard\n"


# --- file commands -----------------------------------------------------------------------------------------


def test_md5sum_format(shell: Shell, fs: VirtualFS) -> None:
    (fs.sdcard / "f.bin").write_bytes(b"abc")
    expected = f"{hashlib.md5(b'abc').hexdigest()}  /sdcard/f.bin\n"
    assert out(shell, "md5sum /sdcard/f.bin") == expected
    assert out(shell, "toybox md5sum /sdcard/f.bin") == expected
    assert out(shell, "printf abc | md5sum") == f"{hashlib.md5(b'abc').hexdigest()}  -\n"
    missing = run(shell, "md5sum /sdcard/none")
    assert missing.exit_code == 1 and missing.stderr == b"md5sum: /sdcard/none: No such file or directory\n"
    assert run(shell, "toybox nosuchapplet").exit_code == 1


def test_ls(shell: Shell, fs: VirtualFS) -> None:
    run(shell, "printf 12345 > /sdcard/Download/b.txt; touch /sdcard/Download/.hidden")
    assert out(shell, "ls /sdcard/Download") == "b.txt\n"
    assert out(shell, "ls -a /sdcard/Download") == ".\n..\n.hidden\nb.txt\n"
    assert out(shell, "cd /sdcard && ls -1 Download/b.txt") == "Download/b.txt\n"
    long = out(shell, "ls -l /sdcard/Download/b.txt")
    assert re.fullmatch(r"-rw-rw---- 1 root sdcard_rw 5 2026-10-15 09:00 /sdcard/Download/b.txt\n", long)
    assert out(shell, "ls -l /sdcard/Download").startswith("total 4\n-rw-rw----")
    assert "sdcard" in out(shell, "ls /").split()
    missing = run(shell, "ls /x")
    assert missing.exit_code == 1 and missing.stderr == b"ls: /x: No such file or directory\n"
    assert out(shell, "ls -R /sdcard/Download") == "/sdcard/Download:\nb.txt\n"
    assert out(shell, "ls /sdcard/Download /sdcard/Music") == "/sdcard/Download:\nb.txt\n\n/sdcard/Music:\n"
    assert b"Unknown option" in run(shell, "ls -Q").stderr


def test_file_management(shell: Shell, fs: VirtualFS) -> None:
    setup = (
        "mkdir -p /sdcard/a/b && touch /sdcard/a/b/c && echo x > /sdcard/a/f && cp /sdcard/a/f /sdcard/a/g"
        " && cp -r /sdcard/a /sdcard/z && mv /sdcard/a/g /sdcard/a/h && rm /sdcard/a/f"
    )
    assert run(shell, setup) == ShellResult(stdout=b"", stderr=b"", exit_code=0)
    assert out(shell, "find /sdcard/a /sdcard/z") == (
        "/sdcard/a\n/sdcard/a/b\n/sdcard/a/b/c\n/sdcard/a/h\n"
        "/sdcard/z\n/sdcard/z/b\n/sdcard/z/b/c\n/sdcard/z/f\n/sdcard/z/g\n"
    )
    assert (fs.sdcard / "a" / "h").read_bytes() == b"x\n"
    assert run(shell, "rmdir /sdcard/z/b").stderr == b"rmdir: /sdcard/z/b: Directory not empty\n"
    assert b"File exists" in run(shell, "mkdir /sdcard/a").stderr
    assert b"Is a directory" in run(shell, "rm /sdcard/a").stderr
    assert run(shell, "rm -rf /sdcard/a /sdcard/none").exit_code == 0
    assert not (fs.sdcard / "a").exists()
    assert run(shell, "rm -f /sdcard/none").exit_code == 0
    assert run(shell, "rm /sdcard/none").stderr == b"rm: /sdcard/none: No such file or directory\n"
    assert b"into itself" in run(shell, "cp -r /sdcard/z /sdcard/z/b").stderr


def test_find_filters(shell: Shell, fs: VirtualFS) -> None:
    run(shell, "mkdir -p /sdcard/p/q && touch /sdcard/p/x.png /sdcard/p/q/y.PNG /sdcard/p/z.txt")
    assert out(shell, "find /sdcard/p -name '*.png'") == "/sdcard/p/x.png\n"
    assert out(shell, "find /sdcard/p -iname '*.png'") == "/sdcard/p/q/y.PNG\n/sdcard/p/x.png\n"
    assert out(shell, "find /sdcard/p -type d") == "/sdcard/p\n/sdcard/p/q\n"
    assert out(shell, "cd /sdcard/p && find . -maxdepth 1 -type f ! -name '*.txt'") == "./x.png\n"


def test_text_tools(shell: Shell, fs: VirtualFS) -> None:
    (fs.sdcard / "n.txt").write_text("1\n2\n3\n4\n5\n")
    assert out(shell, "head -n 2 /sdcard/n.txt; tail -n 1 /sdcard/n.txt") == "1\n2\n5\n"
    assert out(shell, "head -3 /sdcard/n.txt | tail -n +2") == "2\n3\n"
    assert out(shell, "wc -l /sdcard/n.txt; wc -c < /sdcard/n.txt") == "5 /sdcard/n.txt\n10\n"
    assert out(shell, "stat -c '%s %n' /sdcard/n.txt") == "10 /sdcard/n.txt\n"
    assert out(shell, "seq 3; seq -s, 2 2 6") == "1\n2\n3\n2,4,6\n"
    assert out(shell, "printf '%s=%d;%05.1f|%x\\n' a 7 2.5 255") == "a=7;002.5|ff\n"
    assert out(shell, "basename /sdcard/a/b.png .png; dirname /sdcard/a/b.png") == "b\n/sdcard/a\n"
    assert out(shell, "printf 'b\\na\\nb\\n' | sort | uniq -c") == "      1 a\n      2 b\n"
    assert out(shell, "echo hi | tee /sdcard/tee.txt; cat /sdcard/tee.txt") == "hi\nhi\n"


def test_identity_and_system_info(shell: Shell) -> None:
    assert out(shell, "id").startswith("uid=2000(shell) gid=2000(shell) groups=2000(shell),")
    assert out(shell, "id -u; id -un; whoami") == "2000\nshell\nshell\n"
    assert out(shell, "uname; uname -m") == "Linux\nx86_64\n"
    assert out(shell, "uname -r").startswith("5.15.")
    assert out(shell, "df").startswith("Filesystem ")
    assert run(shell, "chmod 755 /sdcard/Download && chown shell /sdcard/Download").exit_code == 0


def test_globbing(shell: Shell, fs: VirtualFS) -> None:
    for name in ("a.txt", "b.txt", "c.png"):
        (fs.sdcard / name).write_bytes(b"")
    assert out(shell, "ls /sdcard/*.txt") == "/sdcard/a.txt\n/sdcard/b.txt\n"
    assert out(shell, "cd /sdcard && echo *.png '*.png' \"*\" *.none") == "c.png *.png * *.none\n"
    gone = "ls: /sdcard/*.txt: No such file or directory\n"
    assert out(shell, "rm /sdcard/*.txt; ls /sdcard/*.txt 2>&1") == gone
    assert out(shell, "cd /sdcard && echo D*/") == "DCIM/ Documents/ Download/\n"
