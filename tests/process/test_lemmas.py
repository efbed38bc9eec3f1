"""The compact lemma tables give the very lemmas simplemma's in-memory dictionaries give."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import simplemma
from simplemma.strategies.dictionaries import DefaultDictionaryFactory, TrieDictionaryFactory
from simplemma.utils import normalize_token

from feeds.process import lemmas
from feeds.process.dedup import terms
from feeds.runner import prepare_reference
from feeds.settings import Settings

DATA = Path(__file__).parent.parent / "data"
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]")


@pytest.fixture(scope="module")
def tables() -> Path:
    """The tables the service uses (built once per machine by the wiring, as at a first start)."""
    reference_dir = Settings().reference_dir.expanduser()
    assert prepare_reference(reference_dir)
    return lemmas.tables_folder(reference_dir)


def _labelled_words() -> list[str]:
    """Every word of four letters or more in the labelled sets (de/en/fr news), as deduplication asks:
    case-folded, in the order found."""
    found: dict[str, None] = {}
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = " ".join(str(value) for value in json.loads(line).values() if isinstance(value, str))
                found.update((word.casefold(), None) for word in _WORD.findall(text) if len(word) >= 4)
    return list(found)


def test_tables_give_the_dictionaries_lemmas_for_every_word_of_the_labelled_sets(tables: Path) -> None:
    words = _labelled_words()
    assert len(words) > 20_000  # a large sample: every word of the de/en/fr labelled news
    from_dicts = lemmas._dict_tables().lemmatizer
    from_tables = lemmas._table_tables(tables).lemmatizer
    for language in lemmas.LANGUAGES:
        differing = [word for word in words
                     if from_tables.lemmatize(word, language) != from_dicts.lemmatize(word, language)]
        assert differing == [], language


def test_tables_give_the_dictionaries_lemmas_for_inflected_and_compound_forms(tables: Path) -> None:
    """Forms no dictionary holds go through simplemma's rules and decompositions, which look up parts."""
    from_dicts = lemmas._dict_tables().lemmatizer
    from_tables = lemmas._table_tables(tables).lemmatizer
    dictionaries = DefaultDictionaryFactory()
    for language in lemmas.LANGUAGES:
        keys = sorted(dictionaries.get_dictionary(language))[::97]  # a spread over the whole alphabet
        made = [*keys, *(f"{a}{b}" for a, b in itertools.pairwise(keys)), *(k + "s" for k in keys),
                *(k + "en" for k in keys)]
        assert len(made) > 5_000
        differing = [w for w in made if from_tables.lemmatize(w, language) != from_dicts.lemmatize(w, language)]
        assert differing == [], language


def test_tables_know_the_words_the_dictionaries_know(tables: Path) -> None:
    """`is_known` (German names in titles: a word the data does not know, nor its endings) for every word of
    the labelled sets and every ending of it."""
    words = _labelled_words()
    endings = {word[start:] for word in words for start in range(1, len(word) - 3)}
    from_tables = lemmas._table_tables(tables).lookup
    for language in lemmas.LANGUAGES:
        differing = [word for word in [*words, *sorted(endings)] if simplemma.is_known(word, language)
                     != (from_tables.get_lemma(normalize_token(word), language) is not None)]
        assert differing == [], language


@pytest.mark.slow
def test_tables_hold_exactly_the_dictionaries_pairs(tables: Path) -> None:
    """Every key -> lemma pair of the shipped dictionaries, and no other: the strategies see the same data."""
    from_tables = TrieDictionaryFactory(disk_cache_dir=str(tables))
    from_dicts = DefaultDictionaryFactory()
    for language in lemmas.LANGUAGES:
        table, dictionary = from_tables.get_dictionary(language), from_dicts.get_dictionary(language)
        assert len(table) == len(dictionary)
        assert all(table.get(key) == lemma for key, lemma in dictionary.items()), language


def test_rare_terms_use_the_chosen_lemmas(tables: Path) -> None:
    assert lemmas.use_tables(tables.parent)
    assert terms.lemma.__wrapped__("Wasserstoffnetzwerks", "de") == lemmas._dict_tables().lemmatizer.lemmatize(
        "wasserstoffnetzwerks", "de").casefold()


@pytest.mark.slow
def test_build_writes_a_ready_folder_readable_by_everyone(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "feeds.process.lemmas", str(tmp_path)], check=True, capture_output=True)
    folder = lemmas.tables_folder(tmp_path)
    assert lemmas.tables_ready(tmp_path)
    assert {path.name for path in folder.iterdir()} == {"de.dic", "en.dic", "fr.dic", "ready"}
    assert folder.stat().st_mode & 0o755 == 0o755
    assert [path.name for path in tmp_path.iterdir()] == [folder.name]  # no scratch folder left


def test_a_folder_that_cannot_be_written_leaves_the_dictionaries_in_use(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert prepare_reference(blocked) is False
    assert not lemmas.tables_ready(blocked)
