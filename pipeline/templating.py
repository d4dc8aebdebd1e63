"""The Jinja2 environment of one language, and Markdown made into safe HTML.

Each site language renders through its own environment: autoescaping on for HTML and XML,
the language's compiled catalog installed as newstyle gettext (``_()``, ``ngettext()``, with
``%(name)s`` placeholders filled and escaped), and filters that name dates and languages as
that language does, through Babel (Swedish: "27 maj 2020", "svenska"; English: "May 27, 2020").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from jinja2.bccache import Bucket
from jinja2.nodes import EvalContext
from markupsafe import Markup

from pipeline import markdown
from pipeline.catalog_files import translations
from pipeline.config import Settings
from pipeline.links import SAFE_SCHEMES, safe_url

__all__ = ["SAFE_SCHEMES", "TEMPLATES", "Site", "environment", "markdown_html", "safe_url"]

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Site:
    """What every template knows about the site."""

    name: str
    url: str


class _Compiled(jinja2.BytecodeCache):
    """The templates as compiled, in memory, for every environment ``environment`` makes:
    they differ only in what they are given to run (catalog, filters), so each template's
    source is compiled once a process, not once a language."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """The code compiled from this very source, if it was."""
        code = self.code.get((bucket.key, bucket.checksum))
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code compiled from this source."""
        if bucket.code is not None:
            self.code[bucket.key, bucket.checksum] = bucket.code


_COMPILED = _Compiled()


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
        auto_reload=False,  # a build renders thousands of pages; its templates do not change
        bytecode_cache=_COMPILED,
        # Filters with constant arguments are not run while compiling (they name things in
        # the environment's language), so that every language's environment runs one code.
        optimized=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    catalog = translations(settings, lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _gettext(catalog.gettext)
    env.filters["long_date"] = functools.partial(long_date, lang=lang)
    env.filters["language_name"] = functools.partial(language_name, lang=lang)
    env.filters["autonym"] = autonym
    env.filters["og_locale"] = og_locale
    env.globals["site"] = Site(settings.site_name, settings.site_url)
    return env


def _gettext(lookup: Callable[[str], str]) -> Callable[..., str]:
    """Jinja2's newstyle ``gettext`` (the translation as Markup when autoescaping, always
    %-formatted with its escaped keywords), in one call instead of three, and each message
    without keywords looked up and formatted once: a page calls it a dozen times.

    >>> from jinja2 import Environment
    >>> render = Environment(autoescape=True).from_string
    >>> text = "{{ _('a %%s & <b>') }} {{ _('%(n)s!', n='<i>') }}"
    >>> render(text).render(_=_gettext(lambda message: message.replace("a", "b")))
    'b %s & <b> &lt;i&gt;!'
    """
    done: dict[tuple[str, bool], str] = {}

    def translated(string: str, escaped: bool, variables: dict[str, Any]) -> str:
        text = lookup(string)
        return (Markup(text) if escaped else text) % variables  # type: ignore[no-any-return]

    @jinja2.pass_eval_context
    def gettext(eval_ctx: EvalContext, string: str, /, **variables: Any) -> str:
        escaped = bool(eval_ctx.autoescape)
        if variables:
            return translated(string, escaped, variables)
        found = done.get((string, escaped))
        if found is None:
            found = done[string, escaped] = translated(string, escaped, {})
        return found

    return gettext


def long_date(value: dt.date, lang: str) -> str:
    """A date as ``lang`` writes it in running text.

    >>> long_date(dt.date(2020, 5, 27), "sv"), long_date(dt.date(2020, 5, 27), "en")
    ('27 maj 2020', 'May 27, 2020')
    """
    return _long_date(value.date() if isinstance(value, dt.datetime) else value, lang)


# Babel's lookups are pure and a site has few languages and dates, while a build asks for
# them on every page: a locale parse alone takes most of a millisecond.
@functools.cache
def _long_date(day: dt.date, lang: str) -> str:
    return format_date(day, "long", locale=_locale(lang))


@functools.cache
def _locale(code: str) -> Locale:
    return Locale.parse(code, sep="-")


@functools.cache
def language_name(code: str, lang: str) -> str:
    """The name of the language ``code`` in ``lang``.

    >>> language_name("sv", "en"), language_name("en", "sv")
    ('Swedish', 'engelska')
    """
    return str(_locale(code).get_display_name(_locale(lang)))


@functools.cache
def autonym(code: str) -> str:
    """A language's name in itself, as the switcher shows it (capitalized, as in a menu).

    >>> autonym("sv"), autonym("en")
    ('Svenska', 'English')
    """
    name = _locale(code).get_display_name(_locale(code)) or code
    return name[:1].upper() + name[1:]


@functools.cache
def og_locale(code: str) -> str:
    """The Open Graph form of a language code: language and territory, with an underscore.

    >>> og_locale("sv"), og_locale("en"), og_locale("en-GB")
    ('sv_SE', 'en_US', 'en_GB')
    """
    locale = _locale(code)
    if locale.territory is None:
        likely = get_global("likely_subtags").get(locale.language, locale.language)
        locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def prepare(lang: str, languages: Sequence[str]) -> None:
    """Load now what rendering a page of ``lang`` loads when first used: Babel's data, for
    its dates and the names of ``languages`` (tens of milliseconds), and the Markdown
    renderer. A process can do it before it forks, or while it waits for work."""
    long_date(dt.date(2000, 1, 1), lang)
    autonym(lang)
    og_locale(lang)
    for code in languages:
        if code != lang:
            language_name(code, lang)
    markdown.render("")


def markdown_html(text: str) -> Markup:
    """A document's Markdown body as HTML, safe to put into a page as it is."""
    return Markup(markdown.render(text))
