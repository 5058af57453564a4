"""Replays the conversation suite (tests/conversations/**/*.yml) against running servers.

A case is a person: the messages they send in order (`steps`), what they answer whenever a question of a
form comes up (`answers`), and what must hold afterwards (`expect`). The format is described in
tests/conversations/README.md. The runner talks to the Rasa REST channel, reads the conversation's state
(the open question, the slots) from Rasa's HTTP API and the stored draft from the form service's staff API.

    python -m tests.e2e.conversations [--rasa URL --webform URL] [FILE_OR_DIR ...] [-k NAME] [--json FILE]

runs cases against a stack started with `make run` (tokens from var/secrets.env) and prints each failure with
its transcript; `make test` runs them as tests/e2e/test_conversation_suite.py. `--json FILE` also writes the
pass/fail counts (see `suite_result`); `make evaluate` reads the newest such file in results/conversations/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from programmes.answers import FIELD_NAMES

SUITE_DIR = Path(__file__).resolve().parents[1] / "conversations"
MAX_MESSAGES = 60
# The same question may come twice (an answer that did not fit is asked again once); a third time is a trap.
MAX_SAME_QUESTION = 3
ERROR_MARKS = ("Traceback", "Internal Server Error", "Exception")
RECOMMENDED_SLOT = "recommended_programme"
DEFAULT_ANSWERS = {
    "de": {
        "draft_confirmed": "Ja, alles richtig",
        "draft_consent": "Ja, einverstanden",
        "confirm": "ja",
    },
    "en": {"draft_confirmed": "Yes, all correct", "draft_consent": "Yes, I agree", "confirm": "yes"},
}
PENDING_SLOT = "draft_pending_answer"
MONEY_FIELDS = ("total_budget_eur", "requested_amount_eur")
NUMBER_FIELDS = ("duration_months", "participants")


class CaseFailed(AssertionError):
    """A case did not behave as expected; the message ends with the transcript."""


@dataclass
class Step:
    say: str
    at: str | None = None
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass
class Case:
    name: str
    lang: str
    steps: list[Step]
    answers: dict[str, Any]
    expect: dict[str, Any]
    author: str = "team"
    source: str = ""
    # What the assistant still does wrong in this conversation: the case runs and is reported as a known
    # failure (an expected failure in `make test`; the runner lists cases that differ from their note).
    known_failure: str = ""

    @property
    def id(self) -> str:
        return f"{self.source}::{self.name}"


@dataclass
class Turn:
    user: str
    replies: list[dict[str, Any]]
    state: dict[str, Any]

    @property
    def text(self) -> str:
        return "\n".join(r.get("text") or "" for r in self.replies)

    @property
    def buttons(self) -> list[str]:
        return [b.get("title", "") for r in self.replies for b in r.get("buttons") or []]


def _step(raw: Any) -> Step:
    if isinstance(raw, str):
        return Step(say=raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("say"), str):
        raise ValueError(f"a step is a message or a mapping with `say`: {raw!r}")
    unknown = set(raw) - {"say", "at", "expect", "note"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)} in step {raw!r}")
    return Step(say=raw["say"], at=raw.get("at"), expect=dict(raw.get("expect") or {}))


def load_cases(paths: Iterable[Path] = (SUITE_DIR,)) -> list[Case]:
    """Every case of the YAML files under the given files or folders, in file order."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.yml")) if path.is_dir() else [path])
    cases: list[Case] = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for raw in data.get("conversations") or []:
            lang = raw.get("lang")
            if lang not in ("de", "en"):
                raise ValueError(f"{file}: case {raw.get('name')!r} needs lang: de or en")
            cases.append(
                Case(
                    name=str(raw["name"]),
                    lang=lang,
                    steps=[_step(step) for step in raw.get("steps") or []],
                    answers={**DEFAULT_ANSWERS[lang], **(raw.get("answers") or {})},
                    expect=dict(raw.get("expect") or {}),
                    author=str(raw.get("author", "team")),
                    source=str(file.relative_to(SUITE_DIR) if file.is_relative_to(SUITE_DIR) else file),
                    known_failure=str(raw.get("known_failure") or ""),
                )
            )
    return cases


