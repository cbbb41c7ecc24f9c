"""The virtual phone: a deterministic Android stand-in in pure Python."""

from emulator.virtual.phone import VirtualPhone

__all__ = ["VirtualPhone"]
