"""Language identification: the identifier before and now, compared on our data, and its cost per message.

    .venv-rasa/bin/python bench/bench_language_id.py          # needs no trained model and no server

Three identifiers, all on the same data:
- "naive Bayes, whole message" (before): our character n-gram model on the message as written,
  German or English only;
- "lingua alone": lingua-language-detector over LINGUA_LANGUAGES on the message's ordinary words, also
  for German or English;
- "lingua + naive Bayes" (now, bot/nlu/language_id.py): lingua decides whether it is another language,
  our model whether German or English.
Figures: German/English identified on the held-out sets (tests/nlu/de, tests/nlu/en, messages of three
or more words), foreign messages recognised as "other" (tests/nlu/other_languages.yml) and named right
where the reply has a sentence in the language, real inputs read as expected (tests/nlu/language_inputs.yml:
names, titles, e-mail addresses, amounts and one-word answers are no evidence), German or English texts
taken for another language (our training data, tests and texts: must be none), and the identifier's time
per message. A second foreign table, the training examples of the intent `other_language` (which the
identifier never sees), is reported as well. Exits 1 when a target is missed: ≥ 99 % on German/English
messages of three or more words, ≥ 95 % of the foreign table as "other", no German or English text as
"other".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlu.language_choice import language_to_switch_to  # noqa: E402
from bot.nlu.language_evidence import evidence  # noqa: E402
from bot.nlu.language_id import (  # noqa: E402
    LINGUA_LANGUAGES,
    OTHER,
    SPOKEN,
    LanguageGuess,
    LanguageModel,
    OtherLanguageDetector,
    identify,
)

SAME_LANGUAGE_BAR = 0.99
OTHER_BAR = 0.95
MIN_WORDS = 3
# The languages the reply has a sentence in (actions/other_language.yml): these must be named right.
NAMED = ("tr", "ar", "ru", "pl", "fr", "uk")
TEXT_FILES = ("tests/conversations/**/*.yml", "actions/messages.yml", "actions/draft/messages.yml")
# The conversations in other languages are no German or English texts.
NOT_GERMAN_OR_ENGLISH = ("tests/conversations/languages.yml",)

Identifier = Callable[[str], LanguageGuess]


def nlu_texts(directory: Path) -> list[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [m.get("text") for m in load_data(str(directory)).intent_examples if m.get("text")]


def words(text: str) -> int:
    """Words as a reader counts them: tokens with at least two letters."""
    return sum(1 for token in text.split() if sum(c.isalpha() for c in token) >= 2)


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def project_texts() -> list[str]:
    """Every German or English string of the conversation tests and of the assistant's texts."""
    texts: set[str] = set()
    for pattern in TEXT_FILES:
        for path in sorted(ROOT.glob(pattern)):
            if str(path.relative_to(ROOT)) in NOT_GERMAN_OR_ENGLISH:
                continue
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts |= {s.strip() for s in _strings(data) if sum(c.isalpha() for c in s) >= 2}
    return sorted(texts)


def expected_reading(guess: LanguageGuess, text: str) -> str:
    """What a message counts as: "other", the language it switches to, or "none" (no evidence)."""
    if guess.language == OTHER:
        return OTHER
    switch = language_to_switch_to(text, None, None, guess.language, guess.confidence, guess.words)
    return switch or "none"


def identifiers(model: LanguageModel, detector: OtherLanguageDetector) -> dict[str, Identifier]:
    def before(text: str) -> LanguageGuess:
        probabilities = model.probabilities(text)
        language = max(probabilities, key=lambda lang: probabilities[lang])
        return LanguageGuess(language, probabilities[language], words(text))

    def lingua_alone(text: str) -> LanguageGuess:
        ordinary = evidence(text)
        other = detector.judge(ordinary)
        if other is not None:
            return LanguageGuess(OTHER, other.confidence, len(ordinary), other.detected)
        confidences = detector.confidences(ordinary.text or text)
        de, en = confidences.get("de", 0.0), confidences.get("en", 0.0)
        if de + en == 0:
            return LanguageGuess("de", 0.5, len(ordinary))
        language, value = ("de", de) if de >= en else ("en", en)
        return LanguageGuess(language, value / (de + en), len(ordinary))

    return {
        "naive Bayes, whole message (before)": before,
        "lingua alone": lingua_alone,
        "lingua + naive Bayes (now)": lambda text: identify(text, model, detector),
    }


