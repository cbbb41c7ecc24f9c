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


def test_one_time_codes_addresses_and_names_inside_sentences() -> None:
    assert redact_text("921872 is your verification code") == "[CODE] is your verification code"
    assert redact_text("Lunch with Priya at noon") == "Lunch with [NAME] at noon"
    assert redact_text("Meet me at 42 Elm Street") == "Meet me at [ADDRESS]"
    assert redact_text("Order 12345 shipped") == "Order 12345 shipped"  # a number without a code context stays


SEEDED = ["Priya", "Raman", "priya.raman@example.org", "415 555 0142", "415 555 0199", "921872", "42 Elm Street"]
MESSAGING = "com.android.messaging"


def _everything(out: Path, memory: str) -> str:
    """Every text the crawl wrote: both Parquet tables, states, events, utg, journal, cards, report, memory."""
    import pyarrow.parquet as pq

    texts = [memory]
    for path in out.rglob("*"):
        if path.suffix == ".parquet":
            texts.append(str(pq.read_table(path).drop_columns(
                [c for c in ("image",) if c in pq.read_schema(path).names]).to_pylist()))
        elif path.suffix in (".json", ".jsonl", ".js", ".xml", ".md", ".html"):
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


def _masked_boxes_are_flat(out: Path) -> int:
    """Every view whose text was masked is one flat colour in its screenshot: no glyph stroke is left."""
    import json

    from PIL import Image

    checked = 0
    for state_file in out.rglob("states/state_*.json"):
        state = json.loads(state_file.read_text(encoding="utf-8"))
        shot = Image.open(state_file.with_name(state_file.name.replace("state_", "screen_").replace(".json", ".png")))
        for view in state["views"]:
            text = f"{view['text'] or ''} {view['content_description'] or ''}"
            (left, top), (right, bottom) = view["bounds"]
            if "[" in text and right > left and bottom > top and top < shot.height:
                box = shot.convert("RGB").crop((left, top, min(right, shot.width), min(bottom, shot.height)))
                assert len(box.getcolors(1 << 20) or []) == 1, f"{state_file.name}: {text!r} is legible"
                checked += 1
    return checked


def test_seeded_private_strings_appear_nowhere_in_a_redacted_crawl(device: VirtualDevice, out: Path,
                                                                   tmp_path: Path) -> None:
    apps = device.phone.host.apps
    apps[CONTACTS].insert_contact("Priya", "Raman", "+1 415 555 0142", "priya.raman@example.org", starred=True)
    for body in ("921872 is your verification code", "Lunch with Priya at noon?", "Meet me at 42 Elm Street"):
        apps[MESSAGING].insert_message("+1 415 555 0199", body)
    with MemoryStore(tmp_path / "memory.sqlite") as memory:
        for package in (CONTACTS, MESSAGING):
            crawl(device, out, package, memory=memory, redact=True, max_steps=60)
        remembered = " ".join(f"{p.title} {p.summary} {p.key_elements}" for package in (CONTACTS, MESSAGING)
                              for p in memory.pages(package))
    written = _everything(out, remembered)
    assert "[NAME]" in written and "[CODE]" in written and "[PHONE]" in written
    for secret in SEEDED:
        assert secret not in written, secret
    assert _masked_boxes_are_flat(out) > 10
