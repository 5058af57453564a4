"""Language identification: multinomial naive Bayes over character n-grams, trained on our own NLU data.

Short, shared words ("ok", "LSI") give a confidence near 0.5, so the dialogue can ignore weak guesses.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NGRAM_SIZES = (1, 2, 3, 4)


def ngrams(text: str) -> Counter[str]:
    padded = f" {' '.join(text.lower().split())} "
    return Counter(padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1))


@dataclass
class LanguageModel:
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

    def probabilities(self, text: str) -> dict[str, float]:
        """P(language | text) for each language; equal when the text has nothing to go on."""
        features = ngrams(text)
        vocabulary = len({gram for counts in self.counts.values() for gram in counts}) or 1
        all_documents = sum(self.documents.values()) or 1
        scores: dict[str, float] = {}
        for language, counts in self.counts.items():
            denominator = self.totals[language] + vocabulary
            score = math.log(self.documents[language] / all_documents)
            for gram, times in features.items():
                score += times * math.log((counts.get(gram, 0) + 1) / denominator)
            scores[language] = score
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
