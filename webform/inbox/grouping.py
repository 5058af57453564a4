"""Similar misunderstood messages grouped, so a maintainer labels a group at once.

scikit-learn is not in the form service's environment (only in Rasa's), so this is the same idea in a few
lines of standard Python: every (masked) message becomes a TF-IDF vector of its words and of the
three-letter pieces of its words (so "Förderung", "Foerderung" and "Förderunng" stay close), normalised to
length 1; then one pass of leader clustering: a message joins the group whose first message (its leader)
is most similar to it, if their cosine similarity is at least SIMILAR, else it starts a new group. Messages go
in longest-first within a language, so leaders are the fuller phrasings. Candidates are found through an
index of the leaders' words, leaving out words in more than COMMON_SHARE of the messages ("es", "the";
only in an inbox where that share is more than MIN_COMMON messages): each message is compared with the
CANDIDATES leaders that share the most other words with it, and joins the most similar of them.

Groups are ordered by how many different conversations wrote them (more people first), then by how
unsure the model was (lower mean confidence first).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from webform.inbox.triage import fold

SIMILAR = 0.6
COMMON_SHARE = 0.05
MIN_COMMON = 20  # in a small inbox no word is too common to look up
CANDIDATES = 10
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Groupable:
    """What grouping needs of a message: its key (tracker event id), conversation, language, masked
    text and the model's confidence (None when unknown)."""

    key: int
    conversation: str
    language: str
    text: str
    confidence: float | None
    intent: str | None


@dataclass
class Group:
    language: str
    members: list[Groupable] = field(default_factory=list)

    @property
    def conversations(self) -> int:
        return len({m.conversation for m in self.members})

    @property
    def mean_confidence(self) -> float | None:
        known = [m.confidence for m in self.members if m.confidence is not None]
        return sum(known) / len(known) if known else None

    @property
    def text(self) -> str:
        """The most frequent wording (the leader's on a tie)."""
        return Counter(m.text for m in self.members).most_common(1)[0][0]

    @property
    def intent(self) -> str | None:
        """The intent the model predicted most often for the group's messages."""
        counted = Counter(m.intent for m in self.members if m.intent)
        return counted.most_common(1)[0][0] if counted else None


def features(text: str) -> Counter[str]:
    """Words ("w:förderung") and three-letter pieces of words with their edges ("t:#fö")."""
    counted: Counter[str] = Counter()
    for word in _WORD.findall(fold(text)):
        counted["w:" + word] += 1
        padded = f"#{word}#"
        counted.update("t:" + padded[i:i + 3] for i in range(len(padded) - 2))
    return counted


def _vectors(texts: Sequence[str]) -> tuple[list[dict[str, float]], Counter[str]]:
    """Unit-length TF-IDF vectors (sublinear term frequency, smoothed IDF as scikit-learn's default) and
    in how many texts each feature occurs."""
    counted = [features(t) for t in texts]
    documents = Counter(f for c in counted for f in c)
    total = len(texts)
    vectors = []
    for c in counted:
        weights = {f: (1 + math.log(n)) * (math.log((1 + total) / (1 + documents[f])) + 1)
                   for f, n in c.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({f: w / norm for f, w in weights.items()})
    return vectors, documents


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


def group(messages: Sequence[Groupable], similar: float = SIMILAR) -> list[Group]:
    """The messages in groups of similar wording, per language, ordered as the module says."""
    groups: list[Group] = []
    by_language: dict[str, list[Groupable]] = defaultdict(list)
    for message in messages:
        by_language[message.language].append(message)
    for language, members in sorted(by_language.items()):
        members = sorted(members, key=lambda m: (-len(m.text), m.key))
        vectors, documents = _vectors([m.text for m in members])
        common = max(MIN_COMMON, COMMON_SHARE * len(members))
        leaders: list[tuple[dict[str, float], Group]] = []
        by_word: dict[str, list[int]] = defaultdict(list)
        for message, vector in zip(members, vectors, strict=True):
            words = [f for f in vector if f.startswith("w:") and documents[f] <= common]
            shared = Counter(i for f in words for i in by_word.get(f, ()))
            scored = [(_cosine(vector, leaders[i][0]), i) for i, _n in shared.most_common(CANDIDATES)]
            best = max(scored, default=(0.0, -1))
            if best[0] >= similar:
                home = leaders[best[1]][1]
            else:
                home = Group(language)
                for f in words:
                    by_word[f].append(len(leaders))
                leaders.append((vector, home))
                groups.append(home)
            home.members.append(message)
    groups.sort(key=lambda g: (-g.conversations, g.mean_confidence if g.mean_confidence is not None else 1.0,
                               -len(g.members)))
    return groups
