"""Round 69's class (the chain of blind set 244, read after its measurement): the Commission's proposal of a toy safety
regulation ("EU-Kommission legt Entwurf für Spielzeugverordnung vor", "Commission proposes stricter rules …") named no
stage, so an undated report of the regulation published in the Official Journal two years later ("… im Amtsblatt
veröffentlicht") joined the proposal's story as well as its own, and the two stories chained. A law or a rule proposed
is now the proposal stage: another stage than the law published, two stories by the guide. A call for proposals stays a
call, and so does a partner sought for a proposal; a proposal published is the proposal. The titles and texts are
invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Commission proposes new rules on packaging waste",
    "Brussels tables proposal to restrict PFAS in coatings",
    "La Commission propose un règlement sur les emballages",
    "Matériel de reproduction : Bruxelles publie sa proposition de règlement",
    "EU-Kommission legt Entwurf für eine Verpackungsverordnung vor",
    "Kommission schlägt neue Spielzeugregeln vor",
    "PFAS-Beschränkungsvorschlag veröffentlicht",
    "Kabinett beschließt Gesetzentwurf zum Wasserstoffnetz",
])
def test_a_rule_proposed_is_the_proposal(title: str) -> None:
    assert title_stage(title) == "proposal"


@pytest.mark.parametrize(("title", "stage"), [
    ("Call for proposals: Joint Cluster Initiatives", "call"),
    ("First call for project proposals is open", "call"),
    ("ECC 2026: propose a side event in Lyon", "call"),
    ("Appel à idées : proposez vos ateliers", "call"),
    ("Cluster seeks partners for Horizon Europe proposal", "call"),
    ("Info day on the call for proposals", "event"),
    ("Spielzeugverordnung im Amtsblatt veröffentlicht", "publication"),
    ("OE-A-Roadmap: Entwurf in Dresden diskutiert", None),
])
def test_what_else_names_a_proposal_keeps_its_stage(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


def test_a_regulation_proposed_and_published_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("proposal", "EU-Kommission legt Entwurf für Verpackungsverordnung vor",
                "Die Europäische Kommission hat ihren Vorschlag für eine Verpackungsverordnung vorgelegt. Verpackungen "
                "sollen bis 2030 recyclingfähig sein, Hersteller von Verpackungsmaschinen rechnen mit neuen "
                "Anforderungen.", "de", "2022-11-30"),
        article("journal", "Packaging regulation published in the Official Journal",
                "The packaging and packaging waste regulation has been published in the Official Journal of the EU. "
                "Packaging must be recyclable by 2030; makers of packaging machinery prepare for the new "
                "requirements.", "en", None)))
    assert prints["proposal"].stage == "proposal"
    assert prints["journal"].stage == "publication"
    assert titles_disagree(evidence(prints["proposal"], prints["journal"]))
