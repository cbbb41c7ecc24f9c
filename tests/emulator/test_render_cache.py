"""Painted windows are reused while their views are unchanged (issue 18): a screenshot through the phone's layer
cache is byte-for-byte the screen painted from scratch, over a random walk through the apps (text typed, lists
scrolled, dialogs opened and closed, the shade pulled) and after rotation and the dark theme change the screen."""

from __future__ import annotations

import random

from droidpilot.emulator.uitree import parse_hierarchy
from droidpilot.emulator.virtual import VirtualPhone
from droidpilot.emulator.virtual.system import window_manager
from droidpilot.emulator.virtual.toolkit import views as v
from droidpilot.emulator.virtual.toolkit.layers import view_key

from .. import ui


def assert_cache_paints_what_a_fresh_paint_does(phone: VirtualPhone, seen: set[bytes]) -> None:
    phone.invalidate()
    cached = phone.screenshot().tobytes()
    fresh = window_manager.paint(phone.frame(), phone.host).tobytes()
    assert cached == fresh, f"stale pixels on {phone.current_focus()}"
    seen.add(cached)


def random_step(phone: VirtualPhone, rng: random.Random) -> None:
    """What a monkey does: tap something, type into a field, scroll, go back, or go home."""
    elements = [e for e in parse_hierarchy(phone.dump()) if e.clickable or e.class_name.endswith("EditText")]
    roll = rng.random()
    if roll < 0.08:
        phone.press_key("HOME")
    elif roll < 0.2:
        phone.press_key("BACK")
    elif roll < 0.3:
        phone.swipe(540, 1700, 540, 900, 300)
    elif elements:
        target = rng.choice(elements)
        phone.tap(*target.bounds.center)
        if target.class_name.endswith("EditText"):
            phone.input_text(rng.choice(["hello", "42", "a b"]))


def test_cached_screens_are_the_fresh_screens_over_a_random_walk() -> None:
    rng = random.Random(7)
    seen: set[bytes] = set()
    with VirtualPhone() as phone:
        for _ in range(30):
            random_step(phone, rng)
            assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        assert phone._layers.hits > 0 and len(seen) > 15


def test_cached_screens_follow_edits_dialogs_the_shade_rotation_and_theme() -> None:
    seen: set[bytes] = set()
    with VirtualPhone() as phone:
        ui.open_app(phone, "Contacts")
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        ui.tap(phone, desc="Create contact")
        ui.tap(phone, cls="EditText")  # the keyboard comes up
        phone.input_text("Ada")
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        phone.input_text("m")  # one more letter: a different key, not the cached frame
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        phone.press_key("BACK")  # the keyboard goes
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        phone.swipe(540, 2, 540, 1400, 300)  # the notification shade over the app, then gone again
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        hits = phone._layers.hits
        phone.press_key("BACK")  # the screen before the shade again: its windows come from the cache
        assert_cache_paints_what_a_fresh_paint_does(phone, seen)
        assert phone._layers.hits == hits + 1
        for namespace, name, value in [("system", "user_rotation", "1"), ("secure", "ui_night_mode", "2"),
                                       ("system", "user_rotation", "0")]:
            phone.settings.put(namespace, name, value)
            assert_cache_paints_what_a_fresh_paint_does(phone, seen)
    assert len(seen) == 8  # every other step changed the screen


def test_views_painted_by_a_callback_or_from_a_file_are_never_cached(tmp_path: object) -> None:
    plain = v.TextView(text="a")
    assert view_key(plain) == view_key(v.TextView(text="a")) != view_key(v.TextView(text="b"))
    assert view_key(v.Canvas(on_paint=lambda painter, box: None)) is None
    assert view_key(v.FrameLayout(children=[v.ImageView(), v.Canvas(on_paint=print)])) is None
    assert view_key(v.Canvas(on_click=print)) is not None  # a touch handler does not paint
    image = v.ImageView()
    image.source = tmp_path  # type: ignore[attr-defined]  # an app's own attribute: a path, read when painted
    assert view_key(image) is None
