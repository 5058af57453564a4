"""What one message means for the draft question just asked (actions/draft/turn.py) and what a correction
changes (actions/draft/corrections.py): answers, requests, ask-backs, several facts at once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from actions.draft import turn
from actions.draft.corrections import parse_correction
from actions.draft.questions import draft_fields

TODAY = dt.date(2026, 11, 22)
LSI_A = {"programme": "lsi", "lsi_type": "A", "organisation_type": "association"}


@pytest.fixture(autouse=True)
def _pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


def entity(name: str, value: Any, text: str = "", start: int | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"entity": name, "value": value}
    if start is not None:
        found.update(start=start, end=start + len(text))
    return found


def decide(field: str, text: str, intent: str = "inform", entities: list[dict[str, Any]] | None = None,
           slots: dict[str, Any] | None = None, pending: dict[str, Any] | None = None) -> turn.Decision:
    latest = {"text": text, "intent": {"name": intent}, "entities": entities or []}
    return turn.decide(field, latest, {**LSI_A, **(slots or {})}, "de", TODAY, pending)


@pytest.mark.parametrize(
    ("field", "text", "intent"),
    [
        ("project_title", "Stop and Go Werkstatt", "stop"),
        ("project_title", "Raus aus der Einsamkeit", "stop"),
        ("project_title", "Hilfe zur Selbsthilfe", "ask_capabilities"),
        ("project_title", "Hallo Nachbar", "greet"),
        ("project_title", "Skip the Line", "skip"),
        ("organisation_name", "Helping Hands Neighbourhood", "request_human"),
        ("project_title", "Wer kocht mit?", "inform"),
    ],
)
def test_a_free_text_answer_that_looks_like_a_request_is_asked_back_once(field: str, text: str, intent: str) -> None:
    decision = decide(field, text, intent)
    assert isinstance(decision, turn.Clarify) and decision.kind == "answer" and decision.value == text


@pytest.mark.parametrize(
    ("text", "intent"),
    [("Stopp bitte!", "stop"), ("warum?", "ask_why_needed"), ("hilfe", "ask_capabilities"),
     ("English please", "change_language"), ("überspringen", "skip"), ("Was meinen Sie damit?", "ask_why_needed")],
)
def test_a_bare_request_is_left_to_the_rules(text: str, intent: str) -> None:
    assert isinstance(decide("project_title", text, intent), turn.Reject)


def test_a_free_text_answer_is_the_answer_and_a_legal_form_settles_an_organisation_name() -> None:
    decision = decide("project_title", "Kochen verbindet")
    assert decision == turn.Answer({"project_title": "Kochen verbindet"})
    decision = decide("organisation_name", "Stop Hunger gUG", "stop", slots={"organisation_type": None})
    assert isinstance(decision, turn.Answer)
    assert decision.updates["organisation_name"] == "Stop Hunger gUG"
    # A gUG may be a social enterprise or a training provider: the form asks rather than guesses.
    assert decision.updates["legal_form"] == "gUG (haftungsbeschränkt)" and "organisation_type" not in decision.updates
    named = decide("organisation_name", "Kiezküche Neukölln e.V.", slots={"organisation_type": None})
    assert isinstance(named, turn.Answer) and named.updates["organisation_type"] == "association"


def test_after_the_ask_back_yes_takes_the_answer_no_asks_again_and_a_request_is_carried_out() -> None:
    pending = {"field": "project_title", "kind": "answer", "value": "Stop and Go Werkstatt"}
    assert decide("project_title", "/affirm", "affirm", pending=pending) == turn.Answer(
        {"project_title": "Stop and Go Werkstatt"})
    assert decide("project_title", "ja, genau", "affirm", pending=pending) == turn.Answer(
        {"project_title": "Stop and Go Werkstatt"})
    assert decide("project_title", "nee", "deny", pending=pending) == turn.Retry(None)
    assert decide("project_title", "/stop", "stop", pending=pending) == turn.Reject("stop")
    assert decide("project_title", "Kochen verbindet", pending=pending) == turn.Answer(
        {"project_title": "Kochen verbindet"})


@pytest.mark.parametrize(
    ("text", "intent", "value"),
    [("Ja, kein Problem", "deny", True), ("Yes, no problem", "deny", True), ("passt schon", "inform", True),
     ("nichts zu ändern", "deny", True), ("👍", "affirm", True), ("nö", "deny", False),
     ("lieber nicht", "deny", False), ("no thanks", "deny", False), ("/affirm", "affirm", True)],
)
def test_consent_reads_idioms_as_people_mean_them(text: str, intent: str, value: bool) -> None:
    assert decide("draft_consent", text, intent) == turn.Answer({"draft_consent": value})


@pytest.mark.parametrize("text", ["hmm", "weiß nicht", "vielleicht", "ja aber nein", "Kochen verbindet"])
def test_consent_without_a_clear_yes_or_no_is_asked_back_never_guessed(text: str) -> None:
    assert decide("draft_consent", text, "inform") == turn.Clarify("draft_consent", "yes_no")


def test_a_question_or_correction_at_check_your_answers_goes_to_the_rules() -> None:
    question = [entity("programme", "biwaq", "BIWAQ", 33)]
    assert decide("draft_confirmed", "Wie viel gibt es eigentlich bei BIWAQ?", "ask_programme_amount",
                  question) == turn.Reject("ask_programme_amount")
    assert decide("draft_confirmed", "Organisation ändern", "correct_answer") == turn.Reject("correct_answer")
    assert decide("draft_confirmed", "Nein, die E-Mail ist falsch", "correct_answer") == turn.Reject("correct_answer")


def test_a_question_at_a_structured_question_changes_nothing() -> None:
    decision = decide("start_date", "Darf ein Entwicklungsprojekt bei LSI auch 12 Monate laufen?",
                      "ask_programme_duration", [entity("duration", "12", "12 Monate", 40)])
    assert decision == turn.Reject("ask_programme_duration")


def test_several_facts_in_one_answer_fill_their_open_fields() -> None:
    text = "Mara Beispiel, mara.beispiel@example.org, Tel. 030 1234567"
    found = [entity("email", "mara.beispiel@example.org", "mara.beispiel@example.org", 15),
             entity("phone", "0301234567", "030 1234567", 47)]
    decision = decide("contact_name", text, entities=found)
    assert decision == turn.Answer(
        {"contact_name": "Mara Beispiel"},
        {"contact_email": "mara.beispiel@example.org", "contact_phone": "030 1234567"},
    )


@pytest.mark.parametrize(
    ("field", "text", "total", "requested"),
    [
        ("total_budget_eur", "ok, everything together is 18,000 - we'd get 16,000 from you and pay 2,000 ourselves",
         "18000", "16000"),
        ("total_budget_eur", "Gesamtkosten 280.000, beantragt werden auch 280.000, volle Förderung.", "280000",
         "280000"),
        ("requested_amount_eur", "18.000 gesamt, 2.000 Eigenanteil, 16.000 beantragt", "18000", "16000"),
        ("total_budget_eur", "Roughly two hundred and sixty thousand in total, of which we'd request the two "
         "hundred and fifty thousand I mentioned.", "260000", "250000"),
    ],
)
def test_an_answer_naming_both_amounts_fills_both_and_the_own_share_neither(
    field: str, text: str, total: str, requested: str
) -> None:
    decision = decide(field, text, slots={"lsi_type": "C", "programme": "lsi"})
    assert isinstance(decision, turn.Answer)
    assert {**decision.updates, **decision.side} == {"total_budget_eur": total, "requested_amount_eur": requested}


@pytest.mark.parametrize("text", ["is that important? ok yes use it", "Hm, muss das sein? Na gut, ja.",
                                  "Yes, that will do for now.", "Absolutely."])
def test_a_yes_at_the_end_of_a_message_takes_the_offered_value(text: str) -> None:
    offered = {"field": "project_summary", "kind": "offered", "value": "Ein Kochtreff für Alleinerziehende in Neukölln."}
    decision = decide("project_summary", text, pending=offered)
    assert decision == turn.Answer({"project_summary": "Ein Kochtreff für Alleinerziehende in Neukölln."})


@pytest.mark.parametrize(
    ("field", "text"),
    [("project_title", "Do you mean the name of the project? Is that important already? We don't have one yet."),
     ("legal_form", "Muss das sein?"), ("project_summary", "what do you mean, didn't I just describe it?")],
)
def test_a_question_about_the_question_is_answered_with_its_reason_not_taken_as_the_answer(field: str, text: str) -> None:
    assert decide(field, text, intent="nlu_fallback") == turn.Explain(field)


def test_no_such_answer_or_leave_it_open_leaves_the_question_open_and_keeps_what_came_with_it() -> None:
    text = "i dont have email. only telefon 030 3331234"
    found = [entity("phone", "0303331234", "030 3331234", text.index("030"))]
    assert decide("contact_email", text, intent="nlu_fallback", entities=found) == turn.Defer(
        "contact_email", {"contact_phone": "030 3331234"})
    assert decide("start_date", "please leave it open for now", intent="nlu_fallback") == turn.Defer("start_date")
    assert decide("contact_phone", "haben wir keins") == turn.Skip("contact_phone")
    # A phone number given earlier is corrected, not taken on the side
    assert decide("contact_email", text, entities=found, slots={"contact_phone": "030 1111111"}) == turn.Correct()


def test_all_of_it_asks_for_the_whole_budget() -> None:
    decision = decide("requested_amount_eur", "all of it", intent="affirm", slots={"total_budget_eur": "19500"})
    assert decision == turn.Answer({"requested_amount_eur": "19500"})


def test_an_organisation_answer_that_names_its_contact_person_fills_both() -> None:
    text = "Nadel & Faden Rixdorf e.V., ich bin die Vorsitzende, Gül Aksoy, erreichbar unter gul@nadelfaden.de"
    found = [entity("email", "gul@nadelfaden.de", "gul@nadelfaden.de", text.index("gul@"))]
    decision = decide("organisation_name", text, entities=found, slots={"organisation_type": None})
    assert decision == turn.Answer(
        {"organisation_name": "Nadel & Faden Rixdorf e.V.", "legal_form": "e.V.", "organisation_type": "association"},
        {"contact_email": "gul@nadelfaden.de", "contact_name": "Gül Aksoy"},
    )
    assert turn.contact_beside("Bezirksamt Lichtenberg, Wirtschaftsförderung. Contact is Mr Jonas Weber") == (
        "Bezirksamt Lichtenberg, Wirtschaftsförderung", "Jonas Weber")
    assert turn.contact_beside("Kontakt Kiez e.V.") is None
    assert turn.contact_beside("Wir sind der Verein Kontakt Kiez e.V.") is None


def test_a_date_with_a_duration_beside_it_fills_both_but_a_name_gives_no_place() -> None:
    text = "ab 1. März 2027 für 6 Monate"
    found = [entity("date", "2027-03-01", "1. März 2027", 3), entity("duration", "6", "6 Monate", 21)]
    decision = decide("start_date", text, entities=found, slots={"lsi_type": "A"})
    assert isinstance(decision, turn.Answer)
    assert decision.updates == {"start_date": "2027-03-01"} and decision.side == {"duration_months": "6"}
    named = decide("organisation_name", "Kiezküche Neukölln e.V.", entities=[entity("district", "Neukölln", "Neukölln", 10)])
    assert isinstance(named, turn.Answer) and "district" not in named.side


def test_no_to_an_optional_question_skips_it_and_an_unusable_answer_is_retried() -> None:
    assert decide("contact_phone", "nein", "deny") == turn.Skip("contact_phone")
    assert decide("contact_phone", "nah", "deny") == turn.Skip("contact_phone")
    retry = decide("contact_email", "anna@kiez", "inform")
    assert isinstance(retry, turn.Retry) and retry.error is not None and retry.error.key == "invalid_email"


def test_leaving_a_required_answer_open_after_the_offer() -> None:
    pending = {"field": "total_budget_eur", "kind": "defer", "value": None}
    assert decide("total_budget_eur", "/skip", "skip", pending=pending) == turn.Defer("total_budget_eur")
    assert decide("total_budget_eur", "ja, später", "affirm", pending=pending) == turn.Defer("total_budget_eur")
    assert decide("total_budget_eur", "18.000 €", "inform", [entity("amount", "18000")], pending=pending) == turn.Answer(
        {"total_budget_eur": "18000"})


def test_choosing_a_programme_the_applicant_may_not_apply_for_says_why() -> None:
    decision = decide("programme", "BIWAQ", entities=[entity("programme", "biwaq")], slots={"programme": None})
    assert isinstance(decision, turn.Retry) and decision.error is not None
    assert decision.error.key == "programme_not_eligible" and "LSI" in decision.error.values["alternatives"]


@pytest.mark.parametrize("text", ["ja", "Neukölln", "yes"])
def test_yes_or_a_bare_district_is_no_applying_municipality(text: str) -> None:
    decision = decide("municipality", text, slots={"programme": "biwaq", "organisation_type": "municipality"})
    assert isinstance(decision, (turn.Retry, turn.Clarify))
    if isinstance(decision, turn.Retry):
        assert decision.error is not None and decision.error.key in ("invalid_municipality", "district_is_no_municipality")


FIELDS = draft_fields({"programme": "lsi"})


@pytest.mark.parametrize(
    ("text", "entities", "field", "value"),
    [
        ("Ach nee, nicht Moabit, sondern Neukölln",
         [entity("district", "Mitte", "Moabit", 15), entity("district", "Neukölln", "Neukölln", 31)], "district", "Neukölln"),
        ("not Moabit but Neukölln",
         [entity("district", "Mitte", "Moabit", 4), entity("district", "Neukölln", "Neukölln", 15)], "district", "Neukölln"),
        ("Neukölln statt Moabit",
         [entity("district", "Neukölln", "Neukölln", 0), entity("district", "Mitte", "Moabit", 15)], "district", "Neukölln"),
        ("Moabit ist falsch, richtig ist Neukölln",
         [entity("district", "Mitte", "Moabit", 0), entity("district", "Neukölln", "Neukölln", 31)], "district", "Neukölln"),
        ("change the budget to 15.000 €",
         [entity("field", "total_budget_eur"), entity("amount", "15000", "15.000 €", 21)], "total_budget_eur", "15000"),
        ("Der Titel soll „Kochen für alle“ heißen", [entity("field", "project_title")], "project_title", "Kochen für alle"),
        ("Organisation ändern", [entity("field", "organisation_name")], "organisation_name", None),
        ("change e-mail", [entity("field", "contact_email")], "contact_email", None),
        # no amount entity in "12.000" without a currency: the named field's reader reads the new value
        ("ach, das Budget ist doch 12.000, nicht 14.000", [entity("field", "total_budget_eur", "Budget", 9)],
         "total_budget_eur", "doch 12.000"),
    ],
)
def test_corrections_take_the_new_value_never_the_rejected_one(
    text: str, entities: list[dict[str, Any]], field: str, value: Any
) -> None:
    correction = parse_correction(text, entities, FIELDS, LSI_A)
    assert (correction.field, correction.value) == (field, value)


def test_a_no_with_a_value_of_another_answer_is_a_correction_wherever_it_comes() -> None:
    found = [entity("district", "Neukölln", "Neukölln", 14), entity("district", "Mitte", "Wedding", 27)]
    answered = {"district": "Neukölln"}
    assert decide("draft_confirmed", "oh wait, not Neukölln but Wedding", "deny", found, answered) == turn.Correct()
    duration = [entity("duration", "6", "6 Monate", 21)]
    # In a free-text answer it may also be a title: asked back, with the change as one of the buttons.
    asked = decide("project_title", "nein, die Dauer ist 6 Monate", "deny", duration)
    assert isinstance(asked, turn.Clarify) and asked.alternative == "correct_answer"
    assert decide("draft_confirmed", "ja, passt", "affirm") == turn.Answer({"draft_confirmed": True})


def test_a_new_organisation_name_brings_its_legal_form_and_the_type_it_implies() -> None:
    from actions.draft import answers

    before = {"organisation_name": "Rad und Tat e.V.", "legal_form": "e.V.", "organisation_type": "association"}
    # The e.V. settled "association"; a gGmbH does not settle a type, so it is asked again.
    assert answers.check("organisation_name", "Rad und Tat gGmbH", before, "de", TODAY) == {
        "organisation_name": "Rad und Tat gGmbH", "legal_form": "gGmbH", "organisation_type": None}
    chosen = {**before, "organisation_type": "training_provider"}  # chosen, not implied: it stays
    assert answers.check("organisation_name", "Rad und Tat gGmbH", chosen, "de", TODAY) == {
        "organisation_name": "Rad und Tat gGmbH", "legal_form": "gGmbH"}


@pytest.mark.parametrize("name", ["Stefan Stopp", "Mark Jensen", "Hannah Lee", "Anna-Lena von Bülow", "A. Yilmaz"])
def test_a_person_s_name_at_the_contact_question_is_a_name_whatever_the_classifier_heard(name: str) -> None:
    for intent in ("stop", "request_human", "skip", "greet"):
        assert decide("contact_name", name, intent) == turn.Answer({"contact_name": name})


def test_a_contact_name_with_an_e_mail_and_no_phone_is_the_name() -> None:
    said = "Deniz Yilmaz, deniz@kiezjugend-fhain.de, no phone"
    found = [entity("email", "deniz@kiezjugend-fhain.de", "deniz@kiezjugend-fhain.de", 14)]
    decided = decide("contact_name", said, "inform", found)
    assert isinstance(decided, turn.Answer) and decided.updates == {"contact_name": "Deniz Yilmaz"}
    assert decided.side["contact_email"] == "deniz@kiezjugend-fhain.de"


@pytest.mark.parametrize(("said", "name"), [("Frau Petra Lindqvist", "Petra Lindqvist"), ("Mr. Ali Khan", "Ali Khan"),
                                          ("Herrmann Weber", "Herrmann Weber")])
def test_the_form_of_address_is_no_part_of_the_contact_name(said: str, name: str) -> None:
    assert decide("contact_name", said, "inform") == turn.Answer({"contact_name": name})


def test_the_same_answer_typed_again_after_the_ask_back_is_taken() -> None:
    pending = {"field": "project_title", "kind": "answer", "value": "Help for Helpers"}
    assert decide("project_title", "Help for Helpers", "ask_capabilities", pending=pending) == turn.Answer(
        {"project_title": "Help for Helpers"})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ok, dann red ick mit dem Bezirksamt. Danke!", "nlu_fallback"),
        ("ah ok, then forget it. thanks anyway", "thanks"),
        ("nee, dann lass ich das", "deny"),
        ("nein", "deny"),
    ],
)
def test_declining_at_the_programme_question_leaves_without_a_draft(text: str, intent: str) -> None:
    assert decide("programme", text, intent, slots={"programme": None}) == turn.Leave()


def test_naming_a_programme_or_asking_at_the_programme_question_is_no_leaving() -> None:
    lsi = [entity("programme", "lsi", "LSI", 18)]
    assert decide("programme", "nein, dann lieber LSI", "deny", lsi, slots={"programme": None}) != turn.Leave()
    assert decide("programme", "danke, und was gibt es sonst?", "thanks", slots={"programme": None}) != turn.Leave()


def test_beantragen_in_an_answer_is_no_request_for_a_new_draft() -> None:
    decided = decide("requested_amount_eur", "dann beantragen wir die ganzen 12.000", "start_application",
                     slots={"total_budget_eur": "12000"})
    assert isinstance(decided, turn.Answer) and decided.updates == {"requested_amount_eur": "12000"}


def test_no_idea_at_a_required_question_offers_help_and_to_leave_it_open() -> None:
    assert decide("total_budget_eur", "keene Ahnung, wat kostet denn sowat?", "ask_programme_amount") == (
        turn.OfferDefer("total_budget_eur"))
    assert decide("start_date", "weiß ich noch nicht", "deny") == turn.OfferDefer("start_date")


def test_a_change_of_mind_at_the_programme_question_keeps_the_project_type_it_names() -> None:
    found = [entity("programme", "lsi", "LSI", 43), entity("lsi_type", "A", "Typ A", 48)]
    decided = decide("programme", "ach so, das wusste ich nicht. dann lieber LSI, Typ A", "nlu_fallback", found,
                     slots={"programme": None, "lsi_type": None})
    assert isinstance(decided, turn.Answer)
    assert decided.updates["programme"] == "lsi" and decided.side == {"lsi_type": "A"}


@pytest.mark.parametrize(
    ("field", "entity", "value", "stored"),
    [
        ("district", "district", "Neukölln", "Neukölln"),
        ("legal_form", "legal_form", "UG (haftungsbeschränkt)", "UG (haftungsbeschränkt)"),
        ("legal_form", "legal_form", "ohne Rechtsform", "ohne Rechtsform"),
    ],
)
def test_a_button_of_a_closed_question_answers_it(field: str, entity: str, value: str, stored: str) -> None:
    payload = "/inform" + json.dumps({entity: value}, ensure_ascii=False, separators=(",", ":"))
    decided = decide(field, payload, "inform", [{"entity": entity, "value": value}],
                     slots={field: None, "organisation_type": None})
    assert isinstance(decided, turn.Answer) and decided.updates[field] == stored


def test_no_to_leaving_an_answer_open_asks_the_question_again() -> None:
    pending = {"field": "start_date", "kind": "defer", "value": None}
    assert decide("start_date", "/deny", "deny", pending=pending) == turn.Retry(None)
    assert decide("start_date", "nee, ich sag's gleich", "deny", pending=pending) == turn.Retry(None)
    assert decide("start_date", "ja, lass offen", "affirm", pending=pending) == turn.Defer("start_date")


def test_an_answer_that_also_changes_the_project_type_is_read_for_the_new_type() -> None:
    found = [entity("lsi_type", "A", "type A", 18), entity("duration", 12, "12 months", 31)]
    decided = decide("duration_months", "ok then make it type A, with 12 months", "inform", found,
                     slots={"lsi_type": "B", "duration_months": None})
    assert isinstance(decided, turn.Answer)
    assert decided.updates == {"duration_months": "12"} and decided.side == {"lsi_type": "A"}
    # A question naming another type changes nothing.
    asked = decide("duration_months", "could type A run for 12 months?", "ask_programme_duration", found,
                   slots={"lsi_type": "B", "duration_months": None})
    assert not (isinstance(asked, turn.Answer) and asked.side)


@pytest.mark.parametrize(
    ("field", "text"),
    [("project_title", "Genau, das ist der Titel."), ("project_title", "yes, that is the title"),
     ("organisation_name", "Ja, passt so, das ist der Name der Organisation"),
     ("contact_name", "ja genau so, wie gesagt")],
)
def test_a_yes_with_words_that_only_confirm_takes_the_offered_value(field: str, text: str) -> None:
    pending = {"field": field, "kind": "answer", "value": "Kochen verbindet"}
    assert decide(field, text, "affirm", pending=pending) == turn.Answer({field: "Kochen verbindet"})


def test_a_yes_with_new_words_is_no_plain_confirmation() -> None:
    pending = {"field": "project_title", "kind": "answer", "value": "Kochen verbindet"}
    decided = decide("project_title", "Ja, aber ohne das Wort Kochen davor", "affirm", pending=pending)
    assert decided != turn.Answer({"project_title": "Kochen verbindet"})
    assert decide("draft_confirmed", "Ja, so ist es richtig. Sie dürfen es speichern.", "affirm") == turn.Answer(
        {"draft_confirmed": True})


@pytest.mark.parametrize(
    ("field", "text", "found"),
    [
        ("draft_consent", "no, don't store it", [entity("organisation_type", "small_business", "store", 12)]),
        ("target_groups", "nein, eher die kleinen Einzelhändler und Gewerbetreibenden",
         [entity("organisation_type", "small_business", "Einzelhändler", 27)]),
        ("project_title", "not that, the city festival", [entity("organisation_type", "municipality", "city", 14)]),
    ],
)
def test_a_word_for_a_kind_of_organisation_is_no_change_of_who_applies(field: str, text: str, found: list) -> None:
    decided = decide(field, text, "deny", found, slots={field: None})
    assert not isinstance(decided, turn.Correct)


def test_saying_who_one_is_corrects_the_kind_of_organisation() -> None:
    found = [entity("organisation_type", "association", "Verein", 21)]
    assert isinstance(decide("draft_confirmed", "nein, wir sind ein Verein", "deny", found), turn.Correct)


def test_a_number_range_read_as_a_goodbye_is_an_answer_to_a_number_question() -> None:
    decided = decide("participants", "sechs bis acht", "goodbye", slots={"participants": None})
    # no goodbye: the range is asked back with its upper end
    assert decided == turn.Clarify("participants", "answer", value="8")
    assert decide("participants", "tschüss", "goodbye", slots={"participants": None}) == turn.Reject("goodbye")


def test_both_amounts_at_the_total_question_change_the_requested_one_only_when_said_so() -> None:
    slots = {"requested_amount_eur": "19000"}
    changed = decide("total_budget_eur", "Einundzwanzigtausend gesamt. Und wir beantragen doch nicht neunzehn-, "
                     "sondern nur achtzehntausend.", "inform", slots=slots)
    assert changed == turn.Answer({"total_budget_eur": "21000"}, {"requested_amount_eur": "18000"})
    kept = decide("total_budget_eur", "Insgesamt 21.000 €, davon beantragen wir 18.000", "inform", slots=slots)
    assert kept == turn.Answer({"total_budget_eur": "21000"}, {})


@pytest.mark.parametrize(("said", "most"), [("sechs bis acht", "8"), ("10-12 Leute", "12")])
def test_a_range_of_participants_is_asked_back_with_its_upper_end(said: str, most: str) -> None:
    assert decide("participants", said, "inform") == turn.Clarify("participants", "answer", value=most)

def test_a_message_correcting_two_answers_corrects_both() -> None:
    from actions.draft.corrections import Correction, parse_corrections

    text = "Two things: we request 180,000, not 200,000. And the contact person is just Ahmed Karimi."
    found = [entity("amount", "180000", "180,000", text.index("180")), entity("amount", "200000", "200,000", text.index("200")),
             entity("field", "contact_name", "contact person", text.index("contact"))]
    fields = draft_fields({"programme": "lsi"})
    assert parse_corrections(text, found, fields, {}) == [
        Correction("requested_amount_eur", "180000"), Correction("contact_name", "Ahmed Karimi")]
    one = "Ach nee, nicht Moabit, sondern Neukölln"
    assert parse_corrections(one, [entity("district", "Neukölln", "Neukölln", 31)], fields, {}) == [
        Correction("district", "Neukölln")]


def test_a_title_given_with_call_it_is_the_name_and_make_it_happen_is_a_title() -> None:
    text = "No! That was a question. Let's call it Fifty Plus Works."
    assert decide("project_title", text, intent="deny") == turn.Answer({"project_title": "Fifty Plus Works"})
    fields = draft_fields({"programme": "lsi"})
    titled = [entity("field", "project_title", "title", 30)]
    assert parse_correction("hmm, I changed my mind on the title – make it Kochtopf für alle", titled, fields,
                            {}).value == "Kochtopf für alle"
    from actions.draft.corrections import named_value
    assert named_value("Make it happen") is None


def test_a_field_named_with_a_new_value_at_check_your_answers_is_a_correction_not_a_call_for_a_person() -> None:
    text = "The contact person must be Gisela Wagner."
    named = [entity("field", "contact_name", "contact person", 4)]
    assert decide("draft_confirmed", text, "request_human", named) == turn.Correct()
    assert decide("draft_confirmed", "Can I talk to a person?", "request_human") == turn.Reject("request_human")


def test_a_hedged_count_is_a_count_not_a_skip() -> None:
    assert decide("participants", "forty, maybe forty-five") == turn.Answer({"participants": "40"})
    assert decide("participants", "weiß nicht") == turn.Skip("participants")


def test_help_as_a_title_is_a_title_but_stop_still_pauses() -> None:
    assert decide("project_title", "Help!", intent="ask_capabilities") == turn.Answer({"project_title": "Help!"})
    assert decide("contact_name", "Help!", intent="ask_capabilities") == turn.Reject("ask_capabilities")
    assert decide("project_title", "stop", intent="stop") == turn.Reject("stop")


@pytest.mark.parametrize(
    "text", ["nothing to change. just dont store it please", "bitte nichts speichern", "speichern Sie das noch nicht"]
)
def test_a_no_to_storing_is_a_no_whatever_else_the_message_agrees_to(text: str) -> None:
    assert decide("draft_consent", text) == turn.Answer({"draft_consent": False})


def test_i_said_that_already_takes_the_offered_description() -> None:
    offered = {"field": "project_summary", "kind": "offered", "value": "Wir wollen eine Nähwerkstatt für arbeitslose Frauen."}
    text = "Hab ich doch schon gesagt, die Nähwerkstatt für arbeitslose Frauen mit Bewerbungshilfe"
    assert decide("project_summary", text, pending=offered) == turn.Answer(
        {"project_summary": "Wir wollen eine Nähwerkstatt für arbeitslose Frauen."})


def test_a_figure_with_a_remark_is_the_answer_whatever_the_classifier_thought() -> None:
    text = "Achtzehntausend, genau wie die Förderung."
    amount = [entity("amount", "18000", "Achtzehntausend", 0)]
    decision = decide("total_budget_eur", text, "ask_programme_apply", amount, {"requested_amount_eur": "18000"})
    assert decision == turn.Answer({"total_budget_eur": "18000"})
    asked = decide("total_budget_eur", "Geht auch 18.000?", "ask_programme_amount", [entity("amount", "18000", "18.000", 10)])
    assert isinstance(asked, turn.Reject | turn.Clarify)


def test_a_new_description_after_a_no_is_the_description_not_a_correction() -> None:
    offered = {"field": "project_summary", "kind": "offered", "value": "Theater mit arbeitslosen Jugendlichen im Kiez."}
    text = "Nein, neu: Jugendliche ohne Job machen mit uns ein Theaterstück und lernen dabei Bühnentechnik."
    groups = [entity("target_group", "youth", "Jugendliche", 11), entity("target_group", "unemployed", "ohne Job", 23)]
    decision = decide("project_summary", text, "describe_project", groups, {"target_groups": ["youth"]}, offered)
    assert isinstance(decision, turn.Answer)
    assert decision.updates == {"project_summary": text[len("Nein, neu: "):]}


@pytest.mark.parametrize("said", ["Honestly, please don't save this, I'll fill in the form myself.",
                                  "Bitte nichts speichern, ich mache das lieber selbst."])
def test_dont_save_at_check_your_answers_stores_nothing(said: str) -> None:
    assert decide("draft_confirmed", said, "skip") == turn.Answer({"draft_confirmed": True, "draft_consent": False})
