"""Contacts tasks (AndroidWorld's ContactsAddContact, ContactsNewContactDraft) plus delete, favourite and two
questions. Also the people and phone numbers the Messages tasks reuse.

Each task clears Contacts and seeds its own address book with noise people (some sharing a first name with the
target). Checks read `contacts2.db` and compare it with the rows captured in setup: an addition must add exactly
one contact and change nothing else, a deletion must remove exactly the target.
"""

from __future__ import annotations

import random
import re
from typing import Any, ClassVar

from pydantic import BaseModel

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.task import AnswerType, Params, Question, Task

CONTACTS = "com.android.contacts"
DB = "contacts2.db"

FIRST_NAMES = ("Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella", "Lucas", "Mia",
               "James", "Amelia", "Benjamin", "Harper", "Daniel", "Chloe", "Henry", "Grace", "Samuel", "Priya",
               "Arjun", "Mei", "Kenji", "Fatima", "Omar", "Sofia", "Mateo", "Aisha", "Jonas")
LAST_NAMES = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thomas",
              "Taylor", "Moore", "Martin", "Lee", "Clark", "Lewis", "Walker", "Young", "Patel", "Nguyen", "Kim",
              "Tanaka", "Rossi", "Schmidt", "Okafor", "Haddad", "Silva", "Novak", "Dubois", "Larsen")
AREA_CODES = ("212", "312", "415", "617", "206", "303", "512", "646", "718", "503", "202", "305", "404", "702")
EMAIL_DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me")


class Person(BaseModel):
    first: str
    last: str
    phone: str
    """As it is typed and stored: "+1 415-555-0142"."""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def national(number: str) -> str:
    """A US number's ten national digits, so "+1 415-555-0142", "4155550142" and "(415) 555-0142" compare equal."""
    d = digits(number)
    return d[1:] if len(d) == 11 and d.startswith("1") else d


def same_number(a: str, b: str) -> bool:
    return bool(national(a)) and national(a) == national(b)


def phone_number(rng: random.Random, taken: set[str] | None = None) -> str:
    """A fictional US number (555-0100..0199), unique within `taken`."""
    while True:
        number = f"+1 {rng.choice(AREA_CODES)}-555-01{rng.randint(0, 99):02d}"
        if taken is None or national(number) not in taken:
            if taken is not None:
                taken.add(national(number))
            return number


def people(rng: random.Random, count: int) -> list[Person]:
    """`count` distinct people. The first shares a first name with the last (when there are three or more), so
    a task about the first one needs the full name."""
    firsts = rng.sample(FIRST_NAMES, count)
    if count > 2:
        firsts[-1] = firsts[0]
    lasts = rng.sample(LAST_NAMES, count)
    numbers: set[str] = set()
    result = []
    for first, last in zip(firsts, lasts, strict=True):
        user = rng.choice([f"{first}.{last}", f"{first}{last[0]}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}"])
        email = f"{user.lower()}@{rng.choice(EMAIL_DOMAINS)}"
        result.append(Person(first=first, last=last, phone=phone_number(rng, numbers), email=email))
    return result


def seed_people(env: TaskEnv, persons: list[Person], starred: tuple[str, ...] = ()) -> None:
    env.seed(CONTACTS, "clear")
    for p in persons:
        env.seed(CONTACTS, "insert_contact", first=p.first, last=p.last, phone=p.phone, email=p.email,
                 starred=p.name in starred)


def contact_rows(env: TaskEnv) -> dict[int, dict[str, Any]]:
    """Every contact with its numbers and addresses, by `_id`."""
    rows = {r["_id"]: {**r, "phones": [], "emails": []} for r in env.query(CONTACTS, DB, "SELECT * FROM contacts")}
    for table, field, key in (("phones", "number", "phones"), ("emails", "address", "emails")):
        for r in env.query(CONTACTS, DB, f"SELECT contact_id, {field}, type FROM {table} ORDER BY _id"):
            if r["contact_id"] in rows:
                rows[r["contact_id"]][key].append((r[field], r["type"]))
    return rows


def _open_contact(ui: UIDriver, name: str) -> None:
    ui.open_app("Contacts")
    ui.scroll_to(desc=name)
    ui.tap(desc=name)


# -- tasks ----------------------------------------------------------------------------------------------------
class ContactParams(Params):
    first: str
    last: str
    phone: str
    book: list[Person]
    """The address book seeded in setup (the target is in it unless the task adds them)."""


class _ContactsTask(Task):
    params_model: ClassVar[type[Params]] = ContactParams
    app_names: ClassVar[tuple[str, ...]] = (CONTACTS,)
    category: ClassVar[str] = "data_entry"
    NOISE: ClassVar[int] = 5
    TARGET_IN_BOOK: ClassVar[bool] = True

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, cls.NOISE + 1)
        target = book[0]
        seeded = book if cls.TARGET_IN_BOOK else book[1:]
        rng.shuffle(seeded)
        phone = target.phone.removeprefix("+1 ")  # goals spell numbers as people write them
        return ContactParams(seed=seed, first=target.first, last=target.last, phone=phone, book=seeded)

    @property
    def p(self) -> ContactParams:
        assert isinstance(self.params, ContactParams)
        return self.params

    def setup(self, env: TaskEnv) -> None:
        seed_people(env, self.p.book, starred=(self.p.book[-1].name,))
        self.before = contact_rows(env)

    def target_id(self) -> int:
        name = f"{self.p.first} {self.p.last}"
        return next(i for i, r in self.before.items() if r["display_name"] == name)


