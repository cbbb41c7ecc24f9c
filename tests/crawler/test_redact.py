"""--redact: e-mails, phone numbers and names are masked in texts and blurred in screenshots."""

from __future__ import annotations

from pathlib import Path

from droidpilot.crawler.redact import NAME, redact_observation, redact_text
from droidpilot.emulator.virtual.device import VirtualDevice
from droidpilot.memory.store import MemoryStore
from tests.crawler.helpers import crawl

CONTACTS = "com.android.contacts"


def test_redact_text() -> None:
    assert redact_text("Call Alex Morgan at +1 650-555-0123 or alex.morgan@gmail.com") == \
        "Call [NAME] at [PHONE] or [EMAIL]"
    assert redact_text("Message from Dana Fischer and Priya Patel") == "Message from [NAME] and [NAME]"
    assert redact_text("Zed Quorra", "com.x:id/contact_name") == NAME  # a person-named field
    assert redact_text("Lena") == NAME
    for keep in ("Network & internet", "Pixel 6", "34% used - 84.48 GB free", "Mark As Read", "Version 14"):
        assert redact_text(keep) == keep


def test_redact_observation_masks_and_blurs_only_what_it_must(device: VirtualDevice) -> None:
    device.launch(CONTACTS)
    plain = device.observe()
    masked = redact_observation(plain)
    names = {e.text for e in plain.elements if e.resource_id.endswith("cliv_name_textview")}
    assert names and not names & {e.text for e in masked.elements}
    assert not any(n in masked.xml for n in names)
    row = next(e for e in plain.elements if e.resource_id.endswith("cliv_name_textview")).bounds
    assert plain.screenshot is not None and masked.screenshot is not None
    box = (row.left, row.top, row.right, row.bottom)
    assert plain.screenshot.crop(box).tobytes() != masked.screenshot.crop(box).tobytes()
    bar = (0, 70, 1080, 220)  # the toolbar holds no personal data
    assert plain.screenshot.crop(bar).tobytes() == masked.screenshot.crop(bar).tobytes()


def test_a_redacted_crawl_writes_no_seeded_name_anywhere(device: VirtualDevice, out: Path, tmp_path: Path) -> None:
    people = [c["display_name"] for c in device.phone.host.apps[CONTACTS].contacts()]
    with MemoryStore(tmp_path / "memory.sqlite") as memory:
        crawl(device, out, CONTACTS, memory=memory, redact=True, max_steps=40)
        remembered = " ".join(p.title + p.summary + str(p.key_elements) for p in memory.pages(CONTACTS))
    written = " ".join(p.read_text() for p in (out / CONTACTS / "states").glob("*.json")) + " ".join(
        p.read_text() for p in (out / CONTACTS / "states").glob("*.xml"))
    assert NAME in written
    for person in people:
        assert person not in written and person not in remembered
