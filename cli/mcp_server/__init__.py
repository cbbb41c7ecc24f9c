"""`droidpilot mcp`: droidpilot's phones, shortcuts, memory, agent and benchmarks as Model Context Protocol tools.

`hub` keeps the devices a session drives (and the element list each showed last) and needs no MCP package;
`device_tools` and `work_tools` register the tools on the official SDK's `MCPServer`; `command` is the CLI entry.
The `mcp` package is an optional dependency (`pip install 'droidpilot[mcp]'`), imported only by `droidpilot mcp`.
"""
