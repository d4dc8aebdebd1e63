"""The Jinja2 environment of one language, and Markdown made into safe HTML.

Each site language renders through its own environment: autoescaping on for HTML and XML,
the language's compiled catalog installed as newstyle gettext (``_()``, ``ngettext()``, with
``%(name)s`` placeholders filled and escaped), and filters that name dates and languages as
that language does, through Babel (Swedish: "27 maj 2020", "svenska"; English: "May 27, 2020").
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from pathlib import Path
from types import CodeType
from typing import Any
from urllib.parse import urljoin

import jinja2
from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from jinja2.bccache import Bucket
from jinja2.nodes import EvalContext
from markupsafe import Markup

from pipeline.build import markdown, urls
from pipeline.build.markdown import SAFE_SCHEMES, safe_url
from pipeline.config import Settings
from pipeline.i18n.catalogs import translations

__all__ = ["SAFE_SCHEMES", "TEMPLATES", "Site", "environment", "markdown_html", "safe_url"]

TEMPLATES = Path(__file__).parent.parent / "templates"  # pipeline/templates/
PRECOMPILED = Path(__file__).parent / "precompiled"
PACKAGE_PREFIX = "package:"  # {% extends "package:base.html" %}: the package's, not the site's


@dataclass(frozen=True)
class Site:
    """What every template knows about the site."""

    name: str
    url: str


class _Compiled(jinja2.BytecodeCache):
    """The templates as compiled, in memory, for every environment ``environment`` makes:
    they differ only in what they are given to run (catalog, filters), so each template's
    source is compiled once a process, not once a language. A template whose source is the
    one ``pipeline/build/precompiled/`` was made from takes its code from there (see
    ``precompile``): Python loads it as it loads the package's own modules, from their
    ``.pyc``, in a twentieth of the time Jinja2 takes to compile it."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], CodeType] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """A template is known by its name, ``package:base.html`` as ``base.html`` (a site's
        own ``base.html`` has another source, so another checksum: never the package's code)."""
        return name.removeprefix(PACKAGE_PREFIX)

    def load_bytecode(self, bucket: Bucket) -> None:
        """The code compiled from this very source, if it was."""
        code = self.code.get((bucket.key, bucket.checksum))
        if code is None:
            code = _precompiled(bucket.key, bucket.checksum)
        if code is not None:
            bucket.code = code
            self.code[bucket.key, bucket.checksum] = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code compiled from this source."""
        if bucket.code is not None:
            self.code[bucket.key, bucket.checksum] = bucket.code


_COMPILED = _Compiled()


def _module_name(name: str, checksum: str) -> str:
    """The module of ``pipeline.build.precompiled`` that holds the template ``name`` compiled
    from the source whose SHA-1 (Jinja2's checksum of a template's source) is ``checksum``,
    by this version of Jinja2."""
    made = f"{jinja2.__version__}\0{name}\0{checksum}".encode()
    return "t_" + blake2b(made, digest_size=8).hexdigest()


def _precompiled(name: str, checksum: str) -> CodeType | None:
    """The code of the template ``name`` compiled from the source of ``checksum``, if
    ``pipeline/build/precompiled/`` has it; else None (Jinja2 compiles the template)."""
    module = f"{__package__}.precompiled.{_module_name(name, checksum)}"
    try:
        spec = importlib.util.find_spec(module)
    except ImportError:  # pragma: no cover - the package is part of this one
        return None
    if spec is None or spec.loader is None:
        return None
    return spec.loader.get_code(module)  # type: ignore[attr-defined, no-any-return]


def precompile(folder: Path = PRECOMPILED) -> list[str]:
    """Write into ``folder`` the module Jinja2 compiles each site template to (``make
    templates`` runs this after a template is edited; ``tests/build/test_precompiled.py`` fails
    until it has); remove the modules of sources that are no longer there. Returns the
    names of the modules written.

    Each module is the code Jinja2 generates for the template, as it compiles it for a page
    (the options of ``environment``); it runs only as that template's code, never imported
    as a module. A module of another source or another Jinja2 version is never taken.
    """
    env = _bare_environment()
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    _add_filters(env, "en", Settings())  # (the compiler checks that each filter exists)
    made: dict[str, str] = {}
    for path in sorted(TEMPLATES.iterdir()):
        if path.suffix not in (".html", ".xml"):
            continue
        source = path.read_text(encoding="utf-8")
        checksum = _COMPILED.get_source_checksum(source)
        code = env.compile(source, path.name, path.name, raw=True)
        header = (
            f"# {TEMPLATES.name}/{path.name} as Jinja2 {jinja2.__version__} compiles it for "
            "pipeline.build.templates; made by `make templates`, not to be edited.\n"
        )
        made[_module_name(path.name, checksum) + ".py"] = header + code
    folder.mkdir(exist_ok=True)
    for old in folder.glob("t_*.py"):
        if old.name not in made:
            old.unlink()
    for name, text in made.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return sorted(made)


def loader(site_templates: Path | None = None) -> jinja2.BaseLoader:
    """Where templates are found: ``package:NAME`` always in ``TEMPLATES``; any other name
    in ``site_templates`` (the site's own folder, the ``templates`` setting) first, then in
    ``TEMPLATES``. A site's ``page.html`` thus replaces the package's, and one that says
    ``{% extends "package:page.html" %}`` changes only the blocks it names."""
    package = jinja2.FileSystemLoader(TEMPLATES)
    found: list[jinja2.BaseLoader] = [
        jinja2.PrefixLoader({PACKAGE_PREFIX[:-1]: package}, delimiter=":")
    ]
    if site_templates is not None and site_templates.is_dir():
        found.append(jinja2.FileSystemLoader(site_templates))
    return jinja2.ChoiceLoader([*found, package])


def _bare_environment(site_templates: Path | None = None) -> jinja2.Environment:
    """An environment with the options of every language's, before its catalog and
    filters: the templates compile alike in all of them."""
    env = jinja2.Environment(
        loader=loader(site_templates),
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
    return env


def environment(settings: Settings, lang: str) -> jinja2.Environment:
    """The environment the templates of ``lang`` render in.

    Raises ``CatalogError`` when the language's ``.mo`` is missing: pages are never
    rendered with the English msgids in place of a catalog.
    """
    env = _bare_environment(settings.templates_dir)
    catalog = translations(settings, lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _gettext(catalog.gettext)
    _add_filters(env, lang, settings)
    env.globals["site"] = Site(settings.site_name, settings.site_url)
    return env


def _add_filters(env: jinja2.Environment, lang: str, settings: Settings) -> None:
    env.filters["link"] = functools.partial(urls.picture, settings)
    env.filters["absolute"] = functools.partial(absolute_url, settings)
    env.filters["long_date"] = functools.partial(long_date, lang=lang)
    env.filters["language_name"] = functools.partial(language_name, lang=lang)
    env.filters["autonym"] = autonym
    env.filters["og_locale"] = og_locale


def absolute_url(settings: Settings, link: str) -> str:
    """A link of the site (``/lab/a.jpg``) as an absolute URL, for ``og:image``.

    >>> absolute_url(Settings(site_url="https://example.org/lab"), "/lab/a.jpg")
    'https://example.org/lab/a.jpg'
    """
    return urljoin(settings.site_url + "/", link)


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


if __name__ == "__main__":  # ``make templates``
    written = precompile()
    print(f"pipeline/build/precompiled/: {len(written)} templates compiled", file=sys.stderr)
