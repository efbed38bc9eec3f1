"""sources.yaml validation and settings from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.collect import source_kinds
from feeds.config import ConfigError, load_sources, parse_interval
from feeds.settings import Settings, SettingsError, describe
from tests.support.configs import write_sources
from tests.support.paths import CONFIG

GOOD = {"id": "cp", "name": "Clusterplattform", "kind": "feed", "url": "https://example.org/feed.xml"}
REPO_CONFIG = CONFIG


def run_sources_command(config_dir: Path, tmp_path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["--config-dir", str(config_dir), "--database-url", f"sqlite:///{tmp_path / 'x.db'}", "collect"]
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ([{k: v for k, v in GOOD.items() if k != "id"}], ["source '#1'", "key 'id'", "missing id"]),
        ([GOOD, {**GOOD, "name": "again"}], ["source 'cp'", "key 'id'", "duplicate id"]),
        ([{**GOOD, "kind": "gopher"}], ["source 'cp'", "key 'kind'", "unknown kind 'gopher'"]),
        ([{**GOOD, "interval": "often"}], ["source 'cp'", "key 'interval'", "'often' is not an interval"]),
        ([{**GOOD, "interval": "1s"}], ["source 'cp'", "key 'interval'", "shorter than"]),
        ([{**GOOD, "url": "ftp://example.org/"}], ["source 'cp'", "key 'url'", "http(s) URL"]),
        ([{**GOOD, "enabled": "yes"}], ["source 'cp'", "key 'enabled'"]),
        ([{**GOOD, "language": "German"}], ["source 'cp'", "key 'language'"]),
        ([{**GOOD, "colour": "red"}], ["source 'cp'", "key 'colour'", "unknown key"]),
        ([{**GOOD, "id": "Not A Slug"}], ["source 'Not A Slug'", "key 'id'", "slug"]),
    ],
)
def test_bad_sources_file_exits_2_naming_the_problem(
    config_dir: Path, tmp_path: Path, sources: list[dict[str, object]], expected: list[str]
) -> None:
    path = write_sources(config_dir, sources)
    code, output = run_sources_command(config_dir, tmp_path)
    assert code == 2
    assert str(path) in output
    for fragment in expected:
        assert fragment in output


@pytest.mark.parametrize("text", ["sources: [", "sources: 3", "- just a list\n", ""])
def test_malformed_yaml_exits_2(config_dir: Path, tmp_path: Path, text: str) -> None:
    (config_dir / "sources.yaml").write_text(text)
    code, output = run_sources_command(config_dir, tmp_path)
    assert code == 2
    assert "sources.yaml" in output


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, output = run_sources_command(tmp_path / "nowhere", tmp_path)
    assert code == 2
    assert "file not found" in output


def test_defaults_are_applied(config_dir: Path) -> None:
    path = write_sources(config_dir, [GOOD])
    (source,) = load_sources(path, source_kinds())
    assert source.interval == 3600
    assert source.enabled is True
    assert source.language is None


def test_host_aliases_fold_into_the_source_host(config_dir: Path) -> None:
    path = write_sources(config_dir, [{**GOOD, "url": "https://www.example.org/feed", "host_aliases": ["example.org"]}])
    (source,) = load_sources(path, source_kinds())
    assert dict(source.host_aliases) == {"example.org": "https://www.example.org"}


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("2h", 7200), ("1d", 86400), ("90s", 90), (600, 600)])
def test_intervals(text: object, seconds: int) -> None:
    assert parse_interval(text) == seconds


def test_shipped_sources_file_is_valid() -> None:
    sources = load_sources(REPO_CONFIG / "sources.yaml", source_kinds())
    assert {"clusterplattform", "eccp"} <= {s.id for s in sources}


def test_config_error_names_file_source_and_key(tmp_path: Path) -> None:
    error = ConfigError(tmp_path / "sources.yaml", "bad", "cp", "url")
    assert str(error) == f"{tmp_path / 'sources.yaml'}: source 'cp': key 'url': bad"


def test_settings_from_environment() -> None:
    settings = Settings.from_env({
        "CLUSTERFEEDS_PORT": "9090",
        "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1",
        "CLUSTERFEEDS_LANGUAGES": "de, en",
        "CLUSTERFEEDS_CONFIG_DIR": "/etc/clusterfeeds",
        "CLUSTERFEEDS_HTTP_TOTAL_TIMEOUT": "2.5",
    })
    assert settings.port == 9090
    assert settings.allow_private_networks is True
    assert settings.languages == ("de", "en")
    assert settings.config_dir == Path("/etc/clusterfeeds")
    assert settings.http_total_timeout == 2.5


def test_command_line_overrides_environment() -> None:
    settings = Settings.from_env({"CLUSTERFEEDS_DATABASE_URL": "sqlite:///a.db"}, database_url="sqlite:///b.db",
                                 config_dir=None)
    assert settings.database_url == "sqlite:///b.db"
    assert settings.config_dir == Path("config")


@pytest.mark.parametrize(
    ("name", "value"), [("CLUSTERFEEDS_PORT", "eighty"), ("CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS", "maybe")]
)
def test_bad_setting_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_bad_setting_exits_2_from_the_cli(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sources"], env={"CLUSTERFEEDS_PORT": "eighty"})
    assert result.exit_code == 2
    assert "CLUSTERFEEDS_PORT" in result.output


def test_every_setting_is_documented() -> None:
    rows = describe()
    assert all(variable.startswith("CLUSTERFEEDS_") and doc for variable, _default, doc in rows)
    assert ("CLUSTERFEEDS_DATABASE_URL", "sqlite:///var/clusterfeeds.db") in [(v, d) for v, d, _ in rows]


def test_entry_id_authority_defaults_to_base_url_host() -> None:
    assert Settings(base_url="https://news.example.eu/feeds").entry_id_authority == "news.example.eu"
    assert Settings(tag_authority="example.org").entry_id_authority == "example.org"


def test_a_key_given_twice_is_refused_with_both_lines(tmp_path: Path) -> None:
    """PyYAML would keep the second `url:` silently; the operator learns which lines collide."""
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - id: a\n    kind: feed\n    url: https://a.example/feed\n"
                    "    url: https://b.example/feed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'url' appears twice .*lines 4 and 5"):
        load_sources(path, source_kinds())


def test_a_country_listed_twice_in_a_section_is_refused(tmp_path: Path) -> None:
    from feeds.config.taxonomy import load_taxonomy

    (tmp_path / "topics.yaml").write_text((CONFIG / "topics.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "countries.yaml").write_text("cities:\n  it: [Milan]\n  de: [Ulm]\n  it: [Turin]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"'it' appears twice .*lines 2 and 4"):
        load_taxonomy(tmp_path)


def test_a_feed_takes_the_page_keys_and_no_listing_keys(config_dir: Path) -> None:
    pages = {"pages": "always", "body": ".s-richtext", "remove": [".share"], "date": ["p.date"],
             "site_hosts": ["www.example.org"], "robots": True}
    path = write_sources(config_dir, [{**GOOD, **pages}])
    (source,) = load_sources(path, source_kinds())
    assert dict(source.options) == pages
    path = write_sources(config_dir, [{**GOOD, "listings": ["/news/"]}])
    with pytest.raises(ConfigError, match="listings"):
        load_sources(path, source_kinds())
