"""`dumpsys wifi`, `connectivity`, `audio` and `input`: the lines scripts grep for, in Android 14's wording,
from the phone's settings (Wi-Fi, airplane mode, stream volumes) and display state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from droidpilot.emulator.virtual.shell.net_cmds import GATEWAY, WLAN_IP, WLAN_MAC

if TYPE_CHECKING:
    from droidpilot.emulator.virtual.phone import VirtualPhone

SSID = "AndroidWifi"
DNS = "10.0.2.3"
STREAMS = (("STREAM_VOICE_CALL", "volume_voice", 4, 5), ("STREAM_SYSTEM", "volume_system", 5, 7),
           ("STREAM_RING", "volume_ring", 5, 7), ("STREAM_MUSIC", "volume_music", 8, 15),
           ("STREAM_ALARM", "volume_alarm", 6, 7), ("STREAM_NOTIFICATION", "volume_notification", 5, 7))


def _wifi_on(phone: VirtualPhone) -> bool:
    airplane = phone.settings.get("global", "airplane_mode_on") == "1"
    return phone.settings.get("global", "wifi_on") != "0" and not airplane


def wifi_dump(phone: VirtualPhone, args: list[str]) -> str:
    if not _wifi_on(phone):
        return "Wi-Fi is disabled\nVerbose logging is off\nmWifiInfo SSID: <unknown ssid>, BSSID: <none>, " \
               "Supplicant state: DISCONNECTED\n"
    return ("Wi-Fi is enabled\nVerbose logging is off\n"
            f'mWifiInfo SSID: "{SSID}", BSSID: 00:13:10:85:fe:01, MAC: {WLAN_MAC}, IP: /{WLAN_IP}, '
            "Security type: 0, Supplicant state: COMPLETED, Wi-Fi standard: 4, RSSI: -50, Link speed: 65Mbps, "
            "Tx Link speed: 65Mbps, Rx Link speed: -1Mbps, Frequency: 2447MHz, Net ID: 0, Metered hint: false\n"
            f'Current wifi network: "{SSID}" NONE\n')


def connectivity_dump(phone: VirtualPhone, args: list[str]) -> str:
    lines = ["NetworkProviders for:", "  WifiNetworkProvider", ""]
    if _wifi_on(phone):
        lines += ["Active default network: 100", "", "Current Networks:",
                  f"  NetworkAgentInfo{{network{{100}}  handle{{432902426637}}  ni{{WIFI CONNECTED extra: }} "
                  f"Score(70 ; KeepConnected : 0 ; Policies : EVER_USER_SELECTED&IS_VALIDATED&IS_UNMETERED)  "
                  f"lp{{{{InterfaceName: wlan0 LinkAddresses: [ {WLAN_IP}/24 ] DnsAddresses: [ /{DNS} ] "
                  f"Routes: [ 0.0.0.0/0 -> {GATEWAY} wlan0 ]}}}}  "
                  "nc{[ Transports: WIFI Capabilities: INTERNET&NOT_RESTRICTED&TRUSTED&NOT_VPN&VALIDATED ]}}"]
    else:
        lines += ["Active default network: none", "", "Current Networks:"]
    airplane = phone.settings.get("global", "airplane_mode_on") == "1"
    lines += ["", f"mAirplaneModeEnabled={str(airplane).lower()}"]
    return "\n".join(lines) + "\n"


def audio_dump(phone: VirtualPhone, args: list[str]) -> str:
    lines = ["Stream volumes (device: index)"]
    for stream, setting, default, maximum in STREAMS:
        index = phone.settings.get("system", setting) or str(default)
        lines += [f"- {stream}:", "   Muted: false", "   Min: 0", f"   Max: {maximum}", "   streamVolume:" + index,
                  f"   Current: 2 (speaker): {index}, 40000000 (default): {default}", "   Devices: speaker"]
    ringer = phone.settings.get("global", "mode_ringer") or "2"
    mode = {"0": "SILENT", "1": "VIBRATE"}.get(ringer, "NORMAL")
    return "\n".join(lines) + f"\n\nRinger mode:\n- mode (internal) = {mode}\n- mode (external) = {mode}\n"


def input_dump(phone: VirtualPhone, args: list[str]) -> str:
    display = phone.display
    rotation = display.rotation
    return ("INPUT MANAGER (dumpsys input)\n\nInput Manager Service (Java) State:\n\nInput Dispatcher State:\n"
            f"  DispatchEnabled: true\n  Interactive: {str(phone.hardware.screen_on).lower()}\n\n"
            "Input Reader State:\n  Device 3: virtio_input_multi_touch_3\n    Sources: 0x00001002\n"
            f"    Viewport INTERNAL: displayId=0, orientation={rotation}, logicalFrame=[0, 0, {display.width}, "
            f"{display.height}]\n    SurfaceOrientation: {rotation}\n")


MORE_DUMPERS = {"wifi": wifi_dump, "connectivity": connectivity_dump, "audio": audio_dump, "input": input_dump}
