"""Lemmas of German, English and French words (`simplemma`), from compact tables when they are prepared.

`simplemma` keeps its lemma dictionaries as Python dicts: de/en/fr cost a process ~148 MB. The same
dictionaries as MARISA tries (`marisa-trie`, through simplemma's own `TrieDictionaryFactory`) take ~10 MB
and answer as fast; every lookup goes through the same strategies over the same key -> lemma pairs, so a
lemma is the same with either (tests/process/test_lemmas.py compares them word for word). Building the
tries needs the dicts once (~270 MB at its peak), so it runs in a child process (`python -m
feeds.process.lemmas FOLDER`: the Dockerfile at install, else the wiring at first use,
`feeds.runner.prepare_reference`), into a folder of derived reference data; a process only loads them.
Until a folder is prepared and chosen (`use_tables`), lemmas come from the dicts as before.

The folder's name carries simplemma's version: another version's dictionaries are other data.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.__metadata__ import __version__ as simplemma_version
from simplemma.strategies import DEFAULT_DICTIONARY_FACTORY, DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory
from simplemma.utils import normalize_token

LANGUAGES = ("de", "en", "fr")
_READY = "ready"  # written last: a folder without it is an interrupted build
_tables: _Tables | None = None  # None: simplemma's in-memory dictionaries


def tables_folder(reference_dir: Path) -> Path:
    """Where the tables for the installed simplemma live under `reference_dir`."""
    return Path(reference_dir) / f"lemmas-simplemma-{simplemma_version}"


def tables_ready(reference_dir: Path) -> bool:
    return (tables_folder(reference_dir) / _READY).exists()


@dataclass(frozen=True)
class _Tables:
    lemmatizer: Lemmatizer
    lookup: DictionaryLookupStrategy


def lemmatize(word: str, language: str) -> str:
    """simplemma's lemma of `word` in `language` (one of LANGUAGES), from the tables when chosen."""
    return str((_tables or _dict_tables()).lemmatizer.lemmatize(word, language))


@lru_cache(maxsize=200_000)
def folded(word: str, language: str | None) -> str:
    """`word` case-folded, its apostrophes and edge hyphens dropped, as its lemma when `language` is one
    of LANGUAGES: how deduplication's terms and the topic words compare words across inflections."""
    word = word.casefold().replace("’", "'").strip("'-")
    if language in LANGUAGES:
        word = lemmatize(word, language).casefold()
    return word


def is_known(word: str, language: str) -> bool:
    """simplemma's `is_known`: whether `word` is in the dictionary of `language` (as itself or with the
    other case of its first letter), from the tables when chosen."""
    return (_tables or _dict_tables()).lookup.get_lemma(normalize_token(word), language) is not None


def use_tables(reference_dir: Path) -> bool:
    """Take lemmas from the prepared tables under `reference_dir`; False (and the dicts stay) when
    they are not prepared."""
    global _tables
    if not tables_ready(reference_dir):
        return False
    _tables = _table_tables(tables_folder(reference_dir))
    return True


@lru_cache(maxsize=1)
def _dict_tables() -> _Tables:
    """simplemma's own: the dictionaries its module-level functions use (one copy per process)."""
    return _Tables(Lemmatizer(lemmatization_strategy=DefaultStrategy()),
                   DictionaryLookupStrategy(DEFAULT_DICTIONARY_FACTORY))


@lru_cache(maxsize=4)
def _table_tables(folder: Path) -> _Tables:
    factory = TrieDictionaryFactory(disk_cache_dir=str(folder), use_disk_cache=True)
    return _Tables(Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)),
                   DictionaryLookupStrategy(factory))


def build(reference_dir: Path) -> Path:
    """Write the tables for LANGUAGES under `reference_dir` (atomically: a concurrent build or a crash
    never leaves a folder that says ready and is not); returns their folder."""
    target = tables_folder(reference_dir)
    if tables_ready(reference_dir):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".lemmas-", dir=target.parent))
    try:
        factory = TrieDictionaryFactory(cache_max_size=1, disk_cache_dir=str(scratch), use_disk_cache=True)
        for language in LANGUAGES:
            factory.get_dictionary(language)  # builds and saves <language>.dic
            if not (scratch / f"{language}.dic").exists():
                raise OSError(f"simplemma wrote no table for {language} in {scratch}")
        (scratch / _READY).write_text(simplemma_version + "\n", encoding="ascii")
        scratch.chmod(0o755)  # built once (by root in the image), read by every process (the runtime user)
        try:
            os.rename(scratch, target)
        except OSError:  # another process finished first
            if not tables_ready(reference_dir):
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
