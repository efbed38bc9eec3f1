"""The render-time checks (feeds/publish/safety.py): their shortcuts for plain values and entries give exactly
what the full checks give."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from feeds.model import Entry, Link, Tag
from feeds.publish import safety

URLS = [
    "https://example.org/news/1-0", "http://bench-de.example/images/2.jpg?w=1#top", "HTTPS://EXAMPLE.ORG/a",
    "https://example.org", "https://example.org?", "https://example.org#", "https://.", "https://-/x",
    "https://user@example.org/a", "https://example.org:8080/a", "https://example.org:99999/a",
    "https://[::1]/a", "https://[::1/a", "https://exa mple.org/", " https://example.org/a ",
    "https://example.org/a\tb", "https://example.org/a\nb", "https://example.org/\x7fa", "https://example.org/ü",
    "https://exämple.org/", "javascript:alert(1)", "data:text/html,x", "ftp://example.org/", "https:///a",
    "https://", "http:/example.org", "//example.org/a", "https://example.org/a b", "https://example.org/\\a",
    "https://example.org/%00", "https://example.org/a\u2028", "https://example.org/a\u00a0", "\u3000https://e.org/",
]


def test_a_plain_url_passes_as_the_full_check_passes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    shortcut = [safety.outbound_url(url) for url in URLS]
    monkeypatch.setattr(safety, "_PLAIN_URL", re.compile(r"(?!)"))  # never matches: the full check only
    assert shortcut == [safety.outbound_url(url) for url in URLS]
    assert shortcut[0] == URLS[0]
    assert shortcut[20] is None  # javascript:


def test_a_printable_text_is_kept_and_every_other_character_is_checked() -> None:
    every = "".join(chr(code) for code in range(0x110000))
    expected = safety._ILLEGAL_XML.sub("", every)
    assert safety.xml_safe(every) == expected
    assert "".join(safety.xml_safe(chr(code)) for code in range(0x110000)) == expected
    for text in ("Wasserstoff für Łódź", "a\tb\nc\rd", "nul\x00", "\ud800", "\ufffe\uffff", "\x7f\x85\xa0", ""):
        assert safety.xml_safe(text) == safety._ILLEGAL_XML.sub("", text)


TEXTS = ["Wasserstoff für Łódź", "", " ", "a\nb", "<p>a</p>\r\n\t<p>5\xa0000\u00ad</p>", "a\nnul\x00", "nul\x00",
         "\ud800", "\n\ud800", "\ufffe", "\x85", None]
WHEN = datetime(2026, 12, 5, tzinfo=UTC)
SAFE = Entry(entry_id="tag:x,2026:1", title="Titel", link="https://example.org/1", summary="s", content_html="<p>c</p>",
             published=WHEN, updated=WHEN, language="de", source_id="s", source_name="Quelle", author="A",
             image_url="https://example.org/1.png", image_type="image/png", image_length=3,
             source_url="https://example.org/", related=(Link("https://example.org/2", "R", "en"),),
             categories=("Cluster",), tags=(Tag("country", "pl", 0.9, "text"),))


def variants() -> list[Entry]:
    found = []
    for value in TEXTS:
        for name in ("entry_id", "title", "summary", "content_html", "source_id", "source_name", "language", "author",
                     "image_type"):
            if value is not None or name in ("language", "author", "image_type"):
                found.append(replace(SAFE, **{name: value}))
        if value is not None:
            found += [replace(SAFE, categories=(value,)), replace(SAFE, tags=(Tag("topic", value, 0.5, "text"),))]
        found.append(replace(SAFE, related=(Link("https://example.org/2", value, value),)))
    for url in [*URLS, ""]:
        found += [replace(SAFE, link=url), replace(SAFE, source_url=url), replace(SAFE, image_url=url),
                  replace(SAFE, related=(Link(url, "R", "en"),))]
    return [*found, replace(SAFE, source_url=None, image_url=None, related=(), categories=(), tags=())]


def test_an_entry_already_safe_is_given_back_as_the_full_checks_give_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert safety.safe_entry(SAFE) is SAFE
    entries = variants()
    shortcut = [safety.safe_entry(entry) for entry in entries]
    monkeypatch.setattr(safety, "_already_safe", lambda _entry: False)
    assert shortcut == [safety.safe_entry(entry) for entry in entries]
    assert sum(checked is entry for checked, entry in zip(shortcut, entries, strict=True)) > 10


def test_texts_with_line_breaks_tabs_and_no_break_spaces_keep_the_entry_as_it_is() -> None:
    """Stored HTML has line breaks: an entry whose texts hold nothing XML forbids is given back unchanged."""
    entry = replace(SAFE, content_html="<p>Erste\r\nZeile</p>\n\t<p>5\xa0000 €</p>", summary="a\tb", title="a\nb")
    assert safety.safe_entry(entry) is entry
    assert safety.safe_entry(replace(entry, summary="a\nb\x0b")).summary == "a\nb"
