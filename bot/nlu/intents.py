"""Groups of intents that several parts of the dialogue treat alike (names from domain/nlu.yml)."""

from __future__ import annotations

# A question about one of the programmes: answered by action_answer_programme_question, never an answer to
# a form's question, whatever entities it carries.
PROGRAMME_QUESTIONS = frozenset(
    {
        "ask_programme_what",
        "ask_programme_who",
        "ask_programme_amount",
        "ask_programme_duration",
        "ask_programme_deadline",
        "ask_programme_apply",
        "ask_programme_contact",
    }
)
