"""MinHash signatures and LSH band keys (datasketch), stored as plain values.

The store keeps each item's band keys as indexed rows, so finding near-duplicate candidates
is an index probe whatever the number of stories. A band key is `b<band>:<hash of the band's
rows>`: two items share one when every row of that band agrees, which for `bands` bands of
`rows` rows happens with probability 1 - (1 - J**rows)**bands at Jaccard similarity J.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SEED = 20250601  # fixed: signatures stored yesterday must compare with signatures made today
SCHEME = "affine32"  # named, so a datasketch upgrade cannot silently change stored signatures


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    template = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    permutations = np.asarray(template.permutations, dtype=np.uint32)
    permutations.setflags(write=False)
    return permutations


def signature(shingles: set[str], num_perm: int) -> bytes:
    """The MinHash signature of a shingle set as `num_perm` little-endian uint32 values.

    The values of datasketch's `MinHash(num_perm, seed=SEED, scheme=SCHEME).update_batch` over the UTF-8
    shingles, computed here in one pass without building a MinHash (tests/process/dedup/test_minhash.py
    compares the two): each shingle's hash is the first four bytes of its SHA-1 (`sha1_hash32`), mixed by
    the MurmurHash3 finalizer, then `a * h + b` per permutation in uint32 (wrapping), the least kept."""
    a, b = _permutations(num_perm)
    if not shingles:
        return np.full(num_perm, _EMPTY, dtype="<u4").tobytes()
    sha1 = hashlib.sha1
    hashed = np.frombuffer(b"".join([sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingles]),
                           dtype="<u4").astype(np.uint32)
    _fmix32(hashed)
    # each hash by each permutation's `a`, then `b` added, in place: the same uint32 values with fewer arrays made
    values = np.multiply.outer(hashed, a)
    values += b
    return bytes(values.min(axis=0).astype("<u4").tobytes())


_EMPTY = np.uint32(0xFFFFFFFF)
_SHIFT_16, _SHIFT_13 = np.uint32(16), np.uint32(13)
_MIX_1, _MIX_2 = np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35)


def _fmix32(values: np.ndarray) -> None:
    """MurmurHash3's 32-bit finalizer (datasketch's premix of the "affine32" scheme), applied to `values` (uint32) in
    place."""
    values ^= values >> _SHIFT_16
    values *= _MIX_1
    values ^= values >> _SHIFT_13
    values *= _MIX_2
    values ^= values >> _SHIFT_16


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures of the same size (0 when sizes differ)."""
    if not a or len(a) != len(b):
        return 0.0
    left = _values(a)
    return float(np.count_nonzero(left == _values(b))) / len(left)


# An item is compared with every member of its candidate stories, each member with many items: a
# signature is decoded once while it is compared (the cache holds about a batch's candidates).
@lru_cache(maxsize=8192)
def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype="<u4")


def band_keys(sig: bytes, bands: int, rows: int) -> tuple[str, ...]:
    """One key per band: `b<i>:<12 hex digits>`."""
    width = 4 * rows
    keys = []
    for band in range(min(bands, len(sig) // width)):
        chunk = sig[band * width:(band + 1) * width]
        keys.append(f"b{band}:{hashlib.blake2b(chunk, digest_size=6).hexdigest()}")
    return tuple(keys)
