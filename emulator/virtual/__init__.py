"""The virtual phone: a deterministic Android stand-in in pure Python."""

from droidpilot.emulator.virtual.phone import VirtualPhone

__all__ = ["VirtualPhone"]
