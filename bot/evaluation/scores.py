"""Intent scores from gold and predicted labels: precision, recall and F1 per intent; the confusion matrix.

Pure functions over lists of intent names, so the report and its tests need no model.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class IntentScore:
    """One intent's scores (0..1) over a test set; `support` is how many test messages carry it."""

    precision: float
    recall: float
    f1: float
    support: int

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.support}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def intent_scores(gold: list[str], predicted: list[str]) -> dict[str, IntentScore]:
    """Scores for every intent of the gold labels, alphabetically. A prediction of a label outside the
    gold set (e.g. `nlu_fallback`) counts as a miss of the gold intent and as nobody's false positive.

    Raises ValueError when the lists differ in length."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    pairs = Counter(zip(gold, predicted, strict=True))
    support = Counter(gold)
    predicted_count = Counter(predicted)
    scores: dict[str, IntentScore] = {}
    for label in sorted(support):
        tp = pairs[(label, label)]
        precision = tp / predicted_count[label] if predicted_count[label] else 0.0
        recall = tp / support[label]
        scores[label] = IntentScore(precision, recall, _f1(precision, recall), support[label])
    return scores


def macro_f1(scores: dict[str, IntentScore]) -> float:
    """The unweighted mean F1 over the intents (0..1); 0.0 for no intents."""
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def confusion_matrix(gold: list[str], predicted: list[str]) -> tuple[list[str], list[list[int]]]:
    """(labels, counts): counts[i][j] is how many messages of labels[i] were predicted as labels[j].
    Labels are the gold intents alphabetically, then predicted-only labels (such as `nlu_fallback`)."""
    gold_labels = sorted(set(gold))
    labels = gold_labels + sorted(set(predicted) - set(gold_labels))
    index = {label: i for i, label in enumerate(labels)}
    counts = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        counts[index[g]][index[p]] += 1
    return labels, counts


def entity_macro_f1(entities: dict[str, dict[str, float]]) -> float:
    """Mean F1 over entity types that occur in the gold annotations (support > 0); 0.0 if none do."""
    scored = [score["f1"] for score in entities.values() if score["support"]]
    return sum(scored) / len(scored) if scored else 0.0
