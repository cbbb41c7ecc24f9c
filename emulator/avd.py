"""Real Android emulators: find the SDK, list AVDs, start one headless, wait for boot, snapshots, stop.

    sdk = find_sdk()
    emulator = start_avd(sdk, "Pixel_7_API_34", console_port=5556)   # waits for sys.boot_completed
    emulator.save_snapshot("clean"); ...; emulator.load_snapshot("clean")
    emulator.stop()

Snapshots and stop go through the emulator console (the telnet port the serial is named after), the
same channel `adb emu` uses.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel

from droidpilot.emulator.adb_client import AdbClient, list_devices
from droidpilot.emulator.adb_device import AdbDevice
from droidpilot.emulator.device import DeviceError, DeviceLost

SDK_ENV_VARS = ("ANDROID_HOME", "ANDROID_SDK_ROOT")
HEADLESS = ("-no-window", "-no-audio", "-no-snapshot-save", "-no-boot-anim")
TOKEN_FILE = ".emulator_console_auth_token"
CONSOLE_PORTS = range(5554, 5683, 2)
"""Console ports the emulator accepts: even numbers; adb reaches it as `emulator-PORT` on PORT + 1."""


class SdkNotFound(DeviceError):
    """No Android SDK with an emulator binary was found."""


class EmulatorError(DeviceError):
    """An emulator failed to start, boot, or obey a console command."""


class ConsoleAuthError(EmulatorError):
    """The emulator console wants a token that is missing or wrong."""

    hint = ("the emulator writes its token to ~/.emulator_console_auth_token when it starts; run droidpilot as "
            "the user who started the emulator")


class AndroidSdk(BaseModel):
    root: Path | None = None
    emulator: Path
    adb: Path | None = None


def usual_sdk_paths(home: Path) -> list[Path]:
    """Where Android Studio and distributions put the SDK."""
    local = os.environ.get("LOCALAPPDATA", str(home / "AppData" / "Local"))
    return [home / "Android" / "Sdk", home / "Library" / "Android" / "sdk", Path(local) / "Android" / "Sdk",
            Path("/opt/android-sdk"), Path("/opt/android/sdk"), Path("/usr/local/android-sdk"),
            Path("/usr/lib/android-sdk")]


def _sdk_at(root: Path) -> AndroidSdk | None:
    for name in ("emulator", "emulator.exe"):
        binary = root / "emulator" / name
        if binary.is_file() and os.access(binary, os.X_OK):
            adb = root / "platform-tools" / ("adb.exe" if name.endswith(".exe") else "adb")
            return AndroidSdk(root=root, emulator=binary, adb=adb if adb.is_file() else _which("adb"))
    return None


def _which(name: str, path: str | None = None) -> Path | None:
    found = shutil.which(name, path=path)
    return Path(found) if found else None


def find_sdk(env: Mapping[str, str] | None = None) -> AndroidSdk:
    """$ANDROID_HOME, then $ANDROID_SDK_ROOT, then an `emulator` on PATH, then the usual install paths."""
    env = os.environ if env is None else env
    for var in SDK_ENV_VARS:
        if env.get(var) and (sdk := _sdk_at(Path(env[var]).expanduser())):
            return sdk
    on_path = _which("emulator", env.get("PATH"))
    if on_path is not None:
        root = on_path.resolve().parent.parent
        return AndroidSdk(root=root if (root / "platform-tools").is_dir() else None, emulator=on_path,
                          adb=_which("adb", env.get("PATH")))
    for root in usual_sdk_paths(Path(env.get("HOME", str(Path.home())))):
        if sdk := _sdk_at(root):
            return sdk
    raise SdkNotFound("no Android SDK found (looked at $ANDROID_HOME, $ANDROID_SDK_ROOT, PATH and the usual "
                      "install paths); install the SDK's 'emulator' package and set ANDROID_HOME to the SDK, "
                      "or use the built-in virtual phone (--device virtual)")


def list_avds(sdk: AndroidSdk, timeout: float = 30.0) -> list[str]:
    """AVD names, as `emulator -list-avds` prints them (log lines filtered out)."""
    try:
        result = subprocess.run([str(sdk.emulator), "-list-avds"], capture_output=True, text=True,
                                timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EmulatorError(f"'{sdk.emulator} -list-avds' failed: {exc}") from None
    return [line.strip() for line in result.stdout.splitlines()
            if line.strip() and "|" not in line and not line.startswith(("INFO", "WARNING", "ERROR"))]


class EmulatorConsole:
    """The emulator's telnet console on 127.0.0.1:PORT (`auth`, `avd snapshot save|load|delete|list`, `kill`).

    Each command opens its own session: the banner, then `auth TOKEN` with the token file's contents when the
    banner asks for it (as `adb emu` does), then the command. Replies end in `OK` or `KO: reason`."""

    def __init__(self, port: int, timeout: float = 30.0, token_file: Path | None = None) -> None:
        self.port = port
        self.timeout = timeout
        self.token_file = token_file or Path.home() / TOKEN_FILE

    def command(self, line: str) -> str:
        """Send one command; returns its output, raises EmulatorError on `KO`."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=self.timeout) as sock:
                reader = sock.makefile("rb")
                banner = self._until_ok(reader, sock, "")
                if "Authentication required" in banner:
                    self._authenticate(reader, sock)
                output = self._until_ok(reader, sock, line)
                with contextlib.suppress(OSError):
                    sock.sendall(b"quit\r\n")
                return output
        except OSError as exc:
            raise EmulatorError(f"emulator console on port {self.port} failed: {exc}") from None

    def _authenticate(self, reader: object, sock: socket.socket) -> None:
        if not self.token_file.is_file():
            raise ConsoleAuthError(f"the emulator console on port {self.port} asks for a token and "
                                   f"{self.token_file} does not exist")
        try:
            self._until_ok(reader, sock, f"auth {self.token_file.read_text().strip()}")
        except EmulatorError as exc:
            raise ConsoleAuthError(f"the emulator console on port {self.port} refused the token in "
                                   f"{self.token_file}: {exc}") from None

    def save_snapshot(self, name: str) -> None:
        self.command(f"avd snapshot save {_snapshot_name(name)}")

    def load_snapshot(self, name: str) -> None:
        self.command(f"avd snapshot load {_snapshot_name(name)}")

    def delete_snapshot(self, name: str) -> None:
        self.command(f"avd snapshot delete {_snapshot_name(name)}")

    def snapshots(self) -> list[str]:
        """The TAG column of `avd snapshot list` (rows after the header line that starts with ID)."""
        rows = self.command("avd snapshot list").splitlines()
        header = next((i for i, row in enumerate(rows) if row.split()[:2] == ["ID", "TAG"]), None)
        if header is None:
            return []
        return [row.split()[1] for row in rows[header + 1:] if len(row.split()) >= 2]

    @staticmethod
    def _until_ok(reader: object, sock: socket.socket, line: str) -> str:
        if line:
            sock.sendall(line.encode() + b"\r\n")
        lines: list[str] = []
        while True:
            raw = reader.readline()  # type: ignore[attr-defined]
            if not raw:
                if line.startswith("kill"):
                    return "\n".join(lines)
                raise EmulatorError(f"emulator console closed during '{_shown(line) or 'connect'}'")
            text = raw.decode("utf-8", "replace").rstrip("\r\n")
            if text == "OK":
                return "\n".join(lines)
            if text.startswith("KO"):
                raise EmulatorError(f"emulator console refused '{_shown(line)}': {text[2:].strip(': ')}")
            lines.append(text)


