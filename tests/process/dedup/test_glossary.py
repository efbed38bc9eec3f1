"""The translations deduplication reads (feeds/process/dedup/glossary.py): dictd dictionaries written here, and
Debian's FreeDict dictionaries as installed by scripts/install-system-deps."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

import pytest

from feeds.process.dedup import glossary
from feeds.runner import prepare_translations
from feeds.settings import Settings

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: int) -> str:
    digits = ""
    while True:
        number, digit = divmod(number, 64)
        digits = _DIGITS[digit] + digits
        if not number:
            return digits


def write_dictionary(folder: Path, name: str, entries: dict[str, str]) -> None:
    """A dictd dictionary as FreeDict ships it: an index of headword, offset and length (base 64), and the
    gzip-compressed body of the entries, each starting with its headword's line as written."""
    body, index = b"", []
    for head, entry in entries.items():
        data = f"{head} /pronunciation/\n{entry}\n\n".encode()
        index.append(f"{head.lower()}\t{_b64(len(body))}\t{_b64(len(data))}")  # FreeDict's index: small letters
        body += data
    (folder / f"freedict-{name}.index").write_text("00-database-info\tA\tB\n" + "\n".join(index) + "\n",
                                                   encoding="utf-8")
    (folder / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(body))


@pytest.fixture
def dictionaries(tmp_path: Path) -> Path:
    folder = tmp_path / "dictd"
    folder.mkdir()
    write_dictionary(folder, "deu-eng", {
        "Wechselrichter": "[electr.] inverter <n>\n Note: a device\n see: {Umrichter}",
        "Aussteller": "exhibitor <n>, issuer <n>\n      \"Aussteller der Messe\"  - exhibitors of the fair",
        "Ausschreibung": "call for tenders, invitation to tender",  # phrases only: nothing kept
        "Haus": "house <n>",  # a common word: never a rare word, nothing kept
        "finnisch": "Finnish <adj>",  # a country's adjective: a feature of its own, no translation
        "Schlesien": "Silesia <n>",
    })
    write_dictionary(folder, "fra-eng", {"algue": "seaweed <n>, alga <n>"})
    write_dictionary(folder, "eng-deu", {"Finnish": "finnisch <adj>", "inverter": "Wechselrichter <m>"})
    # WikDict's layout: each sense's translations, then its definition in the headword's language
    write_dictionary(folder, "deu-fra", {
        "Wasserstoff": "hydrogène 2.\nleichtestes chemisches Element\n 3.\nfarbloses, geruchloses und brennbares Gas"})
    return folder


@pytest.fixture
def no_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Translations read from the dictionaries unless a test chooses a table; the process's choice is restored."""
    monkeypatch.setattr(glossary, "_table", None)


def test_an_entry_gives_its_one_word_translations() -> None:
    entry = "Aussteller /ˈaʊsʃtɛlɐ/\n [comm.] Exhibitor <n>, issuer (of a cheque) <n>\n Note: x\n see: {Messe}"
    assert glossary.parse_entry(entry) == ["Exhibitor", "issuer"]
    assert glossary.parse_entry("onduleur /x/\n1. Wechselrichter 2.\nappareil\n") == ["Wechselrichter", "appareil"]


def test_the_dictionaries_are_read_as_lemmas_of_rare_words(dictionaries: Path) -> None:
    read = glossary._read(dictionaries)
    assert read["de>en:wechselrichter"] == {"inverter"}
    assert read["de>en:aussteller"] == {"exhibitor", "issuer"}
    assert read["fr>en:algue"] == {"seaweed", "alga"}
    assert read["de>fr:wasserstoff"] == {"hydrogène"}  # not the definition's "farbloses"
    assert "de>en:ausschreibung" not in read
    assert "de>en:haus" not in read
    assert "de>en:finnisch" not in read
    assert "de>en:schlesien" not in read
    assert "en>de:finnish" not in read
    assert read["en>de:inverter"] == {"wechselrichter"}


def test_the_table_gives_the_translations_the_dictionaries_give(dictionaries: Path, tmp_path: Path,
                                                                  no_table: None) -> None:
    reference = tmp_path / "reference"
    assert not glossary.use_table(reference, dictionaries)
    folder = glossary.build(reference, dictionaries)
    assert glossary.table_ready(reference, dictionaries)
    assert folder.parent == reference
    assert glossary.use_table(reference, dictionaries)
    assert glossary.translations("wechselrichter", "de", "en") == {"inverter"}
    assert glossary.translations("aussteller", "de", "en") == {"exhibitor", "issuer"}
    assert glossary.translations("algue", "fr", "en") == {"seaweed", "alga"}
    assert glossary.translations("wechselrichter", "de", "de") == frozenset()
    assert glossary.translations("wechselrichter", "de", None) == frozenset()
    assert glossary.translations("inverter", "en", "de") == {"wechselrichter"}
    assert glossary.translations("wechselrichter", "de", "fr") == frozenset()  # not in this deu-fra


def test_another_dictionary_is_another_table(dictionaries: Path, tmp_path: Path) -> None:
    before = glossary.table_folder(tmp_path, dictionaries)
    glossary.build(tmp_path, dictionaries)
    write_dictionary(dictionaries, "eng-deu", {"inverter": "Wechselrichter <m>"})
    assert glossary.table_folder(tmp_path, dictionaries) != before
    assert not glossary.table_ready(tmp_path, dictionaries)


def test_a_machine_without_dictionaries_translates_nothing_and_says_so(tmp_path: Path,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="feeds.process.dedup.glossary"):
        assert glossary._read(tmp_path) == {}
    assert "install-system-deps" in caplog.text
    assert "dict-freedict-deu-eng" in caplog.text
    glossary.build(tmp_path / "reference", tmp_path)
    assert glossary.table_ready(tmp_path / "reference", tmp_path)


@pytest.mark.parametrize(("term", "source", "target", "translation"), [
    ("aussteller", "de", "en", "exhibitor"),
    ("wechselrichter", "de", "en", "inverter"),
    ("grundwasser", "de", "en", "groundwater"),
    ("exhibitor", "en", "de", "aussteller"),
    ("algue", "fr", "en", "seaweed"),
    ("onduleur", "fr", "en", "inverter"),
    ("exposant", "fr", "de", "aussteller"),
])
def test_the_installed_dictionaries_translate_rare_words(term: str, source: str, target: str,
                                                         translation: str) -> None:
    """Debian's dictionaries, installed by the test command (scripts/install-system-deps), through the table the
    wiring prepares."""
    assert prepare_translations(Settings().reference_dir)
    assert glossary.table_ready(Settings().reference_dir.expanduser())
    assert translation in glossary.translations(term, source, target)
