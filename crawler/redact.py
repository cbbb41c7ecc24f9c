"""`--redact`: mask e-mail addresses, phone numbers, person names, one-time codes and street addresses in texts,
and paint their boxes over in screenshots (each box filled with its mean colour).

What is found:
- e-mail addresses (`local@domain.tld`);
- phone-like numbers: 7 to 15 digits with optional `+`, spaces, dots, dashes and parentheses (this also masks
  IMEIs, IP addresses and some build numbers: over-masking is the safe side);
- names: a capitalized word from a dictionary of common first names followed by another capitalized word
  ("Alex Morgan"), a capitalized word followed by a dictionary surname ("Dana Fischer"), a text that is just one
  dictionary name, and any 1-4 capitalized words in an element whose resource-id names a person (`*name*`,
  `contact`, `sender`, `author`, ... - the contacts-like pattern).

Limits: names outside the dictionary and outside person-named fields are missed (e.g. "Zed Quorra" in a plain
TextView), names written in lower case or in non-Latin scripts are missed, ambiguous first names that are
common words (Will, May, Mark, Grace, ...) are left out of the dictionary, and text drawn inside images (not in
the view hierarchy) is neither masked nor blurred. Review a sample before publishing a dataset.
"""

from __future__ import annotations

import re
from itertools import pairwise

from PIL import Image

from droidpilot.emulator.device import Bounds, Observation, UIElement
from droidpilot.emulator.uitree import to_xml


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_NAMES = _words("""
Aaron Abigail Adam Adrian Ahmed Aisha Alan Alex Alexander Alexandra Alice Alicia Amanda Amelia Amir Amy Ana Andrea
Andrew Angela Anna Anne Anthony Antonio Arjun Ashley Barbara Ben Benjamin Beth Brandon Brian Carla Carlos Carmen
Caroline Catherine Charles Charlotte Chloe Chris Christian Christina Christopher Claire Daniel Daniela David
Deborah Diana Diego Dmitri Elena Elif Elizabeth Ella Emily Emma Eric Ethan Eva Fatima Felix Fernando Francesca
Gabriel George Hana Hannah Hassan Helen Henry Hiroshi Ian Isabel Isabella Ivan Jack Jacob James Jane Jason
Jennifer Jessica Joan John Jonathan Jorge Jose Joseph Joshua Juan Julia Julian Justin Karen Kate Katherine Kenji
Kevin Kim Laura Lauren Lena Leo Liam Linda Lisa Lucas Lucy Luis Luka Maria Mario Marta Martin Mary Matthew Maya
Mei Michael Michelle Miguel Mohammed Muhammad Nadia Nancy Natalie Nathan Nicholas Nicole Nina Noah Oliver Olivia
Omar Oscar Pablo Patricia Patrick Paul Pedro Peter Priya Rachel Rahul Rebecca Richard Robert Ryan Sam Samuel
Sandra Santiago Sara Sarah Sean Sergei Sofia Sophia Sophie Stephen Steven Susan Thomas Timothy Tom Valentina
Victor Victoria Wei William Yuki Yusuf Zoe Zoë
""")
LAST_NAMES = _words("""
Ahmed Ali Anderson Bauer Becker Brown Chen Clark Costa Davis Dubois Fischer Garcia Gonzalez Green Hall Harris
Hernandez Hoffmann Ivanov Jackson Johnson Jones Khan Kim Kowalski Lee Lewis Li Lopez Martin Martinez Meyer Miller
Moore Morgan Muller Müller Nguyen Novak Okafor Patel Perez Petrov Ramirez Robinson Rodriguez Rossi Sanchez Santos
Schmidt Schneider Schulz Silva Singh Smith Suzuki Tanaka Taylor Thomas Thompson Wagner Walker Wang Weber White
Williams Wilson Wright Yamamoto Young Zhang
""")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w@])\+?\d[\d\s().\-]{5,}\d(?![\w@])")
_WORD = r"[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'][A-ZÀ-Þ]?[a-zß-ÿ]+)*"
_WORDS = re.compile(rf"\b{_WORD}\b")
_PERSON_FIELD = re.compile(r"name|contact|sender|recipient|author|caller|participant|person|people|user",
                           re.IGNORECASE)
