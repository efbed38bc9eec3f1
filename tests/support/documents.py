"""Small feed documents the tests serve over HTTP, and how to write more of them."""

from __future__ import annotations

import zlib

# One item: managers from Lithuania and Poland meet in Vilnius.
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test</title><link>https://example.org/</link><description>d</description>
<item><title>Cluster managers meet in Vilnius</title><link>https://example.org/news/vilnius</link>
<guid>https://example.org/news/vilnius</guid><pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate>
<description>Cluster managers from Lithuania and Poland met in Vilnius to plan joint projects.</description></item>
</channel></rss>"""

# Two items: the Vilnius meeting and a photonics cluster in Jena.
RSS_TWO_ITEMS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test</title><link>https://example.org/</link><description>d</description>
<item><title>Cluster managers meet in Vilnius</title><link>https://example.org/news/vilnius</link>
<guid>https://example.org/news/vilnius</guid><pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate>
<description>Cluster managers from Lithuania and Poland met in Vilnius to plan joint projects.</description></item>
<item><title>Photonics cluster opens in Jena</title><link>https://example.org/news/jena</link>
<guid>https://example.org/news/jena</guid><pubDate>Wed, 4 Mar 2026 10:00:00 +0100</pubDate>
<description>A new photonics cluster in Thuringia brings together forty companies.</description></item>
</channel></rss>"""

RSS_ITEM = ("<item><title>{title}</title><link>https://news.example/{slug}</link><guid>https://news.example/{slug}</guid>"
            "<pubDate>{date}</pubDate><description>{text}</description></item>")


def rss(*items: tuple[str, str, str, str]) -> bytes:
    """An RSS document of https://news.example/ with items given as (slug, title, RFC 822 date, text)."""
    body = "".join(RSS_ITEM.format(slug=s, title=t, date=d, text=x) for s, t, d, x in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
            f"<link>https://news.example/</link><description>d</description>{body}</channel></rss>").encode()


FIRST = [("vilnius", "Cluster managers meet in Vilnius", "Tue, 3 Mar 2026 10:00:00 +0100",
          "Cluster managers from Lithuania and Poland met in Vilnius to plan joint innovation projects.")]
SECOND = [("hamburg", "Wasserstoff-Cluster in Hamburg gegründet", "Wed, 4 Mar 2026 09:00:00 +0100",
           "In Hamburg haben Unternehmen und Hochschulen einen Wasserstoff-Cluster gegründet.")]


def gzip_zeros(size: int) -> bytes:
    """A gzip member of `size` zero bytes (rounded down to whole MiB): a compression bomb."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = b"\0" * (1 << 20)
    return b"".join([*(compressor.compress(block) for _ in range(size >> 20)), compressor.flush()])
