"""A Jekyll site moved in, compared with what real Jekyll serves from it (issue 18).

The fixture site (``tests/fixtures/jekyll-site``) is built twice: by Jekyll
(``tests/jekyll_site.py``), and by the pipeline as a new user moves a site in: a fresh site
root with the repository's ``babel.cfg``, templates and catalogs and a ``pyproject.toml`` of
its own (``site-url`` https://example.org, languages sv and en), then, from the folder that
holds a copy of the site, ``python -m pipeline ingest jekyll-site --root root``,
``python -m pipeline all --root root`` and ``python -m pipeline check --root root``. The two
outputs are read back the same way (``read_served``) and compared URL by URL: every page
Jekyll serves is served by ours (as a page, or as a redirect page that leads to one), every
file it copies is ours byte for byte, every pair of language versions is a pair of
``pairs.json`` at those URLs, and ingest and check are clean.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import PYPROJECT, Site, add_ui
from tests.jekyll_site import (
    FIXTURE,
    Element,
    JekyllSite,
    Served,
    elements,
    file_of,
    read_served,
    sha256,
    url_path,
)
from tests.test_hostile import pipeline

WARNING_AT_A_LINE = re.compile(r"^jekyll-site/[^:]+:\d+: warning: \S")
"""How ingest names what it warns about: the file of the Jekyll site, its line."""

RAW = re.compile(r"\{%|%\}|\{\{|\}\}|\{:|</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
"""What a page shows as text when Liquid, kramdown's attribute lists or HTML tags were not
rendered: ``{% ... %}``, ``{{ ... }}``, ``{: .x}``, ``<div class="x">``."""


@dataclass(frozen=True)
class Moved:
    """The fixture moved into a new site root and built: the runs, and what it serves."""

    source: Path
    root: Path
    ingest: CompletedProcess[str]
    all: CompletedProcess[str]
    check: CompletedProcess[str]
    served: Served
    pairs: dict[str, dict[str, dict[str, str]]]


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Moved:
    """The fixture site moved in by ``ingest``, then made by ``all``, then checked."""
    work = tmp_path_factory.mktemp("moved")
    source = work / "jekyll-site"
    shutil.copytree(FIXTURE, source, symlinks=True)
    root = work / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    add_ui(Site(root))
    # From the folder above the root: the root holds a pipeline/templates/ folder of its own.
    ingest = pipeline(root, "ingest", "jekyll-site", cwd=work)
    made = pipeline(root, "all", cwd=work)
    check = pipeline(root, "check", cwd=work)
    public = root / "public"
    pairs = json.loads((public / "pairs.json").read_text(encoding="utf-8"))
    return Moved(source, root, ingest, made, check, read_served(public), pairs)


def follow(served: Served, url: str) -> str | None:
    """The page that ``url`` leads to in ``served``: itself, or through its redirect pages;
    None when it leads to no page."""
    seen = set()
    while url in served.redirects and url not in seen:
        seen.add(url)
        url = served.redirects[url].target
    return url if url in served.pages else None


def test_ingest_reports_no_error_and_every_warning_at_its_file_and_line(moved: Moved):
    assert moved.ingest.returncode == 0, moved.ingest.stderr
    assert moved.ingest.stdout.splitlines()[-1].endswith(" 0 errors, " + _warnings(moved))
    unplaced = [
        line for line in moved.ingest.stderr.splitlines() if not WARNING_AT_A_LINE.match(line)
    ]
    assert unplaced == []


def _warnings(moved: Moved) -> str:
    count = len(moved.ingest.stderr.splitlines())
    return f"{count} warning" + ("" if count == 1 else "s")


def test_the_site_is_made_and_checked_with_every_image_and_file_resolved(moved: Moved):
    assert moved.all.returncode == 0, moved.all.stderr
    assert moved.check.returncode == 0, moved.check.stderr
    assert "does not resolve" not in moved.check.stderr
    assert re.search(r"^check: \d+ checks, 0 errors", moved.check.stdout, re.MULTILINE)


def test_every_page_jekyll_serves_is_a_page_of_ours_at_its_url(jekyll_site: JekyllSite, moved):
    """At the same URL: the page itself, or a redirect page that leads to a page in the same
    language (the pipeline's own list page, for a list Jekyll makes with Liquid)."""
    lost = {}
    for url, page in jekyll_site.pages.items():
        ours = follow(moved.served, url)
        if ours is None:
            lost[url] = page.source
        elif moved.served.pages[ours].lang != page.lang:
            lost[url] = f"{page.source}: leads to {ours}, in {moved.served.pages[ours].lang}"
    assert lost == {}
    assert len(jekyll_site.pages) == 35


def test_every_redirect_of_jekyll_leads_to_the_same_page_in_ours(jekyll_site: JekyllSite, moved):
    wrong = {}
    for url, redirect in jekyll_site.redirects.items():
        expected = follow(moved.served, redirect.target)
        ours = follow(moved.served, url)
        if ours is None or ours != expected:
            wrong[url] = (ours, expected)
    assert wrong == {}
    for url in jekyll_site.redirects:
        if url in moved.served.redirects:  # a redirect page as jekyll-redirect-from writes it
            redirect = moved.served.redirects[url]
            assert redirect.canonical == redirect.target, url
    assert len(jekyll_site.redirects) == 5


def test_every_file_jekyll_copies_is_ours_byte_for_byte(jekyll_site: JekyllSite, moved: Moved):
    differ = {
        url: "missing" if url not in moved.served.files else "differs"
        for url, digest in jekyll_site.assets.items()
        if moved.served.files.get(url) != digest
    }
    assert differ == {}
    assert len(jekyll_site.assets) == 15


def test_the_feed_is_served_by_the_pipelines_own(jekyll_site: JekyllSite, moved: Moved):
    assert jekyll_site.documents == {"/feed.xml"}
    assert "/feed.xml" in moved.served.files


def test_every_pair_of_jekyll_is_a_pair_of_pairs_json_at_its_urls(jekyll_site, moved: Moved):
    ours = {
        ref: {lang: url_path(entry["url"]) for lang, entry in versions.items()}
        for ref, versions in moved.pairs.items()
    }
    missing = []
    for pair in jekyll_site.pairs:
        expected = {lang: follow(moved.served, url) for lang, url in pair.urls.items()}
        if expected not in ours.values():
            missing.append(f"{pair.collection} {pair.key}: {expected}")
    assert missing == []
    assert len(jekyll_site.pairs) == 13


KRAMDOWN = [
    Element("p", classes=frozenset({"ingress"})),  # {: .ingress}
    Element("h2", "steg-ett"),  # {:#steg-ett}
    Element("dl"),  # a definition list
    Element("dt"),
    Element("dd"),
    Element("div", classes=frozenset({"ruta"})),  # <div markdown="1">
    Element("strong"),  # Markdown inside it
    Element("br"),  # <br/> in a paragraph
    Element("sup"),  # a footnote's mark
]
"""What kramdown makes of ``metod.md`` that CommonMark alone would print as text."""


def test_kramdown_is_rendered_as_kramdown_renders_it(jekyll_site: JekyllSite, moved: Moved):
    url = "/om/metoden.html"
    theirs, _text = elements((jekyll_site.output / file_of(url)).read_text(encoding="utf-8"))
    assert [str(e) for e in KRAMDOWN if e not in theirs] == []
    page = follow(moved.served, url)
    assert page is not None
    ours, text = elements((moved.root / "public" / file_of(page)).read_text(encoding="utf-8"))
    assert [str(e) for e in KRAMDOWN if e not in ours] == []
    assert "{:" not in text and "{." not in text and "[^1]" not in text


def test_no_liquid_or_markup_is_printed_on_a_page_of_ours(moved: Moved):
    public = moved.root / "public"
    raw = {}
    for url in moved.served.pages:
        _found, text = elements((public / file_of(url)).read_text(encoding="utf-8"))
        shown = RAW.findall(text)
        if shown:
            raw[url] = shown
    assert raw == {}


def test_the_jekyll_site_is_only_read(moved: Moved):
    def files(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): sha256(p.read_bytes())
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    assert files(moved.source) == files(FIXTURE)
