"""The programme finder page: works without JavaScript, in German and English, GOV.UK-style errors."""

from __future__ import annotations

from flask.testing import FlaskClient


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
    assert 'href="#field-budget_eur"' in page
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
