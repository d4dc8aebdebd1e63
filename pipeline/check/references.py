"""Every image and file a document names resolves to a file of the site, said at its line.

A document names files in its body (Markdown images and links, reference definitions
included, and the ``src`` and ``href`` of its HTML: raw HTML in Markdown, or an ``.html``
document's whole body) and in its front matter:

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
space or ``ö`` is found however the reference spells it. It resolves when the site has a
file at that path: a file of the ``static`` folder, or a file the build plans (a page, a
redirect page, a feed); a folder's URL is its ``index.html``. References to other sites,
``mailto:`` and the page's own ``#anchors`` are not files of the site.

Each reference that does not resolve is an error at the file and line of the document that
names it, where an editor corrects it; the built page's broken link is also reported by the
audit (``pipeline.check.audit``), which judges the output as it stands.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pipeline.build.plan import Page, plan_site
from pipeline.config import Settings
from pipeline.content.document import Document, body_start
from pipeline.content.markdown_syntax import markdown_parser
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

SIGNS = ("](", "]:", "<")
"""What a body names a file with, if it names one: a link or image, a reference
definition, HTML. A body without any of them is not parsed."""


@dataclass(frozen=True)
class Reference:
    """A file a document names: ``kind`` (``image`` or ``link``), the ``target`` as the
    document writes it, the file ``line`` (None where unknown), and the front matter
    ``key`` it is the value of ('' in the body)."""

    kind: str
    target: str
    line: int | None
    key: str = ""


def reference_problems(settings: Settings, content: Content) -> list[Problem]:
    """Every image or file that a published document names and the site does not hold."""
    plan = plan_site(settings, content)
    files = site_files(settings, plan.files())
    found = []
    for page in plan.pages:
        if page.kind != "document" or page.doc is None:
            continue
        for reference in references(page.doc):
            path = _site_path(settings, page, reference)
            if path is not None and not resolves(path, files):
                found.append(_problem(settings, page.doc, reference, path))
    return found


def site_files(settings: Settings, planned: list[str]) -> frozenset[str]:
    """Every file the site serves, as a path inside the output folder in NFC: the files the
    build plans and those of the ``static`` folder."""
    static = settings.static_dir
    copied = (
        [p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()]
        if static.is_dir()
        else []
    )
    return frozenset(unicodedata.normalize("NFC", f) for f in [*planned, *copied])


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


def references(doc: Document) -> Iterator[Reference]:
    """The files ``doc`` names: in its front matter, then in its body."""
    yield from _front_matter(doc)
    if not any(sign in doc.body for sign in SIGNS):
        return
    start = body_start(doc) or 1
    lines = doc.body.splitlines()
    if doc.path.suffix == ".html":
        yield from _in_html(doc.body, start)
    else:
        yield from _in_markdown(doc.body, lines, start)


def _front_matter(doc: Document) -> Iterator[Reference]:
    """The image keys' values and the paths to files among the other values."""
    for key, value in doc.metadata.items():
        if key in OWN_KEYS:
            continue
        for name, text in _strings(key, value):
            image = name.rsplit(".", 1)[-1].removesuffix("[]") in IMAGE_KEYS
            if image or _names_a_file(text):
                kind = "image" if image else "link"
                line = _line_in_front_matter(doc, key, text)
                yield Reference(kind, text.strip(), line, name)


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
    return _line_holding(lines, text.strip(), first - 1, len(lines), offset=1) or first


def _in_markdown(body: str, lines: list[str], start: int) -> Iterator[Reference]:
    """Images, links and HTML ``src``/``href`` in a Markdown body, as its parser reads it."""
    for token in _parser().parse(body):
        where = token.map or [0, len(lines)]
        if token.type == "html_block":
            yield from _in_html(token.content, start + where[0])
            continue
        for child in token.children or ():
            if child.type == "html_inline":
                yield from _found_in_lines(_in_html(child.content, 1), lines, where, start)
            elif reference := _of_token(child):
                line = _line_holding(lines, reference.target, where[0], where[1], offset=start)
                if line is None:  # a reference definition elsewhere in the body
                    line = _line_holding(lines, reference.target, 0, len(lines), offset=start)
                yield Reference(reference.kind, reference.target, line or start + where[0])


def _of_token(token: Token) -> Reference | None:
    """The image or link of an inline token, its target as the parser read it (decoded)."""
    if token.type == "image":
        return Reference("image", unquote(str(token.attrs.get("src", ""))), None)
    if token.type == "link_open" and "footnote" not in str(token.attrs.get("class", "")):
        return Reference("link", unquote(str(token.attrs.get("href", ""))), None)
    return None


def _found_in_lines(
    found: Iterator[Reference], lines: list[str], where: list[int], start: int
) -> Iterator[Reference]:
    """References of inline HTML, placed at the line of the block that holds them."""
    for reference in found:
        line = _line_holding(lines, reference.target, where[0], where[1], offset=start)
        yield Reference(reference.kind, reference.target, line or start + where[0])


def _line_holding(lines: list[str], target: str, first: int, last: int, offset: int) -> int | None:
    """The file line (``offset`` + index) of the first of ``lines[first:last]`` that holds
    ``target`` as it is or decoded."""
    wanted = {target, unquote(target)}
    for index in range(first, min(last, len(lines))):
        line = lines[index]
        if any(w and (w in line or w in unquote(line)) for w in wanted):
            return offset + index
    return None


def _in_html(html: str, start: int) -> Iterator[Reference]:
    """Every ``src`` and ``href`` of ``html``, at its file line (``start``: the first's)."""
    reader = _Attributes()
    reader.feed(html)
    reader.close()
    for kind, target, line in reader.found:
        yield Reference(kind, target, start + line - 1)


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                kind = "image" if name == "src" and tag in IMAGE_TAGS else "link"
                self.found.append((kind, value, self.getpos()[0]))


@functools.cache
def _parser() -> MarkdownIt:
    return markdown_parser()


def _site_path(settings: Settings, page: Page, reference: Reference) -> str | None:
    """The decoded NFC path from the site's root that ``reference`` leads to, or None when
    it leads out of the site (another site, ``mailto:``, the page's own anchor)."""
    target = reference.target.strip()
    if not target or target.startswith("#"):
        return None
    base = page.url
    if reference.key and not urlsplit(target).scheme and not target.startswith("//"):
        base = settings.site_url + "/"  # front matter: from the site's root
        target = target.lstrip("/")
    url = urljoin(base, target)
    site = settings.site_url
    if url != site and not url.startswith(site + "/"):
        return None
    path = unquote(urlsplit(url[len(site) :] or "/").path) or "/"
    return unicodedata.normalize("NFC", path)


def _problem(settings: Settings, doc: Document, reference: Reference, path: str) -> Problem:
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
    return Problem(doc.shown, reference.line, message)
