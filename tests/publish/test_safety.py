"""The render-time checks (feeds/publish/safety.py): their shortcuts for plain values give exactly what the
full checks give."""

from __future__ import annotations

import re

import pytest

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
