"""`monkey` as a fuzzer: 2000 random events per app must raise nothing and leave the phone usable."""

from __future__ import annotations

import pytest

from droidpilot.emulator.virtual import VirtualPhone

APPS = ["com.android.settings", "com.android.contacts", "com.android.messaging", "com.android.deskclock"]


@pytest.mark.parametrize("package", APPS)
def test_2000_random_events_leave_back_and_home_working(phone: VirtualPhone, package: str) -> None:
    result = phone.shell(f"monkey -p {package} -s 42 --throttle 0 2000")
    assert result.exit_code == 0, result.stderr
    assert "Events injected: 2000" in result.output
    assert "internal error" not in result.stderr.decode()
    phone.shell("input keyevent BACK")
    assert phone.shell("input keyevent HOME").exit_code == 0
    assert phone.current_focus()[0] == "com.android.launcher3"
    phone.shell(f"monkey -p {package} -c android.intent.category.LAUNCHER 1")
    assert phone.current_focus()[0] == package
    phone.observe()  # the screen still renders and dumps
