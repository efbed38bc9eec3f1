"""The XML guard's fallback scan stays linear on pathological documents.

After a syntax error `check_xml` scans the rest of the document itself (`xmlguard._scan_rest`). A document of
unclosed openers ("<a<a<a…", "<![CDATA[" repeated, up to the fetch cap of 10 MB) must cost time proportional to its
size: each unit's scan of the full size is compared with the same scan of half the size, measured in the same run
(CPU time of this process). Linear gives a ratio near 2, quadratic near 4.
"""

from __future__ import annotations

import contextlib
import time

from bench.harness import Result
from feeds.collect.xmlguard import UnsafeXMLError, check_xml

UNITS = (b"<![CDATA[", b"<!DOCTYPE", b"<a", b"<!--", b"<!")


def _scan_seconds(unit: bytes, size: int) -> float:
    body = b"<rss>&nbsp;" + unit * (size // len(unit))
    started = time.process_time()
    with contextlib.suppress(UnsafeXMLError):
        check_xml(body)
    return time.process_time() - started


def run(quick: bool) -> list[Result]:
    size = 2_000_000 if quick else 10_000_000
    results = []
    for unit in UNITS:
        half, full = _scan_seconds(unit, size // 2), _scan_seconds(unit, size)
        results.append(Result(f"xml guard scan of {unit.decode()!r} repeated, {size // 1_000_000} MB", full, "s",
                              f"the same at {size // 2_000_000} MB", half, "ratio <= 2.5",
                              "linear: about 2; quadratic: about 4"))
    return results