def measure(identifier: Identifier, data: dict[str, Any]) -> dict[str, Any]:
    same = [(lang, t) for lang in SPOKEN for t in data["held_out"][lang] if words(t) >= MIN_WORDS]
    same_wrong = [(lang, t, identifier(t)) for lang, t in same]
    same_wrong = [(lang, t, g.language) for lang, t, g in same_wrong if g.language != lang]
    foreign = [(lang, t) for lang, texts in data["other"].items() for t in texts]
    guesses = [(lang, t, identifier(t)) for lang, t in foreign]
    missed = [(lang, t, g.language) for lang, t, g in guesses if g.language != OTHER]
    named = [(lang, g.detected) for lang, _, g in guesses if lang in NAMED]
    real = [(item, identifier(item["text"])) for item in data["real"]]
    real_wrong = [
        (item["text"], item["language"], expected_reading(g, item["text"]))
        for item, g in real
        if expected_reading(g, item["text"]) != item["language"]
    ]
    second = [identifier(t).language == OTHER for t in data["other_second"]]
    german_english = data["de_en_texts"]
    false_other = [t for t in german_english if identifier(t).language == OTHER]
    return {
        "same": (len(same) - len(same_wrong), len(same)),
        "same_wrong": same_wrong,
        "other": (len(foreign) - len(missed), len(foreign)),
        "other_missed": missed,
        "named": (sum(1 for lang, code in named if code == lang), len(named)),
        "other_second": (sum(second), len(second)),
        "real": (len(real) - len(real_wrong), len(real)),
        "real_wrong": real_wrong,
        "false_other": (len(false_other), len(german_english)),
        "false_other_texts": false_other,
    }


def timing(identifier: Identifier, texts: list[str], rounds: int) -> tuple[float, float]:
    """Mean and p95 time per message in ms."""
    times: list[float] = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            identifier(text)
            times.append((time.perf_counter() - started) * 1000)
    return statistics.fmean(times), statistics.quantiles(times, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="timing rounds over the held-out sets")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()

    started = time.perf_counter()
    train = {lang: nlu_texts(ROOT / "data" / "nlu" / lang) for lang in SPOKEN}
    model = LanguageModel.train(train)
    examples = sum(map(len, train.values()))
    print(f"naive Bayes trained on {examples} examples in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    detector = OtherLanguageDetector.shared()
    print(f"lingua loaded ({len(LINGUA_LANGUAGES)} languages) in {time.perf_counter() - started:.1f} s")
    held_out = {lang: nlu_texts(ROOT / "tests" / "nlu" / lang) for lang in SPOKEN}
    data = {
        "held_out": held_out,
        "other": yaml.safe_load((ROOT / "tests" / "nlu" / "other_languages.yml").read_text(encoding="utf-8")),
        "real": yaml.safe_load((ROOT / "tests" / "nlu" / "language_inputs.yml").read_text(encoding="utf-8")),
        "other_second": nlu_texts(ROOT / "data" / "nlu" / "other_language.yml"),
        "de_en_texts": [t for texts in (*train.values(), *held_out.values()) for t in texts]
        + project_texts(),
    }
    timed = [t for texts in held_out.values() for t in texts]
    failures: list[str] = []
    for name, identifier in identifiers(model, detector).items():
        result = measure(identifier, data)
        mean, p95 = timing(identifier, timed, args.rounds)
        (ok, n), (rec, m), (nam, k), (real, r), (fo, f) = (
            result["same"],
            result["other"],
            result["named"],
            result["real"],
            result["false_other"],
        )
        print(f"\n{name}")
        print(f"  German/English, held-out, >= {MIN_WORDS} words: {ok}/{n} = {ok / n:.1%}")
        print(f"  other languages recognised: {rec}/{m} = {rec / m:.1%} ({len(data['other'])} languages)")
        print(f"  named right ({', '.join(NAMED)}): {nam}/{k}")
        sec, z = result["other_second"]
        print(f"  other languages, second table (data/nlu/other_language.yml): {sec}/{z}")
        print(f"  real inputs as expected: {real}/{r}")
        print(f"  German/English texts taken for another language: {fo}/{f}")
        print(f"  time per message: mean {mean:.3f} ms, p95 {p95:.3f} ms")
        if args.verbose:
            for miss in (*result["same_wrong"], *result["other_missed"], *result["real_wrong"]):
                print(f"    miss: {miss}")
            for text in result["false_other_texts"]:
                print(f"    taken for another language: {text}")
        if name.endswith("(now)"):
            if ok / n < SAME_LANGUAGE_BAR:
                failures.append(f"German/English {ok / n:.1%} < {SAME_LANGUAGE_BAR:.0%}")
            if rec / m < OTHER_BAR:
                failures.append(f"other languages {rec / m:.1%} < {OTHER_BAR:.0%}")
            if fo:
                failures.append(f"{fo} German or English texts taken for another language")
    for failure in failures:
        print(f"target missed: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
