"""Round 83's class (blind set 303, cork and non-wood forest products, read after its measurement): "Cork" and French
"Liège" are cities and regions in the place lists and common words too (the material). With a capital at a sentence's
start or in an English title ("FICOR 2019: Coruche hosts the International Cork Fair", "Liège : un partenariat
transfrontalier") they were read as Ireland's and Belgium's places: the country tagger published Ireland and Belgium
on Portuguese and Catalan cork stories, and a title naming a place its report never names vetoed a pair. A city or
region of one word that the item also writes in small letters right after an article or a preposition ("of cork",
"le liège") is that common word there; a name styled in small letters ("automotive thüringen", "wasser berlin
international") and an address ("www.berlin.de") are no such writing. The texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.model import Tag
from feeds.process.dedup.names import name_features
from feeds.process.dedup.signals import title_places
from feeds.process.tagging import Tagger
from feeds.process.tagging.gazetteer import written_small
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.paths import CONFIG

PLACES = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places
FAIR = ("The international fair of cork returned to Coruche in May 2019. Growers, stopper makers and designers showed "
        "what the bark of the cork oak becomes, from wine stoppers to insulation boards.")
IRISH = ("Cork's life-sciences cluster opened a shared pilot plant at the harbour. Companies in Cork and Kerry can "
         "book its bioreactors from June; the county council funds the first two years.")
LIEGE_CORK = ("Les producteurs de bouchons de Catalogne et des Pyrénées-Orientales ont signé un accord. Le liège "
              "catalan et roussillonnais veut se faire connaître des viticulteurs.")


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_taxonomy(CONFIG))


def _countries(tags: tuple[Tag, ...]) -> set[str]:
    return {tag.code for tag in tags if tag.kind == "country" and tag.confidence >= 0.5}


def test_a_word_written_small_after_an_article_or_a_preposition_is_a_common_word() -> None:
    assert written_small("Cork", "Made of cork and steam.")
    assert written_small("Liège", "Le liège catalan signe une alliance.")
    assert written_small("Canton", "Le canton compte une forte densité d'entreprises.")
    assert not written_small("Thüringen", "organisiert von automotive thüringen")
    assert not written_small("Berlin", "Die wasser berlin international ist eine Fachmesse.")
    assert not written_small("Berlin", "Mehr unter www.berlin.de und in berlin.de/wirtschaft")
    assert not written_small("Cork", "Cork exports set a record.")


def test_a_cork_story_is_no_story_about_ireland_or_belgium(tagger: Tagger) -> None:
    assert "ie" not in _countries(tagger.tag("Coruche welcomes the International Cork Fair again", FAIR, "en"))
    assert "be" not in _countries(tagger.tag("Liège : un partenariat transfrontalier", LIEGE_CORK, "fr"))


def test_the_city_of_cork_stays_irelands(tagger: Tagger) -> None:
    assert "ie" in _countries(tagger.tag("Cork cluster opens a shared pilot plant", IRISH, "en"))
    assert "be" in _countries(tagger.tag("Liège : le pôle de la logistique s'agrandit",
                                         "Le pôle logistique de Liège accueille trois entreprises à l'aéroport.",
                                         "fr"))


def test_a_title_names_no_place_its_text_writes_as_a_common_word() -> None:
    title = "Coruche welcomes the International Cork Fair again"
    assert "g:ie/cork" in title_places(title, PLACES)
    assert "g:ie/cork" not in title_places(title, PLACES, FAIR)
    assert "g:ie/cork" not in name_features(f"{title}\n{FAIR}", PLACES)
    assert "g:ie/cork" in title_places("Cork cluster opens a shared pilot plant", PLACES, IRISH)
