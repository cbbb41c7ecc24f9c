"""The virtual phone's ADB server, byte by byte (adb_spec.md), and through adbutils and uiautomator2."""

from __future__ import annotations

import json
import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from droidpilot.emulator.virtual.adb_server import AdbServer

TIMEOUT = 5.0


@pytest.fixture(scope="module")
def server() -> Iterator[AdbServer]:
    with AdbServer.virtual(devices=2, port=0) as srv:
        yield srv


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    sock.settimeout(TIMEOUT)
    return sock


def send(sock: socket.socket, request: str) -> None:
    data = request.encode()
    sock.sendall(f"{len(data):04x}".encode() + data)


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def read_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        assert chunk, f"EOF after {len(data)} of {size} bytes"
        data += chunk
    return data


def one_shot(port: int, request: str) -> bytes:
    """The whole reply to a host query; the server must close by itself (or this times out)."""
    with connect(port) as sock:
        send(sock, request)
        return read_all(sock)


def transport(port: int, serial: str = "emulator-5554") -> socket.socket:
    sock = connect(port)
    send(sock, f"host:tport:serial:{serial}")
    assert read_exact(sock, 12)[:4] == b"OKAY"
    return sock


def shell_v2(port: int, cmd: str, stdin: bytes = b"",
             serial: str = "emulator-5554") -> tuple[bytes, bytes, int]:
    with transport(port, serial) as sock:
        send(sock, f"shell,v2,raw:{cmd}")
        assert read_exact(sock, 4) == b"OKAY"
        if stdin:
            sock.sendall(struct.pack("<BI", 0, len(stdin)) + stdin)
        sock.sendall(struct.pack("<BI", 4, 0))
        out, err = b"", b""
        while True:
            kind, size = struct.unpack("<BI", read_exact(sock, 5))
            payload = read_exact(sock, size)
            if kind == 1:
                out += payload
            elif kind == 2:
                err += payload
            elif kind == 3:
                assert sock.recv(1) == b"", "the server must close after the exit packet"
                return out, err, payload[0]


# -- host services ----------------------------------------------------------------------------------------
def test_version_is_41_and_the_socket_closes(server: AdbServer) -> None:
    assert one_shot(server.port, "host:version") == b"OKAY00040029"


def test_devices_lists_each_phone(server: AdbServer) -> None:
    assert one_shot(server.port, "host:devices") == b"OKAY002aemulator-5554\tdevice\nemulator-5556\tdevice\n"
    long = one_shot(server.port, "host:devices-l").decode()
    assert long.startswith("OKAY")
    lines = long[8:].splitlines()
    assert lines[1].startswith("emulator-5556          device product:")
    assert "model:Pixel_6" in lines[0] and lines[1].endswith("transport_id:2")


def test_tport_sends_the_8_byte_transport_id_and_transport_does_not(server: AdbServer) -> None:
    with connect(server.port) as sock:
        send(sock, "host:tport:serial:emulator-5556")
        assert read_exact(sock, 12) == b"OKAY" + struct.pack("<Q", 2)
        send(sock, "shell:echo hi")
        assert read_all(sock) == b"OKAYhi\n"
    with connect(server.port) as sock:
        send(sock, "host:transport-id:1")
        assert read_exact(sock, 4) == b"OKAY"
        send(sock, "exec:getprop ro.serialno")
        assert read_all(sock).startswith(b"OKAY")


@pytest.mark.parametrize(("request_text", "message"), [
    ("host:tport:serial:nope", b"device 'nope' not found"),
    ("host:tport:any", b"more than one device/emulator"),
    ("host:transport-usb", b"no devices found"),
    ("host:transport-id:9", b"no device with transport id '9'"),
])
def test_device_selection_failures_use_the_real_messages(server: AdbServer, request_text: str,
                                                         message: bytes) -> None:
    assert one_shot(server.port, request_text) == b"FAIL" + f"{len(message):04x}".encode() + message


def test_prefixed_queries(server: AdbServer) -> None:
    features = one_shot(server.port, "host-serial:emulator-5556:features")
    assert features.startswith(b"OKAY") and b"shell_v2" in features and b"abb" not in features
    assert one_shot(server.port, "host-serial:emulator-5556:get-state") == b"OKAY0006device"
    assert one_shot(server.port, "host-transport-id:2:get-serialno") == b"OKAY000demulator-5556"
    assert one_shot(server.port, "host-serial:emulator-5554:wait-for-any-device") == b"OKAYOKAY"


def test_track_devices_sends_the_list_and_stays_open(server: AdbServer) -> None:
    with connect(server.port) as sock:
        send(sock, "host:track-devices")
        assert read_exact(sock, 8) == b"OKAY002a"
        assert read_exact(sock, 0x2a).count(b"\tdevice\n") == 2
        sock.settimeout(0.3)
        with pytest.raises(TimeoutError):
            sock.recv(1)


