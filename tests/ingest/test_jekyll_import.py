"""The Jekyll fixture site moved in by ``pipeline ingest`` (issue 18), held against what real
Jekyll makes of the same site (``tests/jekyll_site.py``).

The site is ingested as a user would: ``python -m pipeline ingest jekyll-site`` into a fresh
site root, run beside the copy so that messages name it ``jekyll-site/...``. What ingest
said it created (``created content/sv/x.md from jekyll-site/y.md``) maps each file of the
Jekyll site to its document; the layout of the fixture writes each page's file into a
``<meta>`` tag, so each page Jekyll serves maps to its file too. Then every document must
have, as its ``url``, the URL Jekyll serves its file at; every ``redirect_from`` must be an
``alias`` of the page Jekyll's redirect leads to; every pair must share one ``ref``; every
link and image Liquid made must be the one Jekyll made; every file Jekyll copies must be in
``static/`` byte for byte; and every file of the site must be brought in, copied, or named.
(Whether the built site serves all this is ``test_jekyll_compare.py``'s, with the build.)
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from markdown_it import MarkdownIt

from pipeline.content import document
from pipeline.content.document import Document
from tests.conftest import PYPROJECT
from tests.jekyll_site import FIXTURE, JekyllSite, file_of, sha256
from tests.test_hostile import pipeline

NAME = "jekyll-site"
WARNING = re.compile(r"^(?P<path>.+?):(?P<line>[1-9][0-9]*): warning: \S")
CREATED = re.compile(rf"^created (?P<doc>content/\S+) from {NAME}/(?P<source>.+) \(ref \S+\)$")
LISTS = {"nyheter.html": "/nyheter/", "en/news.html": "/en/news/"}
"""The list pages written in Liquid: no documents; the pipeline's section lists serve them."""


@dataclass(frozen=True)
class Moved:
    """The fixture ingested into a fresh root: what ingest said, and the document made of
    each file of the site, by its path in the site."""

    work: Path
    root: Path
    ingest: CompletedProcess[str]
    documents: dict[str, Document]

    @property
    def said(self) -> str:
        return self.ingest.stdout + self.ingest.stderr


def ingest(work: Path, root: Path) -> tuple[CompletedProcess[str], dict[str, Document]]:
    done = pipeline(root, "ingest", NAME, cwd=work)
    documents = {}
    for line in done.stdout.splitlines():
        created = CREATED.match(line)
        if created:
            documents[created["source"]] = document.read(root / created["doc"])
    return done, documents


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory) -> Moved:
    work = tmp_path_factory.mktemp("moved")
    shutil.copytree(FIXTURE, work / NAME)
    root = work / "root"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    done, documents = ingest(work, root)
    return Moved(work, root, done, documents)


def listed(lines: list[str]) -> str:
    return "\n".join(f"  {line}" for line in lines)


def test_ingest_reports_no_error_and_every_warning_names_a_file_and_line(moved: Moved):
    assert moved.ingest.returncode == 0, moved.ingest.stderr
    lines = moved.ingest.stderr.splitlines()
    vague = [
        line
        for line in lines
        if not (found := WARNING.match(line)) or not (moved.work / found["path"]).is_file()
    ]
    assert vague == [], f"errors, or warnings that name no file and line:\n{listed(vague)}"
    assert "0 errors" in moved.ingest.stdout


def test_every_page_jekyll_serves_is_a_document_with_its_url(jekyll_site: JekyllSite, moved: Moved):
    wrong = []
    for url, page in sorted(jekyll_site.pages.items()):
        if page.source in LISTS:
            continue
        doc = moved.documents.get(page.source)
        if doc is None:
            wrong.append(f"{page.source}: no document (Jekyll serves it at {url})")
        elif doc.metadata.get("url") != url:
            wrong.append(f"{page.source}: url {doc.metadata.get('url')!r}, Jekyll's {url!r}")
        elif doc.lang != page.lang:
            wrong.append(f"{page.source}: lang {doc.lang}, Jekyll's page says {page.lang}")
    assert wrong == [], f"documents not at the URL Jekyll serves them at:\n{listed(wrong)}"
    assert len(moved.documents) == len(jekyll_site.pages) - len(LISTS) + 2  # + 2 unpublished


def test_a_list_page_is_named_with_the_page_that_serves_its_url(
    jekyll_site: JekyllSite, moved: Moved
):
    for source, url in LISTS.items():
        assert jekyll_site.pages[url].source == source
        warned = [line for line in moved.ingest.stderr.splitlines() if f"{NAME}/{source}:" in line]
        assert len(warned) == 1, warned
        assert "written in Liquid, not a document: not brought in" in warned[0]
        assert f"{url} is the pipeline's list of section 'news'" in warned[0]
    assert f"{NAME}/feed.xml:1: warning:" in moved.ingest.stderr
    assert "/feed.xml is the pipeline's feed (sv)" in moved.ingest.stderr


