"""Translations of rare words between German, English and French, from Debian's FreeDict dictionaries.

A press release and its report in another language name one thing in each language's own word: "Aussteller"
and "exhibitors", "Wechselrichter" and "inverters", "Grundwasser" and "groundwater". The cognate stems
(`terms.cognate_stems`) find such words only where they share a root; a bilingual dictionary finds them where
they do not (dedup round 67). The dictionaries are Debian's `dict-freedict-*` packages (dictd's format: an index
of headwords and a compressed body), installed beside the service (`scripts/install-system-deps`, the
Dockerfile); a machine without them translates nothing (it logs so once), and deduplication decides as it did
before the round.

Only one word to one word is kept, where both could be rare words (`terms.weight` above 0), as their lemmas
(`lemmas.folded`), the way the rare words are written: a translation is looked up only to find one of the other
text's rare words. Phrases ("call for tenders") are left out: a rare word is one word.

Reading the six dictionaries takes ~25 s and ~450 MB at its peak, so, as the lemma tables, the translations are
written once into a compact table (a MARISA trie, 3.3 MB) under the folder of derived reference data, by a child
process (`build`: the Dockerfile at install, else the wiring at first use where stories are assigned,
`feeds.runner.prepare_translations`); a process only maps it (`use_table`). Until a table is chosen, translations come
from the dictionaries themselves, read once per process: the same translations, slower.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

import marisa_trie
from simplemma.__metadata__ import __version__ as simplemma_version

from feeds.process.dedup import terms as rare_terms
from feeds.process.lemmas import folded, is_known

log = logging.getLogger(__name__)

DICTIONARY_DIR = Path("/usr/share/dictd")
# (from, to) -> FreeDict's name of that dictionary; each direction is a dictionary of its own, with its own headwords
DICTIONARIES = {("de", "en"): "deu-eng", ("en", "de"): "eng-deu", ("fr", "en"): "fra-eng",
                ("en", "fr"): "eng-fra", ("de", "fr"): "deu-fra", ("fr", "de"): "fra-deu"}
MIN_LETTERS = 4
TABLE_FORMAT = 1  # bump when what the table holds changes: another format is another folder
_TABLE = "glossary.marisa"
_READY = "ready"  # written last: a folder without it is an interrupted build
_B64 = {letter: value for value, letter in enumerate(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_WORD = re.compile(r"^[^\W\d_]+$")
_MARKS = re.compile(r"\[[^\]]*\]|<[^>]*>|\([^)]*\)|/[^/]*/")  # a domain, a grammar tag, a gloss, a pronunciation
_SENSE = re.compile(r"(?:^|\s)\d+\.(?=\s|$)")  # a sense's number: "1. Werft", "hydrogène 2."
_NOT_TRANSLATIONS = ("Note:", "see:", "Synonym", "Antonym", '"')
_LANGUAGE = {"deu": "de", "eng": "en", "fra": "fr"}
_table: marisa_trie.BytesTrie | None = None  # None: read from the dictionaries (`_read`)


def translations(term: str, source: str | None, target: str | None) -> frozenset[str]:
    """The one-word translations of the rare word `term` (a lemma in `source`) into `target`, as lemmas."""
    if source == target or (source, target) not in DICTIONARIES:
        return frozenset()
    if _table is not None:
        found = _table.get(f"{source}>{target}:{term}")
        return frozenset(found[0].decode().split()) if found else frozenset()
    return _read(DICTIONARY_DIR).get(f"{source}>{target}:{term}", frozenset())


def table_folder(reference_dir: Path, dictionaries: Path = DICTIONARY_DIR) -> Path:
    """Where the table for the dictionaries installed now lives under `reference_dir`: its name carries what the
    table is made of (each dictionary's size and time, simplemma's version, TABLE_FORMAT), so that an upgraded or
    newly installed dictionary is another table."""
    made_of = [f"{TABLE_FORMAT} {simplemma_version}"]
    for name in DICTIONARIES.values():
        for path in _files(name, dictionaries):
            stat = path.stat() if path.exists() else None
            made_of.append(f"{path.name} {stat.st_size} {stat.st_mtime_ns}" if stat else f"{path.name} -")
    return Path(reference_dir) / f"glossary-{hashlib.sha256(chr(10).join(made_of).encode()).hexdigest()[:16]}"


def table_ready(reference_dir: Path, dictionaries: Path = DICTIONARY_DIR) -> bool:
    return (table_folder(reference_dir, dictionaries) / _READY).exists()


def use_table(reference_dir: Path, dictionaries: Path = DICTIONARY_DIR) -> bool:
    """Take translations from the prepared table under `reference_dir`; False (and they stay read from the
    dictionaries) when it is not prepared."""
    global _table
    if not table_ready(reference_dir, dictionaries):
        return False
    _table = marisa_trie.BytesTrie().mmap(str(table_folder(reference_dir, dictionaries) / _TABLE))
    return True


def build(reference_dir: Path, dictionaries: Path = DICTIONARY_DIR) -> Path:
    """Write the table for the installed dictionaries under `reference_dir` (atomically: a concurrent build or a
    crash never leaves a folder that says ready and is not); returns its folder."""
    target = table_folder(reference_dir, dictionaries)
    if table_ready(reference_dir, dictionaries):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".glossary-", dir=target.parent))
    try:
        entries = _entries_of(dictionaries)
        marisa_trie.BytesTrie((key, " ".join(sorted(words)).encode()) for key, words in entries.items()).save(
            str(scratch / _TABLE))
        (scratch / _READY).write_text(f"{len(entries)} headwords\n", encoding="ascii")
        scratch.chmod(0o755)  # built once (by root in the image), read by every process (the runtime user)
        try:
            os.rename(scratch, target)
        except OSError:  # another process finished first
            if not table_ready(reference_dir, dictionaries):
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


@lru_cache(maxsize=2)
def _read(dictionaries: Path) -> Mapping[str, frozenset[str]]:
    """`_entries_of` once per process: translations where no table is chosen."""
    return _entries_of(dictionaries)


def _entries_of(dictionaries: Path) -> dict[str, frozenset[str]]:
    """Every installed dictionary of DICTIONARIES as "de>en:<headword>" -> its translations."""
    found: dict[str, frozenset[str]] = {}
    for (source, target), name in DICTIONARIES.items():
        for head, words in _entries(name, dictionaries):
            found[f"{source}>{target}:{head}"] = words
    return found


def _entries(name: str, dictionaries: Path) -> Iterator[tuple[str, frozenset[str]]]:
    """One dictionary's headwords that could be rare words, each with its translations that could be too, as lemmas.
    Nothing when it is not installed."""
    index, body = _files(name, dictionaries)
    if not index.exists() or not body.exists():
        log.warning("dictionary %s is not in %s: deduplication reads no translations from it (Debian package "
                    "dict-freedict-%s, installed by scripts/install-system-deps)", name, dictionaries, name)
        return
    source, target = (_LANGUAGE[code] for code in name.split("-"))
    text = gzip.decompress(body.read_bytes())
    found: dict[str, set[str]] = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        head, _, place = line.partition("\t")
        if head.startswith("00") or len(head) < MIN_LETTERS or not _WORD.match(head):
            continue
        lemma = folded(head, source)
        if not rare_terms.weight(lemma):
            continue
        start, _, length = place.partition("\t")
        entry = text[_number(start):_number(start) + _number(length)].decode("utf-8", "replace")
        if _proper(entry.partition(" ")[0], source):  # the index writes every headword in small letters
            continue
        # WikDict's dictionaries (deu-fra, fra-deu) follow each sense's translations with its definition in the
        # headword's language: a word of that language the other does not know is no translation
        words = {folded(word, target) for word in parse_entry(entry) if not _proper(word, target)
                 and (is_known(word, target) or not is_known(word, source))} - {lemma}
        found.setdefault(lemma, set()).update(word for word in words if rare_terms.weight(word))
    for lemma, words in found.items():
        if words:
            yield lemma, frozenset(words)


def parse_entry(entry: str) -> list[str]:
    """The one-word translations a dictd entry gives, as written: its lines after the headword's, without the notes,
    cross-references, examples, domains, grammar tags, glosses and the numbers of its senses."""
    words = []
    for line in entry.split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(_NOT_TRANSLATIONS):
            continue
        for part in re.split(r"[,;]", _SENSE.sub(" ", _MARKS.sub(" ", line))):
            word = part.strip()
            if len(word) >= MIN_LETTERS and _WORD.match(word):
                words.append(word)
    return words


def _proper(word: str, language: str) -> bool:
    """A name or a name's adjective: an English or French word written with a capital ("Finnish", "Silesia",
    "Roumanie"). Countries, their demonyms and places are features of their own (`names.py`), compared in every
    language; as translations they joined reports of two stories about one country. German writes every noun so."""
    return language != "de" and word[:1].isupper()


def _files(name: str, dictionaries: Path) -> tuple[Path, Path]:
    return dictionaries / f"freedict-{name}.index", dictionaries / f"freedict-{name}.dict.dz"


def _number(digits: str) -> int:
    """dictd's offsets and lengths: base 64, most significant digit first."""
    value = 0
    for digit in digits:
        value = value * 64 + _B64[digit]
    return value

