"""The shared answer rules of the application draft (programmes/answers.py, programmes/amounts.py,
programmes/rules.py): how answers are read in German and English and checked against the catalogue."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from programmes import answers as fields
from programmes import rules as programme_rules
from programmes.answers import FieldError
from programmes.catalogue import default_catalogue
from programmes.numbers import corrected_number_word

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIEZLOTSE_TODAY", TODAY.isoformat())


def _error(call, *args) -> FieldError:  # type: ignore[no-untyped-def]
    with pytest.raises(FieldError) as caught:
        call(*args)
    return caught.value


@pytest.mark.parametrize(
    ("written", "lang", "euros"),
    [
        ("15.000 €", "de", "15000"),
        ("15.000", "en", "15000"),  # a three-digit group is thousands in both languages
        ("15,000", "de", "15000"),
        ("15,000.50", "en", "15000.5"),
        ("15.000,50 €", "de", "15000.5"),
        ("1,5", "de", "1.5"),
        ("1.5", "en", "1.5"),
        ("15k", "en", "15000"),
        ("20 Tsd. Euro", "de", "20000"),
        ("1,2 Mio.", "de", "1200000"),
        ("EUR 12500", "en", "12500"),
        ("5000", "de", "5000"),
        ("1.000,- €", "de", "1000"),
        ("1.000,-", "de", "1000"),
        ("EUR 1.000", "de", "1000"),
        ("1,000.50", "en", "1000.5"),
        ("1.000,50", "de", "1000.5"),
        ("ca 15.000", "de", "15000"),
        ("so 20 000 Euro", "de", "20000"),
        (15000, "de", "15000"),
    ],
)
def test_amounts_are_read_as_people_write_them_in_each_language(written: str, lang: str, euros: str) -> None:
    assert fields.read_amount(written, lang) == Decimal(euros)


@pytest.mark.parametrize("written", ["", "viel Geld", "-500", "0", "0 €", "15..000", "1.,5 €"])
def test_unreadable_amounts_are_re_asked_with_an_example_in_the_locale(written: str) -> None:
    error = _error(fields.read_amount, written, "de")
    assert error.key == "invalid_amount"
    assert error.values["example"] == "15.000 €"
    assert _error(fields.read_amount, written, "en").values["example"] == "€15,000"


@pytest.mark.parametrize(
    ("written", "expected"),
    [("anna@kiezkueche.de", "anna@kiezkueche.de"), ("Meine Adresse: a.b-c+d@mail.example.org.", "a.b-c+d@mail.example.org")],
)
def test_email_addresses_are_found_in_the_answer(written: str, expected: str) -> None:
    assert fields.read_email(written) == expected


@pytest.mark.parametrize("written", ["anna@kiezkueche", "anna.kiezkueche.de", "anna@@kiez.de", "@kiez.de", "anna"])
def test_broken_email_addresses_are_refused(written: str) -> None:
    assert _error(fields.read_email, written).key == "invalid_email"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2027-03-01", "2027-03-01"),
        ("1.3.2027", "2027-03-01"),
        ("01.03.27", "2027-03-01"),
        ("1. März 2027", "2027-03-01"),
        ("März 2027", "2027-03-01"),
        ("1 April 2027", "2027-04-01"),
        ("April 1, 2027", "2027-04-01"),
        ("from September 2027", "2027-09-01"),
        ("03/2027", "2027-03-01"),
    ],
)
def test_dates_are_read_in_german_and_english_forms(written: str, iso: str) -> None:
    assert fields.read_date(written, "de").isoformat() == iso


def test_a_start_date_must_lie_in_the_future_and_the_re_ask_gives_a_valid_example() -> None:
    error = _error(fields.check_start, TODAY, TODAY, "de")
    assert error.key == "start_date_not_future"
    assert error.values == {"today": "22. November 2026", "example": "1. Januar 2027"}
    assert fields.check_start(TODAY + dt.timedelta(days=1), TODAY, "de") == TODAY + dt.timedelta(days=1)
    assert _error(fields.read_date, "31.02.2027", "en").values["example"] == "1 January 2027"


@pytest.mark.parametrize(("written", "months"), [("24", 24), ("18 Monate", 18), ("2 Jahre", 24), ("one year", 12),
                                                 ("ein Jahr", 12), ("1,5 Jahre", 18)])
def test_durations_are_read_in_months(written: str, months: int) -> None:
    assert fields.read_months(written) == months


def test_summaries_need_at_least_a_sentence() -> None:
    assert _error(fields.read_summary, "Kochkurs").key == "summary_too_short"
    assert fields.read_summary("Wir kochen jede Woche mit Nachbarn aus dem Kiez.")


def test_districts_are_normalised_to_the_official_bezirk() -> None:
    assert fields.read_district("Kreuzberg") == "Friedrichshain-Kreuzberg"
    assert fields.read_district("in Wedding, nahe Leopoldplatz") == "Mitte"
    error = _error(fields.read_district, "Atlantis")
    assert error.key == "invalid_district" and "Neukölln" in error.values["districts"]


def test_a_legal_form_in_a_name_gives_legal_form_and_organisation_type() -> None:
    assert fields.legal_form_in("Kiezküche Neukölln e.V.") == ("e.V.", "association")
    assert fields.legal_form_in("Werkstatt gGmbH") == ("gGmbH", "social_enterprise")
    assert fields.legal_form_in("Café Glück GmbH") == ("GmbH", "small_business")
    assert fields.legal_form_in("Kiezküche") is None


def test_target_groups_come_from_words_in_both_languages() -> None:
    assert set(fields.read_target_groups("Jugendliche und Alleinerziehende")) == {"youth", "single_parents"}
    assert fields.read_target_groups("long-term unemployed people") == ["long_term_unemployed"]
    assert fields.read_target_groups(["youth", "youth"]) == ["youth"]
    assert _error(fields.read_target_groups, "alle").key == "invalid_target_groups"


def test_limits_come_from_the_catalogue_for_the_chosen_type() -> None:
    lsi = default_catalogue().programme("lsi")
    assert lsi is not None
    type_a = next(v for v in lsi.variants if v.id == "A")
    limits = programme_rules.limits("lsi", "A")
    assert (limits.max_eur, limits.min_months, limits.max_months) == (type_a.max_eur, type_a.min_months,
                                                                         type_a.max_months)
    loosest = programme_rules.limits("lsi", None)
    assert loosest.max_eur == max(v.max_eur for v in lsi.variants if v.max_eur)
    assert programme_rules.asks_variant("lsi") and not programme_rules.asks_variant("wdm")
    assert programme_rules.asks_area("biwaq") and programme_rules.asks_municipality("biwaq")
    assert not programme_rules.asks_municipality("lsi")
    assert not programme_rules.asks_municipality("wdm")  # the district names the applying office


@pytest.mark.parametrize("written", ["0,500", "0.500 €", "EUR 0,500"])
def test_an_amount_with_a_leading_zero_and_three_digits_is_asked_back_not_guessed(written: str) -> None:
    error = _error(fields.read_amount, written, "de")
    assert error.key == "amount_ambiguous"
    assert error.values == {"as_euros": "500 €", "as_cents": "0,50 €"}


@pytest.mark.parametrize(
    ("legal_form", "organisation_type"),
    [("e.V.", "startup"), ("eingetragener Verein", "small_business"), ("GmbH", "association"),
     ("UG (haftungsbeschränkt)", "initiative"), ("KdöR", "startup")],
)
def test_a_legal_form_that_rules_out_the_applicant_type_is_a_contradiction(legal_form: str, organisation_type: str) -> None:
    error = _error(fields.check_legal_form, legal_form, organisation_type)
    assert error.key == "legal_form_contradicts_type" and error.values["organisation_type"] == organisation_type


@pytest.mark.parametrize(
    ("legal_form", "organisation_type"),
    [("e.V.", "association"), ("e.V.", "training_provider"), ("GmbH", "startup"), ("gGmbH", "social_enterprise"),
     ("GbR", "startup"), ("Stiftung", "other"), ("KdöR", "district_office"), ("irgendwas", "startup")],
)
def test_legal_forms_that_fit_the_applicant_type_pass(legal_form: str, organisation_type: str) -> None:
    fields.check_legal_form(legal_form, organisation_type)


@pytest.mark.parametrize(
    ("written", "lang", "euros"),
    [
        ("fünfzigtausend Euro", "de", "50000"),
        ("zwölftausendfünfhundert", "de", "12500"),
        ("fifteen thousand euros", "en", "15000"),
        ("two hundred thousand", "en", "200000"),
        ("hmm maybe fifty thousand?", "en", "50000"),
        ("eineinhalb Millionen", "de", "1500000"),
        ("fünfzigtausend", "en", "50000"),  # German words in an English conversation
        ("ten thousend", "en", "10000"),  # one typo in a number word
        ("ten thousend like i said", "en", "10000"),
        ("zehn tausned Euro", "de", "10000"),
        ("twelwe thousand", "en", "12000"),
        ("zwanzgi tausend", "de", "20000"),
    ],
)
def test_amounts_in_words_are_read(written: str, lang: str, euros: str) -> None:
    assert fields.read_amount(written, lang) == Decimal(euros)


@pytest.mark.parametrize(
    "written", ["12 Monate", "12 months", "beginning of March 2027", "Anfang März 2027", "20 Leute", "10 %"]
)
def test_a_number_that_counts_something_else_is_no_amount(written: str) -> None:
    assert _error(fields.read_amount, written, "en").key == "invalid_amount"


@pytest.mark.parametrize(
    ("written", "count"),
    [("ungefähr zwanzig Leute", 20), ("about a dozen", 12), ("zwei Dutzend", 24), ("über 50 Leute", 50),
     ("1.200", 1200), ("so zwanzich Leute", 20), ("six people per round, two rounds, so twelve", 12),
     ("Twenty-four in total, in two groups of twelve.", 24), ("Zwölf pro Jahrgang, also insgesamt vierundzwanzig.", 24),
     ("2 Gruppen à 8, also 16 Leute insgesamt", 16), ("therteen", 13), ("forty, maybe forty-five", 40),
     ("zwanzig, vielleicht auch 25", 20)],
)
def test_participants_are_read_in_words_and_digits(written: str, count: int) -> None:
    assert fields.read_participants(written) == count


@pytest.mark.parametrize(
    "written",
    ["Menschen 50+", "über 50-Jährige", "beginning of March 2027", "12 Monate", "20 bis 25", "20-25",
     "20 Jugendliche und 5 Betreuer", "5.000 €", "ein paar"],
)
def test_ages_dates_ranges_and_two_counts_are_no_participant_count(written: str) -> None:
    assert _error(fields.read_participants, written).key == "invalid_participants"


@pytest.mark.parametrize(
    "word", ["tausende", "hundreds", "eighth", "weighty", "millionen", "zwanzigste", "tree", "fiveteen"]
)
def test_a_word_is_no_typo_of_a_number_when_it_is_a_number_or_not_one_typo_away(word: str) -> None:
    assert corrected_number_word(word) == word


@pytest.mark.parametrize(
    ("written", "months"),
    [("vierundzwanzig Monate", 24), ("anderthalb Jahre", 18), ("ein Jahr und sechs Monate", 18),
     ("two and a half years", 30), ("zwee Jahre", 24), ("a two-year model project", 24),
     ("a three-month course", 3)],
)
def test_durations_in_words_are_read(written: str, months: int) -> None:
    assert fields.read_months(written) == months


@pytest.mark.parametrize("written", ["15.000 €", "12 oder 18", "20 Leute", "2,5"])
def test_no_duration_from_an_amount_two_numbers_or_a_fraction_of_a_month(written: str) -> None:
    assert _error(fields.read_months, written).key == "invalid_duration"


@pytest.mark.parametrize(
    ("written", "lang", "iso"),
    [
        ("übernächsten Monat", "de", "2027-01-01"),
        ("the month after next", "en", "2027-01-01"),
        ("Anfang 2027", "de", "2027-01-01"),
        ("Mitte 2027", "de", "2027-07-01"),
        ("im Frühjahr 2027", "de", "2027-03-01"),
        ("in drei Monaten", "de", "2027-02-01"),
        ("Mitte nächsten Jahres", "de", "2027-07-01"),
        ("nächsten Januar", "de", "2027-01-01"),
        ("in two weeks", "en", "2026-12-06"),
        ("heute in drei Wochen", "de", "2026-12-13"),
    ],
)
def test_relative_and_vague_dates_count_from_the_pinned_today(written: str, lang: str, iso: str) -> None:
    assert fields.read_date(written, lang).isoformat() == iso


@pytest.mark.parametrize("written", ["Winter 2027", "irgendwann", "soon", "Feber 27"])
def test_dates_that_cannot_be_told_are_asked_again(written: str) -> None:
    assert _error(fields.read_date, written, "de").key == "invalid_date"


@pytest.mark.parametrize("written", ["zwischen 10.000 und 15.000 €", "15-20k", "10.000 bis 12.000 Euro"])
def test_a_range_of_amounts_is_asked_again_not_guessed(written: str) -> None:
    assert _error(fields.read_amount, written, "de").key == "invalid_amount"


@pytest.mark.parametrize(
    ("written", "euros"), [("zwölf Komma fünf tausend Euro", "12500"), ("one point two million euros", "1200000")]
)
def test_decimals_in_words_are_read(written: str, euros: str) -> None:
    assert fields.read_amount(written, "en") == Decimal(euros)


@pytest.mark.parametrize("written", ["after summer", "nach den Sommerferien", "nach März 2027"])
def test_after_a_season_or_month_is_no_day_we_can_tell(written: str) -> None:
    assert _error(fields.read_date, written, "de").key == "invalid_date"


@pytest.mark.parametrize(
    ("written", "district"),
    [("neukoln", "Neukölln"), ("Neukolln", "Neukölln"), ("Kreutzberg", "Friedrichshain-Kreuzberg"),
     ("Lichtenberch", "Lichtenberg"), ("Charlotenburg", "Charlottenburg-Wilmersdorf")],
)
def test_a_misspelt_district_is_read(written: str, district: str) -> None:
    assert fields.read_district(f"in {written}") == district


@pytest.mark.parametrize("word", ["Mitteilung", "spenden", "Lichterkette", "Nachbarn", "Kreuzung"])
def test_an_ordinary_word_close_to_no_district_is_none(word: str) -> None:
    with pytest.raises(FieldError):
        fields.read_district(word)


@pytest.mark.parametrize(
    ("written", "variant"),
    [("das kleine, also Mikro", "A"), ("micro", "A"), ("the development one", "B"), ("Entwicklung", "B"),
     ("Modell bitte", "C"), ("Typ B", "B"), ("the small one I guess, we only need about 15k", "A"),
     ("die kleinste Art", "A"), ("the biggest one", "C")],
)
def test_a_project_type_by_the_first_part_of_its_name(written: str, variant: str) -> None:
    assert fields.read_variant(written, fields.variant_names("lsi")) == variant


@pytest.mark.parametrize(
    ("written", "name"),
    [("Dr. Helga Baumann, head of projects", "Dr. Helga Baumann"), ("Herr Dipl.-Päd. Ralf Kühne", "Ralf Kühne"),
     ("me, Tobias Krüger, you can", "Tobias Krüger"), ("Mr Jonas Weber", "Jonas Weber"), ("Birgit", "Birgit"),
     ("Frau Müller", "Frau Müller"), ("die Vorsitzende, Gül Aksoy", "Gül Aksoy")],
)
def test_the_contact_name_is_the_persons_name_without_address_or_role(written: str, name: str) -> None:
    assert fields.read_contact_name(written) == name


def test_a_phone_number_said_digit_by_digit_and_an_address_written_against_robots_are_read() -> None:
    assert fields.read_phone("null drei null, zwei drei vier fünf sechs sieben acht") == "030 2345678"
    assert fields.read_phone("zero three zero one two three four five") == "03012345"
    assert fields.read_email("r.kuehne(at)kiezwerk-mh.de") == "r.kuehne@kiezwerk-mh.de"
    assert fields.read_email("anna [at] kiez [dot] de") == "anna@kiez.de"
    assert _error(fields.read_email, "meet me at home").key == "invalid_email"


@pytest.mark.parametrize(
    ("written", "summary"),
    [("Lieber nur den inhaltlichen Teil: Langzeitarbeitslose über 55 werden zu Alltagsbegleitern qualifiziert.",
      "Langzeitarbeitslose über 55 werden zu Alltagsbegleitern qualifiziert."),
     ("Nein, neu: Jugendliche ohne Job machen mit uns ein Theaterstück.", "Jugendliche ohne Job machen mit uns ein Theaterstück."),
     ("Wir machen drei Dinge: kochen, nähen und reparieren mit Arbeitslosen.",
      "Wir machen drei Dinge: kochen, nähen und reparieren mit Arbeitslosen."),
     ("Ziel: mehr Jobs", "Ziel: mehr Jobs")],
)
def test_a_remark_about_the_answer_before_a_colon_is_not_part_of_the_description(written: str, summary: str) -> None:
    assert fields.without_lead_in(written) == summary


@pytest.mark.parametrize(
    ("written", "area"),
    [("ach so, dann Schalke-Nord, das ist bei uns Gebiet Sozialer Zusammenhalt", "Schalke-Nord"),
     ("Soziale Stadt Essen-Katernberg", "Soziale Stadt Essen-Katernberg"),
     ("Duisburg-Marxloh, Soziale Stadt", "Duisburg-Marxloh, Soziale Stadt")],
)
def test_the_area_is_the_name_without_the_words_around_it(written: str, area: str) -> None:
    assert fields.read_area(written) == area


@pytest.mark.parametrize(
    "answer",
    ["Die kleinen Einzelhändler und Gewerbetreibenden entlang der Straße, keine Einzelpersonen.",
     "Mainly the small businesses in the area, not individual people."],
)
def test_businesses_a_project_serves_are_a_target_group_in_an_answer(answer: str) -> None:
    assert fields.read_target_groups(answer) == ["local_businesses"]


def test_in_a_description_the_word_company_says_who_applies_not_whom_it_serves() -> None:
    said = "Wir sind ein kleines Unternehmen und qualifizieren Langzeitarbeitslose."
    assert "local_businesses" not in fields.target_groups_in(said)