def test_each_phone_keeps_its_state_in_its_own_data_dir(tmp_path: Path) -> None:
    import adbutils

    with AdbServer.virtual(devices=2, port=0, data_dir=tmp_path) as srv:
        adbutils.AdbClient(port=srv.port).device("emulator-5556").sync.push(b"kept", "/sdcard/Download/k.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["emulator-5554", "emulator-5556"]
    with AdbServer.virtual(devices=2, port=0, data_dir=tmp_path) as srv:
        client = adbutils.AdbClient(port=srv.port)
        assert client.device("emulator-5556").sync.read_bytes("/sdcard/Download/k.txt") == b"kept"
        assert not client.device("emulator-5554").sync.exists("/sdcard/Download/k.txt")


def test_host_kill_stops_the_server() -> None:
    with AdbServer.virtual(devices=1, port=0) as srv:
        assert one_shot(srv.port, "host:kill") == b"OKAY"
        assert srv.wait(TIMEOUT)
        with pytest.raises(OSError):
            connect(srv.port).recv(1)


# -- shell ------------------------------------------------------------------------------------------------
def test_shell_v2_carries_exit_code_stderr_and_stdin(server: AdbServer) -> None:
    assert shell_v2(server.port, "false")[2] == 1
    out, err, code = shell_v2(server.port, "ls /nope")
    assert code != 0 and b"No such file" in err and out == b""
    assert shell_v2(server.port, "cat", stdin=b"piped \x00bytes") == (b"piped \x00bytes", b"", 0)


def test_shell_v1_and_exec_stream_raw_bytes(server: AdbServer) -> None:
    with transport(server.port) as sock:
        send(sock, "exec:screencap -p")
        data = read_all(sock)
    assert data[:4] == b"OKAY" and data[4:12] == b"\x89PNG\r\n\x1a\n"
    with transport(server.port) as sock:
        send(sock, "shell:echo a; ls /nope; echo X4EXIT:$?")
        text = read_all(sock).decode()
    assert text.startswith("OKAY") and text.rstrip().endswith("X4EXIT:1")


def test_interactive_shell_echoes_runs_and_exits(server: AdbServer) -> None:
    with transport(server.port) as sock:
        send(sock, "shell:")
        assert read_exact(sock, 4) == b"OKAY"
        sock.sendall(b"echo hello\rexit\r")
        text = read_all(sock)
    assert b"echo hello\r\nhello\r\n" in text


def test_shell_without_a_command_and_without_a_pty_runs_piped_lines(server: AdbServer) -> None:
    out, err, code = shell_v2(server.port, "", stdin=b"echo one\nls /nope\nexit 3\necho never\n")
    assert (out, err, code) == (b"one\n", b"ls: /nope: No such file or directory\n", 3)


def test_install_reads_the_apk_bytes_and_fails_clearly(server: AdbServer) -> None:
    with transport(server.port) as sock:
        send(sock, "exec:cmd package 'install' '-r' -S 10")
        assert read_exact(sock, 4) == b"OKAY"
        sock.sendall(b"0123456789")
        assert b"Failure [" in read_all(sock)


# -- sync -------------------------------------------------------------------------------------------------
def sync_request(sock: socket.socket, ident: bytes, path: str) -> None:
    raw = path.encode()
    sock.sendall(ident + struct.pack("<I", len(raw)) + raw)


def open_sync(port: int) -> socket.socket:
    sock = transport(port)
    send(sock, "sync:")
    assert read_exact(sock, 4) == b"OKAY"
    return sock


def test_sync_reply_sizes(server: AdbServer) -> None:
    with open_sync(server.port) as sock:
        sync_request(sock, b"STAT", "/sdcard")
        reply = read_exact(sock, 16)
        assert reply[:4] == b"STAT" and struct.unpack("<I", reply[4:8])[0] & 0o170000 == 0o040000
        sync_request(sock, b"STAT", "/sdcard/missing")
        assert read_exact(sock, 16) == b"STAT" + bytes(12)
        sync_request(sock, b"STA2", "/sdcard/missing")
        assert read_exact(sock, 72)[:8] == b"STA2" + struct.pack("<I", 2)
        sync_request(sock, b"LIST", "/sdcard/Alarms")
        assert read_all_entries(sock, b"DENT", 20) == [".", ".."]
        sync_request(sock, b"LIS2", "/sdcard/Alarms")
        assert read_all_entries(sock, b"DNT2", 76) == [".", ".."]
        sync_request(sock, b"RECV", "/sdcard/missing")
        head = read_exact(sock, 8)
        assert head[:4] == b"FAIL"
        assert read_exact(sock, struct.unpack("<I", head[4:])[0]) == b"No such file or directory"
        sock.sendall(b"QUIT" + bytes(4))
        assert sock.recv(1) == b""


def read_all_entries(sock: socket.socket, ident: bytes, size: int) -> list[str]:
    names = []
    while True:
        head = read_exact(sock, size)
        if head[:4] == b"DONE":
            assert head[4:] == bytes(size - 4)
            return names
        assert head[:4] == ident
        names.append(read_exact(sock, struct.unpack("<I", head[-4:])[0]).decode())


def test_sync_send_then_recv_round_trips(server: AdbServer) -> None:
    payload = os.urandom(200_000)
    with open_sync(server.port) as sock:
        sync_request(sock, b"SEND", "/sdcard/new/dir/blob.bin,33188")
        for start in range(0, len(payload), 65536):
            piece = payload[start : start + 65536]
            sock.sendall(b"DATA" + struct.pack("<I", len(piece)) + piece)
        sock.sendall(b"DONE" + struct.pack("<I", 1_700_000_000))
        assert read_exact(sock, 8) == b"OKAY" + bytes(4)
        sync_request(sock, b"RECV", "/sdcard/new/dir/blob.bin")
        received = b""
        while (head := read_exact(sock, 8))[:4] == b"DATA":
            received += read_exact(sock, struct.unpack("<I", head[4:])[0])
        assert head == b"DONE" + bytes(4) and received == payload


@pytest.mark.parametrize("path", ["/system/evil", "/sdcard/../../../../../tmp/evil", "/data/data/x/evil"])
def test_sync_send_refuses_paths_outside_writable_storage(server: AdbServer, path: str) -> None:
    with open_sync(server.port) as sock:
        sync_request(sock, b"SEND", f"{path},33188")
        sock.sendall(b"DATA" + struct.pack("<I", 3) + b"bad" + b"DONE" + bytes(4))
        assert read_exact(sock, 4) == b"FAIL"
    assert not Path("/tmp/evil").exists()


def test_adbutils_push_pull_list_and_framebuffer(server: AdbServer) -> None:
    import adbutils

    device = adbutils.AdbClient(port=server.port).device("emulator-5556")
    device.sync.push(b"hello", "/sdcard/Download/hello.txt")
    assert device.sync.read_bytes("/sdcard/Download/hello.txt") == b"hello"
    assert "hello.txt" in [e.path for e in device.sync.list("/sdcard/Download")]
    assert device.framebuffer().size == (1080, 2400)
    assert device.window_size() == (1080, 2400)


# -- forward and uiautomator2 -----------------------------------------------------------------------------
def http(port: int, method: str, path: str, body: dict[str, object] | None = None) -> tuple[int, bytes]:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request(method, path, json.dumps(body) if body else None, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def rpc(port: int, method: str, *params: object) -> dict[str, object]:
    status, body = http(port, "POST", "/jsonrpc/0", {"jsonrpc": "2.0", "id": 1, "method": method,
                                                     "params": list(params) or {}})
    assert status == 200
    return json.loads(body)


def test_forward_listens_for_real_and_reaches_the_u2_server(server: AdbServer) -> None:
    reply = one_shot(server.port, "host-serial:emulator-5554:forward:tcp:0;tcp:9008")
    assert reply[:12] == b"OKAYOKAY" + reply[8:12] and reply[8:12].isdigit()
    port = int(reply[12:])
    assert http(port, "GET", "/ping") == (200, b"pong")
    listing = one_shot(server.port, "host:list-forward").decode()
    assert f"emulator-5554 tcp:{port} tcp:9008\n" in listing
    rebind = one_shot(server.port, f"host-serial:emulator-5554:forward:norebind:tcp:{port};tcp:9008")
    assert rebind.startswith(b"FAIL") and b"cannot rebind" in rebind
    assert one_shot(server.port, f"host-serial:emulator-5554:killforward:tcp:{port}") == b"OKAYOKAY"
    with pytest.raises(OSError):
        http(port, "GET", "/ping")


def test_u2_json_rpc_methods(server: AdbServer) -> None:
    reply = one_shot(server.port, "host-serial:emulator-5556:forward:tcp:0;tcp:9008")
    port = int(reply[12:])
    info = rpc(port, "deviceInfo")["result"]
    assert info["displayWidth"] == 1080 and info["currentPackageName"] == "com.android.launcher3"
    assert rpc(port, "noSuchMethod")["error"]["code"] == -32601
    settings = {"mask": 1, "childOrSibling": [], "childOrSiblingSelector": [], "text": "Settings"}
    assert rpc(port, "exist", settings)["result"] is True
    assert rpc(port, "objInfo", settings)["result"]["text"] == "Settings"
    missing = {**settings, "text": "No such thing"}
    error = rpc(port, "objInfo", missing)["error"]
    assert error["code"] == -32002 and "uiautomator.UiObjectNotFoundException" in error["message"]
    assert rpc(port, "waitForExists", missing, 100)["result"] is False
    assert rpc(port, "setClipboard", None, "Zoë 北京")["result"] is None
    assert rpc(port, "getClipboard")["result"] == "Zoë 北京"
    assert rpc(port, "dumpWindowHierarchy", False, 50)["result"].startswith("<?xml")
    one_shot(server.port, f"host:killforward:tcp:{port}")


def test_parallel_clients_never_fail(server: AdbServer) -> None:
    errors: list[BaseException] = []

    def client(index: int) -> None:
        try:
            for n in range(50):
                serial = f"emulator-555{4 + 2 * (index % 2)}"
                out, _, code = shell_v2(server.port, f"echo {index}-{n}", serial=serial)
                assert (out, code) == (f"{index}-{n}\n".encode(), 0)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors and not any(t.is_alive() for t in threads)
    assert time.monotonic() - started < 30