def test_every_redirect_is_an_alias_of_the_page_it_leads_to(jekyll_site: JekyllSite, moved: Moved):
    by_url = {doc.metadata.get("url"): doc for doc in moved.documents.values()}
    lost = [
        f"{redirect.url} -> {redirect.target}"
        for redirect in jekyll_site.redirects.values()
        if redirect.url
        not in by_url.get(redirect.target, Document(Path(), {}, "")).metadata.get("aliases", [])
    ]
    assert lost == [], f"redirects that are no alias of their target:\n{listed(lost)}"
    aliases = [a for doc in moved.documents.values() for a in doc.metadata.get("aliases", [])]
    assert sorted(aliases) == sorted(jekyll_site.redirects)
    assert not any(
        "redirect_from" in d.metadata or "permalink" in d.metadata for d in by_url.values()
    )


def test_every_pair_shares_one_ref_and_no_other_document_has_it(
    jekyll_site: JekyllSite, moved: Moved
):
    by_url = {doc.metadata.get("url"): doc for doc in moved.documents.values()}
    refs = [doc.ref for doc in moved.documents.values()]
    wrong = []
    for pair in jekyll_site.pairs:
        docs = {lang: by_url[url] for lang, url in pair.urls.items()}
        shared = {doc.ref for doc in docs.values()}
        if len(shared) != 1 or refs.count(shared.pop()) != len(docs):
            wrong.append(f"{pair.collection} {pair.key}: refs {[d.ref for d in docs.values()]}")
        wrong += [
            f"{pair.key}: {d.shown} is in {d.path.parent.name}/"
            for lang, d in docs.items()
            if d.path.parent.name != lang
        ]
    assert wrong == [], f"pairs of the Jekyll site that are no pair:\n{listed(wrong)}"
    # One ref in two collections for two things: two refs now, and both files are told.
    assert by_url["/uppdrag/civic-tech.html"].ref == "uppdrag-civic-tech"
    assert by_url["/nyheter/2022/01/16/civic-tech-traff.html"].ref == "civic-tech"
    assert moved.ingest.stderr.count("'civic-tech' is also the ref of") == 2
    # A ref as people write it: a slug now, the same in both files, said at its line.
    assert by_url["/en/news/2021/03/welcome-åsa/"].ref == "nya-medarbetare-2021"
    assert (
        f"{NAME}/_posts/2021-03-04-Välkommen Åsa.md:4: warning: ref 'Nya Medarbetare 2021' is "
        "now 'nya-medarbetare-2021'" in moved.ingest.stderr
    )


def test_a_folders_index_is_its_landing_page_and_the_home_pages_are_the_roots(moved: Moved):
    urls = {source: doc.metadata["url"] for source, doc in moved.documents.items()}
    assert urls["lediga-tjanster/index.md"] == "/lediga-tjanster/"
    assert urls["en/jobs/index.md"] == "/en/jobs/"
    assert urls["index.md"] == "/" and urls["en/index.md"] == "/en/"
    names = {source: doc.path.name for source, doc in moved.documents.items()}
    assert names["lediga-tjanster/index.md"] == "lediga-tjanster.md"
    assert names["index.md"] == names["en/index.md"] == "index.md"


def test_collections_are_sections_and_pages_in_html_stay_html(moved: Moved):
    sections = {s: d.metadata.get("section") for s, d in moved.documents.items()}
    assert sections["_projekt/demokratiappen.md"] == "projekt"
    assert sections["_uppdrag/region-vast.md"] == "uppdrag"
    assert sections["_posts/2019-11-20-arsmote.md"] is None  # a dated post: news, as ever
    contact = moved.documents["kontakt.html"]
    assert contact.path.name == "kontakt.html" and contact.body.startswith("<h1>Kontakt</h1>")
    unpublished = ["_posts/2023-02-01-hemlig-nyhet.md", "lediga-tjanster/gammal-tjanst.md"]
    assert [moved.documents[s].published for s in unpublished] == [False, False]


def test_the_data_only_collection_is_data_and_nowhere_in_content(moved: Moved):
    team = sorted((FIXTURE / "_team").iterdir())
    copied = sorted((moved.root / "data" / "team").iterdir())
    assert [p.name for p in copied] == [p.name for p in team]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(team, copied, strict=True))
    content = "".join(p.read_text("utf-8") for p in (moved.root / "content").rglob("*.*"))
    assert "Anna leder labbet" not in content and "Verksamhetsledare" not in content
    assert not any(source.startswith("_team/") for source in moved.documents)


