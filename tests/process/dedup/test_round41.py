"""Round 41's class (blind sets 109-112 among others, read after their measurement): a newsletter page titled only by
its issue ("Newsletter Clusterplattform Juni 2019") whose body leads with one story's headline and a teaser of it
("… Mehr: <link>") was read as a digest of many stories, so it joined nothing but an exact copy. The writers, as the
guide says of "a newsletter teaser and the full article", label such a page with the story it leads with. It is now
read as that story's teaser: its title is the headline it leads with, and its links are references. A page that
opens with a greeting or a sentence stays a digest. The titles and texts are invented for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from feeds.process.dedup import signals
from feeds.process.dedup.scoring import is_exact
from tests.support.labelled import fingerprints, items

ARTICLE = {"id": "article", "url": "https://netzwerk-ost.example/aktuelles/elf-neue-mitglieder",
           "platform": "netzwerkost", "language": "de", "published": "2019-06-04", "dup_group": "members",
           "title": "Netzwerk Ost wächst um elf Mitglieder",
           "text": "Das Clusternetzwerk Ost hat im Mai elf neue Mitglieder aufgenommen, darunter zwei Hochschulen aus "
                   "Cottbus und ein Gießereibetrieb aus Görlitz. Damit zählt das Netzwerk nun 74 Partner."}
TEASER = {"id": "teaser", "url": "https://portal.example/newsletter/2019-06",
          "platform": "portal", "language": "de", "published": "2019-06-20", "dup_group": "members",
          "title": "Newsletter Clusterportal Juni 2019",
          "text": "Netzwerk Ost wächst um elf Mitglieder\n\nZwei Hochschulen und ein Gießereibetrieb sind neu im "
                  "Clusternetzwerk Ost.\n\nMehr: https://netzwerk-ost.example/aktuelles/elf-neue-mitglieder\n\n"
                  "Außerdem in dieser Ausgabe: Termine im Juli."}
DIGEST = {**TEASER, "id": "digest", "url": "https://portal.example/newsletter/2019-07", "dup_group": None,
          "title": "Newsletter Clusterportal Juli 2019",
          "text": "Liebe Leserinnen und Leser,\n\nin dieser Ausgabe: elf neue Mitglieder im Netzwerk Ost, Termine "
                  "im Juli.\n\nMehr: https://netzwerk-ost.example/aktuelles/elf-neue-mitglieder"}


@pytest.mark.parametrize(("html", "lead"), [
    ("<h2>go-cluster wächst: 13 neue Mitglieder</h2><p>Der Verbund …</p>", "go-cluster wächst: 13 neue Mitglieder"),
    ("<p>Don&#x27;t miss: <b>Hydrogen Valleys</b></p><p>…</p>", "Don't miss: Hydrogen Valleys"),
    ("<p>Liebe Leserinnen und Leser,</p><p>…</p>", None),  # a greeting
    ("<p>The deadline has been extended.</p>", None),  # a sentence
    ("<p>" + "Cluster " * 20 + "</p>", None),  # a paragraph, not a headline
    ("<p>Termine</p>", None),  # too short to name a story
    ("", None),
])
def test_the_headline_a_body_leads_with(html: str, lead: str | None) -> None:
    assert signals.lead_headline(html) == lead


def test_a_newsletter_page_that_leads_with_a_headline_is_that_storys_teaser() -> None:
    prints = fingerprints(items(ARTICLE, TEASER))
    teaser = prints["teaser"]
    assert not teaser.newsletter
    assert teaser.title == "Netzwerk Ost wächst um elf Mitglieder"
    # its "Mehr:" link is a reference to the article, an exact signal
    assert is_exact(teaser, prints["article"])


def test_a_newsletter_page_that_opens_with_a_greeting_stays_a_digest() -> None:
    prints = fingerprints(items(ARTICLE, DIGEST))
    digest = prints["digest"]
    assert digest.newsletter
    assert digest.title == DIGEST["title"]
    assert not digest.references
    assert not is_exact(digest, prints["article"])


def test_a_page_its_source_declares_a_newsletter_stays_a_digest() -> None:
    (teaser,) = items(TEASER)
    raw = dataclasses.replace(teaser.raw, metadata={"content_type": "newsletter"})
    prints = fingerprints([dataclasses.replace(teaser, raw=raw)])
    assert prints["teaser"].newsletter
    assert prints["teaser"].title == TEASER["title"]
