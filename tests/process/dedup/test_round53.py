"""Round 53's class (blind sets 153-156, read after their measurement): in two languages, the actors' veto read one
name in each language's spelling as two actors: "Paracetamol production returns to France" and "Isère : le
paracétamol va de nouveau être fabriqué à Roussillon", where the French text writes the English title's
"paracetamol" with its accent. A title name is now named in a text of another language also by a rare word of its
cognate stem (accents dropped, spellings folded, the first seven letters). Two titles naming two different actors in
two languages stay vetoed. The titles and texts are invented for these tests."""

from __future__ import annotations

from typing import Any

from feeds.process.dedup.scoring import evidence, titles_disagree, vetoed_with
from tests.support.labelled import article, fingerprints, items


def _item(key: str, title: str, text: str, language: str) -> dict[str, Any]:
    return article(key, title, text, language, "2020-06-20")


def test_a_name_in_another_language_s_spelling_is_the_same_actor() -> None:
    prints = fingerprints(items(
        _item("en", "Paracetamol production returns to Europe",
              "The chemical company Seqens will again make the active ingredient of the painkiller in Europe. A new "
              "unit is planned at its Roussillon site by 2023, with Sanofi and UPSA as buyers. Paracetamol has not "
              "been made in Europe for years.", "en"),
        _item("fr", "Isère : le paracétamol de nouveau fabriqué à Roussillon",
              "Le groupe Seqens produira à nouveau à Roussillon, d'ici 2023, le principe actif du paracétamol. "
              "Sanofi et UPSA se sont engagés à acheter une partie de la production.", "fr")))
    assert prints["en"].title_names
    assert prints["fr"].title_names
    found = evidence(prints["en"], prints["fr"])
    assert not found.actors_differ
    assert not titles_disagree(found)
    assert not vetoed_with(prints["en"])(prints["fr"])
    assert not vetoed_with(prints["fr"])(prints["en"])


def test_two_actors_in_two_languages_stay_two() -> None:
    prints = fingerprints(items(
        _item("en", "Minalogic receives the gold label",
              "The cluster received the gold label of the European Secretariat for Cluster Analysis after its "
              "assessment in May.", "en"),
        _item("fr", "Skywin obtient le label or",
              "Le pôle a obtenu le label or du secrétariat européen pour l'analyse des clusters après son audit en "
              "mai.", "fr")))
    found = evidence(prints["en"], prints["fr"])
    assert found.actors_differ
    assert vetoed_with(prints["en"])(prints["fr"])
