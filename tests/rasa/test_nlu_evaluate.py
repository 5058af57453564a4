"""The scoring of bot/evaluate_nlu.py (the model itself is evaluated by running the script)."""

from __future__ import annotations

import pytest

from bot.evaluate_nlu import entity_scores, macro_f1


def test_macro_f1_averages_over_the_gold_intents() -> None:
    f1, per_intent = macro_f1(["greet", "greet", "deny"], ["greet", "deny", "deny"])
    assert per_intent == pytest.approx({"greet": 2 / 3, "deny": 2 / 3})
    assert f1 == pytest.approx(2 / 3)


def test_a_fallback_counts_as_a_miss() -> None:
    f1, _ = macro_f1(["greet", "deny"], ["nlu_fallback", "deny"])
    assert f1 == pytest.approx((0 + 1) / 2)


def test_entities_need_type_span_and_value_and_implied_ones_are_not_scored() -> None:
    gold = [{"entity": "district", "start": 0, "end": 9, "value": "Friedrichshain-Kreuzberg"}]
    predicted = [
        {"entity": "district", "start": 0, "end": 9, "value": "Friedrichshain-Kreuzberg"},
        {"entity": "state", "start": 0, "end": 9, "value": "BE", "implied_by": "district"},
        {"entity": "amount", "start": 12, "end": 14, "value": "5"},
    ]
    scores = entity_scores([(gold, predicted)])
    assert scores["district"]["f1"] == 1.0
    assert "state" not in scores
    assert scores["amount"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}


def test_a_wrong_value_is_a_miss() -> None:
    gold = [{"entity": "amount", "start": 0, "end": 5, "value": "5000"}]
    scores = entity_scores([(gold, [{"entity": "amount", "start": 0, "end": 5, "value": "5"}])])
    assert scores["amount"]["f1"] == 0.0
    assert scores["amount"]["support"] == 1
