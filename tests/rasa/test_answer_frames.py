"""A remark around a free-text answer is not part of the value; a pointer to an earlier answer holds none."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.draft.answers import check
from programmes.answer_frames import refers_back, without_frame
from programmes.answers import FieldError


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("Hab ich doch gesagt: Kiezgarten Moabit e.V.", "Kiezgarten Moabit e.V."),
        ("Zum dritten Mal: Anna Beispiel", "Anna Beispiel"),
        ("nee, lieber so: Wir kochen jede Woche im Kiez", "Wir kochen jede Woche im Kiez"),
        ("Dr. Petra Hoffmann, wie eingangs erwähnt.", "Dr. Petra Hoffmann"),
        ("Kerstin Wojcik (wie oben)", "Kerstin Wojcik"),
        ("Kiezgarten e.V. – stand schon in meiner ersten Nachricht", "Kiezgarten e.V."),
        ("Das sagte ich bereits: Bezirksamt Spandau", "Bezirksamt Spandau"),
        ("hab ich doch gesagt 😅 Kiezgarten Moabit e.V.", "Kiezgarten Moabit e.V."),
        ("As I said, Repair Kiez gGmbH", "Repair Kiez gGmbH"),
        ("I already told you: Mara Beispiel", "Mara Beispiel"),
        ("Better I write new: We repair bikes with young people", "We repair bikes with young people"),
        ("Olga Petrova, as mentioned above", "Olga Petrova"),
    ],
)
def test_the_remark_around_an_answer_is_not_part_of_it(answer: str, value: str) -> None:
    assert without_frame(answer) == value


@pytest.mark.parametrize(
    "title",
    ["Also sprach der Kiez", "Neu im Kiez", "Noch einmal Glück", "Again and Again e.V.", "So geht Nachbarschaft",
     "Stop and Go Werkstatt", "Wie oben, so unten – Gärtnern im Hof"],
)
def test_titles_that_start_like_a_remark_stay_whole(title: str) -> None:
    assert without_frame(title) == title


@pytest.mark.parametrize(
    "answer",
    ["wie oben", "stand doch oben", "siehe oben", "nee, nimm die Beschreibung von vorhin", "Hab ich doch gesagt!",
     "use the one from before", "bruh i said yes use the one from before", "see above", "as I said"],
)
def test_a_pointer_to_an_earlier_answer_holds_no_value(answer: str) -> None:
    assert refers_back(answer)


@pytest.mark.parametrize("answer", ["Anna Beispiel", "Oben im Kiez", "Siehe da: Nachbarn helfen Nachbarn"])
def test_values_are_no_pointer(answer: str) -> None:
    assert not refers_back(answer)


TODAY = dt.date(2026, 11, 30)


def test_a_pointer_is_asked_for_the_value_itself_and_nothing_is_stored() -> None:
    with pytest.raises(FieldError) as raised:
        check("contact_name", "wie oben", {"programme": "lsi"}, "de", TODAY)
    assert raised.value.key == "refers_back"


def test_a_pointer_at_the_summary_takes_the_earlier_description() -> None:
    earlier = "Wir reparieren mit arbeitslosen Jugendlichen Fahrräder im Kiez."
    slots = {"programme": "lsi", "project_description": earlier}
    assert check("project_summary", "nimm die Beschreibung von vorhin", slots, "de", TODAY) == {
        "project_summary": earlier
    }


def test_the_stored_name_has_no_remark() -> None:
    slots = {"programme": "lsi"}
    assert check("contact_name", "Zum dritten Mal: Anna Beispiel", slots, "de", TODAY) == {
        "contact_name": "Anna Beispiel"
    }
