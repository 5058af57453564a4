"""Reading what a project does from how people describe it, in German and English."""

from __future__ import annotations

import pytest

from programmes.activities import read_activities


@pytest.mark.parametrize(
    ("description", "activities"),
    [
        (
            "We want 120,000 euros to renovate the shop fronts of our shopping arcade.",
            ("building_works", "own_business"),
        ),
        (
            "Wir möchten die Ladenfassaden unserer Einkaufspassage sanieren",
            ("building_works", "own_business"),
        ),
        ("Projekt in der Nordstadt für Langzeitarbeitslose", ("employment",)),
        (
            "Sprachkurse und Bewerbungstraining für Geflüchtete",
            ("employment", "qualification", "social_integration"),
        ),
        ("coaching single parents back into work", ("employment", "qualification", "social_integration")),
        ("Nachbarn kochen zusammen", ("social_integration",)),
        (
            "Standortmarketing für die Karl-Marx-Straße mit den Händlern",
            ("local_economy", "location_marketing"),
        ),
        ("a network of local businesses on the high street", ("networking", "local_economy")),
        (
            "me and ~10 other small shops want to set up a business network with joint events & marketing",
            ("networking", "local_economy", "location_marketing"),
        ),
        ("ein Unternehmensnetzwerk für das Gewerbegebiet", ("networking", "local_economy")),
        ("gemeinsame Aktionen und Werbung für die Straße", ("location_marketing",)),
        ("Wir wollen ein Lastenrad kaufen", ("equipment",)),
        ("open a café as our own business", ("own_business",)),
        ("keine Bauarbeiten, sondern Beratung für Arbeitslose", ("employment",)),
        ("not a renovation but a job club", ("employment",)),
        ("Geld für unser Projekt im Kiez", ()),
        ("Gemüseanbau gemeinsam mit Nachbarn", ("social_integration",)),  # "anbau" is no building work
        ("we refurbish old laptops with refugees", ("social_integration",)),
        ("we refurbish the community hall", ("building_works",)),
        ("will Jugendlichen ohne Schulabschluss Gartenbau beibringen", ("qualification",)),
        ("Nähwerkstatt für ukrainische Frauen ohne Arbeit", ("employment",)),
        ("help kids with no schulabschluss find an ausbildung", ("qualification",)),
        ("we teach women to code and want to hire some of them", ("employment", "qualification")),
        ("wir bauen eine App, die Geflüchtete mit Betrieben matcht", ("social_integration",)),  # software
        ("wir wollen eine Halle bauen", ("building_works",)),

        # a neighbouring town is no project for neighbours
        ("Years ago our neighbours in Gelsenkirchen had 'Aktiv für Arbeit im Stadtteil'", ()),
        ("Die Nachbarstadt hatte so ein Projekt", ()),
        ("", ()),
        (None, ()),
    ],
)
def test_activities_are_read_from_the_description(
    description: str | None, activities: tuple[str, ...]
) -> None:
    assert read_activities(description) == activities
