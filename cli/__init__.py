"""The `droidpilot` command (Typer): `droidpilot.cli.main:main` is the console script (light), `droidpilot.cli.app.app`
the Typer app. Nothing here is a library API: use `droidpilot` and its subpackages from Python."""

__all__: list[str] = []
