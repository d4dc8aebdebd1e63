"""Every image and file a document names resolves to a file of the site, said at its line.

A document names files in its body and in its front matter. In a Markdown body: its images
and links as its page shows them (the build's HTML of the body: reference definitions count,
and raw HTML as the build cleans it); in an ``.html`` document's body: every ``src`` and
``href``. In front matter:

- a value of an image key (``IMAGE_KEYS``: ``image``, ``thumbnail``, ``logotype``, ...),
  unless it is a URL of another site;
- any other value, at any depth (``links[].url``), that is a path from the site's root to a
  file: it starts with one ``/`` (or with ``site-url``) and its last part has a suffix
  (``/dokument/stadgar.pdf``, ``/om/metoden.html``); a path to a folder (``/om-oss/``) is
  a page's, and the audit of the built site follows it;
- never ``url`` and ``aliases`` (the document's own addresses) nor the ``translation:``
  block (its ``source`` is a file of ``content/``).

A reference in a body is resolved as a browser resolves it on the document's page (relative
to the page's URL); a front matter value from the site's root, as a template writes it.
Both are decoded (``%20``, ``%C3%B6``) and compared in Unicode NFC, so a file named with a
space or ``ö`` is found however the reference spells it. It resolves when the build plans a
file at that path (a page, a redirect page, a feed, a file of ``static/`` it copies); a
folder's URL is its ``index.html``. References to other sites,
``mailto:`` and the page's own ``#anchors`` are not files of the site.

Each reference that does not resolve is an error at the file and line of the document that
names it, where an editor corrects it; the built page's broken link is also reported by the
audit (``pipeline.check.audit``), which judges the output as it stands.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pipeline.build.markdown import render
from pipeline.check.audit import planned
from pipeline.check.findings import Findings, forget
from pipeline.config import Settings
from pipeline.content.document import Document, body_start
from pipeline.content.tree import Content
from pipeline.errors import Problem

IMAGE_KEYS = frozenset({"image", "thumbnail", "logotype", "logo", "icon", "cover"})
"""Front matter keys whose value is an image of the site, however its path is written."""

OWN_KEYS = frozenset({"url", "aliases", "translation"})
"""Top-level keys whose values name no file the page shows."""

FILE_SUFFIX = re.compile(r"[^/.][^/]*\.[A-Za-z0-9]{1,8}")
"""The last part of a path to a file: a name with a suffix (``stadgar.pdf``)."""

IMAGE_TAGS = frozenset({"img", "source", "video", "audio", "picture", "input", "track"})
"""HTML elements whose ``src`` is shown (an image, a video); any other ``src`` is a file."""

RENDERED = re.compile(r'\s(src|href)="([^"]*)"')
"""An image's ``src`` or a link's ``href`` in the build's HTML of a Markdown body (which
writes every attribute between double quotes, a quote in it as ``&quot;``)."""

LOCAL = re.compile(r"\](?:\(|:)[ \t\n]*<?(?![ \t\n]*(?:https?:|mailto:|#))")
"""A link, image or reference definition of a Markdown body whose target may be a file of
the site (not a URL of a web or mail address, nor an anchor): a body with none, and without
the site's own URL, names no file of the site and is not rendered to find out."""


@dataclass(frozen=True)
class Reference:
    """A file a document names: ``kind`` (``image`` or ``link``), the ``target`` as the
    document writes it, its ``line`` in the body where it is known when found (1: the
    body's first; None: ``line_of`` finds it), the front matter ``key`` it is the value of
    ('' in the body), and how many times the body named the same target before (``nth``)."""

    kind: str
    target: str
    line: int | None = None
    key: str = ""
    nth: int = 0


