"""Language identification of every message: German, English, or a language we do not speak.

Two parts, each used for what it measured best at on our data (BENCHMARKS.md, "Language identification"):

- **Another language?** lingua-language-detector (made for short and mixed text), restricted to German,
  English and the languages most written in Berlin besides them (`LINGUA_LANGUAGES`). It judges only a
  message's ordinary lowercase words (bot/nlu/language_evidence.py): "Ich heiße Ayşe Yılmaz" or
  "Repair-Café für alle" must not read as Turkish or French. A message in a script other than the Latin
  one is another language whatever its length; lingua then names it where it can (for the sentence in
  the person's language, actions/other_language.py).
- **German or English?** A multinomial naive Bayes over character n-grams, trained on our own NLU data
  (data/nlu/de, data/nlu/en): it knows "LSI", "Kiez" and "Deadline" as we use them, and beat lingua on the
  held-out sets. It judges the ordinary words too (the lowercase ones where there are enough), so a
  name or an e-mail address never decides.

Short, shared words ("ok", "LSI") give a confidence near 0.5, and the guess says how many ordinary words
it rests on (`words`), so the dialogue can ignore weak guesses (bot/nlu/language_choice.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from threading import Lock
from typing import Any

from bot.nlu.language_evidence import Evidence, evidence, is_latin

NGRAM_SIZES = (1, 2, 3, 4)
SPOKEN = ("de", "en")
OTHER = "other"
# The languages lingua weighs a message against, as lingua's names. German and English, the languages
# we have a fixed sentence for (Turkish, Arabic, Russian, Polish, French, Ukrainian), and those that
# would otherwise pass for one of ours or be named wrongly: Spanish, Italian, Portuguese and Romanian
# read as German or English without their own model, Dutch as German, Croatian as Polish, Persian as
# Arabic, Bulgarian as Russian. Every language costs about 28 MB and a little time, so no more.
LINGUA_LANGUAGES = (
    "GERMAN",
    "ENGLISH",
    "TURKISH",
    "ARABIC",
    "RUSSIAN",
    "POLISH",
    "FRENCH",
    "UKRAINIAN",
    "SPANISH",
    "ITALIAN",
    "PORTUGUESE",
    "ROMANIAN",
    "DUTCH",
    "CROATIAN",
    "PERSIAN",
    "BULGARIAN",
)
# Another language needs lingua's confidence in it (all other languages together) of at least this,
# from at least this many lowercase words of a Latin-script message. Measured: no German or English
# message of our data, tests and texts (over 5,500) reaches it, every held-out foreign one does.
OTHER_MIN_CONFIDENCE = 0.9
OTHER_MIN_WORDS = 3
# A message's first word is capitalised in every language; it counts from this many words on, when the
# message is no longer a title ("Repair-Café für alle") but a sentence ("Bana Türkçe yazabilir misiniz?").
FIRST_WORD_COUNTS_FROM = 4
# German or English is judged on the lowercase words when there are this many (the German nouns of
# "We are a Verein and need some Förderung" are no German), else on all ordinary words.
MIN_LOWERCASE_WORDS = 3


def ngrams(text: str) -> Counter[str]:
    padded = f" {' '.join(text.lower().split())} "
    return Counter(padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1))


@dataclass
class LanguageModel:
    """Multinomial naive Bayes over character 1- to 4-grams with add-one smoothing."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # language → n-gram → count
    totals: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)

    @classmethod
    def train(cls, examples: Mapping[str, Iterable[str]]) -> LanguageModel:
        model = cls()
        for language, texts in examples.items():
            counts: Counter[str] = Counter()
            documents = 0
            for text in texts:
                counts.update(ngrams(text))
                documents += 1
            model.counts[language] = dict(counts)
            model.totals[language] = sum(counts.values())
            model.documents[language] = documents
        return model

    @cached_property
    def _log_tables(self) -> dict[str, tuple[float, float, dict[str, float]]]:
        """Per language: log prior, log P(unseen n-gram), log P(n-gram) of the seen ones."""
        vocabulary = len({gram for counts in self.counts.values() for gram in counts}) or 1
        all_documents = sum(self.documents.values()) or 1
        tables = {}
        for language, counts in self.counts.items():
            denominator = math.log(self.totals[language] + vocabulary)
            prior = math.log(self.documents[language] / all_documents)
            seen = {gram: math.log(count + 1) - denominator for gram, count in counts.items()}
            tables[language] = (prior, -denominator, seen)
        return tables

    def probabilities(self, text: str) -> dict[str, float]:
        """P(language | text) for each language; equal when the text has nothing to go on."""
        features = ngrams(text)
        scores: dict[str, float] = {}
        for language, (prior, unseen, seen) in self._log_tables.items():
            scores[language] = prior + sum(times * seen.get(gram, unseen) for gram, times in features.items())
        # n-grams overlap, so raw sums are overconfident; scale by the number of n-grams per character
        scale = max(1, len(NGRAM_SIZES))
        top = max(scores.values())
        exp = {language: math.exp((score - top) / scale) for language, score in scores.items()}
        total = sum(exp.values())
        return {language: value / total for language, value in exp.items()}

    def guess(self, text: str) -> dict[str, object]:
        probabilities = self.probabilities(text)
        language = max(probabilities, key=lambda lang: probabilities[lang])
        return {"language": language, "confidence": round(probabilities[language], 4)}

    def to_dict(self) -> dict[str, object]:
        return {"counts": self.counts, "totals": self.totals, "documents": self.documents}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> LanguageModel:
        return cls(
            counts=dict(data["counts"]),  # type: ignore[arg-type]
            totals=dict(data["totals"]),  # type: ignore[arg-type]
            documents=dict(data["documents"]),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class OtherLanguage:
    """A message in a language we do not speak: `detected` is its ISO 639-1 code when lingua can
    name it among LINGUA_LANGUAGES ("tr"), else None; `confidence` is lingua's (1.0 for a script
    other than the Latin one)."""

    detected: str | None
    confidence: float


class OtherLanguageDetector:
    """lingua-language-detector over LINGUA_LANGUAGES, models loaded once (about 450 MB, a few seconds).

    One detector per process, shared (`shared()`): lingua keeps its models in memory for the process.
    """

    _shared: OtherLanguageDetector | None = None
    _lock = Lock()

    def __init__(self) -> None:
        from lingua import Language, LanguageDetectorBuilder

        languages = [getattr(Language, name) for name in LINGUA_LANGUAGES]
        self._detector = (
            LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
        )

    @classmethod
    def shared(cls) -> OtherLanguageDetector:
        with cls._lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def confidences(self, text: str) -> dict[str, float]:
        """lingua's confidence per language (ISO 639-1 code → 0..1, summing to 1 or all 0)."""
        return {
            value.language.iso_code_639_1.name.lower(): value.value
            for value in self._detector.compute_language_confidence_values(text)
        }

    def judge(self, words: Evidence) -> OtherLanguage | None:
        """Another language, or None when the words may be German or English or are too few to tell."""
        if not words.words:
            return None
        if not is_latin(words):
            return OtherLanguage(self._best_other(self.confidences(words.text)), 1.0)
        lowercase = words.lowercase(with_first=len(words) >= FIRST_WORD_COUNTS_FROM)
        if len(lowercase) < OTHER_MIN_WORDS:
            return None
        confidences = self.confidences(" ".join(lowercase).lower())
        other = 1.0 - sum(confidences.get(language, 0.0) for language in SPOKEN)
        if other < OTHER_MIN_CONFIDENCE:
            return None
        return OtherLanguage(self._best_other(confidences), round(other, 4))

    @staticmethod
    def _best_other(confidences: Mapping[str, float]) -> str | None:
        others = {language: value for language, value in confidences.items() if language not in SPOKEN}
        best = max(others, key=lambda language: others[language], default=None)
        return best if best is not None and others[best] > 0 else None


@dataclass(frozen=True)
class LanguageGuess:
    """`language` "de", "en" or "other"; `confidence` 0..1; `words` the ordinary words it rests on;
    `detected` the ISO 639-1 code of the other language when known."""

    language: str
    confidence: float
    words: int
    detected: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"language": self.language, "confidence": self.confidence, "words": self.words}
        if self.language == OTHER:
            data["detected"] = self.detected
        return data


def identify(text: str, model: LanguageModel | None, detector: OtherLanguageDetector | None) -> LanguageGuess:
    """The language of `text` (see the module docstring).

    Without a trained model the German/English part says German at 0.5; without a detector no message
    is another language. A message with no ordinary words is still guessed from all its text (the
    entity extractor reads numbers by it), with `words` 0 so that it changes nothing.
    """
    words = evidence(text)
    other = detector.judge(words) if detector else None
    if other is not None:
        return LanguageGuess(OTHER, other.confidence, len(words), other.detected)
    if model is None:
        return LanguageGuess("de", 0.5, len(words))
    lowercase = words.lowercase()
    judged = " ".join(lowercase) if len(lowercase) >= MIN_LOWERCASE_WORDS else words.text or text
    probabilities = model.probabilities(judged)
    language = max(probabilities, key=lambda lang: probabilities[lang])
    return LanguageGuess(language, round(probabilities[language], 4), len(words))
