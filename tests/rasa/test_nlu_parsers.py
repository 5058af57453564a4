"""Money, durations and dates as people write them in German and English (bot/nlu)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.dates import find_dates
from bot.nlu.durations import find_durations
from bot.nlu.programme_questions import applicant_question
from programmes.amounts import find_amounts, parse_amount, parse_number

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("5.000 €", "5.000 €", "5000"),
        ("5k", "5k", "5000"),
        ("EUR 20,000", "EUR 20,000", "20000"),
        ("20 000 Euro", "20 000 Euro", "20000"),
        ("1,5 Mio", "1,5 Mio", "1500000"),
        ("1,5 Mio. Euro", "1,5 Mio. Euro", "1500000"),
        ("€1.5 million", "€1.5 million", "1500000"),
        ("5.000,50 €", "5.000,50 €", "5000.5"),
        ("wir brauchen ca. 12.500€.", "12.500€", "12500"),
        ("we need 15000 euros", "15000 euros", "15000"),
        ("zwanzig tausend Euro", "zwanzig tausend Euro", "20000"),
        ("thirty thousand euros", "thirty thousand euros", "30000"),
        ("Budget: 20.000 Euro.", "20.000 Euro", "20000"),
        ("5 Tsd. Euro", "5 Tsd. Euro", "5000"),
        ("dit kost 300 Tacken", "300 Tacken", "300"),
        ("so zehn Riesen bräuchten wir", "zehn Riesen", "10000"),
        ("10 Riesen", "10 Riesen", "10000"),
        ("fünf Mille", "fünf Mille", "5000"),
        ("ten grand would help", "ten grand", "10000"),
        ("we need like 50 grand", "50 grand", "50000"),
    ],
)
def test_amounts_are_plain_euro_strings(text: str, written: str, value: str) -> None:
    assert [(a.text, a.value) for a in find_amounts(text)] == [(written, value)]


@pytest.mark.parametrize(
    "text",
    ["in 2027 with 12 people", "thanks a million", "ein paar tausend", "Seite 5",
     "wir haben einen Riesen Bedarf", "a grand opening for the café"],
)
def test_numbers_without_money_are_no_amount(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("20,000", "20000"), ("20.000", "20000"), ("1,5", "1.5"), ("1.5", "1.5"), ("1.000.000", "1000000"),
     ("1.234,56", "1234.56"), ("1,234.56", "1234.56"), ("20 000", "20000")],
)
def test_three_digits_after_a_separator_are_grouping_in_either_language(text: str, value: str) -> None:
    number = parse_number(text)
    assert number is not None
    assert format(number.normalize(), "f") == value


def test_a_bare_answer_to_the_amount_question_is_read_too() -> None:
    assert parse_amount("15.000") == "15000"
    assert parse_amount("15k") == "15000"
    assert parse_amount("weiß nicht") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("2 Jahre", "24"), ("18 months", "18"), ("ein halbes Jahr", "6"), ("anderthalb Jahre", "18"),
     ("1,5 Jahre", "18"), ("zwölf Monate", "12"), ("a year and a half", "18"), ("for one year", "12"),
     ("6 Mon.", "6"), ("a 24-month project", "24"), ("half a year", "6")],
)
def test_durations_are_months(text: str, value: str) -> None:
    assert [d.value for d in find_durations(text)] == [value]


@pytest.mark.parametrize("text", ["Menschen über 50 Jahre", "30 Jahre alt", "im Jahr 2027", "500 Jahre"])
def test_ages_and_years_are_no_duration(text: str) -> None:
    assert find_durations(text) == []


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("1. März 2027", "1. März 2027", "2027-03-01"),
        ("March 2027", "March 2027", "2027-03-01"),
        ("ab März 2027", "März 2027", "2027-03-01"),
        ("01.03.2027", "01.03.2027", "2027-03-01"),
        ("2027-03-01", "2027-03-01", "2027-03-01"),
        ("ab nächstem Monat", "nächstem Monat", "2026-12-01"),
        ("from next month", "next month", "2026-12-01"),
        ("Mitte 2027", "Mitte 2027", "2027-07-01"),
        ("ab März", "März", "2027-03-01"),  # a month without a year: its next occurrence
        ("ab November", "November", "2026-11-01"),  # this month counts
        ("March 1, 2027", "March 1, 2027", "2027-03-01"),
        ("Ende Januar 2027", "Ende Januar 2027", "2027-01-31"),
        ("ab dem 15. Januar", "15. Januar", "2027-01-15"),
        ("in 3 Monaten", "in 3 Monaten", "2027-02-01"),
        ("starting in May", "May", "2027-05-01"),
    ],
)
def test_dates_are_iso(text: str, written: str, value: str) -> None:
    assert [(d.text, d.value) for d in find_dates(text, TODAY)] == [(written, value)]


@pytest.mark.parametrize("text", ["we may start soon", "5.000 Euro", "31.02.2027", "right away"])
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_a_message_naming_a_programme_asks_about_it_or_asks_to_apply_for_it() -> None:
    from bot.nlu.programme_questions import question_intent

    assert question_intent("Kann unsere GmbH in Marzahn WdM direkt beantragen?", "find_programme", True) == (
        "ask_programme_who")
    assert question_intent("Can our association in Wedding still apply for PEB?", "find_programme", True) == (
        "ask_programme_deadline")
    assert question_intent("Wir sind ein Verein in Neukölln und möchten einen Antrag für BIWAQ stellen",
                           "describe_project", True) == "start_application"
    assert question_intent("Wir sind ein Verein und suchen Förderung", "find_programme", False) is None
    assert question_intent("hello, my German is not so good. Ich möchte einen Antrag stellen, for LSI",
                           "nlu_fallback", True) == "start_application"
    assert question_intent("We'd like to apply, it's about BIWAQ", "inform", True) == "start_application"
    assert question_intent("Letztes Jahr hatten wir ein LSK-Projekt", "inform", True) is None
    # a request beside a question: the request is what to do
    assert question_intent("Wir sind ein Bildungsträger im Wedding. Geht das mit LSI Typ A? Dann bitte direkt "
                           "einen Antrag anlegen.", "ask_programme_amount", True) == "start_application"
    assert question_intent("Wie viel gibt es bei LSI?", "ask_programme_amount", True) is None
    assert question_intent("Können wir LSI beantragen?", "ask_programme_who", True) is None



@pytest.mark.parametrize(
    "text",
    ["was ist denn der unterschied zwischen B und C genau? wir wollen eigentlich 1 jahr laufen",
     "what's a development project vs a model project? which one are we?"],
)
def test_a_question_about_the_difference_of_the_types_asks_what_they_are(text: str) -> None:
    from bot.nlu.programme_questions import question_intent

    assert question_intent(text, "inform", False) == "ask_programme_what"
    assert question_intent("Unterschied gibt es keinen, wir machen B.", "inform", False) is None


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("ok whatever, 6 months and 40k sounds like B. let's do the draft", "describe_project", "start_application"),
     ("gut, dann lass uns den Antrag machen", "inform", "start_application"),
     ("no, don't start a draft yet", "deny", None), ("Should we start the application now?", "find_programme", None),
     ("We want to start an application draft next year, what do we need?", "find_programme", None)],
)
def test_a_request_to_start_the_draft_is_one_without_naming_a_programme(text: str, intent: str,
                                                                       expected: str | None) -> None:
    from bot.nlu.programme_questions import question_intent

    assert question_intent(text, intent, False) == expected


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("wir brauchen fünfzigtausend Euro", "fünfzigtausend Euro", "50000"),
        ("zwölftausendfünfhundert", "zwölftausendfünfhundert", "12500"),
        ("about fifteen thousand euros", "fifteen thousand euros", "15000"),
        ("hmm maybe fifty thousand?", "fifty thousand", "50000"),
        ("eine Million Euro", "eine Million Euro", "1000000"),
        ("eineinhalb Millionen Euro", "eineinhalb Millionen Euro", "1500000"),
    ],
)
def test_amounts_in_words_keep_the_offsets_of_what_was_written(text: str, written: str, value: str) -> None:
    found = find_amounts(text)
    assert [(a.text, a.value) for a in found] == [(written, value)]
    assert text[found[0].start : found[0].end] == written


@pytest.mark.parametrize("text", ["2 tausend Leute", "zweitausend Teilnehmende", "a million thanks", "ein paar tausend Euro"])
def test_scaled_numbers_of_people_or_vague_ones_are_no_amount(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [("vierundzwanzig Monate", "vierundzwanzig Monate", "24"), ("ein Jahr und sechs Monate", "ein Jahr und sechs Monate", "18"),
     ("two and a half years", "two and a half years", "30")],
)
def test_durations_in_words(text: str, written: str, value: str) -> None:
    assert [(d.text, d.value) for d in find_durations(text)] == [(written, value)]


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("ab übernächsten Monat", "übernächsten Monat", "2027-01-01"),
        ("Start am ersten April 2027", "ersten April 2027", "2027-04-01"),
        ("Projekt ab Febuar 2027", "Febuar 2027", "2027-02-01"),
        ("the month after next", "the month after next", "2027-01-01"),
        ("in zwei Wochen", "in zwei Wochen", "2026-12-06"),
    ],
)
def test_relative_dates_and_slips_keep_the_offsets_of_what_was_written(text: str, written: str, value: str) -> None:
    found = find_dates(text, TODAY)
    assert [(d.text, d.value) for d in found] == [(written, value)]
    assert text[found[0].start : found[0].end] == written


def test_today_is_pinned_by_the_environment_when_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", "2027-05-10")
    assert [d.value for d in find_dates("nächsten Monat")] == ["2027-06-01"]


@pytest.mark.parametrize("text", ["Guten Morgen!", "heute morgen", "Winter 2027", "ich mag Mais"])
def test_no_date_in_greetings_mornings_or_an_unclear_winter(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_the_question_a_message_ends_with_is_answered_before_a_wish_to_apply() -> None:
    from bot.nlu.programme_questions import question_intent

    # a closing question asks it, whatever the sentences before it said about applying
    assert question_intent("Good morning, this is Bezirksamt Mitte. We're considering a BIWAQ application for "
                           "Wedding. Around 900,000 EUR over 27 months. When is the deadline?",
                           "start_application", True) == "ask_programme_deadline"
    assert question_intent("Wir sind ein Bildungsträger (GmbH). Wir möchten uns für PEB bewerben – ein "
                           "Modellprojekt, 30 Monate. Läuft gerade ein PEB-Ideenwettbewerb?",
                           "start_application", True, ended=True) == "ask_programme_deadline"
    # a question about an ended programme beside a wish to apply for it is answered first
    assert question_intent("hello, is LSK still running? we're an e.V. in Charlottenburg and want to apply for a "
                           "small job project", "start_application", True, ended=True) == "ask_programme_deadline"
    # a plain request to apply for an ended programme starts the draft, which says that it ended
    assert question_intent("Ich möchte einen Antrag für LSK stellen. Wir sind ein Verein in Tempelhof.",
                           "start_application", True, ended=True) == "start_application"
    # a running programme and no closing question: the request stands
    assert question_intent("Wir möchten einen Antrag für LSI stellen", "start_application", True) == (
        "start_application")


def test_a_short_question_whom_to_talk_to_asks_for_the_contact_although_it_names_a_place() -> None:
    from bot.nlu.programme_questions import question_intent

    assert question_intent("ok so who do we talk to in Charlottenburg?", "describe_project", False) == (
        "ask_programme_contact")
    assert question_intent("An wen wenden wir uns in Spandau?", "inform", False) == "ask_programme_contact"
    # a project description that mentions contacts is no question
    assert question_intent("Wir wollen Kontakte zwischen Arbeitslosen und Betrieben im Kiez knüpfen und "
                           "brauchen dafür 10.000 Euro für ein Jahr", "describe_project", False) is None


def test_a_change_of_plan_counts_as_a_correction() -> None:
    from bot.nlu.control_cues import lacks_cue

    for text in ("ok, dann kürzen wir auf 24 Monate", "we'll reduce it to 40k", "let's extend it to a year",
                 "Wir erhöhen auf 30.000"):
        assert not lacks_cue("correct_answer", text), text


def test_a_short_question_whether_one_gets_the_money_oneself_asks_who_may_apply() -> None:
    from bot.nlu.programme_questions import question_intent

    for text in ("Versteh ich nich ganz. Heißt das, ich krieg das Geld nich direkt?", "so we can't apply ourselves?"):
        assert question_intent(text, "nlu_fallback", False) == "ask_programme_who"
    assert question_intent("Wir machen das selbst, mit eigenem Geld.", "inform", False) is None


def test_a_rule_stated_beside_a_question_is_no_request_to_apply() -> None:
    from bot.nlu.programme_questions import asks_to_apply

    assert not asks_to_apply("Why would WdM be possible for us? I thought only Bezirksämter can apply for that.")
    assert asks_to_apply("Geht das mit LSI Typ A? Dann bitte direkt einen Antrag anlegen.")


def test_a_contact_question_after_a_remark_asks_for_the_contact() -> None:
    from bot.nlu.programme_questions import question_intent

    text = "Hmm, the 2022 round was exactly in November and December though, right? Who do I ask in Charlottenburg-Wilmersdorf then?"
    assert question_intent(text, "describe_project", False) == "ask_programme_contact"


@pytest.mark.parametrize(
    ("text", "leaves"),
    [
        ("Thank you, I think I will ask at the district office then. Goodbye", True),
        ("Nein danke, dann frage ich erst einmal beim Bezirksamt nach. Vielen Dank und auf Wiederhören.", True),
        ("Alles klar, dann meld ich mich beim Bezirksamt. Schönen Tag noch!", True),
        ("Not yet, thanks – I'll first check with the district whether I need to found a UG. Bye!", True),
        ("Noi, lass mer des mit dem Entwurf, i schwätz erscht mit dem Bezirk. Ade!", True),
        ("Okay, dann red ich mit meinem Chef. Tschö!", True),
        ("Limonade", False),
        ("Bye the way, can we apply for LSI?", False),
        ("Wir machen ein Café für Nachbarn. Das war's eigentlich schon?", False),
    ],
)
def test_a_message_that_ends_with_a_farewell_takes_leave(text: str, leaves: bool) -> None:
    from bot.nlu.commands import takes_leave

    assert takes_leave(text) is leaves


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("wait, we are not association, not e.V. We are only women who meet, no papers. Can we still apply?", "deny"),
        ("Sorry I dont understand. I have NO organisation, only me. Is possible or not?", "nlu_fallback"),
        ("we are no e.V., only a group of women. Is it allowed for us to get the LSI money?", "deny"),
        ("Wir sind keine Firma, nur zwei Freunde. Dürfen wir das überhaupt beantragen?", "inform"),
    ],
)
def test_whether_they_may_apply_is_asked_even_after_what_they_are_not(text: str, intent: str) -> None:
    assert applicant_question(text, intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("Nein danke. Kann ich später weitermachen?", "deny"), ("no thanks", "deny"), ("Ja, gern!", "affirm"),
     ("we are association in Neukölln, we want make job course for migrant women. can we get money?",
      "find_programme")],
)
def test_a_plain_yes_or_no_or_another_question_is_no_question_whether_they_may_apply(text: str, intent: str) -> None:
    assert not applicant_question(text, intent)
