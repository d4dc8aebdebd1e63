"""Real Jekyll as the peer of the import: build a Jekyll site, and read what a built site serves.

The import of a Jekyll site (issue 18) is proved against Jekyll itself, not against our idea of
Jekyll: ``jekyll_build`` runs Debian's ``jekyll`` (with ``ruby-jekyll-redirect-from``) on a
copy of the site and reads its output folder back as named records; ``read_served`` reads any
built site (Jekyll's or the pipeline's) the same way, so the two can be compared URL by URL.

A URL here is a path from the site's root, decoded (``/projekt/Medborgarbudget Malmö/``), in
Unicode NFC: the file ``x/index.html`` serves ``/x/``, ``index.html`` serves ``/``, any other
file serves its own path. An HTML file with ``<meta http-equiv="refresh">`` is a redirect page
(as jekyll-redirect-from and Hugo's ``aliases`` write them), any other HTML file is a page.

The fixture's layout writes three ``<meta>`` tags into every page it renders (``source``,
``collection``, ``ref``: ``page.path``, ``page.collection``, ``page.ref``), so that each page
Jekyll served can be traced back to the file it came from without re-implementing Jekyll's
URL rules here.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "jekyll-site"
"""The bilingual Jekyll site of the tests (its README.md lists the cases it holds)."""

POST_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}-")
"""The date a post's file name starts with, as Jekyll reads it."""

ANSI = re.compile(r"\x1b\[[0-9;]*m")
"""The colours Jekyll puts around its warnings."""

DEBIAN_PACKAGES = ("jekyll", "ruby-jekyll-redirect-from")
"""What the harness needs beyond Python, as Debian (bookworm) names it."""


@dataclass(frozen=True)
class Page:
    """An HTML page a site serves, with what its ``<head>`` says about it.

    ``source``, ``collection`` and ``ref`` come from the fixture layout's ``<meta>`` tags
    ('' when a page has none: the pipeline's pages, or a Jekyll page without a ref).
    """

    url: str
    lang: str
    source: str = ""
    collection: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Redirect:
    """A redirect page: ``url`` sends the reader to ``target`` (the refresh's URL, as a path)
    and names ``canonical`` (the canonical link's URL as a path; '' without one)."""

    url: str
    target: str
    canonical: str


@dataclass(frozen=True)
class Served:
    """What a built site serves: HTML pages, redirect pages, and every other file by URL
    with the SHA-256 of its bytes."""

    pages: dict[str, Page]
    redirects: dict[str, Redirect]
    files: dict[str, str]


@dataclass(frozen=True)
class Pair:
    """Language versions that belong together: by ``ref`` within one collection (``pages``
    for Jekyll's pages), or by file name (``x.md`` beside ``x-en.md``, no ref).

    ``urls`` maps each language to the URL of its version.
    """

    collection: str
    key: str
    basis: str  # "ref" or "file name"
    urls: dict[str, str]


@dataclass(frozen=True)
class JekyllSite:
    """What Jekyll made of a site.

    ``pages``, ``redirects``: the HTML it serves. ``assets``: the files it copied as they are
    (a file of the output with the same path and bytes as a file of the source), with their
    SHA-256. ``documents``: the URLs of the other files it rendered from a template (a feed).
    ``warnings``: what Jekyll wrote to standard error (warnings and errors).
    """

    output: Path
    pages: dict[str, Page]
    redirects: dict[str, Redirect]
    assets: dict[str, str]
    documents: set[str]
    pairs: list[Pair]
    warnings: list[str]


def jekyll() -> str:
    """The ``jekyll`` command; a failed assertion that says how to install it if it is missing."""
    found = shutil.which("jekyll")
    assert found, "Jekyll is not installed: apt-get install --no-install-recommends " + " ".join(
        DEBIAN_PACKAGES
    )
    return found


def jekyll_build(source: Path, work: Path) -> JekyllSite:
    """Build the Jekyll site at ``source`` with real Jekyll, in ``work``, and read the result.

    The site is copied to ``work/source`` first, so that nothing is ever written beside the
    committed fixture, and built into ``work/jekyll``: in safe mode (only whitelisted
    plugins, none of the site's own Ruby), with no disk cache, in a UTF-8 locale (file names
    with å, ä, ö), with the strict front matter parser (a front matter error fails the build
    instead of passing unnoticed). Jekyll needs no network for this.
    """
    copy = work / "source"
    output = work / "jekyll"
    shutil.copytree(source, copy, symlinks=True)
    command = [
        jekyll(),
        "build",
        "--safe",
        "--disable-disk-cache",
        "--strict-front-matter",
        "--source",
        str(copy),
        "--destination",
        str(output),
    ]
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "JEKYLL_ENV": "production"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, f"jekyll build failed ({done.returncode}):\n{done.stderr}"
    return read_jekyll_output(copy, output, done.stderr.splitlines())


def read_jekyll_output(source: Path, output: Path, warnings: list[str]) -> JekyllSite:
    """Read the folder Jekyll built from ``source`` into ``output`` as a ``JekyllSite``."""
    served = read_served(output)
    assets: dict[str, str] = {}
    documents: set[str] = set()
    for url, digest in served.files.items():
        original = source / url.lstrip("/")
        if original.is_file() and sha256(original.read_bytes()) == digest:
            assets[url] = digest
        else:
            documents.add(url)
    return JekyllSite(
        output=output,
        pages=served.pages,
        redirects=served.redirects,
        assets=assets,
        documents=documents,
        pairs=find_pairs(served.pages.values()),
        warnings=[ANSI.sub("", line) for line in warnings if line.strip()],
    )


