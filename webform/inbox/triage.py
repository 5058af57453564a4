"""Which user messages the assistant misunderstood, read from what Rasa stored about them.

A message belongs in the inbox for one or more of these reasons:
- `fallback`: the NLU fell back (intent `nlu_fallback`, config.yml's FallbackClassifier) or a fallback
  action answered it (FALLBACK_ACTIONS);
- `unsure`: the best intent's confidence is below UNSURE_BELOW, or the best two intents are within
  CLOSE_WITHIN of each other (from the intent ranking Rasa stored with the message);
- `reasked`: the assistant's next turn repeated, word for word, what it said last before the message
  (it asked the same question again, so the answer did not get through);
- `disputed`: the person's next message says the assistant misunderstood ("das meinte ich nicht",
  DISPUTE_PHRASES); the disputed message is the one before, not the complaint.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    FALLBACK = "fallback"
    UNSURE = "unsure"
    REASKED = "reasked"
    DISPUTED = "disputed"


FALLBACK_INTENT = "nlu_fallback"
# action_handle_fallback is Kiezlotse's (actions/fallback.py); the others are Rasa's own.
FALLBACK_ACTIONS = frozenset(
    {"action_handle_fallback", "action_default_fallback", "action_two_stage_fallback", "utter_default"}
)
# config.yml's FallbackClassifier falls back below 0.55 and within 0.1; messages just above that line are
# the ones most worth a look, so "unsure" starts higher than the fallback does.
UNSURE_BELOW = 0.7
CLOSE_WITHIN = 0.1

# What people write when the assistant misunderstood them. Compared after folding case, accents and
# punctuation (fold()), as whole words anywhere in the message.
DISPUTE_PHRASES = (
    # German
    "das meinte ich nicht", "so meinte ich das nicht", "das meine ich nicht", "das habe ich nicht gemeint",
    "hab ich nicht gemeint", "das wollte ich nicht", "das habe ich nicht gefragt", "hab ich nicht gefragt",
    "das war nicht meine frage", "das ist nicht meine frage", "du verstehst mich nicht",
    "sie verstehen mich nicht", "du hast mich falsch verstanden", "sie haben mich falsch verstanden",
    "falsch verstanden", "nicht verstanden was ich", "thema verfehlt", "darum ging es nicht",
    # English
    "that's not what i asked", "thats not what i asked", "that is not what i asked",
    "that's not what i meant", "thats not what i meant", "that is not what i meant", "not what i meant",
    "not what i asked", "you misunderstood", "you don't understand", "you dont understand",
    "that's not my question", "that was not my question", "wrong answer", "that's not it",
)


_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case, without accents or punctuation, single spaces: "Das MEINTE ich nicht!" → "das meinte
    ich nicht". Apostrophes are dropped first, so "that's" and "thats" fold alike."""
    text = text.replace("'", "").replace("’", "").casefold()
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", text).split())


_DISPUTE = re.compile(r"(?:^| )(?:" + "|".join(re.escape(fold(p)) for p in DISPUTE_PHRASES) + r")(?: |$)")
# The longest word of each phrase: a message without any of them cannot hold a phrase, so most messages
# are never folded (the inbox reads every message of the store).
_ANCHORS = re.compile("|".join(sorted({max(fold(p).split(), key=len) for p in DISPUTE_PHRASES})))


def is_dispute(text: str) -> bool:
    """The person says the assistant misunderstood them."""
    quick = text.replace("'", "").replace("’", "").casefold()
    if not quick.isascii():
        return bool(_DISPUTE.search(fold(text)))
    return bool(_ANCHORS.search(quick)) and bool(_DISPUTE.search(fold(text)))


@dataclass(frozen=True)
class Prediction:
    """What the NLU made of a message: its best intent other than the fallback, that intent's confidence
    (0..1), the runner-up's confidence, the entities, and whether the NLU fell back."""

    intent: str | None
    confidence: float | None
    runner_up: float | None
    entities: tuple[dict[str, Any], ...]
    fell_back: bool


def read_prediction(parse_data: Any) -> Prediction:
    """The prediction from a user event's `parse_data`; anything missing or malformed reads as unknown."""
    parse_data = parse_data if isinstance(parse_data, dict) else {}
    top = parse_data.get("intent") if isinstance(parse_data.get("intent"), dict) else {}
    ranking = [
        r for r in parse_data.get("intent_ranking") or []
        if isinstance(r, dict) and r.get("name") and r.get("name") != FALLBACK_INTENT
        and isinstance(r.get("confidence"), int | float)
    ]
    if not ranking and top.get("name") and top.get("name") != FALLBACK_INTENT:
        ranking = [top]
    ranking.sort(key=lambda r: r.get("confidence") or 0.0, reverse=True)
    entities = tuple(
        {"entity": e.get("entity"), "value": e.get("value"), "start": e.get("start"), "end": e.get("end"),
         "implied_by": e.get("implied_by")}
        for e in parse_data.get("entities") or [] if isinstance(e, dict)
    )
    return Prediction(
        intent=ranking[0]["name"] if ranking else None,
        confidence=float(ranking[0]["confidence"]) if ranking and ranking[0].get("confidence") is not None
        else None,
        runner_up=float(ranking[1]["confidence"]) if len(ranking) > 1 else None,
        entities=entities,
        fell_back=top.get("name") == FALLBACK_INTENT,
    )


def is_unsure(prediction: Prediction) -> bool:
    """Below UNSURE_BELOW, or the best two intents within CLOSE_WITHIN."""
    if prediction.confidence is None:
        return False
    if prediction.confidence < UNSURE_BELOW:
        return True
    return prediction.runner_up is not None and prediction.confidence - prediction.runner_up < CLOSE_WITHIN


# Short, frequent words that tell German from English when the chat did not say the page language.
_GERMAN = frozenset((
    "ich", "und", "nicht", "wir", "ist", "das", "die", "der", "ein", "eine", "mit", "für", "wie", "was",
    "kann", "können", "sie", "bitte", "ja", "nein", "gibt", "es", "auf", "zu", "den", "dem", "wo", "wann",
    "wer", "unser", "unsere", "haben", "habe", "auch", "noch",
))
_ENGLISH = frozenset((
    "i", "and", "not", "we", "is", "the", "a", "an", "with", "for", "how", "what", "can", "could", "you",
    "please", "yes", "no", "there", "it", "on", "to", "where", "when", "who", "our", "have", "has", "also",
    "still", "my", "do", "does",
))


def guess_language(text: str) -> str:
    """"de" or "en" by common words and umlauts; German (the site's first language) when it is a tie."""
    words = fold(text).split()
    german = sum(w in _GERMAN for w in words) + sum(c in "äöüß" for c in text.casefold())
    english = sum(w in _ENGLISH for w in words)
    return "en" if english > german else "de"
