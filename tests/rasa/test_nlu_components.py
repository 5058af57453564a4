"""The Rasa graph components in bot/nlu/components.py, driven the way Rasa drives them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components import AlikeIntentsMerger, KiezEntityExtractor, KiezTokenizer, LanguageIdentifier


@pytest.fixture
def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def test_tokenizer_keeps_names_and_legal_forms(storage: LocalModelStorage, context: ExecutionContext) -> None:
    tokenizer = KiezTokenizer.create(KiezTokenizer.get_default_config(), storage, Resource("tok"), context)
    message = Message({TEXT: "Wir sind ein e.V. in Friedrichshain-Kreuzberg mit 5.000€"})
    tokenizer.process([message])
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert [t.text for t in tokens] == ["Wir", "sind", "ein", "e.V.", "in", "Friedrichshain-Kreuzberg", "mit",
                                        "5.000", "€"]
    assert [t.start for t in tokens][-2:] == [50, 55]


def _language_identifier(tmp_path: Path, storage: LocalModelStorage, context: ExecutionContext) -> LanguageIdentifier:
    for language, lines in {
        "de": ["Wir suchen eine Förderung für unseren Verein", "Wie viel Geld gibt es?", "Danke schön"],
        "en": ["We are looking for funding for our association", "How much money is there?", "Thank you"],
    }.items():
        folder = tmp_path / language
        folder.mkdir()
        examples = "\n".join(f"      - {line}" for line in lines)
        (folder / "nlu.yml").write_text(f'version: "3.1"\nnlu:\n  - intent: x\n    examples: |\n{examples}\n')
    config = {"data_dirs": {language: str(tmp_path / language) for language in ("de", "en")}}
    resource = Resource("language")
    LanguageIdentifier.create(config, storage, resource, context).train(TrainingData())
    return LanguageIdentifier.load(config, storage, resource, context)


def test_language_identifier_trains_persists_and_sets_language_guess(
    tmp_path: Path, storage: LocalModelStorage, context: ExecutionContext
) -> None:
    identifier = _language_identifier(tmp_path, storage, context)
    german, english = Message({TEXT: "Wir möchten eine Förderung für den Verein"}), Message({TEXT: "We would like funding"})
    identifier.process([german, english])
    assert german.get("language_guess")["language"] == "de"
    assert english.get("language_guess")["language"] == "en"
    assert "language_guess" in german.as_dict(only_output_properties=True)


def test_language_identifier_without_a_model_guesses_german_weakly(
    storage: LocalModelStorage, context: ExecutionContext
) -> None:
    identifier = LanguageIdentifier.load({"data_dirs": {}}, storage, Resource("missing"), context)
    message = Message({TEXT: "hello"})
    identifier.process([message])
    assert message.get("language_guess") == {"language": "de", "confidence": 0.5, "words": 1}


def test_language_identifier_marks_a_message_in_another_language_and_names_it(
    tmp_path: Path, storage: LocalModelStorage, context: ExecutionContext
) -> None:
    identifier = _language_identifier(tmp_path, storage, context)
    turkish = Message({TEXT: "Merhaba, Neukölln'de küçük bir derneğiz ve destek arıyoruz."})
    name = Message({TEXT: "Ich heiße Ayşe Yılmaz"})
    identifier.process([turkish, name])
    assert turkish.get("language_guess")["language"] == "other"
    assert turkish.get("language_guess")["detected"] == "tr"
    assert name.get("language_guess")["language"] != "other"  # a Turkish name in a German sentence


def _extract(text: str, intent: str, language: str = "de", fallback: bool = False) -> list[dict]:
    extractor = KiezEntityExtractor({})
    extractor.today = dt.date(2026, 11, 22)
    ranking = [{"name": intent, "confidence": 0.4}]
    if fallback:
        ranking.insert(0, {"name": "nlu_fallback", "confidence": 0.55})
    message = Message({TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking,
                       "language_guess": {"language": language, "confidence": 0.9}})
    extractor.process([message])
    return message.get(ENTITIES)


def test_extractor_adds_normalised_entities_with_its_name() -> None:
    entities = _extract("Wir sind ein Startup in Kreuzberg und brauchen 5k ab März 2027", "describe_project", "en")
    explicit = [(e["entity"], e["value"]) for e in entities if "implied_by" not in e]
    assert explicit == [("organisation_type", "startup"), ("district", "Friedrichshain-Kreuzberg"),
                        ("amount", "5000"), ("date", "2027-03-01")]
    assert {e["extractor"] for e in entities} == {"KiezEntityExtractor"}
    assert ("state", "BE", "district") in {(e["entity"], e["value"], e.get("implied_by")) for e in entities}


def test_extractor_reads_the_field_of_a_correction_even_after_the_fallback() -> None:
    entities = _extract("die E-Mail ist falsch", "correct_answer", fallback=True)
    assert [(e["entity"], e["value"]) for e in entities] == [("field", "contact_email")]
    assert _extract("die E-Mail schicke ich später", "inform") == []


def _ranked(text: str, ranking: list[tuple[str, float]]) -> Message:
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    return Message({TEXT: text, INTENT: entries[0], INTENT_RANKING_KEY: entries})


def test_intents_answered_alike_count_as_one_before_the_fallback_judges_them() -> None:
    merger = AlikeIntentsMerger({"groups": [["bot_challenge", "ask_about_bot"]]})
    ranking = [("bot_challenge", 0.49), ("ask_about_bot", 0.46), ("greet", 0.05)]
    message = _ranked("wer hat dich eigentlich jebaut?", ranking)
    merger.process([message])
    assert message.get(INTENT) == {"name": "bot_challenge", "confidence": pytest.approx(0.95)}
    assert [e["name"] for e in message.get(INTENT_RANKING_KEY)] == ["bot_challenge", "greet"]


def test_intents_of_different_answers_stay_apart() -> None:
    merger = AlikeIntentsMerger({"groups": [["bot_challenge", "ask_about_bot"]]})
    message = _ranked("wer?", [("bot_challenge", 0.49), ("ask_programme_contact", 0.46)])
    merger.process([message])
    assert message.get(INTENT) == {"name": "bot_challenge", "confidence": 0.49}
    assert len(message.get(INTENT_RANKING_KEY)) == 2