def test_every_file_jekyll_copies_is_in_static_byte_for_byte(jekyll_site: JekyllSite, moved: Moved):
    static = moved.root / "static"
    ours = {
        "/" + p.relative_to(static).as_posix(): sha256(p.read_bytes())
        for p in static.rglob("*")
        if p.is_file()
    }
    assert ours == jekyll_site.assets


class _Links(HTMLParser):
    """The links and images of an HTML text: ``href`` and ``src``, as written."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name) and not values[name].startswith("#"):
                self.found.add(str(values[name]))


def test_liquid_gives_the_links_and_images_jekyll_gives(jekyll_site: JekyllSite, moved: Moved):
    markdown = MarkdownIt("commonmark", {"html": True})
    wrong, compared = [], 0
    for source, doc in sorted(moved.documents.items()):
        if not doc.published:
            continue
        html = doc.body if doc.path.suffix == ".html" else markdown.render(doc.body)
        ours = _Links(html).found
        theirs = _Links((jekyll_site.output / file_of(doc.metadata["url"])).read_text("utf-8"))
        wrong += [f"{source}: {link}" for link in sorted(ours - theirs.found)]
        compared += len(ours)
    assert wrong == [], f"links and images that are not as Jekyll made them:\n{listed(wrong)}"
    assert compared >= 20
    liquid = re.compile(r"\{%|\{\{")
    assert [s for s, d in moved.documents.items() if liquid.search(d.body)] == []


def test_kramdown_is_written_as_markdown_its_plugins_read_it(moved: Moved):
    body = moved.documents["lediga-tjanster/utvecklare.md"].body
    assert "medborgardialog.\\\nTjänsten är på heltid." in body  # <br/>: a hard line break
    assert "<br" not in body
    assert f"{NAME}/lediga-tjanster/utvecklare.md:8: <br/> -> a hard line break" in moved.said
    assert f"{NAME}/metod.md:7: {{: .ingress}} -> {{.ingress}} (before its block)" in moved.said


def test_markdown_that_holds_html_comes_in_as_the_html_kramdown_makes(moved: Moved):
    """The build shows raw HTML in Markdown as text: a page whose Markdown holds HTML (a
    ``<div markdown="1">``, an include's ``<aside>``) comes in as HTML, rendered."""
    method = moved.documents["metod.md"]
    assert method.path.name == "metod.html"
    assert method.body.startswith('<p class="ingress">Vår metod har fyra steg')
    for html in ('<h2 id="steg-ett">', "<dl>\n<dt>Medborgardialog</dt>", '<div class="ruta">'):
        assert html in method.body
    assert "<p><strong>Viktigt:</strong> varje svar läses av en människa.</p>" in method.body
    assert "Ring oss<br />\neller skriv till oss." in method.body
    assert "{:" not in method.body and "markdown=" not in method.body
    about = moved.documents["om-oss.md"]
    assert about.path.name == "om-oss.html" and '<aside class="kontakt">' in about.body
    said = "is HTML in Markdown, which the build shows as text: the page comes in as HTML"
    assert f'{NAME}/metod.md:19: warning: <div class="ruta"> {said} (metod.html)' in moved.said
    assert f'{NAME}/om-oss.md:16: warning: <aside class="kontakt"> {said}' in moved.said


def test_every_file_of_the_site_is_brought_in_copied_or_named(moved: Moved):
    silent = []
    for path in sorted(FIXTURE.rglob("*")):
        relative = path.relative_to(FIXTURE).as_posix()
        folders = [p.as_posix() + "/" for p in Path(relative).parents if p != Path(".")]
        if path.is_file() and not any(
            f"{NAME}/{name}" in moved.said for name in [relative, *folders]
        ):
            silent.append(relative)
    assert silent == [], f"files of the site that ingest neither took nor named:\n{listed(silent)}"


def _site_files(root: Path) -> dict[Path, bytes]:
    """Every file of the site but its caches (``.cache/``: what a run keeps to spare the next
    one work, which ingest too may write)."""
    return {
        p: p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".cache" not in p.relative_to(root).parts
    }


def test_ingesting_the_site_again_changes_nothing(moved: Moved):
    before = _site_files(moved.root)
    again, _ = ingest(moved.work, moved.root)
    assert again.returncode == 0, again.stderr
    assert f"0 created, 0 updated, {len(moved.documents)} unchanged" in again.stdout
    assert "files: 0 copied, 18 unchanged" in again.stdout
    assert _site_files(moved.root) == before
    assert again.stderr == moved.ingest.stderr