_FIRST_NAME = re.compile(r"\b(?:" + "|".join(sorted(FIRST_NAMES, key=len, reverse=True)) + r")\b(?!['-]\w)")
_PERSONISH = re.compile(rf"^\s*{_WORD}(?:\s+{_WORD}){{0,3}}\s*$")
EMAIL, PHONE, NAME, CODE, ADDRESS = "[EMAIL]", "[PHONE]", "[NAME]", "[CODE]", "[ADDRESS]"
_CODE_CONTEXT = re.compile(r"\b(code|otp|passcode|pin|verif\w*|2fa|one[- ]time|security|login|sign[- ]in)\b",
                           re.IGNORECASE)
_CODE = re.compile(r"(?<![\w@.])(?:\d[ -]?){3,7}\d(?![\w@])")
_STREET = r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Square|Sq|Terrace)"
_ADDRESS = re.compile(rf"\b\d{{1,5}}[A-Za-z]?\s+(?:{_WORD}\s+){{1,3}}{_STREET}\b\.?|"
                      rf"\b(?:{_WORD}\s+){{1,3}}{_STREET}\b\.?\s*\d{{1,5}}\b")


def _phone(match: re.Match[str]) -> str:
    digits = sum(c.isdigit() for c in match.group(0))
    return PHONE if 7 <= digits <= 15 else match.group(0)


def _mask_names(text: str) -> str:
    """Adjacent capitalized words where the first is a known first name or the second a known surname."""
    spans: list[list[int]] = []
    for a, b in pairwise(_WORDS.finditer(text)):
        if not text[a.end():b.start()].strip() and (a.group() in FIRST_NAMES or b.group() in LAST_NAMES):
            if spans and spans[-1][1] == a.end():
                spans[-1][1] = b.end()  # "Anna Maria Garcia": one name
            else:
                spans.append([a.start(), b.end()])
    for start, end in reversed(spans):
        text = text[:start] + NAME + text[end:]
    return text


def redact_text(text: str, resource_id: str = "") -> str:
    """The text with e-mails, phone numbers and names replaced by [EMAIL], [PHONE], [NAME]."""
    if not text:
        return text
    out = _EMAIL.sub(EMAIL, text)
    out = _PHONE.sub(_phone, out)
    field = resource_id.rpartition("/")[2]
    if field and _PERSON_FIELD.search(field) and _PERSONISH.match(out):
        return NAME
    out = _mask_names(out)
    if out.strip() in FIRST_NAMES or out.strip() in LAST_NAMES:
        return NAME
    out = _ADDRESS.sub(ADDRESS, out)
    if _CODE_CONTEXT.search(out):
        out = _CODE.sub(CODE, out)  # "921872 is your verification code"
    return _FIRST_NAME.sub(NAME, out)  # a known first name inside a sentence: "Lunch with Priya"


def _redact_element(e: UIElement) -> UIElement:
    text, desc = redact_text(e.text, e.resource_id), redact_text(e.content_desc, e.resource_id)
    if text == e.text and desc == e.content_desc:
        return e
    return e.model_copy(update={"text": text, "content_desc": desc})


def blur_boxes(image: Image.Image, boxes: list[Bounds]) -> Image.Image:
    """Fill each box with its mean colour: no stroke of any glyph survives, whatever the font size (a Gaussian
    blur left large-font names legible)."""
    out = image.copy()
    width, height = out.size
    for b in boxes:
        box = (max(0, b.left), max(0, b.top), min(width, b.right), min(height, b.bottom))
        if box[2] > box[0] and box[3] > box[1]:
            mean = out.crop(box).resize((1, 1), Image.Resampling.BOX)
            out.paste(mean.resize((box[2] - box[0], box[3] - box[1])), box[:2])
    return out


def redact_observation(observation: Observation) -> Observation:
    """A copy whose texts, XML and screenshot carry no e-mail, phone number or detected name."""
    elements = [_redact_element(e) for e in observation.elements]
    changed = [new.bounds for old, new in zip(observation.elements, elements, strict=True) if new is not old]
    if not changed:
        return observation
    shot = observation.screenshot
    return observation.model_copy(update={
        "elements": elements, "xml": to_xml(elements),
        "screenshot": blur_boxes(shot, changed) if shot is not None else None})
