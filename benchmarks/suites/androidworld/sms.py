"""Messages tasks: AndroidWorld's SimpleSmsSend, Reply, ReplyMostRecent, Resend, SendReceivedAddress, a send to a
contact by name, and two questions about received texts.

Each task seeds its own address book and conversation history (noise threads included). Sends are checked in
`mmssms.db`: exactly one new sent row, to the right number (compared by digits, as Messages stores
"+14155550142"), with the right text; every earlier row must be unchanged except its read flag.
"""

from __future__ import annotations

import random
import re
from typing import Any, ClassVar

from pydantic import BaseModel

from droidpilot.benchmarks.env import TaskEnv
from droidpilot.benchmarks.oracle import UIDriver
from droidpilot.benchmarks.suites.androidworld.contacts import (
    Person,
    national,
    people,
    phone_number,
    same_number,
    seed_people,
)
from droidpilot.benchmarks.task import DEVICE_TIME, AnswerType, Difficulty, Params, Question, Task
from droidpilot.emulator.device import Key

MESSAGING = "com.android.messaging"
CONTACTS = "com.android.contacts"
DB = "mmssms.db"
INBOX, SENT = 1, 2
NOW_MS = int(DEVICE_TIME.timestamp() * 1000)
MINUTE_MS = 60_000

CHATTER = ("Are we still on for lunch tomorrow?", "Running a bit late, sorry!", "Can you pick up milk on the way home?",
           "Did you see the game last night?", "Thanks for dinner, it was lovely.", "Call me when you get a chance.",
           "I think I left my charger at your place.", "Happy birthday! Hope you have a great day.",
           "Sounds good to me.", "Can you send me the photos from the trip?", "Just landed, heading home now.",
           "Don't forget to water the plants.", "Haha, that's hilarious.", "Let me know when you're free this week.",
           "Good luck with the interview!", "Have you finished the report yet?", "Ok, see you then.")
MESSAGES = ("Hey, are you free this weekend?", "I'll be there in ten minutes.", "Can we reschedule our call?",
            "Thanks for your help today!", "Don't forget to bring the tickets.", "Let's meet at the coffee shop.",
            "I booked the table for four people.", "Please call me back when you can.",
            "The package arrived this morning.", "Congratulations on the new job!", "Running late, start without me.",
            "Can you share the slides from the meeting?", "Happy anniversary to you both!")
ADDRESSES = ("742 Evergreen Terrace, Springfield", "221 Baker Street, Boston",
             "1600 Amphitheatre Parkway, Mountain View", "350 Fifth Avenue, New York",
             "4059 Mount Lee Drive, Los Angeles", "1 Infinite Loop, Cupertino",
             "2211 North First Street, San Jose", "88 Colin P Kelly Jr Street, San Francisco",
             "500 Pike Street, Seattle", "1200 Getty Center Drive, Los Angeles")
EVENTS = ("the book club meeting", "the soccer game", "the team dinner", "the yoga class", "the school concert",
          "the board game night", "the farmers market trip", "the movie night")
TIMES = ("9:30 AM", "10:15 AM", "11:00 AM", "12:45 PM", "2:30 PM", "3:15 PM", "5:45 PM", "6:30 PM", "7:00 PM",
         "8:15 PM")


class Sms(BaseModel):
    address: str
    body: str
    type: int = INBOX
    minutes_ago: int


class SmsParams(Params):
    book: list[Person]
    history: list[Sms]
    target: str
    """The person (a name in `book`) or number the task is about."""
    message: str = ""


class AddressParams(SmsParams):
    sender: str


class EventParams(SmsParams):
    time: str


def history_for(rng: random.Random, persons: list[Person], start_minutes: int = 90) -> list[Sms]:
    """Short back-and-forth threads with each person, newest `start_minutes` ago, older by the hour."""
    history: list[Sms] = []
    ago = start_minutes
    for person in persons:
        for i in range(rng.randint(1, 3)):
            history.append(Sms(address=person.phone, body=rng.choice(CHATTER), type=INBOX if i % 2 == 0 else SENT,
                               minutes_ago=ago))
            ago += rng.randint(40, 300)
    return history


def norm_text(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s:]", " ", text.lower()).split())


