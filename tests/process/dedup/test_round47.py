"""Round 47's class (blind sets 133-136 among others, read after their measurement): a newsletter page titled only by
its issue ("Newsletter Clusterplattform Juni 2018") whose first paragraph opens with its lead story's headline run into
the teaser ("Cluster in Kanada: Zwölf Clustermanagements waren im Mai …") or ends with the title its link names
("Mehr: Deutsche Cluster knüpfen Kontakte in Kanada") was a digest, as round 41 read only a headline standing in a
paragraph of its own. The writers, as the guide says of "a newsletter teaser and the full article", label such a page
with the story it leads with. It is now that story's teaser, titled by the link's title or the run-in head. The
titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup import signals
from feeds.process.dedup.scoring import admissible, evidence
from tests.support.labelled import fingerprints, items

GOES_ON = " Dazu kommen Termine aus dem Netzwerk und ein Rückblick auf die Jahrestagung im Frühjahr."


@pytest.mark.parametrize(("first", "lead"), [
    # a run-in head before a colon or a sentence's end
    ("Netzwerk Ost wächst: Zwei Hochschulen und ein Gießereibetrieb sind neu im Verbund.", "Netzwerk Ost wächst"),
    ("Gold Label for Baltic Laser Cluster. Our member has obtained the label after its second assessment.",
     "Gold Label for Baltic Laser Cluster"),
    ("Cluster policy 2.0: the regional government presents its new cluster strategy to the parliament.",
     "Cluster policy 2.0"),
    # the title the teaser's link names wins over the run-in head
    ("Netzwerk Ost wächst: Zwei Hochschulen sind neu im Verbund, dazu ein Gießereibetrieb aus Görlitz und drei "
     "Start-ups aus Cottbus. Mehr: Netzwerk Ost nimmt elf Mitglieder auf", "Netzwerk Ost nimmt elf Mitglieder auf"),
    ("Netzwerk Ost wächst: Zwei Hochschulen sind neu im Verbund. Mehr: https://netzwerk-ost.example/aktuelles/elf",
     "Netzwerk Ost wächst"),
    # no head: a greeting, the issue's own words, a date's ordinal, one long sentence
    ("Liebe Leserinnen und Leser, in dieser Ausgabe: neue Mitglieder, Termine und ein Rückblick.", None),
    ("In dieser Ausgabe: neue Mitglieder im Netzwerk Ost, Termine im Juli und ein Rückblick.", None),
    ("Am 17. September zeigen Fachleute des Bundesamts, wie Cluster ihre Mitglieder schützen.", None),
])
def test_the_headline_a_newsletter_paragraph_runs_in(first: str, lead: str | None) -> None:
    paragraph = first if "Mehr:" in first else first + GOES_ON  # a link's title ends its teaser
    assert signals.lead_headline(f"<p>{paragraph}</p><p>Weitere Meldungen.</p>") == lead


ARTICLE = {"id": "article", "url": "https://netzwerk-ost.example/aktuelles/elf-neue-mitglieder",
           "platform": "netzwerkost", "language": "de", "published": "2019-06-04", "dup_group": "members",
           "title": "Netzwerk Ost nimmt elf Mitglieder auf",
           "text": "Das Clusternetzwerk Ost hat im Mai elf neue Mitglieder aufgenommen, darunter zwei Hochschulen "
                   "aus Cottbus und ein Gießereibetrieb aus Görlitz. Damit zählt das Netzwerk nun 74 Partner in "
                   "Brandenburg und Sachsen."}
TEASER = {"id": "teaser", "url": "https://portal.example/newsletter/2019-06", "platform": "portal", "language": "de",
          "published": None, "dup_group": "members", "title": "Newsletter Clusterportal Juni 2019",
          "text": "Netzwerk Ost wächst: Elf neue Mitglieder hat das Clusternetzwerk Ost im Mai aufgenommen, darunter "
                  "zwei Hochschulen aus Cottbus und ein Gießereibetrieb aus Görlitz. Mehr: Netzwerk Ost nimmt elf "
                  "Mitglieder auf\n\nAußerdem in dieser Ausgabe: Termine im Juli."}
DIGEST = {**TEASER, "id": "digest", "url": "https://portal.example/newsletter/2019-07", "dup_group": None,
          "title": "Newsletter Clusterportal Juli 2019",
          "text": "Liebe Leserinnen und Leser, in dieser Ausgabe finden Sie elf neue Mitglieder im Netzwerk Ost aus "
                  "Cottbus und Görlitz, Termine im Juli und einen Rückblick auf den Frühjahrsempfang."}


def test_a_newsletter_page_that_runs_its_lead_headline_in_is_that_storys_teaser() -> None:
    prints = fingerprints(items(ARTICLE, TEASER))
    teaser, article = prints["teaser"], prints["article"]
    assert not teaser.newsletter  # before: a digest, never judged against a story
    assert teaser.title == "Netzwerk Ost nimmt elf Mitglieder auf"
    assert admissible(teaser, article, evidence(teaser, article))


def test_a_newsletter_page_that_opens_with_a_greeting_stays_a_digest() -> None:
    prints = fingerprints(items(ARTICLE, DIGEST))
    assert prints["digest"].newsletter
    assert prints["digest"].title == DIGEST["title"]
