"""`droidpilot mcp`: serve droidpilot's tools to an MCP client over stdio (default) or streamable HTTP."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from droidpilot.cli.common import DeviceOption, device_uri, fail
from droidpilot.cli.phone import is_loopback

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer


def mcp(
    http: Annotated[int | None, typer.Option("--http", metavar="PORT", min=1, max=65535,
                                             help="serve streamable HTTP on PORT (path /mcp) instead of stdio",
                                             show_default=False)] = None,
    host: Annotated[str, typer.Option(help="address for --http; anything but loopback exposes the phones")]
    = "127.0.0.1",
    device: DeviceOption = None,
    model: Annotated[str | None, typer.Option(help="model for run_agent_task (e.g. gpt-4o-mini)")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible server for run_agent_task")] = None,
    api_key_env: Annotated[str | None, typer.Option(help="environment variable holding the API key")] = None,
    config: Annotated[Path | None, typer.Option(help="droidpilot.toml holding the model settings")] = None,
    out: Annotated[Path, typer.Option(help="directory for agent runs and benchmark results")] = Path("runs"),
    memory: Annotated[Path | None, typer.Option(help="memory file for search_memory and agent runs "
                                                "[default: the user's memory file]", show_default=False)] = None,
    shortcuts: Annotated[Path | None, typer.Option(help="shortcut library [default: the user's library]",
                                                   show_default=False)] = None,
) -> None:
    """Serve phones, shortcuts, memory, the agent and benchmarks as MCP tools, for assistants and IDEs.
    The default device (used when a tool names none) is --device, else a temporary virtual phone."""
    try:
        from droidpilot.cli.mcp_server.hub import DeviceHub
        from droidpilot.cli.mcp_server.server import build_server
        from droidpilot.cli.mcp_server.work_tools import ServerOptions
    except ModuleNotFoundError as exc:
        if exc.name is None or not exc.name.startswith("mcp"):
            raise
        fail("the MCP server needs the 'mcp' package, which is not installed",
             "pip install 'droidpilot[mcp]'")
    hub = DeviceHub(device_uri(device))
    options = ServerOptions(model=model, base_url=base_url, api_key_env=api_key_env, config=config,
                            out=out, memory=memory, shortcuts=shortcuts)
    server = build_server(hub, options)
    try:
        if http is None:
            server.run("stdio")
        else:
            _serve_http(server, host, http)
    finally:
        hub.close_all()


def _serve_http(server: MCPServer, host: str, port: int) -> None:
    if not is_loopback(host):
        typer.secho(f"warning: listening on {host}: anyone who can reach {host}:{port} can control these "
                    "phones", fg=typer.colors.YELLOW, err=True)
    _check_port(host, port)
    typer.echo(f"droidpilot MCP server on http://{host}:{port}/mcp (Ctrl-C stops it)", err=True)
    server.run("streamable-http", host=host, port=port)


def _check_port(host: str, port: int) -> None:
    """A clear error before uvicorn starts, instead of its log lines, when the port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(f"port {port} on {host} is already in use", "pick another port with --http PORT")
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", "check --host and --http")
