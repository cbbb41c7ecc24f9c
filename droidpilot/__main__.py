"""`python -m droidpilot` is the `droidpilot` command."""

from droidpilot.cli.main import main

main()
