"""The hreflang of a Jekyll site, as the pipeline's own pages carry it: the data of every
document's versions (``_data/hreflang.json``), the include that writes them into a page's
``<head>`` (``_includes/hreflang.html``), and the one line each layout with a ``<head>``
needs to include it.

The data is keyed by ``page.path`` (the file's path from the site's top, as Liquid knows
it); each entry holds the page's own language and absolute URL, its published versions
(itself among them) and the URL ``x-default`` names. A page without an entry (a list page
written in Liquid) names itself and its ``x-default``, from ``page.url``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.urls import x_default
from pipeline.errors import Problem
from pipeline.ingest.jekyll_urls import link

DATA = "_data/hreflang.json"
INCLUDE = "_includes/hreflang.html"
INCLUDE_LINE = "{% include hreflang.html %}"
WITHOUT_CANONICAL = '{% include hreflang.html canonical="no" %}'
"""The line for a layout that writes its own canonical link already."""

TEMPLATE = """\
{%- comment -%}
  Written by 'pipeline export --format jekyll' (docs/jekyll-export.md); rewritten by each
  export. The canonical link and the hreflang alternates of this page, from
  _data/hreflang.json. canonical="no": the layout writes its own canonical link.
{%- endcomment -%}
{%- assign hreflang = site.data.hreflang[page.path] -%}
{%- if hreflang -%}
  {%- assign own = hreflang.url -%}
{%- else -%}
  {%- assign own = page.url | absolute_url -%}
{%- endif -%}
{%- unless include.canonical == "no" %}
<link rel="canonical" href="{{ own }}">
{%- endunless -%}
{%- if hreflang.noindex %}
<meta name="robots" content="noindex">
{%- elsif hreflang -%}
  {%- for version in hreflang.alternates %}
<link rel="alternate" hreflang="{{ version.lang }}" href="{{ version.url }}">
  {%- endfor %}
<link rel="alternate" hreflang="x-default" href="{{ hreflang.x_default }}">
{%- else %}
<link rel="alternate" hreflang="{{ page.lang | default: site.lang }}" href="{{ own }}">
<link rel="alternate" hreflang="x-default" href="{{ own }}">
{%- endif %}
"""


@dataclass(frozen=True)
class Version:
    """A published document of the Jekyll site: its path from the site's top, its language,
    the ref its versions share (the pipeline's) and the decoded URL Jekyll serves it at."""

    path: str
    lang: str
    ref: str
    url: str
    original: bool
    noindex: bool = False  # an unreviewed draft with noindex-unreviewed = true


def absolute(site_url: str, baseurl: str, url: str) -> str:
    """The absolute URL of a decoded Jekyll URL, %-escaped as Jekyll's ``absolute_url``.

    >>> absolute("https://example.org", "", "/projekt/Medborgarbudget Malmö/")
    'https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/'
    """
    return site_url.rstrip("/") + link(url, baseurl)


def hreflang_data(
    versions: list[Version], site_url: str, baseurl: str, default_language: str
) -> dict[str, dict[str, object]]:
    """Each document's entry of ``_data/hreflang.json``, by its path: its ``versions`` (the
    language switcher's: every published one), its ``alternates`` (those indexed, as the
    pipeline's pages name them; none on a ``noindex`` page) and ``x_default``."""
    groups: dict[str, dict[str, Version]] = {}
    for version in versions:
        groups.setdefault(version.ref, {})[version.lang] = version
    data: dict[str, dict[str, object]] = {}
    for group in groups.values():
        urls = {lang: absolute(site_url, baseurl, v.url) for lang, v in sorted(group.items())}
        indexed = [lang for lang in urls if not group[lang].noindex]
        original = next((lang for lang, v in group.items() if v.original), None)
        default = x_default(indexed, default_language, original) if indexed else None
        for lang, version in group.items():
            named = [] if version.noindex else indexed
            data[version.path] = {
                "lang": lang,
                "url": urls[lang],
                "noindex": version.noindex,
                "versions": [{"lang": k, "url": u} for k, u in urls.items()],
                "alternates": [{"lang": k, "url": urls[k]} for k in named],
                "x_default": urls[default] if default and named else None,
            }
    return dict(sorted(data.items()))


def data_text(data: Mapping[str, object]) -> str:
    """``_data/hreflang.json`` as written: sorted, one key a line, UTF-8 as it is."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical", re.IGNORECASE)


@dataclass(frozen=True)
class Head:
    """A layout with a ``<head>`` that does not include ``hreflang.html`` yet: its path from
    the site's top, the 1-based line of its ``</head>``, and the line to add before it."""

    layout: str
    line: int
    wanted: str


def unwired(root: Path, folders: list[str]) -> list[Head] | None:
    """Every layout or include of the site (in ``folders``) that closes a ``<head>`` without
    the include, with the line to add (the include without its canonical link where the
    ``<head>`` writes one already); None when none closes a ``<head>`` (a theme's layouts)."""
    found = []
    heads = 0
    for path in sorted(p for f in folders if (root / f).is_dir() for p in (root / f).rglob("*")):
        if not path.is_file() or path.is_symlink() or path.name == Path(INCLUDE).name:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        end = HEAD_END.search(text)
        heads += end is not None
        if end is None or "hreflang.html" in text:
            continue
        head = text[: end.start()]
        wanted = WITHOUT_CANONICAL if CANONICAL.search(head) else INCLUDE_LINE
        line = text.count("\n", 0, end.start()) + 1
        found.append(Head(path.relative_to(root).as_posix(), line, wanted))
    return found if heads else None


def wire(root: Path, head: Head) -> bytes:
    """The text of the layout of ``head`` with the include's line added before ``</head>``,
    indented as the line before it."""
    lines = (root / head.layout).read_text(encoding="utf-8").split("\n")
    at = head.line - 1
    before = lines[at - 1] if at > 0 else ""
    indent = re.match(r"[ \t]*", before).group(0)  # type: ignore[union-attr]
    closing = lines[at]
    start = HEAD_END.search(closing).start()  # type: ignore[union-attr]
    if closing[:start].strip():  # </head> after other text on its line
        lines[at] = f"{closing[:start]}\n{indent}{head.wanted}\n{closing[start:]}"
    else:
        lines.insert(at, indent + head.wanted)
    return "\n".join(lines).encode("utf-8")


def unwired_problem(name: str, head: Head) -> Problem:
    """What the export says about a layout that does not include the hreflang yet."""
    message = (
        f"this <head> does not include the hreflang yet: add the line '{head.wanted}' "
        "before </head> (or run the export with --wire)"
    )
    return Problem(f"{name.rstrip('/')}/{head.layout}", head.line, message, warning=True)


def headless_problem(name: str) -> Problem:
    """What the export says when no layout or include of the site closes a ``<head>``."""
    message = (
        "no layout or include of the site writes a <head> (a theme's does): add the line "
        f"'{INCLUDE_LINE}' to the <head> of the site's pages (a copy of the theme's head.html)"
    )
    return Problem(name.rstrip("/"), None, message, warning=True)
