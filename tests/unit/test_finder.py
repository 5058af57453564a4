"""The programme finder page: works without JavaScript, in German and English, GOV.UK-style errors."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.drafts_factories import fresh_g_per_request


@pytest.fixture(autouse=True)
def _fresh_g(app: Flask) -> None:
    fresh_g_per_request(app)


def test_empty_finder_shows_the_questions(client: FlaskClient) -> None:
    page = client.get("/finder?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Who would apply?" in page and "<form" in page
    assert "Programmes for you" not in page


def test_finder_in_german(client: FlaskClient) -> None:
    page = client.get("/finder?lang=de").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Wer würde den Antrag stellen?" in page
    assert "Verein" in page


def test_valid_answers_show_ranked_results_with_sources(client: FlaskClient) -> None:
    response = client.get(
        "/finder?lang=en&submitted=1&applicant_type=association&district=Neuk%C3%B6lln&budget_eur=15.000"
        "&goals=jobs_for_disadvantaged"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.index("Lokal-Sozial-Innovativ") < page.index("Wirtschaftsdienliche")
    assert "€15,000 fits" in page
    assert "https://www.ibb.de/" in page
    assert "Neukölln" in page


def test_bad_answers_show_an_error_summary_and_keep_the_input(client: FlaskClient) -> None:
    response = client.get("/finder?lang=en&submitted=1&budget_eur=lots&duration_months=500&applicant_type=association")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Error: Find a funding programme" in page
    assert "There is a problem" in page
    assert 'href="#budget_eur"' in page and 'id="budget_eur" name="budget_eur"' in page  # the link lands on the input
    assert 'value="lots"' in page
    assert 'value="association" checked' in page
    assert "Programmes for you" not in page


def test_german_error_messages(client: FlaskClient) -> None:
    page = client.get("/finder?lang=de&submitted=1&budget_eur=-5").get_data(as_text=True)
    assert "Es gibt ein Problem" in page and "darf nicht negativ sein" in page


def test_finder_output_is_escaped(client: FlaskClient) -> None:
    page = client.get("/finder?lang=en&submitted=1&budget_eur=%3Cscript%3Ealert(1)%3C/script%3E").get_data(
        as_text=True
    )
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_form_posts_its_answers_in_the_page_language(client: FlaskClient) -> None:
    page = client.get("/finder?lang=en").get_data(as_text=True)
    assert '<form method="post" action="/finder?lang=en"' in page


@pytest.mark.parametrize(
    ("lang", "heading", "reason"),
    [
        ("en", "Programmes for you, best first", "€15,000 fits"),
        ("de", "Programme für Sie, die besten zuerst", "15.000 € passt"),
    ],
)
def test_posted_valid_answers_show_results(client: FlaskClient, lang: str, heading: str, reason: str) -> None:
    response = client.post(
        f"/finder?lang={lang}",
        data={"applicant_type": "association", "district": "Neukölln", "budget_eur": "15000",
              "goals": ["jobs_for_disadvantaged", "social_cohesion"]},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page
    assert heading in page and reason in page
    assert page.index("Lokal-Sozial-Innovativ") < page.index("Lokales Soziales Kapital")
    assert 'value="jobs_for_disadvantaged" checked' in page and 'value="social_cohesion" checked' in page


@pytest.mark.parametrize(
    ("lang", "summary", "message"),
    [
        ("en", "There is a problem", "Enter a duration between 1 and 120 months."),
        ("de", "Es gibt ein Problem", "darf nicht negativ sein"),
    ],
)
def test_posted_bad_answers_show_an_error_summary_and_keep_the_input(
    client: FlaskClient, lang: str, summary: str, message: str
) -> None:
    response = client.post(
        f"/finder?lang={lang}",
        data={"applicant_type": "small_business", "budget_eur": "-5", "duration_months": "500",
              "target_groups": "youth"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert summary in page and message in page
    assert 'href="#budget_eur"' in page and 'href="#duration_months"' in page
    assert 'value="-5"' in page and 'value="500"' in page
    assert 'value="small_business" checked' in page and 'value="youth" checked' in page
    assert "results-title" not in page


def test_unknown_district_is_a_field_error_not_a_crash(client: FlaskClient) -> None:
    response = client.post("/finder?lang=en", data={"district": "Atlantis"})
    assert response.status_code == 422
    assert 'href="#district"' in response.get_data(as_text=True)


def test_an_error_on_a_choice_links_its_first_option(client: FlaskClient) -> None:
    page = client.post("/finder?lang=en", data={"applicant_type": "bakery"}).get_data(as_text=True)
    assert 'href="#applicant_type"' in page and 'type="radio" id="applicant_type"' in page


def test_the_language_switch_keeps_the_answers_and_the_results(client: FlaskClient) -> None:
    """The switch is a button of the finder form: it sends the answers along, no JavaScript needed."""
    page = client.get("/finder?lang=de").get_data(as_text=True)
    assert 'form="finder-form" formaction="/finder?lang=en"' in page
    answers = {"applicant_type": "association", "district": "Neukölln", "budget_eur": "15.000",
               "goals": ["jobs_for_disadvantaged"], "switch_language": "en"}
    switched = client.post("/finder?lang=en", data=answers).get_data(as_text=True)
    assert '<html lang="en">' in switched and "Programmes for you, best first" in switched
    assert 'value="association" checked' in switched and 'value="15.000"' in switched
    assert 'value="jobs_for_disadvantaged" checked' in switched


def test_the_finder_reads_amounts_as_the_chat_does(client: FlaskClient) -> None:
    page = client.post("/finder?lang=en", data={"applicant_type": "association", "budget_eur": "15k"})
    assert page.status_code == 200 and "€15,000 fits" in page.get_data(as_text=True)


def test_nrw_results_link_every_contact(client: FlaskClient) -> None:
    page = client.post("/finder?lang=en", data={"applicant_type": "municipality", "state": "NW"}).get_data(
        as_text=True
    )
    assert "https://gib.nrw.de/thema/armutsbekaempfung-und-sozialplanung/" in page
    assert "https://soziale-stadt-nrw.de/das-staedtenetz/struktur-des-staedtenetzes" in page


@pytest.mark.parametrize(
    ("lang", "as_of", "verdict", "step"),
    [
        ("de", "Stand 22. November 2026", "LSI passt nach Ihren Angaben; derzeit ist kein Aufruf offen",
         "Nächster Schritt"),
        ("en", "As of 22 November 2026", "LSI fits from what you told me; no call is open now", "Next step"),
    ],
)
def test_results_show_the_verdict_next_steps_and_the_date_in_the_page_language(
    client: FlaskClient, lang: str, as_of: str, verdict: str, step: str
) -> None:
    page = client.post(
        f"/finder?lang={lang}",
        data={"applicant_type": "association", "district": "Reinickendorf", "goals": "jobs_for_disadvantaged",
              "budget_eur": "15000"},
    ).get_data(as_text=True)
    assert as_of in page and "2026-11-22" not in page
    assert verdict in page and step in page
    assert "Europa@reinickendorf.berlin.de" in page
    if lang == "de":
        assert "Jul 2026" not in page and "Sep 2025" not in page


def test_the_project_description_decides_the_purpose(client: FlaskClient) -> None:
    page = client.post(
        "/finder?lang=en",
        data={"applicant_type": "small_business", "district": "Spandau", "budget_eur": "120000",
              "project_description": "We want to renovate the shop fronts of our shopping arcade."},
    ).get_data(as_text=True)
    assert "From what you told me, none of the programmes we know fits at the moment." in page
    assert "What we understood the project does: building or renovation works, a company&#39;s own business" in page
    assert "None of the programmes we know funds building or renovation works" in page
    assert 'name="project_description"' in page and "shopping arcade.</textarea>" in page


def test_a_description_that_is_too_long_is_a_field_error(client: FlaskClient) -> None:
    response = client.post("/finder?lang=de", data={"project_description": "x" * 1001})
    assert response.status_code == 422
    assert 'href="#project_description"' in response.get_data(as_text=True)


def test_an_nrw_association_whom_nothing_fits_is_told_whom_to_ask(client: FlaskClient) -> None:
    page = client.post(
        "/finder?lang=de", data={"applicant_type": "association", "state": "NW", "goals": "jobs_for_disadvantaged"}
    ).get_data(as_text=True)
    assert "Nach Ihren Angaben passt derzeit keines der Programme, die wir kennen." in page
    assert "Amt für Stadterneuerung oder Stadtentwicklung Ihrer Stadt" in page
    assert "G.I.B." in page and "Stand 2021–2027" in page


def test_biwaq_amounts_on_the_finder_say_they_are_total_expenditure(client: FlaskClient) -> None:
    page = client.post(
        "/finder?lang=de",
        data={"applicant_type": "municipality", "state": "NW", "in_disadvantaged_area": "yes",
              "goals": "jobs_for_disadvantaged", "budget_eur": "700.000", "duration_months": "24"},
    ).get_data(as_text=True)
    assert "förderfähige Gesamtausgaben 300.000 € bis 1.200.000 €" in page
    assert "BIWAQ passt nach Ihren Angaben; derzeit ist kein Aufruf offen" in page
