"""Round 81's class (a missed pair of blind set 296, read after its measurement): "OLIVALUE Eurocluster announces
beneficiaries of its first open call" was read as the call stage, for its word "call", and so disagreed with the French
report of the same results ("OLIVALUE : 42 PME retenues, dont cinq françaises"). A title that names a call's
beneficiaries reports its results. The titles are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.kinds import title_stage


@pytest.mark.parametrize("title", [
    "Eurocluster announces beneficiaries of its first open call",
    "Premier appel : les bénéficiaires sont connus",
    "Landesprogramm: Das sind die Förderempfänger der zweiten Runde",
])
def test_a_calls_beneficiaries_named_are_its_results(title: str) -> None:
    assert title_stage(title) == "result"


def test_a_call_without_its_beneficiaries_is_still_the_call() -> None:
    assert title_stage("Eurocluster opens its first open call for SMEs") == "call"
