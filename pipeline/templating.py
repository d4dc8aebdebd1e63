"""The Jinja2 environment of one language, and Markdown made into safe HTML.

Each site language renders through its own environment: autoescaping on for HTML and XML,
the language's compiled catalog installed as newstyle gettext (``_()``, ``ngettext()``, with
``%(name)s`` placeholders filled and escaped), and filters that name dates and languages as
that language does, through Babel (Swedish: "27 maj 2020", "svenska"; English: "May 27, 2020").
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import jinja2
from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from markdown_it import MarkdownIt
from markupsafe import Markup

from pipeline.catalogs import translations
from pipeline.config import Settings

TEMPLATES = Path(__file__).parent / "templates"
# Link schemes a page may carry; anything else (javascript:, data:, vbscript:, file:, ...)
# is dropped, whether it comes from front matter or from Markdown.
SAFE_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Site:
    """What every template knows about the site."""

    name: str
    url: str


def environment(settings: Settings, lang: str) -> jinja2.Environment:
    """The environment the templates of ``lang`` render in.

    Raises ``CatalogError`` when the language's ``.mo`` is missing: pages are never
    rendered with the English msgids in place of a catalog.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        # The same options as babel.cfg gives the extractor, so msgids match.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(settings, lang), newstyle=True)  # type: ignore[attr-defined]
    locale = Locale.parse(lang, sep="-")
    env.filters["long_date"] = lambda value: format_date(_day(value), "long", locale=locale)
    env.filters["language_name"] = lambda code: Locale.parse(code, sep="-").get_display_name(locale)
    env.filters["autonym"] = autonym
    env.filters["og_locale"] = og_locale
    env.globals["site"] = Site(settings.site_name, settings.site_url)
    return env


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def autonym(code: str) -> str:
    """A language's name in itself, as the switcher shows it (capitalized, as in a menu).

    >>> autonym("sv"), autonym("en")
    ('Svenska', 'English')
    """
    name = Locale.parse(code, sep="-").get_display_name(Locale.parse(code, sep="-")) or code
    return name[:1].upper() + name[1:]


def og_locale(code: str) -> str:
    """The Open Graph form of a language code: language and territory, with an underscore.

    >>> og_locale("sv"), og_locale("en"), og_locale("en-GB")
    ('sv_SE', 'en_US', 'en_GB')
    """
    locale = Locale.parse(code, sep="-")
    if locale.territory is None:
        likely = get_global("likely_subtags").get(locale.language, locale.language)
        locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


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


def _markdown() -> MarkdownIt:
    # CommonMark plus tables. Raw HTML is shown as text, not passed through: postings come
    # from outside, and a sanitizer for them is not written yet.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = lambda url: safe_url(url) is not None
    return md


MARKDOWN = _markdown()


def markdown_html(text: str) -> Markup:
    """A document's Markdown body as HTML, safe to put into a page as it is."""
    return Markup(MARKDOWN.render(text))
