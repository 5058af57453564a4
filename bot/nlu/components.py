"""Rasa 3.6 graph components: the tokeniser, the language identifier, the rule-based entity extractor
and the language switch.

config.yml names them by path (`bot.nlu.components.KiezTokenizer`, …); train and run Rasa from the
repository root with `PYTHONPATH=.` so `bot` and `programmes` import.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK_INTENT
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.commands import bare_command, takes_leave
from bot.nlu.control_cues import lacks_cue
from bot.nlu.extractor import EntityFinder
from bot.nlu.language_choice import language_to_switch_to, unspoken_language_named
from bot.nlu.language_id import OTHER, LanguageModel, OtherLanguageDetector, identify
from bot.nlu.polarity import polarity_intent
from bot.nlu.programme_questions import question_intent
from bot.nlu.term_questions import TERM_INTENT, demote_term_intent, term_intent
from bot.nlu.text import tokenize
from programmes.glossary import find_terms, glossary
from programmes.rules import is_closed

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_GUESS = "language_guess"
LANGUAGES = ("de", "en")
OTHER_LANGUAGE_INTENT = "other_language"
# Intents of a message asking for a language ("Sprechen Sie Türkisch?", "Do you speak Arabic?").
ASKING_FOR_A_LANGUAGE = frozenset({"change_language", OTHER_LANGUAGE_INTENT})


class RuleComponent(GraphComponent):
    """A component built from its config alone: nothing to train, nothing to load."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self._config = config or {}

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleComponent:
        return cls(config)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class KiezTokenizer(Tokenizer):
    """Keeps "Friedrichshain-Kreuzberg", "e.V.", "gGmbH" and e-mail addresses whole.

    Splits "5.000€" into "5.000" and "€"; see bot/nlu/text.py."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent_tokenization_flag": False, "intent_split_symbol": "_", "token_pattern": None}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KiezTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = [Token(piece.text, piece.start) for piece in tokenize(message.get(attribute) or "")]
        return self._apply_token_pattern(tokens)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LanguageIdentifier(GraphComponent):
    """Sets `language_guess` on every message (bot/nlu/language_id.py):
    {"language": "de"|"en"|"other", "confidence": float, "words": int, "detected": "tr"|… (other only)}.

    German or English: trained on the files under data/nlu/de and data/nlu/en (the folder says the
    language). Another language: lingua, whose models are loaded with the trained model, not on the
    first message of a conversation.
    """

    MODEL_FILE = "language_model.json"

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"data_dirs": {language: f"data/nlu/{language}" for language in LANGUAGES}}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LanguageModel | None = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._detector: OtherLanguageDetector | None = None

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        return cls(config, model_storage, resource)

    def _examples(self) -> dict[str, list[str]]:
        examples: dict[str, list[str]] = {}
        for language, directory in self._config["data_dirs"].items():
            path = Path(directory) if Path(directory).is_absolute() else ROOT / directory
            examples[language] = [
                m.get(TEXT) for m in load_data(str(path)).intent_examples if m.get(TEXT)
            ]
        return examples

    def train(self, training_data: TrainingData) -> Resource:
        self._model = LanguageModel.train(self._examples())
        with self._model_storage.write_to(self._resource) as directory:
            (directory / self.MODEL_FILE).write_text(json.dumps(self._model.to_dict()))
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageIdentifier:
        try:
            with model_storage.read_from(resource) as directory:
                data = json.loads((directory / cls.MODEL_FILE).read_text())
        except (ValueError, FileNotFoundError):
            logger.warning("No language model found; every message will be guessed as German.")
            data = None
        component = cls(config, model_storage, resource, LanguageModel.from_dict(data) if data else None)
        component._detector = OtherLanguageDetector.shared()
        return component

    def process(self, messages: list[Message]) -> list[Message]:
        if self._detector is None:
            self._detector = OtherLanguageDetector.shared()
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            guess = identify(text, self._model, self._detector)
            message.set(LANGUAGE_GUESS, guess.as_dict(), add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ControlIntentGuard(RuleComponent):
    """Takes `stop` or `correct_answer` only when the message has a word asking for it
    (bot/nlu/control_cues.py); otherwise the next intent of the ranking. A message that is nothing but a
    command ("Stopp bitte!", bot/nlu/commands.py) is that command. Place it between the intent classifier
    and the FallbackClassifier, which then judges the intent that is left."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            command = bare_command(text) or ("goodbye" if takes_leave(text) else None)
            if command and not text.startswith("/"):
                # "Stopp bitte!", "warum?", "English please": a message that is only a command is that
                # command, so the rules that carry it out are the ones that see it.
                message.set(INTENT, {"name": command, "confidence": 1.0}, add_to_output=True)
                others = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != command]
                message.set(
                    INTENT_RANKING_KEY,
                    [{"name": command, "confidence": 1.0}, *others],
                    add_to_output=True,
                )
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            kept = [entry for entry in ranking if not lacks_cue(entry.get("name"), text)]
            if not ranking or len(kept) == len(ranking):
                continue
            message.set(INTENT_RANKING_KEY, kept, add_to_output=True)
            if lacks_cue((message.get(INTENT) or {}).get("name"), text) and kept:
                best = {"name": kept[0]["name"], "confidence": kept[0]["confidence"]}
                message.set(INTENT, best, add_to_output=True)
        return messages