def sms_rows(env: TaskEnv) -> dict[int, dict[str, Any]]:
    rows = env.query(MESSAGING, DB, "SELECT _id, thread_id, address, date, type, body FROM sms ORDER BY _id")
    return {r["_id"]: r for r in rows}


def new_rows(env: TaskEnv, before: dict[int, dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Rows added since `before`, or None if an earlier row was changed or deleted (reading marks rows read,
    which is not compared)."""
    after = sms_rows(env)
    if any(after.get(i) != row for i, row in before.items()):
        return None
    return [row for i, row in after.items() if i not in before]


def one_sent(env: TaskEnv, before: dict[int, dict[str, Any]], number: str) -> dict[str, Any] | None:
    """The single new row, if it is a sent message to `number`."""
    added = new_rows(env, before)
    if added is None or len(added) != 1:
        return None
    row = added[0]
    return row if row["type"] == SENT and same_number(row["address"], number) else None


def open_thread(ui: UIDriver, who: str) -> None:
    """Open the conversation with `who` (a contact's name, or a number) from the list."""
    ui.open_app("Messages")
    for e in ui.elements():
        if e.resource_id.endswith("/conversation_name") and (e.text == who or (
                national(e.text) != "" and national(e.text) == national(who))):
            ui.tap_at(*e.bounds.center)
            return
    raise LookupError(f"no conversation with {who}")


def bubbles(ui: UIDriver, outgoing: bool) -> list[str]:
    """Message texts on screen, oldest first; incoming bubbles carry the sender's avatar."""
    elements = ui.elements()
    with_avatar = {e.parent for e in elements if e.resource_id.endswith("/conversation_icon")}
    texts = []
    for e in elements:
        if e.resource_id.endswith("/message_text") and e.parent is not None:
            bubble = elements[e.parent].parent
            if (bubble in with_avatar) != outgoing:
                texts.append(e.text)
    return texts


def send(ui: UIDriver, text: str) -> None:
    ui.type_into(text, rid="compose_message_text")
    ui.tap(rid="send_message_button")


def start_chat(ui: UIDriver, recipient: str, is_name: bool, in_app: bool = False) -> None:
    """A new conversation from the list (`in_app`: Messages is open on the list already)."""
    if not in_app:
        ui.open_app("Messages")
    ui.tap(rid="start_chat_fab")
    ui.type(recipient)
    if is_name:
        ui.tap(rid="contact_name", text=recipient)
    else:
        ui.press(Key.ENTER)


class _SmsTask(Task):
    params_model: ClassVar[type[Params]] = SmsParams
    app_names: ClassVar[tuple[str, ...]] = (MESSAGING, CONTACTS)
    category: ClassVar[str] = "data_entry"
    tags: ClassVar[tuple[str, ...]] = ("sms", "data_entry", "parameterized")

    @property
    def p(self) -> SmsParams:
        assert isinstance(self.params, SmsParams)
        return self.params

    def number(self) -> str:
        """The target's number (the target is a name in the book or a number)."""
        names = {b.name: b.phone for b in self.p.book}
        return names.get(self.p.target, self.p.target)

    def setup(self, env: TaskEnv) -> None:
        seed_people(env, self.p.book)
        env.seed(MESSAGING, "clear")
        for sms in sorted(self.p.history, key=lambda s: -s.minutes_ago):
            env.seed(MESSAGING, "insert_message", address=sms.address, body=sms.body, type=sms.type,
                     date_ms=NOW_MS - sms.minutes_ago * MINUTE_MS, read=True)
        self.seed_more(env)
        self.before = sms_rows(env)

    def seed_more(self, env: TaskEnv) -> None:
        """Messages a task adds after the history (e.g. one arriving now)."""

    def sent_ok(self, env: TaskEnv, text: str) -> float:
        """Exactly one new message, to the target, saying `text` (case, spacing and punctuation aside)."""
        row = one_sent(env, self.before, self.number())
        return 1.0 if row is not None and norm_text(row["body"]) == norm_text(text) else 0.0

    def is_successful(self, env: TaskEnv, answer: str | None) -> float:
        """Send tasks: exactly `message` went to the target, and nothing else changed."""
        return self.sent_ok(env, self.p.message)


class SimpleSmsSend(_SmsTask):
    template: ClassVar[str] = "Send a text message to {target} with the message: {message}"
    complexity: ClassVar[float] = 1.5

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        stranger = phone_number(rng, {national(b.phone) for b in book}).removeprefix("+1 ")
        return SmsParams(seed=seed, book=book, history=history_for(rng, book), target=stranger,
                         message=rng.choice(MESSAGES))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        start_chat(ui, self.p.target, is_name=False)
        send(ui, self.p.message)
        return None


class SimpleSmsSendToContact(_SmsTask):
    template: ClassVar[str] = "Send a text message to {target} with the message: {message}"
    complexity: ClassVar[float] = 1.5

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 5)
        return SmsParams(seed=seed, book=book, history=history_for(rng, book[1:]), target=book[0].name,
                         message=rng.choice(MESSAGES))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        start_chat(ui, self.p.target, is_name=True)
        send(ui, self.p.message)
        return None


class SimpleSmsReplyMostRecent(_SmsTask):
    template: ClassVar[str] = "Reply to the most recent text message with the message: {message}"
    complexity: ClassVar[float] = 1.2

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        sender = rng.choice([b.phone for b in book[1:]] + [phone_number(rng, {national(b.phone) for b in book})])
        return SmsParams(seed=seed, book=book, history=history_for(rng, book), target=sender,
                         message=rng.choice(MESSAGES))

    def seed_more(self, env: TaskEnv) -> None:
        env.seed(MESSAGING, "receive_sms", address=self.p.target, body="Are you around? Need a quick favour.")

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        ui.open_app("Messages")
        ui.tap(rid="conversation_name")  # the list is newest first
        send(ui, self.p.message)
        return None


class SimpleSmsReply(_SmsTask):
    template: ClassVar[str] = "Reply to {target} with the message: {message}"
    complexity: ClassVar[float] = 1.2

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        number = phone_number(rng, {national(b.phone) for b in book})
        history = [Sms(address=number, body=rng.choice(CHATTER), minutes_ago=rng.randint(100, 600)),
                   *history_for(rng, book, start_minutes=20)]
        return SmsParams(seed=seed, book=book, history=history, target=number.removeprefix("+1 "),
                         message=rng.choice(MESSAGES))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_thread(ui, self.p.target)
        send(ui, self.p.message)
        return None


class SimpleSmsResend(_SmsTask):
    """The last message sent to the target must go out again, word for word."""

    template: ClassVar[str] = "Resend the last message I sent to {target}."
    complexity: ClassVar[float] = 1.5
    tags: ClassVar[tuple[str, ...]] = ("sms", "data_entry", "parameterized", "transcription")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        target = book[0]
        earlier, last = rng.sample(MESSAGES, 2)
        thread = [Sms(address=target.phone, body=rng.choice(CHATTER), minutes_ago=400),
                  Sms(address=target.phone, body=earlier, type=SENT, minutes_ago=390),
                  Sms(address=target.phone, body=rng.choice(CHATTER), minutes_ago=200),
                  Sms(address=target.phone, body=last, type=SENT, minutes_ago=15)]
        return SmsParams(seed=seed, book=book, history=[*thread, *history_for(rng, book[1:], 45)], target=target.name,
                         message=last)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_thread(ui, self.p.target)
        send(ui, bubbles(ui, outgoing=True)[-1])
        return None


class SimpleSmsSendReceivedAddress(_SmsTask):
    """The sent text must be the address itself (AndroidWorld's message is the address), not a text containing it."""

    template: ClassVar[str] = "{sender} texted me an address. Send that address to {target} in a text message."
    complexity: ClassVar[float] = 2.0
    difficulty: ClassVar[Difficulty] = "medium"
    tags: ClassVar[tuple[str, ...]] = ("sms", "data_entry", "parameterized", "transcription", "multi_step")
    params_model: ClassVar[type[Params]] = AddressParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 5)
        sender, target = book[1], book[0]
        address = rng.choice(ADDRESSES)
        note = rng.choice(["Here's the address for Saturday: {a}. See you there!",
                           "The party is at {a}. Come by around 8.", "New office address: {a}. Please update it."])
        thread = [Sms(address=sender.phone, body=rng.choice(CHATTER), type=SENT, minutes_ago=80),
                  Sms(address=sender.phone, body=note.format(a=address), minutes_ago=70)]
        return AddressParams(seed=seed, book=book, history=[*thread, *history_for(rng, book[2:], 30)],
                             target=target.name, message=address, sender=sender.name)

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        assert isinstance(self.params, AddressParams)
        open_thread(ui, self.params.sender)
        text = next(t for t in bubbles(ui, outgoing=False) if re.search(r"\d+ \w", t))
        address = re.search(r"(\d+ [^.]+)", text.split(": ", 1)[-1])
        assert address is not None
        ui.press(Key.BACK)
        start_chat(ui, self.p.target, is_name=True, in_app=True)
        send(ui, address.group(1))
        return None


class _SmsQuestion(Question, _SmsTask):
    def asked_state(self, env: TaskEnv) -> Any:
        return sms_rows(env)  # opening a thread marks it read; `read` is not among the compared columns


class SmsEventTimeQuestion(_SmsQuestion):
    template: ClassVar[str] = "According to {target}'s text, what time does {message} start?"
    answer_type: ClassVar[AnswerType | None] = "time"
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("sms", "information_retrieval", "parameterized", "screen_reading")
    params_model: ClassVar[type[Params]] = EventParams

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        events, times = rng.sample(EVENTS, len(book)), rng.sample(TIMES, len(book))
        history = history_for(rng, book, start_minutes=200)
        for i, person in enumerate(book):  # each person announces a different event, the target's included
            body = f"Reminder: {events[i]} starts at {times[i]} on Saturday."
            history.append(Sms(address=person.phone, body=body, minutes_ago=30 + 25 * i))
        return EventParams(seed=seed, book=book, history=history, target=book[0].name, message=events[0],
                           time=times[0])

    def expected_answer(self, env: TaskEnv) -> str | None:
        pattern = re.compile(rf"{re.escape(self.p.message)} starts at (\d+:\d\d [AP]M)", re.IGNORECASE)
        for row in sms_rows(env).values():
            match = pattern.search(row["body"])
            if row["type"] == INBOX and same_number(row["address"], self.number()) and match:
                return match.group(1)
        return None

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_thread(ui, self.p.target)
        for text in bubbles(ui, outgoing=False):
            match = re.search(r"starts at (\d+:\d\d [AP]M)", text)
            if match and self.p.message in text.lower():
                return match.group(1)
        return None


class SmsReceivedCountQuestion(_SmsQuestion):
    template: ClassVar[str] = "How many text messages have I received from {target}?"
    answer_type: ClassVar[AnswerType | None] = "number"
    complexity: ClassVar[float] = 1.0
    category: ClassVar[str] = "information_retrieval"
    tags: ClassVar[tuple[str, ...]] = ("sms", "information_retrieval", "parameterized", "math_counting")

    @classmethod
    def generate_params(cls, rng: random.Random, seed: int) -> Params:
        book = people(rng, 4)
        target = book[0]
        thread = [Sms(address=target.phone, body=rng.choice(CHATTER), type=rng.choice([INBOX, INBOX, SENT]),
                      minutes_ago=60 + 90 * i) for i in range(rng.randint(3, 6))]
        thread[-1] = thread[-1].model_copy(update={"type": INBOX})
        return SmsParams(seed=seed, book=book, history=[*thread, *history_for(rng, book[1:], 30)], target=target.name)

    def expected_answer(self, env: TaskEnv) -> str | None:
        rows = sms_rows(env).values()
        return str(sum(1 for r in rows if r["type"] == INBOX and same_number(r["address"], self.number())))

    def solve(self, ui: UIDriver, env: TaskEnv) -> str | None:
        open_thread(ui, self.p.target)
        return str(len(bubbles(ui, outgoing=False)))


TASKS = (SimpleSmsSend, SimpleSmsSendToContact, SimpleSmsReplyMostRecent, SimpleSmsReply, SimpleSmsResend,
         SimpleSmsSendReceivedAddress, SmsEventTimeQuestion, SmsReceivedCountQuestion)