def _shown(line: str) -> str:
    """A command as error messages show it: never the auth token."""
    return "auth ..." if line.startswith("auth ") else line


def console_port_of(serial: str) -> int | None:
    """The console port an emulator's serial names (`emulator-5556` -> 5556); None for other serials."""
    match = re.fullmatch(r"emulator-(\d+)", serial)
    return int(match.group(1)) if match else None


class RunningEmulator:
    """One emulator process started by `start_avd`."""

    def __init__(self, avd: str, console_port: int, process: subprocess.Popen[bytes], log_path: Path,
                 adb_host: str = "127.0.0.1", adb_port: int = 5037) -> None:
        self.avd = avd
        self.console_port = console_port
        self.process = process
        self.log_path = log_path
        self.adb_host, self.adb_port = adb_host, adb_port
        self.console = EmulatorConsole(console_port)

    @property
    def serial(self) -> str:
        return f"emulator-{self.console_port}"

    def log_tail(self, lines: int = 20) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def wait_for_boot(self, timeout: float = 300.0, poll: float = 1.0) -> None:
        """Until adb lists the emulator and `getprop sys.boot_completed` prints 1."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EmulatorError(f"emulator '{self.avd}' exited with {self.process.returncode} while "
                                    f"booting:\n{self.log_tail()}")
            if self._booted():
                return
            time.sleep(poll)
        raise EmulatorError(f"emulator '{self.avd}' did not finish booting within {timeout:.0f} s")

    def _booted(self) -> bool:
        try:
            attached = any(d.serial == self.serial and d.state == "device"
                           for d in list_devices(self.adb_host, self.adb_port))
            if not attached:
                return False
            device = AdbClient(self.adb_host, self.adb_port, socket_timeout=10).device(self.serial)
            return str(device.shell("getprop sys.boot_completed", timeout=10)).strip() == "1"
        except Exception:  # not up yet: no server, no transport, shell refused...
            return False

    def device(self, **options: object) -> AdbDevice:
        return AdbDevice(self.serial, self.adb_host, self.adb_port, **options)  # type: ignore[arg-type]

    def save_snapshot(self, name: str) -> None:
        self.console.save_snapshot(name)

    def load_snapshot(self, name: str) -> None:
        self.console.load_snapshot(name)

    def delete_snapshot(self, name: str) -> None:
        self.console.delete_snapshot(name)

    def stop(self, timeout: float = 30.0) -> int:
        """Ask the console to `kill`; terminate the process if it does not exit in time."""
        if self.process.poll() is None:
            try:
                self.console.command("kill")
                return self.process.wait(timeout)
            except (EmulatorError, subprocess.TimeoutExpired):
                self.process.terminate()
            try:
                return self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait(5)


def _snapshot_name(name: str) -> str:
    if not name or not all(c.isalnum() or c in "-_." for c in name):
        raise ValueError(f"invalid snapshot name {name!r}: use letters, digits, '-', '_' and '.'")
    return name


def emulator_args(sdk: AndroidSdk, avd: str, console_port: int, snapshot: str | None = None,
                  extra: Sequence[str] = ()) -> list[str]:
    if console_port not in CONSOLE_PORTS:
        raise ValueError(f"console port {console_port} must be even, between 5554 and 5682")
    args = [str(sdk.emulator), "-avd", avd, "-port", str(console_port), *HEADLESS]
    if snapshot:
        args += ["-snapshot", _snapshot_name(snapshot)]
    return args + list(extra)


def start_avd(sdk: AndroidSdk, avd: str, console_port: int = 5554, *, snapshot: str | None = None,
              extra_args: Sequence[str] = (), adb_host: str = "127.0.0.1", adb_port: int = 5037,
              boot_timeout: float = 300.0, poll: float = 1.0, wait: bool = True) -> RunningEmulator:
    """Start `avd` headless on `console_port` (serial `emulator-PORT`); by default wait for the boot."""
    args = emulator_args(sdk, avd, console_port, snapshot, extra_args)
    _ensure_adb_server(sdk, adb_host, adb_port)
    log_path = Path(tempfile.mkstemp(prefix=f"droidpilot-emulator-{console_port}-", suffix=".log")[1])
    with open(log_path, "wb") as log_file:
        try:
            process = subprocess.Popen(args, stdout=log_file, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise EmulatorError(f"cannot run {sdk.emulator}: {exc}") from None
    emulator = RunningEmulator(avd, console_port, process, log_path, adb_host, adb_port)
    if wait:
        try:
            emulator.wait_for_boot(boot_timeout, poll)
        except EmulatorError:
            emulator.stop(timeout=2)
            raise
    return emulator


def _ensure_adb_server(sdk: AndroidSdk, host: str, port: int) -> None:
    """An emulator only shows up in `adb devices` if a server runs; start the SDK's one if none does."""
    try:
        list_devices(host, port, timeout=2)
        return
    except DeviceLost:
        pass
    if sdk.adb is None or host not in ("127.0.0.1", "localhost"):
        raise EmulatorError(f"no ADB server on {host}:{port} and no adb binary to start one")
    subprocess.run([str(sdk.adb), "-P", str(port), "start-server"], capture_output=True, timeout=30,
                   stdin=subprocess.DEVNULL, check=False)