class ContactsAddContact(_ContactsTask):
    template: ClassVar[str] = "Add a contact named {first} {last} with phone number {phone}."
    complexity: ClassVar[float] = 2.0
    tags: ClassVar[tuple[str, ...]] = ("contacts", "data_entry", "parameterized")
    TARGET_IN_BOOK: ClassVar[bool] = False

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = contact_rows(env)
        if any(after.get(i) != row for i, row in self.before.items()):
            return 0.0
        added = [r for i, r in after.items() if i not in self.before]
        if len(added) != 1:
            return 0.0
        row = added[0]
        name_ok = row["display_name"].strip().lower() == f"{self.p.first} {self.p.last}".lower()
        phone_ok = len(row["phones"]) == 1 and same_number(row["phones"][0][0], self.p.phone)
        return 1.0 if name_ok and phone_ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Contacts")
        ui.tap(rid="floating_action_button")
        ui.type_into(self.p.first, rid="first_name")
        ui.type_into(self.p.last, rid="last_name")
        ui.type_into(self.p.phone, rid="phone")
        ui.tap(rid="editor_menu_save_button")
        return None


class ContactsNewContactDraft(_ContactsTask):
    """Checked from the final screen's form fields (AndroidWorld reads the a11y tree): nothing may be saved."""

    template: ClassVar[str] = ("Go to the new contact screen and enter the following details: First Name: {first}, "
                               "Last Name: {last}, Phone: {phone}. Do NOT hit save.")
    complexity: ClassVar[float] = 2.0
    tags: ClassVar[tuple[str, ...]] = ("contacts", "data_entry", "parameterized")
    TARGET_IN_BOOK: ClassVar[bool] = False

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        if contact_rows(env) != self.before:
            return 0.0
        observation = env.observe()
        if observation.package != CONTACTS or not observation.activity.endswith("ContactEditorActivity"):
            return 0.0
        fields = {e.resource_id.rpartition("/")[2]: e.text for e in observation.elements if e.editable}
        ok = (fields.get("first_name", "").strip().lower() == self.p.first.lower()
              and fields.get("last_name", "").strip().lower() == self.p.last.lower()
              and same_number(fields.get("phone", ""), self.p.phone))
        return 1.0 if ok else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Contacts")
        ui.tap(rid="floating_action_button")
        ui.type_into(self.p.first, rid="first_name")
        ui.type_into(self.p.last, rid="last_name")
        ui.type_into(self.p.phone, rid="phone")
        return None


class ContactsDeleteContact(_ContactsTask):
    template: ClassVar[str] = "Delete the contact {first} {last}."
    complexity: ClassVar[float] = 1.2
    category: ClassVar[str] = "data_edit"
    tags: ClassVar[tuple[str, ...]] = ("contacts", "data_edit", "parameterized")

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        expected = {i: r for i, r in self.before.items() if i != self.target_id()}
        return 1.0 if contact_rows(env) == expected else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_contact(ui, f"{self.p.first} {self.p.last}")
        ui.tap(desc="More options")
        ui.tap(text="Delete")
        ui.tap(text="Delete")  # "Delete this contact?"
        return None


class ContactsAddToFavorites(_ContactsTask):
    template: ClassVar[str] = "Add {first} {last} to my favourite contacts."
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "data_edit"
    tags: ClassVar[tuple[str, ...]] = ("contacts", "data_edit", "parameterized")

    def setup(self, env: TaskEnv) -> None:
        others = [n.name for n in self.p.book if n.name != f"{self.p.first} {self.p.last}"]
        seed_people(env, self.p.book, starred=(others[-1],))
        self.before = contact_rows(env)

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        after = contact_rows(env)
        target = self.target_id()
        if set(after) != set(self.before) or not after[target]["starred"]:
            return 0.0
        same = all(after[i] == r for i, r in self.before.items() if i != target)
        keep = ("first_name", "last_name", "display_name", "phones", "emails")
        return 1.0 if same and all(after[target][k] == self.before[target][k] for k in keep) else 0.0

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        _open_contact(ui, f"{self.p.first} {self.p.last}")
        ui.tap(rid="menu_star")
        return None


class _ContactQuestion(Question, _ContactsTask):
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("contacts", "information_retrieval", "parameterized")
    FIELD: ClassVar[str] = "phone"

    def expected_answer(self, env: TaskEnv) -> str | None:
        row = contact_rows(env)[self.target_id()]
        values = row["phones"] if self.FIELD == "phone" else row["emails"]
        return values[0][0]

    def asked_state(self, env: TaskEnv) -> Any:
        return contact_rows(env)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        """Read the number or address off the contact's card."""
        _open_contact(ui, f"{self.p.first} {self.p.last}")
        for e in ui.elements():
            if e.resource_id.endswith("/header") and (("@" in e.text) == (self.FIELD == "email")):
                return e.text
        return None


class ContactsPhoneNumberQuestion(_ContactQuestion):
    """Numbers are compared by their national digits, so any spelling of the right number matches."""

    template: ClassVar[str] = "What is the phone number of {first} {last}?"
    answer_type: ClassVar[AnswerType | None] = "phone"


class ContactsEmailQuestion(_ContactQuestion):
    template: ClassVar[str] = "What is {first} {last}'s email address?"
    answer_type: ClassVar[AnswerType | None] = "string"
    FIELD: ClassVar[str] = "email"


TASKS = (ContactsAddContact, ContactsNewContactDraft, ContactsDeleteContact, ContactsAddToFavorites,
         ContactsPhoneNumberQuestion, ContactsEmailQuestion)