def reference_problems(settings: Settings, content: Content) -> list[Problem]:
    """Every image or file that a published document names and the site does not hold.

    The references each document names are remembered by its digest and suffix
    (``findings.Findings``); they are resolved against the site's files every time."""
    plan = planned(settings, content)  # (made once per check, or the build's)
    files = site_files(plan.files())
    documents = {doc.shown: doc for doc in content.documents}
    remembered = Findings(settings, content, "check-references")

    def named(doc: Document) -> list[tuple[Any, ...]]:
        return [dataclasses.astuple(r) for r in references(doc, settings.site_url)]

    found = []
    seen: set[str] = set()
    # A document's page, or the home, 404 or list page it is.
    for shown, url in plan.documented():
        doc = documents.get(shown)
        if doc is None or shown in seen:
            continue
        seen.add(shown)
        for fields in remembered.of(doc, named, doc.path.suffix, settings.site_url):
            reference = Reference(*fields)
            path = _site_path(settings, url, reference)
            if path is not None and not resolves(path, files):
                line = line_of(doc, reference)  # looked for only where it is needed
                found.append(_problem(settings, doc, reference, path, line))
        forget(doc)
    remembered.save()
    return found


def site_files(planned: list[str]) -> frozenset[str]:
    """Every file the site serves (the build's plan: its pages, redirect pages and own
    files, and the files of ``static/`` it copies), as paths inside the output folder in
    NFC."""
    return frozenset(unicodedata.normalize("NFC", file) for file in planned)


def resolves(path: str, files: frozenset[str]) -> bool:
    """Whether the site path ``path`` (decoded, from the site's root) is served by one of
    ``files``: the file itself, or a folder's ``index.html`` (servers send ``/en`` on to
    ``/en/``).

    >>> files = frozenset({"om/index.html", "uploads/möte.jpg"})
    >>> resolves("/om/", files), resolves("/om", files), resolves("/uploads/möte.jpg", files)
    (True, True, True)
    >>> resolves("/uploads/", files)
    False
    """
    relative = path.lstrip("/")
    if relative and not relative.endswith("/") and relative in files:
        return True
    return (relative.rstrip("/") + "/index.html").lstrip("/") in files


def references(doc: Document, site_url: str) -> Iterator[Reference]:
    """The files ``doc`` names: in its front matter, then in its body (``site_url``: the
    site's, which an absolute URL of a file of the site starts with)."""
    yield from _front_matter(doc)
    if doc.path.suffix == ".html":
        yield from _in_html(doc.body)
    elif LOCAL.search(doc.body) or site_url in doc.body:
        yield from _in_markdown(doc.body)


def line_of(doc: Document, reference: Reference) -> int | None:
    """The file line of ``reference`` in ``doc``: a front matter value's (at or after its
    top-level key's line), or the line of the body that names its target for the ``nth``
    time (at worst the first that names it)."""
    if reference.key:
        top = reference.key.split(".")[0].removesuffix("[]")
        return _line_in_front_matter(doc, top, reference.target)
    start = body_start(doc) or 1
    if reference.line is not None:
        return start + reference.line - 1
    holding = [
        index for index, line in enumerate(doc.body.splitlines()) if _holds(line, reference.target)
    ]
    if not holding:
        return start
    return start + holding[min(reference.nth, len(holding) - 1)]


def _front_matter(doc: Document) -> Iterator[Reference]:
    """The image keys' values and the paths to files among the other values."""
    for key, value in doc.metadata.items():
        if key in OWN_KEYS:
            continue
        for name, text in _strings(key, value):
            image = name.rsplit(".", 1)[-1].removesuffix("[]") in IMAGE_KEYS
            if image or _names_a_file(text):
                kind = "image" if image else "link"
                yield Reference(kind, text.strip(), key=name)


