"""When two shortcuts are the same routine: same app, same effect, same locators.

The effect of a shortcut is its last acting step: the element it commits on (a Save button, a switch), or the
intent it fires, and the state it leaves a switch in. A mined `create_contact` that ends by tapping
`editor_menu_save_button` with first name, last name and phone is the built-in `new_contact` again (which ends on
the same button and takes those arguments, and more); a mined Wi-Fi toggle that leaves the switch off is
`turn_off_wifi`. Showing both to the model only splits its choice and the usage counters.
"""

from __future__ import annotations

from droidpilot.shortcuts.model import ElementPresent, Locator, Shortcut, Step

ACTING = ("tap", "long_press", "type", "start_intent", "open_uri")


def final_step(shortcut: Shortcut) -> Step | None:
    """The last step that does something to the app (not a wait, scroll or key press)."""
    return next((s for s in reversed(shortcut.steps) if s.action in ACTING), None)


def leaves_checked(step: Step) -> bool | None:
    """The state a switch step leaves its switch in, when the step says."""
    expect = step.expect
    return expect.locator.checked if isinstance(expect, ElementPresent) else None


def same_element(a: Locator, b: Locator) -> bool:
    """Every attribute both locators give agrees, and they share at least one identifying attribute."""
    pairs = [(a.resource_id, b.resource_id), (a.text, b.text), (a.content_desc, b.content_desc)]
    shared = [(x, y) for x, y in pairs if x is not None and y is not None]
    return bool(shared) and all(x == y for x, y in shared)


def same_effect(a: Step, b: Step) -> bool:
    if a.action != b.action or leaves_checked(a) != leaves_checked(b):
        return False
    if a.locator is not None and b.locator is not None:
        return same_element(a.locator, b.locator)
    if a.intent is not None and b.intent is not None:
        return (a.intent.action, a.intent.package, a.intent.data) == (b.intent.action, b.intent.package,
                                                                     b.intent.data)
    return a.uri is not None and a.uri == b.uri


def covers(existing: Shortcut, candidate: Shortcut) -> bool:
    """`existing` takes every argument `candidate` takes, with the same type."""
    types = {p.name: p.type for p in existing.params}
    return all(types.get(p.name) == p.type for p in candidate.params)


def equivalent(candidate: Shortcut, existing: Shortcut) -> bool:
    """`candidate` adds nothing to `existing`: same app, same final effect on the same element, and `existing`
    accepts the same arguments."""
    if candidate.app != existing.app or not covers(existing, candidate):
        return False
    mine, theirs = final_step(candidate), final_step(existing)
    return mine is not None and theirs is not None and same_effect(mine, theirs)
