"""A person chatting in the browser: reads the question the assistant asks and answers it.

Which question is asked is recognised from the assistant's own message catalogues (actions/messages.yml
for the guidance, actions/draft/messages.yml for the draft), with every {placeholder} standing for any
text, so a journey survives questions asked in another order, skipped because an earlier answer gave
them away, or asked again. An answer is typed, or chosen from the buttons the assistant offers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import Screenshots, horizontal_overflow

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = {"guidance": ROOT / "actions" / "messages.yml", "draft": ROOT / "actions" / "draft" / "messages.yml"}
# Wrappers around another question ("Noch einmal: {question}"): the question inside names the field.
WRAPPERS = {"question_help", "question_again"}
REPLY_TIMEOUT_MS = 45_000


@cache
def catalogue(name: str) -> dict[str, dict[str, str]]:
    return yaml.safe_load(CATALOGUES[name].read_text(encoding="utf-8"))


def text(name: str, key: str, lang: str, **values: str) -> str:
    """A text of the assistant's catalogue `name` ("guidance" or "draft"), as the assistant sends it."""
    return catalogue(name)[key][lang].format(**values)


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str], int]]:
    patterns = []
    for name in CATALOGUES:
        for key, texts in catalogue(name).items():
            # The reason that follows a question ("Ich frage, weil …") is no question of its own.
            if key in WRAPPERS or key.startswith("reason_") or not isinstance(texts, dict) or lang not in texts:
                continue
            parts = re.split(r"\{[a-z_]+\}", texts[lang])
            literal = sum(len(p) for p in parts)
            regex = ".*?".join(re.escape(p) for p in parts)
            patterns.append((f"{name}:{key}", re.compile(regex, re.S), literal))
    return patterns


def recognise(message: str, lang: str) -> str | None:
    """The catalogue key ("draft:question_district") whose text the message contains; the most specific
    one (most literal characters) when several do."""
    found = [(literal, key) for key, pattern, literal in _patterns(lang) if literal > 8 and pattern.search(message)]
    return max(found)[1] if found else None


@dataclass(frozen=True)
class Type:
    """Type this into the message field and send it."""

    words: str


@dataclass(frozen=True)
class Choose:
    """Choose the offered button with this title (or the title this pattern matches)."""

    title: str | re.Pattern[str]


def button(name: str, key: str, lang: str) -> re.Pattern[str]:
    """A button title of the catalogue with its {placeholders} standing for any text."""
    parts = re.split(r"\{[a-z_]+\}", catalogue(name)[key][lang])
    return re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$")


def asks(*keys: str, lang: str) -> Callable[[str], bool]:
    """True for a reply whose last line is one of these catalogue keys ("guidance:recommend_offer_draft")."""
    return lambda reply: recognise(reply.splitlines()[-1] if reply else "", lang) in keys


Answer = Type | Choose
Done = Callable[[str], bool]


class Chat:
    """The chat on the page, as a person sees it."""

    def __init__(self, page: Page, lang: str, shots: Screenshots, max_width_check: bool = False) -> None:
        self.page, self.lang, self.shots = page, lang, shots
        self.log = page.get_by_role("log")
        self.input = page.locator("#chat-input")
        self.max_width_check = max_width_check
        self.turns: list[tuple[str, str]] = []

    def _messages(self) -> Locator:
        return self.log.locator(":scope > .chat-message")

    def send(self, answer: Answer) -> None:
        """Sends the answer and waits until the assistant has replied (the typing indicator is gone)."""
        before = self._messages().count()
        if isinstance(answer, Type):
            self.input.fill(answer.words)
            self.input.press("Enter")
            shown = answer.words
        else:
            choice = self.buttons().get_by_role("button", name=answer.title, exact=True)
            shown = choice.inner_text()
            choice.click()
        expect(self.input).to_be_focused()
        expect(self._messages()).not_to_have_count(before + 1, timeout=REPLY_TIMEOUT_MS)
        expect(self.page.locator(".chat-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
        expect(self._messages().last).to_have_class(re.compile(r"\bchat-bot\b"))
        self.turns.append(("you", shown))
        if self.max_width_check:
            assert horizontal_overflow(self.page) == 0, f"sideways scrolling after {shown!r}"

    def buttons(self) -> Locator:
        return self.log.locator(".chat-buttons").last

    def last_reply(self) -> str:
        """What the assistant said since the person's last message, as shown (links as their labels)."""
        texts = self._messages().evaluate_all(
            "els => els.map(e => [e.classList.contains('chat-user'), e.querySelector('.chat-text').innerText])"
        )
        reply: list[str] = []
        for is_user, said in reversed(texts):
            if is_user:
                break
            reply.insert(0, said)
        return "\n".join(reply)

    def converse(self, answers: Mapping[str, Answer], done: Done, shoot: set[str] = frozenset(),
                 max_turns: int = 40) -> str:
        """Answers each question the assistant asks from `answers` (catalogue key → answer) until
        `done(reply)`; takes a screenshot after the questions named in `shoot`. Returns the last reply."""
        for _ in range(max_turns):
            reply = self.last_reply()
            offered = self.log.locator(".chat-buttons button").all_inner_texts()
            said = ("assistant", reply + (f"  [buttons: {' | '.join(offered)}]" if offered else ""))
            if not self.turns or self.turns[-1] != said:  # a reply read again by the next converse()
                self.turns.append(said)
            if done(reply):
                return reply
            question = recognise(reply.splitlines()[-1] if reply else "", self.lang) or recognise(reply, self.lang)
            if question not in answers:
                raise AssertionError(f"no answer prepared for {question or 'an unknown question'}: {reply!r}\n"
                                     f"conversation so far: {self.turns}")
            if question in shoot:
                self.shots.take(self.page, f"chat {question.split(':')[1]}")
            self.send(answers[question])
        raise AssertionError(f"still talking after {max_turns} answers: {self.turns}")
