"""Pure parts of deduplication: features that survive translation, references, primary choice."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from feeds.model import Item, ItemMetadata, Link
from feeds.process.dedup import FingerprintOptions, choose_primary, fingerprint, names, signals, terms
from feeds.process.dedup.signals import dates, explicit_references, features, title_numbers, titles_conflict
from tests.support.texts import LED_PIECES, random_texts


def test_dates_in_three_languages_and_numeric_forms_agree() -> None:
    for text in ("am 14. Mai 2024", "on 14 May 2024", "on May 14, 2024", "le 14 mai 2024", "14.05.2024",
                 "2024-05-14"):
        assert dates(text) == {"2024-05-14"}, text


def test_numbers_are_written_one_way() -> None:
    german = features("", "42 Millionen Euro, 1.500 Teilnehmende, 8,5 Prozent, 3 Partner")
    english = features("", "EUR 42 million, 1,500 participants, 8.5 percent, 3 partners")
    assert {"n:42000000", "e:42000000", "n:1500", "n:8.5"} <= german & english  # an amount in full (round 10)
    assert not any(f == "n:3" for f in german)  # small counts are noise


def test_title_numbers_separate_a_series() -> None:
    assert titles_conflict(title_numbers("Clusterwoche 2017"), title_numbers("Clusterwoche 2019"))
    assert not titles_conflict(title_numbers("Konferenz 2024"), title_numbers("Conference, 14 May 2024"))


def test_only_explicit_links_are_references() -> None:
    item = _item(links=(Link("https://a.test/x", "Mehr"), Link("https://b.test/y", "Veranstaltungen"),
                        Link("https://c.test/en", None, "en")),
                 metadata={"read_more": [{"href": "https://d.test/z", "title": None}],
                           "origin": "Clusterplattform Deutschland"})
    assert set(explicit_references(item)) == {"https://a.test/x", "https://c.test/en", "https://d.test/z"}


def test_primary_prefers_the_original_then_the_earliest_in_any_order() -> None:
    options = FingerprintOptions()
    original = fingerprint(_item(url="https://cp.test/a", day=10), options)
    copy = fingerprint(_item(url="https://ki.test/a", day=5, metadata={"origin": "CP"}), options)
    later = fingerprint(_item(url="https://eccp.test/a", day=12), options)
    members = [(1, original), (2, copy), (3, later)]
    assert {choose_primary(list(order)) for order in itertools.permutations(members)} == {1}


def _item(url: str = "https://cp.test/item", day: int = 1, links: tuple[Link, ...] = (),
          metadata: ItemMetadata | None = None) -> Item:
    published = datetime(2024, 5, day, tzinfo=UTC)
    return Item(source_id=url.split("/")[2], key=url, canonical_url=url, url=url, title="Meldung",
                content_html="<p>Text</p>", summary="Text", published=published, updated=published, language="de",
                content_hash="h", links=links, metadata=metadata or {})


def test_labelled_links_in_the_content_are_references() -> None:
    item = _item(url="https://eccp.test/news/a")
    content = ('<p>Text.</p><p class="read-more">Read more: <a href="https://cp.test/a.html">Titel (CP)</a></p>'
               '<p>See our <a href="https://other.test/events">events</a>.</p>'
               '<div><h3>Zum Nachlesen</h3><ul><li>ECCP (1.2.2024): <a href="/news/b">B</a></li></ul></div>')
    found = explicit_references(replace(item, content_html=content))
    assert found == ("https://cp.test/a.html", "https://eccp.test/news/b")


@pytest.mark.parametrize("label", ["<p>Zum Nachlesen</p>", "<p><strong>Zum Nachlesen:</strong></p>",
                                   "<div>Quelle</div>"])
def test_a_label_alone_in_a_paragraph_heads_the_links_that_follow(label: str) -> None:
    """A CMS's bold line, or a page's heading flattened to a paragraph, labels the block after it as the
    heading "Zum Nachlesen" does (round 17: 87 labelled pairs of sets 2-28 linked their source this way)."""
    item = _item(url="https://ki.test/news/a")
    content = (f"<p>Text with <a href='https://other.test/x'>a link</a>.</p>{label}"
               "<p>Clusterplattform Deutschland (06.06.2023): Titel https://<a href='https://cp.test/b.html'>b</a></p>"
               "<p>Later prose with <a href='https://other.test/y'>another link</a>.</p>")
    assert explicit_references(replace(item, content_html=content)) == ("https://cp.test/b.html",)


def test_a_newsletter_parts_links_are_references_and_parts_stay_apart() -> None:
    options = FingerprintOptions()
    page = "https://cp.test/newsletter-07.html"
    parts = [replace(_item(url=f"{page}#meldung-{n}"), metadata={"part_of": page},
                     links=(Link(f"https://cp.test/article-{n}.html"),)) for n in (1, 2)]
    first, second = (fingerprint(part, options) for part in parts)
    assert first.references == ("cp.test/article-1.html",)
    assert not set(first.exact_keys()) & set(second.exact_keys())  # the fragment tells the parts apart


# Round 8 of the ingest speed (issue 17): the same features by fewer and cheaper passes over a text.

@pytest.mark.parametrize("pattern", [names._WORD, signals._CAPITALISED, signals._ACRONYM, terms._WORD])
def test_words_are_read_without_match_objects(pattern: re.Pattern[str]) -> None:
    """`findall` of a pattern without groups gives each whole match, as `match.group(0)` over `finditer` did."""
    assert pattern.groups == 0
    for text in random_texts(LED_PIECES, seed=41, count=3000):
        assert pattern.findall(text) == [match.group(0) for match in pattern.finditer(text)], text


def test_a_currency_is_hinted_wherever_one_is_written() -> None:
    """`_CURRENCY_HINT` finds something exactly where `_CURRENCY` does, so in every text an amount is found in: texts it
    finds nothing in are not searched for amounts."""
    currency = re.compile(signals._CURRENCY, re.IGNORECASE)
    pieces = [*LED_PIECES, "€", "eur", "EURO", "Euros", "euroS", "Europe", "chf", "ChF", "CHF-", "chfx", "uh", "Hf",
              "ur", "e", "c", " ", "5", "d'", "de "]
    amounts = 0
    for text in random_texts(pieces, seed=43, count=6000):
        assert bool(signals._CURRENCY_HINT.search(text)) == bool(currency.search(text)), text
        if signals._AMOUNT.search(text):
            amounts += 1
            assert signals._CURRENCY_HINT.search(text), text
    assert amounts > 200
    assert signals.amounts("2,5 Mio. Euro, EUR 3 million, 40 000 CHF, €12k") == {
        "e:2500000", "n:2500000", "e:3000000", "n:3000000", "e:40000", "n:40000", "e:12000", "n:12000"}
    assert signals.amounts("2,5 Millionen für Europe") == {"n:2500000"}


def test_a_dotless_or_dotted_i_in_a_number_word_month_or_ordinal_is_no_error() -> None:
    # the patterns match "ı" and "İ" as "i" when they ignore case; the words are none of the tables' (a Turkish name or
    # word, or a typo), and the rest of the text is read as before
    found = features("", "Fıfty clusters met in Maı 2024; FİRST results in May 2024 for twelve partners.")
    assert "n:12" in found
    assert "m:2024-05" in found
    assert not any(feature in found for feature in ("n:50", "o:1"))
    assert title_numbers("The fırst call: FİRST round 2024") == frozenset({"y:2024"})
    assert title_numbers("The first call") == frozenset({"o:1"})