# The highest confidence an intent keeps when a guard has overruled it.
OVERRULED_CONFIDENCE = 0.5


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AlikeIntentsMerger(RuleComponent):
    """Intents that get the same answer count as one: when the two best intents of a message are of one
    group (config `groups`, e.g. `[[bot_challenge, ask_about_bot]]`, both answered by
    action_answer_about_bot, which reads the words itself), the best one takes both confidences. Without
    this, "wer hat dich eigentlich jebaut?" (0.49 / 0.46) is ambiguous for the FallbackClassifier and gets
    "nicht verstanden", although either reading gives the same answer. Place it last before the
    FallbackClassifier."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"groups": []}

    def process(self, messages: list[Message]) -> list[Message]:
        groups = [frozenset(group) for group in self._config.get("groups") or []]
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            if len(ranking) < 2:
                continue
            first, second = ranking[0], ranking[1]
            if not any({first.get("name"), second.get("name")} <= group for group in groups):
                continue
            merged = {
                "name": first["name"],
                "confidence": min(1.0, float(first["confidence"]) + float(second["confidence"])),
            }
            message.set(INTENT, merged, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [merged, *ranking[2:]], add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PolarityGuard(RuleComponent):
    """A short yes or no is affirm or deny, whatever the classifier thought (bot/nlu/polarity.py).

    "Ja, kein Problem" is a yes, "bitte keinen Entwurf" a no; the classifier alone read the first as deny
    and the second as a request to start the draft. Only messages that say yes or no and little else
    (at most three words beside it) are changed, and only away from intents that a yes or no can be
    mistaken for, so "nein, wir sind in Pankow" stays a correction. Place it after the intent classifier
    and before the FallbackClassifier; when the classifier is not sure of any intent (below
    UNSURE_CONFIDENCE, the FallbackClassifier's threshold), a plain yes or no corrects whatever it guessed.
    """

    UNSURE_CONFIDENCE = 0.55

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = message.get(INTENT) or {}
            unsure = float(found.get("confidence") or 0.0) < self.UNSURE_CONFIDENCE
            intent = polarity_intent(message.get(TEXT) or "", found.get("name"), unsure)
            if intent is None:
                continue
            # The guard is sure; the classifier's guesses stay in the ranking below it, never level with it
            # (the FallbackClassifier would call two intents at 1.0 ambiguous).
            others = [
                {**e, "confidence": min(float(e.get("confidence") or 0.0), OVERRULED_CONFIDENCE)}
                for e in message.get(INTENT_RANKING_KEY) or []
                if e.get("name") != intent
            ]
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            ranking = [{"name": intent, "confidence": 1.0}, *others]
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OtherLanguageGuard(RuleComponent):
    """A message in a language we do not speak is `other_language`, whatever the classifier thought, and
    so is a request for such a language ("Sprechen Sie Türkisch?", classified `change_language` or
    `other_language`): both get the answer naming the languages we speak. Otherwise the language
    identifier decides (bot/nlu/language_id.py): the classifier's `other_language` on a German or English
    message gives way to its next intent. Place it after the LanguageIdentifier and the intent classifier
    and before the FallbackClassifier, which then judges the intent that is left.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            ranking = message.get(INTENT_RANKING_KEY) or []
            kept = [entry for entry in ranking if entry.get("name") != OTHER_LANGUAGE_INTENT]
            other = (message.get(LANGUAGE_GUESS) or {}).get("language") == OTHER
            asks = intent in ASKING_FOR_A_LANGUAGE and unspoken_language_named(message.get(TEXT) or "")
            if other or asks:
                # The classifier's ranking says nothing about a message in a language it does not know;
                # kept, its runner-up would make the FallbackClassifier call the message ambiguous.
                best = {"name": OTHER_LANGUAGE_INTENT, "confidence": 1.0}
                message.set(INTENT, best, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [best], add_to_output=True)
                continue
            if len(kept) < len(ranking):
                message.set(INTENT_RANKING_KEY, kept, add_to_output=True)
            if intent == OTHER_LANGUAGE_INTENT and kept:
                best = {"name": kept[0]["name"], "confidence": kept[0]["confidence"]}
                message.set(INTENT, best, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TermQuestionGuard(RuleComponent):
    """A question about what a word means is `ask_term` (bot/nlu/term_questions.py): "Was genau meinen Sie
    mit Rechtsform?" is explained, not taken for "why do you ask?" or an answer; an `ask_term` that names
    no glossary term but a programme gives way to the next intent. Place it after the OtherLanguageGuard
    and before the FallbackClassifier."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        super().__init__(config)
        glossary()  # its name index is built now (about 0.4 s), not on the first message

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            if intent == OTHER_LANGUAGE_INTENT:
                continue
            ranking = message.get(INTENT_RANKING_KEY) or []
            others = [e for e in ranking if e.get("name") != TERM_INTENT]
            if term_intent(text, intent):
                best = {"name": TERM_INTENT, "confidence": 1.0}
                message.set(INTENT, best, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [best, *others], add_to_output=True)
            elif demote_term_intent(text, intent) and others:
                message.set(INTENT, dict(others[0]), add_to_output=True)
                message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class KiezEntityExtractor(RuleComponent, EntityExtractorMixin):
    """Rule-based entities with normalised values (see bot/nlu/extractor.py).

    Place it after the intent classifiers: a draft field name ("die E-Mail ist falsch") only counts as
    `field` when the message is a correction, a why-question or a skip, and a glossary term
    (programmes/glossary.py) only counts as `term` in a question about a term (`ask_term`).
    """

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        super().__init__(config)
        # built now (about 0.3 s each), not on the first message of a conversation
        self._finders = {language: EntityFinder(language) for language in LANGUAGES}
        self.today: dt.date | None = None  # None: the real today; tests fix a date

    @staticmethod
    def _intent(message: Message) -> str | None:
        """The classified intent; the best real one when the fallback classifier took over."""
        ranking = [(message.get(INTENT) or {}).get("name")]
        ranking += [i.get("name") for i in message.get(INTENT_RANKING_KEY) or []]
        return next((name for name in ranking if name and name != FALLBACK_INTENT), None)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            language = (message.get(LANGUAGE_GUESS) or {}).get("language")
            finder = self._finders[language if language in LANGUAGES else "de"]
            intent = self._intent(message)
            found = [e.as_dict() for e in finder.find(text, today=self.today, intent=intent)]
            if intent == TERM_INTENT:
                # The words asked about ("Rechtsform", "co-financing"), by their glossary id.
                found += [
                    {"entity": "term", "start": m.start, "end": m.end, "value": m.term}
                    | {"confidence_entity": 1.0}
                    for m in find_terms(text)
                ]
            entities = self.add_extractor_name(found)
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ProgrammeQuestionGuard(RuleComponent):
    """A question that names a programme asks about it (bot/nlu/programme_questions.py): "Can our
    association in Wedding still apply for PEB?" is answered, not taken for the start of the guidance.
    Place it after the entity extractor, which finds the programme."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            named = [
                str(e.get("value"))
                for e in message.get(ENTITIES, [])
                if e.get("entity") == "programme" and not e.get("implied_by")
            ]
            intent = question_intent(
                message.get(TEXT) or "",
                (message.get(INTENT) or {}).get("name"),
                bool(named),
                ended=any(is_closed(programme) for programme in named),
            )
            if intent:
                message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageSwitch(RuleComponent, EntityExtractorMixin):
    """Leaves a `language` entity only on a message that changes the assistant's language.

    The `language` slot is mapped from this entity, so the decision (bot/nlu/language_choice.py)
    costs no action-server call per turn. Place it after the intent classifiers and the extractor:
    a language the user merely names ("kein Englisch") is dropped unless the intent asks to switch.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            entities = message.get(ENTITIES, [])
            named = [e for e in entities if e.get("entity") == "language"]
            kept = [e for e in entities if e.get("entity") != "language"]
            guess = message.get(LANGUAGE_GUESS) or {}
            chosen = language_to_switch_to(
                text,
                intent=(message.get(INTENT) or {}).get("name"),
                requested=named[0].get("value") if named else None,
                guessed=guess.get("language"),
                confidence=float(guess.get("confidence") or 0.0),
                words=guess.get("words"),
            )
            if chosen:
                switch: dict[str, Any] = {"entity": "language", "value": chosen}
                if named and named[0].get("value") == chosen:
                    switch.update(start=named[0]["start"], end=named[0]["end"])
                else:  # the whole message is the evidence, as with the other inferred entities
                    switch.update(start=0, end=len(text), implied_by=LANGUAGE_GUESS)
                kept += self.add_extractor_name([switch])
            message.set(ENTITIES, kept, add_to_output=True)
        return messages
