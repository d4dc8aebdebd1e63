"""Raw HTML in bodies: kept where a page may show it, cleaned by nh3 (the ammonia sanitizer).

Sites moved in from Jekyll write HTML in their Markdown (``<br/>``, ``<div class="box">``,
``<figure>``, a video's ``<iframe>``) and have pages written in HTML. A page shows that HTML
once ``clean`` has taken out what could run or mislead: every tag and attribute not in the
allow-list below (``<script>`` and ``<style>`` with their content, every ``on...=``), and
every URL ``safe_url`` refuses. The allow-list is ammonia's own, and what bodies need:
``class`` and ``id`` everywhere (kramdown's attribute lists), ``<section>`` (footnotes), a
table cell's ``text-align`` and ``<iframe>`` of an ``https:`` address only.

``removed`` says what cleaning takes from a body, at its line, so that the check stage warns
of it (``pipeline.build.markdown.losses``): nothing a writer typed vanishes without a word.

>>> clean('<p>Ring<br/>oss <img src=x onerror=alert(1)></p><script>alert(1)</script>')
'<p>Ring<br>oss <img src="x"></p>'
>>> clean('<a href="javascript:alert(1)">a</a> <iframe src="http://x.se/v"></iframe>')
'<a>a</a> <iframe></iframe>'
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import nh3

TAGS = nh3.ALLOWED_TAGS | {"section", "iframe"}
GENERIC = {"class", "id", "lang", "title", "dir"}
ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": GENERIC,
    "img": nh3.ALLOWED_ATTRIBUTES["img"] | {"loading"},
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
    "iframe": {"src", "width", "height", "allowfullscreen", "loading"},
}
STYLES = {"text-align"}  # what markdown-it-py writes in a table cell's ``style``
URLS = {"href", "src", "cite"}


# Anything else (javascript:, data:, vbscript:, file:, ...) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")


def safe_url(url: str) -> str | None:
    """``url`` if a page may link to it: a relative URL or one of ``SAFE_SCHEMES``.

    The scheme is looked for as a browser might find it, and as an attacker hides it: with
    entities and percent-escapes decoded and blanks and control characters left out. A colon
    before the first ``/``, ``?`` or ``#`` makes what precedes it a scheme.

    >>> safe_url("https://example.org/a"), safe_url("/en/"), safe_url("mailto:a@b.se")
    ('https://example.org/a', '/en/', 'mailto:a@b.se')
    >>> safe_url("java\\tscript:alert(1)"), safe_url(" data:text/html,x"), safe_url("VBScript:x")
    (None, None, None)
    >>> safe_url("&#106;avascript:alert(1)"), safe_url("java%09script:x"), safe_url("./a:b")
    (None, None, './a:b')
    """
    seen = re.sub(r"[\x00-\x20\x7f]", "", unquote(html.unescape(url)))
    first = re.split(r"[/?#]", seen, maxsplit=1)[0]
    if ":" in first and first.split(":", 1)[0].lower() not in SAFE_SCHEMES:
        return None
    return url.strip()


def _attribute(tag: str, name: str, value: str) -> str | None:
    """``value`` of ``name`` if kept: a URL ``safe_url`` allows (an iframe's over https)."""
    if name not in URLS:
        return value
    if tag == "iframe" and not value.strip().lower().startswith("https://"):
        return None
    return value if safe_url(value) is not None else None


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        filter_style_properties=STYLES,
    )


def clean(html: str) -> str:
    """``html`` with only what the allow-list keeps (see the module's docstring)."""
    return str(_cleaner().clean(html))


Item = tuple[str, str | None, str | None]
"""A start tag ``(tag, None, None)`` or an attribute ``(tag, name, value)``; the value of a
URL only, the one thing that decides whether one of several like attributes is kept."""


class _Items(HTMLParser):
    """The start tags of some HTML and their attributes, each with its line (1 the first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, Item]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        self.found.append((line, (tag, None, None)))
        for name, value in attrs:
            self.found.append((line, (tag, name, value if name in URLS else None)))


def _items(html: str) -> list[tuple[int, Item]]:
    parser = _Items()
    parser.feed(html)
    parser.close()
    return parser.found


def removed(pieces: list[tuple[int, str]], rendered: str) -> list[tuple[int, str]]:
    """What ``clean`` takes from ``rendered`` (the HTML of a body) that was typed in one of
    ``pieces`` (each raw HTML as written, and its line in the body, 0 the first): a message
    at the line of the piece that holds it."""
    lost = Counter(item for _, item in _items(rendered))
    lost.subtract(item for _, item in _items(clean(rendered)))
    found = []
    for start, piece in pieces:
        for line, item in _items(piece):
            if lost[item] > 0:
                lost[item] -= 1
                tag, name, _ = item
                what = (
                    f"<{tag}> removed from the page"
                    if name is None
                    else (f"{name}= removed from <{tag}>")
                )
                found.append((start + line - 1, what))
    return list(dict.fromkeys(found))


def pieces_of(tokens: list[Any]) -> Iterator[tuple[int, str]]:
    """Each raw HTML of markdown-it-py's ``tokens`` and the body line it is on."""
    for token in tokens:
        if token.type == "html_block" and token.map:
            yield token.map[0], token.content
        elif token.type == "inline" and token.map:
            line = token.map[0]
            for child in token.children or []:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    yield line, child.content
