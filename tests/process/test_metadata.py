"""Kooperation-International-style metadata blocks: split by element, never by comma."""

from __future__ import annotations

from feeds.process.metadata import parse_metadata_block

BLOCK = """<p>Der Text der Meldung, mit Komma, und Quelle im Satz.</p>
<p><strong>Quelle:</strong> Clusterplattform Deutschland</p>
<p><strong>Redaktion:</strong> 12.03.2024 von Anna Beispiel, VDI Technologiezentrum GmbH</p>
<p><strong>Länder / Organisationen:</strong> <a href="/l/ba">Bosnien und Herzegowina</a>,
<a href="/l/fr">Frankreich</a>, <a href="/l/eu">EU</a></p>
<p><strong>Themen:</strong> <a href="/t/1">Innovation, Netzwerke</a> <a href="/t/2">Wirtschaft, Märkte</a></p>
<p><strong>Zum Nachlesen:</strong> <a href="https://www.clustercollaboration.eu/news/x">ECCP: Cluster X</a></p>"""


def test_paragraph_block_is_parsed_into_fields() -> None:
    assert parse_metadata_block(BLOCK) == {
        "origin": "Clusterplattform Deutschland",
        "editorial": {"date": "2024-03-12", "editor": "Anna Beispiel", "organisation": "VDI Technologiezentrum GmbH"},
        "countries": ["Bosnien und Herzegowina", "Frankreich", "EU"],
        "topics": ["Innovation, Netzwerke", "Wirtschaft, Märkte"],
        "read_more": [{"href": "https://www.clustercollaboration.eu/news/x", "title": "ECCP: Cluster X"}],
    }


def test_definition_list_with_list_items() -> None:
    html = ("<dl><dt>Themen:</dt><dd><ul><li>Förderung</li><li>Strategie und Rahmenbedingungen</li></ul></dd>"
            "<dt>Länder / Organisationen:</dt><dd>Global</dd></dl>")
    assert parse_metadata_block(html) == {"topics": ["Förderung", "Strategie und Rahmenbedingungen"],
                                          "countries": ["Global"]}


def test_plain_text_value_is_one_value_even_with_commas() -> None:
    assert parse_metadata_block("<p><b>Themen:</b> Wirtschaft, Märkte</p>") == {"topics": ["Wirtschaft, Märkte"]}


def test_no_block_no_fields() -> None:
    assert parse_metadata_block("<p>Themen der Konferenz waren Innovation und Quelle: unbekannt.</p>") == {}


def test_zum_nachlesen_as_a_heading_without_colon() -> None:
    """Kooperation International writes the section as a heading, as in the seed item."""
    html = """<p>Text.</p><h3>Zum Nachlesen</h3><ul><li>European Cluster Collaboration Platform (09.09.2019):
    <a href="https://www.clustercollaboration.eu/news/green-light">Green light for the alliance</a></li></ul>
    <p><strong>Quelle:</strong> Clusterplattform Deutschland</p>"""
    fields = parse_metadata_block(html)
    assert fields["read_more"] == [{"href": "https://www.clustercollaboration.eu/news/green-light",
                                    "title": "Green light for the alliance"}]
    assert fields["origin"] == "Clusterplattform Deutschland"


def test_a_heading_that_is_not_a_label_is_ignored() -> None:
    assert parse_metadata_block("<h3>Themen der Konferenz</h3><ul><li><a href='/x'>Wasserstoff</a></li></ul>") == {}
