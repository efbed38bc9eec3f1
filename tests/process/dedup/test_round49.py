"""Round 49's class (blind sets 141-144, read after their measurement): two reports of one story whose titles name an
actor in two forms were vetoed as naming two actors: "Poland issues decisions in principle for BWRX-300 SMRs" and "SMR
decisions open opportunities for Polish cluster members", "Silesian metropolis to host drone demonstrator" and "Upper
Silesia becomes Central European Drone Demonstrator", "Lancement du projet Robotix-Academy" and "Robotix Academy zieht
Bilanz". A title name is now named in the other text also without a plural's or a demonym's last letter and by each
part of a hyphenated name. Two titles naming two different actors stay vetoed. The titles and texts are invented for
these tests."""

from __future__ import annotations

from typing import Any

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from tests.support.labelled import fingerprints, items


def _item(key: str, title: str, text: str, language: str = "en") -> dict[str, Any]:
    return {"id": key, "url": f"https://{key}.example/news/1", "platform": key, "language": language,
            "published": "2024-05-14", "title": title, "text": text}


@pytest.mark.parametrize(("first", "second"), [
    # a plural acronym and the acronym
    (_item("one", "Czech utility shortlists three designs of SMRs",
           "The Czech utility has shortlisted three designs of small modular reactors for its Temelín site. Vendors "
           "from France, the United States and Korea remain in the race, and a decision is expected in 2025."),
     _item("two", "SMR shortlist: what Temelín means for Moravian suppliers",
           "For Czech suppliers in Moravia, the Temelín SMR shortlist announced this week is a chance: the three "
           "vendors from France, the United States and Korea will need local partners for the 2025 tender.")),
    # a demonym and its region
    (_item("one", "Silesian drone corridor opens for test flights",
           "A drone corridor of 40 kilometres between Katowice and Gliwice opened for test flights on Tuesday, the "
           "metropolis said. Firms can book slots through the regional aviation office."),
     _item("two", "Upper Silesia gets a 40-kilometre Drone Corridor",
           "Between Katowice and Gliwice, a 40-kilometre corridor for test flights of drones opened on Tuesday. "
           "Slots are booked through the regional aviation office, the metropolis said.")),
    # a hyphenated name and its part
    (_item("one", "Kick-off for the Robotix-Academy in Saarbrücken",
           "The cross-border research project Robotix-Academy started in Saarbrücken with partners from Saarland, "
           "Lorraine and Luxembourg. It runs for three years with 4.5 million euros from Interreg."),
     _item("two", "Robotix Academy: Startschuss in Saarbrücken",
           "In Saarbrücken ist das grenzüberschreitende Forschungsprojekt Robotix Academy gestartet. Partner aus dem "
           "Saarland, Lothringen und Luxemburg forschen drei Jahre lang mit 4,5 Millionen Euro aus Interreg.",
           "de")),
])
def test_a_name_in_another_form_is_the_same_actor(first: dict[str, Any], second: dict[str, Any]) -> None:
    prints = fingerprints(items(first, second))
    found = evidence(prints["one"], prints["two"])
    assert prints["one"].title_names
    assert prints["two"].title_names
    assert not found.actors_differ
    assert not titles_disagree(found)


def test_two_actors_stay_two() -> None:
    text = ("The {} cluster received the gold label of the European Secretariat for Cluster Analysis after its "
            "assessment in May; it is the third label of the region this year.")
    prints = fingerprints(items(_item("one", "Minalogic receives gold label", text.format("Minalogic")),
                                _item("two", "Skywin receives gold label", text.format("Skywin"))))
    assert evidence(prints["one"], prints["two"]).actors_differ