class Servers:
    """The chat's REST channel (as the browser reaches it), Rasa's HTTP API (for the tracker) and the
    form service's staff API."""

    def __init__(
        self,
        chat_url: str,
        rasa_api_url: str,
        webform_url: str,
        staff_token: str,
        rasa_token: str | None = None,
    ) -> None:
        self.chat_url = chat_url
        self.rasa_api_url = rasa_api_url.rstrip("/")
        self.webform_url = webform_url.rstrip("/")
        self.staff_token = staff_token
        self.rasa_token = rasa_token

    def _json(self, url: str, body: Any = None, headers: Mapping[str, str] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def say(self, sender: str, message: str, lang: str) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message, "metadata": {"language": lang}}
        return self._json(self.chat_url, body)

    def state(self, sender: str) -> dict[str, Any]:
        """The open form, its requested question and the slots."""
        query = f"?token={urllib.parse.quote(self.rasa_token)}" if self.rasa_token else ""
        tracker = self._json(
            f"{self.rasa_api_url}/conversations/{urllib.parse.quote(sender)}/tracker{query}"
        )
        slots = tracker.get("slots") or {}
        return {
            "form": (tracker.get("active_loop") or {}).get("name"),
            "question": slots.get("requested_slot"),
            "slots": slots,
        }

    def drafts(self, sender: str) -> list[dict[str, Any]]:
        headers = {"Authorization": f"Bearer {self.staff_token}"}
        listing = self._json(
            f"{self.webform_url}/api/drafts?conversation_id={urllib.parse.quote(sender)}",
            headers=headers,
        )
        items = listing["drafts"] if isinstance(listing, dict) else listing
        return [
            self._json(f"{self.webform_url}/api/drafts/{item['id']}", headers=headers) for item in items
        ]