def read_served(folder: Path) -> Served:
    """Every file a built site in ``folder`` serves, read as pages, redirects and files.

    Hidden files and folders (the pipeline's ``.pipeline/`` bookkeeping) are not served.
    """
    pages: dict[str, Page] = {}
    redirects: dict[str, Redirect] = {}
    files: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if not path.is_file() or any(p.startswith(".") for p in relative.split("/")):
            continue
        url = url_of(relative)
        if path.suffix != ".html":
            files[url] = sha256(path.read_bytes())
            continue
        head = _Head.of(path.read_text(encoding="utf-8", errors="replace"))
        if head.refresh is not None:
            redirects[url] = Redirect(url, head.refresh, head.canonical)
        else:
            pages[url] = Page(url, head.lang, **head.traced())
    return Served(pages, redirects, files)


def url_of(relative: str) -> str:
    """The URL that serves the file at ``relative`` (a path inside an output folder).

    >>> url_of("index.html"), url_of("en/news/a/index.html"), url_of("om/metoden.html")
    ('/', '/en/news/a/', '/om/metoden.html')
    >>> url_of("uploads/team/a\\u030asa.jpg") == "/uploads/team/\\u00e5sa.jpg"
    True
    """
    relative = unicodedata.normalize("NFC", relative)
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


def file_of(url: str) -> str:
    """The file, inside an output folder, that serves ``url`` (the inverse of ``url_of``).

    >>> file_of("/"), file_of("/en/news/a/"), file_of("/om/metoden.html")
    ('index.html', 'en/news/a/index.html', 'om/metoden.html')
    """
    relative = url.lstrip("/")
    return relative + "index.html" if url.endswith("/") else relative


def url_path(url: str) -> str:
    """The decoded NFC path of a URL, absolute or not.

    >>> url_path("https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/")
    '/projekt/Medborgarbudget Malmö/'
    """
    return unicodedata.normalize("NFC", unquote(urlsplit(url.strip()).path))


def refresh_target(content: str) -> str:
    """The URL of a refresh's ``content``, as browsers read it.

    >>> refresh_target("0; url=https://example.org/a/"), refresh_target("0;URL='/b.html'")
    ('https://example.org/a/', '/b.html')
    """
    for part in content.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "url":
            return value.strip().strip("'\"")
    return ""


def sha256(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def find_pairs(pages: Iterable[Page]) -> list[Pair]:
    """The language versions that belong together among Jekyll's ``pages``: the pages of one
    collection that share a ``ref``, and pages without a ref whose file names differ by a
    ``-LANG`` suffix in one folder (``integritet.md``, ``integritet-en.md``). A group with a
    single language is no pair. Sorted by collection and key.
    """
    traced = [p for p in pages if p.source]
    languages = {p.lang for p in traced}
    unreffed = {(p.collection, _base(p)) for p in traced if not p.ref}
    groups: dict[tuple[str, str, str], dict[str, str]] = {}
    for page in traced:
        if page.ref:
            key, basis = page.ref, "ref"
        else:
            key, basis = _base(page), "file name"
            for lang in languages:
                shorter = key.removesuffix(f"-{lang}")
                if shorter != key and (page.collection, shorter) in unreffed:
                    key = shorter
        group = groups.setdefault((page.collection or "pages", key, basis), {})
        assert page.lang not in group, f"two {page.lang} versions of {key}: {page.source}"
        group[page.lang] = page.url
    return [
        Pair(collection, key, basis, dict(sorted(urls.items())))
        for (collection, key, basis), urls in sorted(groups.items())
        if len(urls) > 1
    ]


def _base(page: Page) -> str:
    """A page's source without its suffix, and a post's without the date of its file name.

    >>> _base(Page("/x/", "en", "_posts/2021-09-01-dagen-en.md", "posts"))
    '_posts/dagen-en'
    """
    path = PurePosixPath(page.source)
    name = path.stem
    dated = POST_DATE.match(name)
    if page.collection == "posts" and dated:
        name = name[dated.end() :]
    return str(path.with_name(name))


@dataclass(frozen=True)
class Element:
    """An element of a page as a test looks for it: its tag, its id and its classes."""

    tag: str
    id: str = ""
    classes: frozenset[str] = frozenset()

    def __str__(self) -> str:
        """As it would be written: ``<p class="ingress">``."""
        named = f' id="{self.id}"' if self.id else ""
        named += f' class="{" ".join(sorted(self.classes))}"' if self.classes else ""
        return f"<{self.tag}{named}>"


def elements(html: str) -> tuple[set[Element], str]:
    """The elements of ``html`` (each also without its id and classes, so that a test can ask
    for a bare ``Element("dl")``) and its text, entities decoded."""
    reader = _Elements()
    reader.feed(html)
    reader.close()
    return reader.found, "".join(reader.text)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[Element] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = frozenset(values.get("class", "").split())
        self.found |= {Element(tag), Element(tag, values.get("id", ""), classes)}

    def handle_data(self, data: str) -> None:
        self.text.append(data)


class _Head(HTMLParser):
    """What the tests read from a page: ``<html lang>``, the ``<meta name>`` tags, the
    canonical link and a refresh's target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.refresh: str | None = None

    @classmethod
    def of(cls, html: str) -> _Head:
        head = cls()
        head.feed(html)
        head.close()
        return head

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang", "")
        elif tag == "link" and "canonical" in values.get("rel", "").split():
            self.canonical = url_path(values.get("href", ""))
        elif tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.refresh = url_path(refresh_target(values.get("content", "")))
        elif tag == "meta" and "name" in values:
            self.meta[values["name"]] = values.get("content", "")

    def traced(self) -> dict[str, str]:
        """The fixture layout's ``source``, ``collection`` and ``ref``."""
        return {key: self.meta.get(key, "") for key in ("source", "collection", "ref")}
