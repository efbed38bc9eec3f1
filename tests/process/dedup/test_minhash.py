"""MinHash signatures are datasketch's, computed without building a MinHash (feeds/process/dedup/minhash.py)."""

from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash

from feeds.process.dedup import minhash
from feeds.process.dedup.text import shingles


def datasketch_signature(found: set[str], num_perm: int) -> bytes:
    """What `signature` computed before: datasketch's own MinHash."""
    sketch = MinHash(num_perm=num_perm, seed=minhash.SEED, permutations=minhash._permutations(num_perm),
                     scheme=minhash.SCHEME)
    sketch.update_batch([shingle.encode("utf-8") for shingle in sorted(found)])
    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def test_signatures_are_datasketchs() -> None:
    rng = random.Random(11)
    words = ["Cluster", "Förderung", "café", "l'Agence", "2024", "€", "日本", "x", "", " ", "ſ", "\u212a", "EU-Mittel"]
    for num_perm in (1, 16, 64, 128):
        for size in (0, 1, 2, 3, 10, 100, 1000):
            for _ in range(10):
                found = {" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(size)}
                assert minhash.signature(found, num_perm) == datasketch_signature(found, num_perm), (num_perm, found)


def test_a_text_signature_is_datasketchs() -> None:
    text = "Am 3. März 2024 treffen sich in Riga rund 250 Teilnehmende auf Einladung von ECCP und EISMEA. " * 5
    found = shingles(text)
    assert minhash.signature(found, 64) == datasketch_signature(found, 64)
    assert minhash.similarity(minhash.signature(found, 64), datasketch_signature(found, 64)) == 1.0
