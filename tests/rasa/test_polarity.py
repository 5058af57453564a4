"""The one yes/no reader: idioms, negated negatives and dialect in German and English; unsure is asked back."""

from __future__ import annotations

import pytest

from bot.nlu.polarity import NO, UNSURE, YES, polarity, polarity_intent


@pytest.mark.parametrize(
    "text",
    ["Ja, kein Problem", "Yes, no problem", "ja", "Jo, passt", "passt schon", "alles gut", "klar doch", "gern",
     "Gerne!", "jaaa", "jut", "nichts zu ändern", "Nothing to change", "no worries", "sure thing", "yep",
     "Yes please", "of course", "👍", "✅ passt", "warum nicht", "I don't mind", "Na klar, speichern Sie das",
     "Alles richtig, danke", "ok", "Okay!", "stimmt so", "einverstanden", "that's fine", "sounds good",
     "Ja, das stimmt alles", "kein Ding", "no objections", "keine Einwände"],
)
def test_yes_in_its_many_forms(text: str) -> None:
    assert polarity(text).value == YES


@pytest.mark.parametrize(
    "text",
    ["nein", "nö", "nee, lass mal", "lieber nicht", "No thanks", "no thank you", "nah", "nope", "👎",
     "auf keinen Fall", "rather not", "bitte keinen Entwurf", "no draft please", "Nein danke", "passt nicht",
     "das passt nicht", "stimmt nicht", "not now", "Definitely not", "noch nicht", "nicht speichern"],
)
def test_no_in_its_many_forms(text: str) -> None:
    assert polarity(text).value == NO


@pytest.mark.parametrize(
    "text", ["weiß nicht", "hmm", "vielleicht", "not sure", "I don't know", "ja, aber nein", "jein", "maybe later",
             "Ich bin mir nicht sicher", "👍👎"],
)
def test_unsure_or_both_is_asked_back(text: str) -> None:
    assert polarity(text).value == UNSURE


@pytest.mark.parametrize("text", ["Kochen verbindet", "Stop and Go Werkstatt", "anna@example.org", "1. März 2027",
                                  "Nordstadt", "Hilfe zur Selbsthilfe"])
def test_answers_without_yes_or_no_say_neither(text: str) -> None:
    assert polarity(text).value is None


def test_the_rest_shows_what_else_the_message_says() -> None:
    assert polarity("nein, wir sind in Pankow").rest == ("wir", "sind", "in", "pankow")
    assert polarity("Ja, danke!").rest == ()
    assert polarity("no draft please").rest == ("draft",)


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("Ja, kein Problem", "deny", "affirm"), ("Yes, no problem", "deny", "affirm"),
     ("bitte keinen Entwurf", "start_application", "deny"), ("no draft please", "start_application", "deny"),
     ("nee danke, erstmal keinen Entwurf. Wir melden uns beim Bezirk.", "start_application", "deny"),
     ("I don't want to apply yet, just looking", "start_application", "deny"),
     ("nein, wir sind in Pankow", "correct_answer", None), ("Nein stopp", "stop", None), ("ja", "affirm", None),
     ("Ja, lass uns den Antrag für LSI stellen", "start_application", None),
     # nothing but yes or no, whatever the classifier thought; a question or a request keeps its intent
     ("Na logo, machen wir!", "ask_programme_apply", "affirm"), ("Warum nicht?", "ask_programme_who", None),
     ("lass es", "stop", None), ("Wie viel?", "ask_programme_amount", None)],
)
def test_the_guard_turns_a_plain_yes_or_no_into_affirm_or_deny(text: str, intent: str, expected: str | None) -> None:
    assert polarity_intent(text, intent) == expected


def test_a_no_with_a_place_is_more_than_a_no() -> None:
    assert polarity_intent("nein, Pankow", "inform") is None
    assert polarity_intent("oh wait, not Neukölln but Wedding", "inform") is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [("no thanks, not yet - we'll talk to the district first", "correct_answer"),
     ("Nein danke, wir sprechen erst mit dem Bezirk", "inform"),
     ("noch nicht, wir reden erstmal mit dem Bündnis in Neukölln", "correct_answer"),
     ("not yet, we need to ask our board", "describe_project")],
)
def test_a_message_opening_with_a_decline_declines_whatever_reason_follows(text: str, intent: str) -> None:
    assert polarity_intent(text, intent) == "deny"


def test_a_correction_is_no_decline() -> None:
    assert polarity_intent("nein, wir sind in Pankow", "correct_answer") is None
    assert polarity_intent("no, 15,000 euros", "inform") is None


@pytest.mark.parametrize(
    ("text", "intent", "unsure", "expected"),
    [("By all means, let's get started.", "ask_term", False, "affirm"),
     ("Wonderful. Shall we begin then?", "ask_programme_deadline", True, "affirm"),
     ("Wonderful. Shall we begin then?", "change_language", False, None),
     ("Now everything is in order.", "ask_programme_who", False, "affirm"),
     ("Who may apply for LSI?", "ask_programme_who", True, None),
     ("What does legal form mean?", "ask_term", True, None),
     ("I don't see why not.", "inform", False, "affirm")],
)
def test_a_plain_yes_is_no_question_about_a_word_and_corrects_an_unsure_guess(
    text: str, intent: str, unsure: bool, expected: str | None
) -> None:
    assert polarity_intent(text, intent, unsure) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Ja bitte, Mikroprojekt.", "affirm"), ("yes, a model project", "affirm"), ("ja, Typ A", "affirm"),
     ("Ja, in Neukölln", None), ("nein, Modellprojekt", None)],
)
def test_a_yes_that_names_the_project_type_is_a_yes(text: str, expected: str | None) -> None:
    assert polarity_intent(text, "inform") == expected


def test_the_guard_puts_its_intent_clearly_above_the_one_it_overrules() -> None:
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu.components import PolarityGuard

    ranking = [{"name": "inform", "confidence": 1.0}, {"name": "affirm", "confidence": 0.0}]
    message = Message({TEXT: "Ja bitte, Mikroprojekt.", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    PolarityGuard().process([message])
    first, second = message.get(INTENT_RANKING_KEY)[:2]
    assert first == {"name": "affirm", "confidence": 1.0} and second["confidence"] <= 0.5
