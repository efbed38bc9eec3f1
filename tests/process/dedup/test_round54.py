"""Round 54's class (blind sets 157-160, read after their measurement): the actors' veto read a count and a country's
demonym in a title as actors that the other text never names: "Fourteen Latvian clusters get EU backing" against
"Lettonie : 14 clusters soutenus par l'agence LIAA", whose text writes "quatorze" and "lettone". A number word is now
no title name, and a country's demonym is the country (`g:lv`), named by the other text in any language; a country
nearly every text names (Germany, France) is no actor. Two titles naming two countries' clusters stay vetoed. The
titles and texts are invented for these tests."""

from __future__ import annotations

from typing import Any

from feeds.process.dedup.scoring import evidence, vetoed_with
from tests.support.labelled import article, fingerprints, items


def _item(key: str, title: str, text: str, language: str) -> dict[str, Any]:
    return article(key, title, text, language, "2016-03-12")


def test_a_count_and_a_demonym_are_no_actors_the_other_text_leaves_unnamed() -> None:
    prints = fingerprints(items(
        _item("en", "Fourteen Latvian clusters get EU backing",
              "The country's business development agency will channel 8.5 million euros of EU money into fourteen "
              "industry clusters over three years, under agreements signed in Riga.", "en"),
        _item("fr", "Lettonie : 14 clusters soutenus par l'agence LIAA",
              "L'agence lettone LIAA a signé à Riga des conventions avec quatorze clusters, dotées de 8,5 millions "
              "d'euros de fonds européens sur trois ans.", "fr")))
    assert prints["en"].title_names == {"g:lv=latvian"}
    assert not evidence(prints["en"], prints["fr"]).actors_differ
    assert not vetoed_with(prints["en"])(prints["fr"])


def test_a_country_every_text_names_is_no_actor() -> None:
    prints = fingerprints(items(_item("en", "German and Danish clusters meet in Kiel",
                                      "Clusters from both countries met in Kiel on Tuesday.", "en")))
    assert not {name for name in prints["en"].title_names if name.startswith("g:de")}


def test_two_countries_clusters_stay_two_stories() -> None:
    prints = fingerprints(items(
        _item("one", "Estonian clusters get new funding round",
              "The national agency in Tallinn opened a new funding round for industry clusters, with grants for "
              "joint export projects over three years.", "en"),
        _item("two", "Lithuanian clusters get new funding round",
              "The national agency in Vilnius opened a new funding round for industry clusters, with grants for "
              "joint export projects over three years.", "en")))
    assert prints["one"].title_names == {"g:ee=estonian"}
    assert evidence(prints["one"], prints["two"]).actors_differ
    assert vetoed_with(prints["one"])(prints["two"])