def _strings(key: str, value: Any) -> Iterator[tuple[str, str]]:
    """Every text in ``value`` with where it is, written as the ``translatable`` setting
    writes it (``links[].url``).

    >>> list(_strings("links", [{"title": "A", "url": "/a.pdf"}]))
    [('links[].title', 'A'), ('links[].url', '/a.pdf')]
    """
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for inner, item in value.items():
            yield from _strings(f"{key}.{inner}", item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(key if isinstance(item, str) else f"{key}[]", item)


def _names_a_file(text: str) -> bool:
    """Whether a front matter text is a path from the site's root to a file.

    >>> _names_a_file("/dokument/stadgar.pdf"), _names_a_file("/uploads/Region Väst.png")
    (True, True)
    >>> _names_a_file("/om-oss/"), _names_a_file("//cdn.example.org/a.js"), _names_a_file("v1.2")
    (False, False, False)
    """
    text = text.strip()
    if not text.startswith("/") or text.startswith("//") or "\n" in text:
        return False
    last = urlsplit(text).path.rsplit("/", 1)[-1]
    return FILE_SUFFIX.fullmatch(last) is not None


def _line_in_front_matter(doc: Document, key: str, text: str) -> int | None:
    """The line of ``text`` under the top-level ``key`` (its own line, or a later one for
    a value in a list or mapping)."""
    first = doc.line_of(key)
    if first is None:
        return None
    try:
        lines = doc.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return first
    later = (n for n in range(first - 1, len(lines)) if _holds(lines[n], text.strip()))
    return next(later, first - 1) + 1


def _in_markdown(body: str) -> Iterator[Reference]:
    """The images and links of a Markdown body as its page shows them (the build's HTML of
    it, raw HTML cleaned)."""
    seen: dict[str, int] = {}
    for found in RENDERED.finditer(render(body)):
        kind = "image" if found.group(1) == "src" else "link"
        target = unquote(html.unescape(found.group(2)))
        if target and not target.startswith("#"):  # not the page itself, nor a footnote
            yield Reference(kind, target, nth=seen.get(target, 0))
            seen[target] = seen.get(target, 0) + 1


def _holds(line: str, target: str) -> bool:
    """Whether ``line`` names ``target``, as it is or percent-encoded."""
    return target in line or ("%" in line and target in unquote(line))


def _in_html(html: str) -> Iterator[Reference]:
    """Every ``src`` and ``href`` of ``html``, at its line (1: the body's first)."""
    reader = _Attributes()
    reader.feed(html)
    reader.close()
    for kind, target, line in reader.found:
        yield Reference(kind, target, line)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                kind = "image" if name == "src" and tag in IMAGE_TAGS else "link"
                self.found.append((kind, value, self.getpos()[0]))


def _site_path(settings: Settings, page_url: str, reference: Reference) -> str | None:
    """The decoded NFC path from the site's root that ``reference`` on the page at
    ``page_url`` leads to, or None when it leads out of the site (another site,
    ``mailto:``, the page's own anchor)."""
    target = reference.target.strip()
    if not target or target.startswith("#"):
        return None
    base = page_url
    if reference.key and not urlsplit(target).scheme and not target.startswith("//"):
        base = settings.site_url + "/"  # front matter: from the site's root
        target = target.lstrip("/")
    url = urljoin(base, target)
    site = settings.site_url
    if url != site and not url.startswith(site + "/"):
        return None
    path = unquote(urlsplit(url[len(site) :] or "/").path) or "/"
    return unicodedata.normalize("NFC", path)


def _problem(
    settings: Settings, doc: Document, reference: Reference, path: str, line: int | None
) -> Problem:
    """``image /uploads/x.png does not resolve to a file of the site; ...``, with what to do:
    put the file in the ``static`` folder, or correct the path."""
    named = f"{reference.kind} {reference.target}"
    if reference.key:
        named += f" (front matter '{reference.key}')"
    name = path.rsplit("/", 1)[-1]
    if FILE_SUFFIX.fullmatch(name) and not name.endswith((".html", ".htm")):
        advice = f"a file of the site; put it in {settings.static}{path} or correct the path"
    else:
        advice = "a page of the site; correct it, or add it to the aliases of the page it means"
    message = f"{named} does not resolve to {advice}"
    return Problem(doc.shown, line, message)
