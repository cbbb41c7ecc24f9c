"""What the emulator console controls and the phone's services report: battery and charger, the GPS fix."""

from __future__ import annotations

from pydantic import BaseModel

BATTERY_STATUS = {"unknown": 1, "charging": 2, "discharging": 3, "not-charging": 4, "full": 5}
BATTERY_HEALTH = {"unknown": 1, "good": 2, "overheat": 3, "dead": 4, "overvoltage": 5, "failure": 6}


class Location(BaseModel):
    longitude: float
    latitude: float
    altitude: float = 0.0
    time_ms: int = 0


class Hardware(BaseModel):
    """The emulated sensors; defaults are the emulator's (on AC, charging, 100%)."""

    battery_level: int = 100
    ac_powered: bool = True
    battery_status: str = "charging"
    battery_health: str = "good"
    battery_present: bool = True
    location: Location | None = None
    screen_on: bool = True