def _norm(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _text_checks(where: str, text: str, buttons: list[str], expect: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    folded = text.casefold()
    for item in expect.get("contains") or []:
        if str(item).casefold() not in folded:
            problems.append(f"{where}: expected to contain {item!r}")
    any_of = expect.get("contains_any") or []
    if any_of and not any(str(item).casefold() in folded for item in any_of):
        problems.append(f"{where}: expected to contain one of {any_of!r}")
    for item in expect.get("not_contains") or []:
        if str(item).casefold() in folded:
            problems.append(f"{where}: must not contain {item!r}")
    for pattern in expect.get("matches") or []:
        if not re.search(pattern, text, re.IGNORECASE):
            problems.append(f"{where}: expected to match /{pattern}/")
    shown = [b.casefold() for b in buttons]
    for title in expect.get("buttons") or []:
        if not any(str(title).casefold() in b for b in shown):
            problems.append(f"{where}: expected a button {title!r}, got {buttons!r}")
    return problems


def _money(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _same(field_name: str, expected: Any, stored: Any) -> bool:
    if field_name in MONEY_FIELDS:
        return _money(expected) == _money(stored)
    if field_name in NUMBER_FIELDS:
        return _money(expected) == _money(stored)
    if field_name == "target_groups":
        wanted = expected if isinstance(expected, list) else [expected]
        return sorted(wanted) == sorted(stored or [])
    if field_name == "start_date":
        return str(expected) == str(stored)
    if field_name == "contact_phone":  # "030 1234567" and "0301234567" are the same number
        return re.sub(r"[^\d+]", "", str(expected)) == re.sub(r"[^\d+]", "", str(stored or ""))
    if isinstance(expected, str) and isinstance(stored, str):
        return expected.strip() == stored.strip()
    return bool(expected == stored)


def draft_differences(expected: Mapping[str, Any], stored: Mapping[str, Any]) -> list[str]:
    """Fields where the stored draft is not exactly what the person meant (unlisted fields must be empty)."""
    unknown = set(expected) - set(FIELD_NAMES)
    problems = [f"unknown draft field {name!r} in the case" for name in sorted(unknown)]
    for name in FIELD_NAMES:
        want, got = expected.get(name), stored.get(name)
        if name not in expected:
            if got not in (None, "", []):
                problems.append(f"draft.{name}: stored {got!r}, but the person never gave it")
        elif not _same(name, want, got):
            problems.append(f"draft.{name}: expected {want!r}, stored {got!r}")
    return problems


class Conversation:
    """One case played against the servers; `run` raises CaseFailed with the transcript."""

    def __init__(self, servers: Servers, case: Case) -> None:
        self.servers = servers
        self.case = case
        self.sender = f"suite-{uuid.uuid4().hex[:12]}"
        self.turns: list[Turn] = []
        self.state: dict[str, Any] = {"form": None, "question": None, "slots": {}}
        self.used_answers: dict[str, int] = {}

    def transcript(self) -> str:
        lines = [f"conversation {self.sender} ({self.case.lang}): {self.case.id}"]
        for turn in self.turns:
            lines.append(f"  > {turn.user}")
            lines.extend(f"    {line}" for line in turn.text.splitlines())
            if turn.buttons:
                lines.append(f"    [{' | '.join(turn.buttons)}]")
            lines.append(f"    (form={turn.state['form']} question={turn.state['question']})")
        return "\n".join(lines)

    def fail(self, problems: list[str] | str) -> None:
        problems = [problems] if isinstance(problems, str) else problems
        raise CaseFailed("\n".join(["", *problems, self.transcript()]))

    def send(self, message: str) -> Turn:
        if len(self.turns) >= MAX_MESSAGES:
            self.fail(f"more than {MAX_MESSAGES} messages: the conversation does not end")
        try:
            replies = self.servers.say(self.sender, message, self.case.lang)
            self.state = self.servers.state(self.sender)
        except OSError as error:  # urllib's URLError and HTTPError are OSErrors
            self.fail(f"the servers did not answer {message!r}: {error}")
        turn = Turn(message, replies, self.state)
        self.turns.append(turn)
        self._check_invariants(turn)
        return turn

    def _check_invariants(self, turn: Turn) -> None:
        if not turn.replies or (not turn.text.strip() and not turn.buttons):
            self.fail(f"no reply to {turn.user!r}")
        for mark in ERROR_MARKS:
            if mark in turn.text:
                self.fail(f"an error shown to the person: {mark}")
        last = [t.replies[-1].get("text") for t in self.turns[-MAX_SAME_QUESTION:]]
        if len(last) == MAX_SAME_QUESTION and len(set(last)) == 1:
            self.fail(f"the same reply came {MAX_SAME_QUESTION} times in a row: {last[0]!r}")

    def answer_for(self, question: str) -> str:
        form = self.state.get("form")
        answers = self.case.answers
        key = f"{form}.{question}" if f"{form}.{question}" in answers else question
        if key not in answers:
            self.fail(
                f"asked for {question!r} ({form}), which this person has no answer for: "
                "already given, or a question that should not come"
            )
        value = answers[key]
        count = self.used_answers.get(key, 0)
        self.used_answers[key] = count + 1
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return value[min(count, len(value) - 1)]
        return str(value)

    def answer_until(self, question: str | None) -> None:
        """Answers open questions until `question` is asked (None: until no question is open)."""
        asked_in_a_row: list[str] = []
        while (
            self.state.get("question") and self.state.get("form") and self.state["question"] != question
        ):
            current = self.state["question"]
            pending = self.state["slots"].get(PENDING_SLOT)
            if (
                isinstance(pending, dict)
                and pending.get("field") == current
                and pending.get("kind") == "answer"
            ):
                # "Shall I take … as the title?": the person confirms what they wrote.
                self.send(str(self.case.answers["confirm"]))
                continue
            if (
                isinstance(pending, dict)
                and pending.get("field") == current
                and pending.get("kind") == "offered"
                and current not in self.case.answers
            ):
                # "Shall I use your description from earlier?": without an answer of their own, yes.
                self.send(str(self.case.answers["confirm"]))
                continue
            asked_in_a_row = [*asked_in_a_row, current][-MAX_SAME_QUESTION:]
            if asked_in_a_row.count(current) >= MAX_SAME_QUESTION:
                self.fail(f"the form asked {current!r} {MAX_SAME_QUESTION} times in a row")
            self.send(self.answer_for(current))
        if question is not None and self.state.get("question") != question:
            self.fail(f"waited for the question {question!r}, but none is open")

    def run(self) -> None:
        for index, step in enumerate(self.case.steps, 1):
            if step.at:
                self.answer_until(step.at)
            turn = self.send(step.say)
            problems = _text_checks(
                f"reply to step {index} ({step.say!r})", turn.text, turn.buttons, step.expect
            )
            if "asks" in step.expect and self.state.get("question") != step.expect["asks"]:
                problems.append(
                    f"after step {index}: expected the question {step.expect['asks']!r}, "
                    f"open is {self.state.get('question')!r}"
                )
            if (
                "language" in step.expect
                and self.state["slots"].get("language") != step.expect["language"]
            ):
                problems.append(f"after step {index}: expected language {step.expect['language']!r}")
            if problems:
                self.fail(problems)
        self.answer_until(None)
        self.check_outcome()

    def check_outcome(self) -> None:
        expect = self.case.expect
        problems: list[str] = []
        everything = "\n".join(turn.text for turn in self.turns)
        buttons = [b for turn in self.turns for b in turn.buttons]
        problems += _text_checks("the conversation", everything, buttons, expect.get("replies") or {})
        language = expect.get("language", self.case.lang)
        if self.state["slots"].get("language") != language:
            problems.append(
                f"ends in language {self.state['slots'].get('language')!r}, expected {language!r}"
            )
        if "recommended" in expect:
            recommended = self.state["slots"].get(RECOMMENDED_SLOT) or "none"
            if _norm(recommended) != _norm(str(expect["recommended"])):
                problems.append(f"recommended {recommended!r}, expected {expect['recommended']!r}")
        if "draft" in expect or expect.get("no_draft"):
            drafts = self.servers.drafts(self.sender)
            if expect.get("no_draft") and drafts:
                problems.append(f"{len(drafts)} draft(s) stored, expected none")
            if "draft" in expect:
                if len(drafts) != 1:
                    problems.append(f"{len(drafts)} drafts stored, expected exactly one")
                else:
                    problems += draft_differences(expect["draft"], drafts[0])
        if problems:
            self.fail(problems)


def _read_secrets(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip().strip("'\"")
    return values


def iter_results(servers: Servers, cases: list[Case]) -> Iterator[tuple[Case, str | None, int]]:
    """(case, failure text or None, messages sent) for each case."""
    for case in cases:
        conversation = Conversation(servers, case)
        try:
            conversation.run()
            yield case, None, len(conversation.turns)
        except CaseFailed as failure:
            yield case, str(failure), len(conversation.turns)


def is_whole_suite(paths: list[Path], keyword: str | None) -> bool:
    """Whether a run covers every case: the default directory and no `-k` selection."""
    return not keyword and [path.resolve() for path in paths] == [SUITE_DIR]


def suite_result(
    passed: list[str], failed: list[str], complete: bool, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The machine-readable outcome of a run: case ids that passed and failed, their counts, the pass rate
    (0..1) and whether the run covered the whole suite (`complete`: no `-k`, the default directory), since
    only a complete run is comparable with an earlier one. `finished` is the UTC time in ISO 8601."""
    total = len(passed) + len(failed)
    return {
        "finished": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "complete": complete,
        "total": total,
        "passed": len(passed),
        "failed": len(failed),
        "pass_rate": len(passed) / total if total else 0.0,
        "failed_cases": failed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[SUITE_DIR])
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--webform", default="http://127.0.0.1:8000")
    parser.add_argument("--secrets", type=Path, default=Path("var/secrets.env"))
    parser.add_argument("-k", dest="keyword", help="only cases whose name or file contains this")
    parser.add_argument("-q", action="store_true", help="print failures without transcripts")
    parser.add_argument(
        "--json", type=Path, help="also write the pass/fail counts to this file (results/conversations/…)"
    )
    args = parser.parse_args(argv)
    secrets = _read_secrets(args.secrets) if args.secrets.exists() else {}
    rasa = args.rasa.rstrip("/")
    servers = Servers(
        f"{rasa}/webhooks/rest/webhook",
        rasa,
        args.webform,
        secrets.get("STAFF_API_TOKEN", ""),
        secrets.get("RASA_AUTH_TOKEN"),
    )
    cases = [
        c
        for c in load_cases(args.paths)
        if not args.keyword or args.keyword.casefold() in c.id.casefold()
    ]
    passed_ids: list[str] = []
    failed_ids: list[str] = []
    draft_turns: list[int] = []
    for case, failure, turns in iter_results(servers, cases):
        if failure:
            failed_ids.append(case.id)
            print(
                f"FAIL {case.id}" + (failure.split("\nconversation ")[0] if args.q else failure) + "\n"
            )
        else:
            passed_ids.append(case.id)
            print(f"ok   {case.id}")
            if "draft" in case.expect:
                draft_turns.append(turns)
    failed = len(failed_ids)
    share = (len(cases) - failed) / len(cases) if cases else 0.0
    print(f"{len(cases) - failed}/{len(cases)} conversations as expected ({share:.1%})")
    known = {c.id for c in cases if c.known_failure}
    surprises = sorted(set(failed_ids) - known) + sorted(known & set(passed_ids))
    print(
        f"known failures: {len(known & set(failed_ids))} of {len(known)} noted; "
        f"differing from the notes: {len(surprises)}" + "".join(f"\n  {s}" for s in surprises)
    )
    if args.json:
        complete = is_whole_suite(args.paths, args.keyword)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(suite_result(passed_ids, failed_ids, complete), indent=2) + "\n")
    if draft_turns:
        print(
            f"messages per stored draft: mean {sum(draft_turns) / len(draft_turns):.1f}, max {max(draft_turns)}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
