"""`ip` and `ifconfig` as on an Android 14 emulator: loopback plus `wlan0` at 10.0.2.16 while Wi-Fi is on
(adbutils' `wlan_ip()` parses `ifconfig wlan0`, then `ip addr show dev wlan0`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.common import emit, fail

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone
    from droidpilot.emulator.virtual.shell.sh import CommandFn, Invocation

WLAN_IP = "10.0.2.16"
WLAN_MAC = "02:15:b2:00:00:00"
GATEWAY = "10.0.2.2"


@dataclass(frozen=True)
class Link:
    index: int
    name: str
    flags: str
    inet: str | None
    prefix: int
    mac: str | None
    inet6: str


def _links(phone: VirtualPhone) -> list[Link]:
    wifi_on = phone.settings.get("global", "wifi_on") != "0"
    links = [Link(1, "lo", "LOOPBACK,UP,LOWER_UP", "127.0.0.1", 8, None, "::1/128")]
    if wifi_on:
        links.append(Link(3, "wlan0", "BROADCAST,MULTICAST,UP,LOWER_UP", WLAN_IP, 24, WLAN_MAC,
                          "fe80::15:b2ff:fe00:0/64"))
    return links


def _ip_addr(link: Link) -> str:
    state = "UNKNOWN" if link.name == "lo" else "UP"
    qdisc = "noqueue" if link.name == "lo" else "mq"
    lines = [f"{link.index}: {link.name}: <{link.flags}> mtu {65536 if link.name == 'lo' else 1500} qdisc "
             f"{qdisc} state {state} group default qlen 1000"]
    if link.mac:
        lines.append(f"    link/ether {link.mac} brd ff:ff:ff:ff:ff:ff")
    else:
        lines.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00")
    if link.inet:
        brd = " brd 10.0.2.255" if link.name != "lo" else ""
        scope = "host" if link.name == "lo" else "global"
        lines += [f"    inet {link.inet}/{link.prefix}{brd} scope {scope} {link.name}",
                  "       valid_lft forever preferred_lft forever"]
    lines += [f"    inet6 {link.inet6} scope {'host' if link.name == 'lo' else 'link'} ",
              "       valid_lft forever preferred_lft forever"]
    return "\n".join(lines) + "\n"


def ip(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        args = [a for a in inv.argv[1:] if a not in ("-4", "-6", "-o")]
        if not args:
            return fail(inv, "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }")
        obj, rest = args[0], args[1:]
        links = _links(phone)
        wanted = next((rest[i + 1] for i, a in enumerate(rest[:-1]) if a == "dev"), None) or next(
            (a for a in rest if a not in ("show", "list", "dev")), None)
        if obj in ("a", "addr", "address", "link", "l"):
            chosen = [link for link in links if wanted in (None, link.name)]
            if wanted and not chosen:
                return fail(inv, f'Device "{wanted}" does not exist.')
            emit(inv, "".join(_ip_addr(link) for link in chosen))
            return 0
        if obj in ("r", "route"):
            if any(link.name == "wlan0" for link in links):
                emit(inv, f"default via {GATEWAY} dev wlan0 \n10.0.2.0/24 dev wlan0 proto kernel scope link "
                          f"src {WLAN_IP} \n")
            return 0
        return fail(inv, f'Object "{obj}" is unknown, try "ip help".', 255)

    return run


def _ifconfig_block(link: Link) -> str:
    encap = "Ethernet  HWaddr " + link.mac if link.mac else "Local Loopback"
    lines = [f"{link.name:<10}Link encap:{encap}"]
    if link.inet:
        mask = "255.0.0.0" if link.prefix == 8 else "255.255.255.0"
        bcast = "" if link.name == "lo" else "  Bcast:10.0.2.255"
        lines.append(f"          inet addr:{link.inet}{bcast}  Mask:{mask} ")
    lines.append(f"          inet6 addr: {link.inet6} Scope: {'Host' if link.name == 'lo' else 'Link'}")
    kind = "UP LOOPBACK RUNNING" if link.name == "lo" else "UP BROADCAST RUNNING MULTICAST"
    lines += [f"          {kind}  MTU:{65536 if link.name == 'lo' else 1500}  Metric:1",
              "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0 ",
              "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0 ",
              "          collisions:0 txqueuelen:1000 ",
              "          RX bytes:0 TX bytes:0 "]
    return "\n".join(lines) + "\n\n"


def ifconfig(phone: VirtualPhone) -> CommandFn:
    def run(inv: Invocation) -> int:
        names = [a for a in inv.argv[1:] if not a.startswith("-")]
        links = _links(phone)
        if names:
            chosen = [link for link in links if link.name == names[0]]
            if not chosen:
                return fail(inv, f"ifconfig: {names[0]}: No such device")
            links = chosen
        emit(inv, "".join(_ifconfig_block(link) for link in links))
        return 0

    return run
