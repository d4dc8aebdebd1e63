"""Settings: defaults, overrides, and every bad key reported in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings, declared, load_settings
from pipeline.errors import ConfigError


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings == Settings(root=tmp_path.resolve())
    assert settings.languages == ["sv", "en"] and settings.default_language == "sv"
    assert settings.timezone == "Europe/Stockholm"
    assert settings.translatable == ["title", "excerpt", "ingress-text", "links[].title"]


def test_repository_settings_load() -> None:
    settings = load_settings(Path(__file__).parent.parent)
    assert settings.site_url.startswith("https://")


def test_every_setting_has_a_docstring() -> None:
    assert all(f.metadata.get("doc") for f in declared().values())


def test_overrides_apply(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nlanguages = ["sv", "en", "en-GB"]\noutput = "site"\n', encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert settings.languages == ["sv", "en", "en-GB"]
    assert settings.output_dir == tmp_path.resolve() / "site"


def test_all_bad_keys_are_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.pipeline]\n"
        'langauges = ["sv"]\n'
        "default-language = 3\n"
        'site-url = "https://example.org/"\n'
        'timezone = "Mars/Olympus"\n'
        'languages = ["sv", "en_US"]\n'
        'output = "../elsewhere"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value).splitlines() == [
        "pyproject.toml:5: [tool.pipeline] unknown key 'langauges' (did you mean 'languages'?)",
        "pyproject.toml:6: [tool.pipeline] 'default-language' must be text, not int 3",
        "pyproject.toml:7: 'site-url' must be an absolute http(s) URL without a trailing slash, "
        "not 'https://example.org/'",
        "pyproject.toml:9: 'en_US' is not a BCP 47 language code such as 'sv', 'en' or 'en-GB'",
        "pyproject.toml:8: 'timezone' 'Mars/Olympus' is not an IANA time zone",
        "pyproject.toml:10: 'output' must be a folder inside the site root, not '../elsewhere'",
    ]


def test_a_negative_number_of_build_workers_is_refused(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pipeline]\nbuild-workers = -1\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value) == "pyproject.toml:2: 'build-workers' must be at least 0, not -1"


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pipeline]\nlanguages = ["sv" "en"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value).startswith("pyproject.toml:2: not valid TOML: ")


def test_bad_settings_exit_2_before_touching_files(site, run) -> None:
    site.write("pyproject.toml", '[tool.pipeline]\ntranslatable = "title"\n')
    site.write("content/sv/a.md", "---\ntitle: A\n---\nText.\n")
    result = run(site.root, "ingest")
    assert result.code == 2
    assert result.err_lines == [
        "pyproject.toml:2: [tool.pipeline] 'translatable' must be a list of text, not text 'title'"
    ]
    assert site.read("content/sv/a.md") == "---\ntitle: A\n---\nText.\n"


def test_an_output_folder_linked_out_of_the_site_says_so_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "public").symlink_to(tmp_path)  # so the link's target holds the review folder
    (site / "pyproject.toml").write_text("[tool.pipeline]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_settings(site)
    # One line: the output folder, named with where its link leads; the review folder, which
    # lies inside the link's target, is not called overlapping as well.
    assert str(error.value).splitlines() == [
        "pyproject.toml: 'output' must be a folder inside the site root, "
        f"not 'public' (a link to {tmp_path})"
    ]


def test_feed_entries_defaults_to_20_and_may_not_be_negative(tmp_path: Path) -> None:
    assert load_settings(tmp_path).feed_entries == 20
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pipeline]\nfeed-entries = -1\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value) == "pyproject.toml:2: 'feed-entries' must be at least 0, not -1"


def test_static_data_and_permalinks_are_checked(tmp_path: Path) -> None:
    assert (load_settings(tmp_path).static, load_settings(tmp_path).data) == ("static", "data")
    assert load_settings(tmp_path).permalinks == {}
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pipeline]\n"
        'static = "public/static"\n'
        'data = "content"\n'
        'permalinks = { news = "/:year/:slug/", projekt = { sv = "/projekt/:slug/", '
        'de = "projekte/:name/" }, jobs = "/jobb/" }\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_settings(tmp_path)
    assert str(error.value).splitlines() == [
        "pyproject.toml:2: 'static' must be apart from the 'public' folder, which the pipeline "
        "writes, not 'public/static'",
        "pyproject.toml:3: 'data' must not be inside content/, which the site is made of, "
        "not 'content'",
        "pyproject.toml:4: 'permalinks.projekt.de': 'de' is not in 'languages'",
        "pyproject.toml:4: 'permalinks.projekt.de' must start with '/', not 'projekte/:name/'",
        "pyproject.toml:4: 'permalinks.projekt.de' has no placeholder ':name' (known: :year "
        ":month :day :slug :title :section :filename)",
        "pyproject.toml:4: 'permalinks.projekt.de' must hold :slug, :title or :filename, so "
        "that each page has a path of its own",
        "pyproject.toml:4: 'permalinks.jobs' must hold :slug, :title or :filename, so that "
        "each page has a path of its own",
    ]


def test_permalinks_per_section_and_language_load(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pipeline]\n"
        'permalinks = { news = "/:year/:month/:slug/", projekt = { sv = "/projekt/:slug/", '
        'en = "/projects/:slug/" } }\n',
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.permalinks["projekt"] == {"sv": "/projekt/:slug/", "en": "/projects/:slug/"}
    assert settings.static_dir == tmp_path.resolve() / "static"
