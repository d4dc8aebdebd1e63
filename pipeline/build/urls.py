"""The site's URL scheme, and the pure function that finds a document's published versions.

Every language has a prefix: none for the default language (unless the setting
``default-language-in-subdir`` puts it under ``/<lang>/`` too), ``/<lang>/`` for the others.
Under it, dated posts live in the news section, pages with a ``menu`` in that section's
folder, other pages at the top; each in a folder of its own (pretty URLs), named by the slug
of its own file, so that the English version has an English URL::

    /nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/
    /en/news/application-closed-outreach-strategist-for-a-democracy-lab/
    /lediga-tjanster/utvecklare-och-systemadministrator/
    /en/jobs/developer-and-system-administrator/

Paths here start at the site root (``/en/``); ``href`` adds the path of ``site-url`` (for a
site published below a folder) and ``absolute`` the whole of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.tree import is_post, slug_of
from pipeline.slugs import DATE_PREFIX, is_slug, slugify

NEWS = "news"  # the section of dated posts in the ``sections`` setting
UNREVIEWED = ("machine", "outdated")


def prefix(settings: Settings, lang: str) -> str:
    """The folder of a language's pages, '' for the root.

    >>> prefix(Settings(), "sv"), prefix(Settings(), "en-GB")
    ('', '/en-gb')
    >>> prefix(Settings(default_language_in_subdir=True), "sv")
    '/sv'
    """
    if lang == settings.default_language and not settings.default_language_in_subdir:
        return ""
    return "/" + lang.lower()


def home_path(settings: Settings, lang: str) -> str:
    """A language's home page: ``/`` or ``/en/``."""
    return prefix(settings, lang) + "/"


def feed_path(settings: Settings, lang: str) -> str:
    """A language's Atom feed: ``/feed.xml`` or ``/en/feed.xml``."""
    return prefix(settings, lang) + "/feed.xml"


def not_found_path(settings: Settings, lang: str) -> str:
    """A language's 404 page; the default language's is at ``/404.html``, where servers look.

    >>> not_found_path(Settings(default_language_in_subdir=True), "sv")
    '/404.html'
    >>> not_found_path(Settings(), "en")
    '/en/404.html'
    """
    return ("" if lang == settings.default_language else prefix(settings, lang)) + "/404.html"


def section_of(doc: Document) -> str | None:
    """The section a document is listed in: its ``section`` (a Jekyll collection), else
    ``news`` for dated posts, else its ``menu``."""
    section = doc.metadata.get("section")
    if isinstance(section, str) and section:
        return section
    if is_post(doc):
        return NEWS
    menu = doc.metadata.get("menu")
    return menu if isinstance(menu, str) and menu else None


def section_folder(settings: Settings, section: str, lang: str) -> str:
    """The URL folder of a section in a language (the ``sections`` setting, else its name).

    >>> section_folder(Settings(), "news", "en"), section_folder(Settings(), "news", "sv")
    ('news', 'nyheter')
    >>> section_folder(Settings(), "Om oss", "sv")
    'om-oss'
    """
    folder = settings.sections.get(section, {}).get(lang, section)
    return folder if is_slug(folder) else slugify(folder)


def list_path(settings: Settings, section: str, lang: str) -> str:
    """The path of a section's list page in ``lang``: ``/nyheter/``, ``/en/news/``."""
    return f"{prefix(settings, lang)}/{section_folder(settings, section, lang)}/"


class PathError(ValueError):
    """A document's path cannot be made (its message says why, its key where)."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def document_path(settings: Settings, doc: Document, lang: str) -> str:
    """The path of a document's page in ``lang``: its own ``url``, else its section's pattern
    of the ``permalinks`` setting, else the default scheme (``default_path``); checked by
    ``path_problem`` (``PathError`` if it is wrong).

    >>> from pathlib import Path
    >>> doc = Document(Path("content/sv/a.md"), {"url": "/om/Åsa Ö.html"}, "")
    >>> document_path(Settings(), doc, "sv")
    '/om/Åsa Ö.html'
    >>> post = Document(Path("content/en/2020-05-27-a-b.md"), {"date": "2020-05-27"}, "")
    >>> document_path(Settings(permalinks={"news": "/:year/:month/:slug/"}), post, "en")
    '/en/2020/05/a-b/'
    """
    url = doc.metadata.get("url")
    if isinstance(url, str) and url:
        path, key = url, "url"
    else:
        section = section_of(doc)
        pattern = permalink_pattern(settings, section, lang) if section else None
        if pattern is None:
            return default_path(settings, doc, lang)
        path = prefix(settings, lang) + expand(settings, pattern, doc, section or "", lang)
        key = "date" if "date" in doc.metadata else "title"
    wrong = path_problem(path)
    if wrong:
        raise PathError(f"its URL {path} {wrong}", key)
    return path


def permalink_pattern(settings: Settings, section: str, lang: str) -> str | None:
    """The ``permalinks`` pattern of ``section`` in ``lang``, if the setting has one."""
    patterns = settings.permalinks.get(section)
    if isinstance(patterns, dict):
        return patterns.get(lang)
    return patterns


PLACEHOLDER = re.compile(r":(year|month|day|slug|title|section|filename)")


def expand(settings: Settings, pattern: str, doc: Document, section: str, lang: str) -> str:
    """``pattern`` (of ``permalinks``) with its placeholders filled in for ``doc``, as Hugo's:
    ``:slug`` the document's ``slug``, else its file name's; ``:title`` its title as a slug;
    ``:filename`` its file's name; ``:section`` the section's folder in ``lang``; ``:year``,
    ``:month``, ``:day`` of its date (``PathError`` if it has none)."""
    from pipeline.content.dates import parse_date

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in ("year", "month", "day"):
            date = doc.metadata.get("date")
            written = DATE_PREFIX.match(doc.path.name)
            if date is None and written is None:
                where = f"'permalinks.{section}'"
                raise PathError(f"its URL has no date for :{name} of {where}", "title")
            when = (
                parse_date(date, settings.timezone)
                if date is not None
                else dt.date(*(int(part) for part in written.groups()))  # type: ignore[union-attr]
            )
            return {"year": f"{when.year:04d}", "month": f"{when.month:02d}"}.get(
                name, f"{when.day:02d}"
            )
        if name == "slug":
            own = doc.metadata.get("slug")
            return str(own) if isinstance(own, str) and own else slug_of(doc)
        if name == "title":
            return slugify(doc.title)
        if name == "filename":
            return doc.path.stem
        return section_folder(settings, section, lang)

    return PLACEHOLDER.sub(value, pattern)


def path_problem(path: str) -> str | None:
    """What keeps ``path`` from being a page's path in the output folder, or None: it must
    end in ``/`` (a folder's ``index.html``) or ``.html``, and hold no empty or hidden part.

    >>> path_problem("/projekt/Medborgarbudget Malmö/"), path_problem("/en/about.html")
    (None, None)
    >>> path_problem("/en/om")
    "must end in '/' or '.html'"
    >>> path_problem("/.pipeline/x.html") == path_problem("//x/")
    True
    >>> path_problem("//x/")
    "must not hold a part that starts with '.' or is empty"
    """
    parts = path.split("/")[1:]
    if not path.startswith("/") or any(p.startswith(".") or not p for p in parts[:-1]):
        return "must not hold a part that starts with '.' or is empty"
    if parts[-1].startswith("."):
        return "must not hold a part that starts with '.' or is empty"
    if not (path.endswith("/") or path.endswith(".html")):
        return "must end in '/' or '.html'"
    return None


def default_path(settings: Settings, doc: Document, lang: str) -> str:
    """The path of a document's page in ``lang``, from its own file name.

    >>> from pathlib import Path
    >>> doc = Document(Path("content/en/2020-05-27-a-b.md"), {}, "")
    >>> default_path(Settings(), doc, "en")
    '/en/news/a-b/'
    >>> job = Document(Path("content/sv/utvecklare.md"), {"menu": "lediga-tjanster"}, "")
    >>> default_path(Settings(), job, "sv")
    '/lediga-tjanster/utvecklare/'
    """
    slug = slug_of(doc)
    slug = slug if is_slug(slug) else slugify(slug)
    section = section_of(doc)
    folder = f"/{section_folder(settings, section, lang)}" if section else ""
    return f"{prefix(settings, lang)}{folder}/{slug}/"


def picture(settings: Settings, value: object) -> str:
    """A link to the picture a front matter key names: a path from the site root (as Jekyll
    sites write them) under the site's own path, a safe absolute URL as it is, else "".

    >>> picture(Settings(site_url="https://example.org/lab"), "/uploads/a.jpg")
    '/lab/uploads/a.jpg'
    >>> picture(Settings(), "https://example.org/a.png"), picture(Settings(), "javascript:x")
    ('https://example.org/a.png', '')
    """
    from pipeline.build.markdown import safe_url

    text = str(value).strip() if isinstance(value, str) else ""
    if not text or safe_url(text) is None:
        return ""
    if text.startswith("/") and not text.startswith("//"):
        return href(settings, text)
    return text


def output_file(path: str) -> str:
    """The file, inside the output folder, that serves ``path``.

    >>> output_file("/"), output_file("/en/news/a/"), output_file("/en/feed.xml")
    ('index.html', 'en/news/a/index.html', 'en/feed.xml')
    """
    relative = path.lstrip("/")
    return relative + "index.html" if path.endswith("/") else relative


def href(settings: Settings, path: str) -> str:
    """A link to ``path`` from any page of the site: from the root of the site's host,
    percent-encoded.

    >>> href(Settings(site_url="https://example.org/lab"), "/en/")
    '/lab/en/'
    """
    return urlsplit(settings.site_url).path + encoded(path)


def absolute(settings: Settings, path: str) -> str:
    """The absolute URL of ``path`` (canonical, hreflang, sitemap, feeds), percent-encoded.

    >>> absolute(Settings(site_url="https://example.org"), "/projekt/Medborgarbudget Malmö/")
    'https://example.org/projekt/Medborgarbudget%20Malm%C3%B6/'
    """
    return settings.site_url + encoded(path)


def encoded(path: str) -> str:
    """``path`` percent-encoded as a URL's path (UTF-8; a ``%`` of a file's name too)."""
    return quote(path, safe="/!$&'()*+,;=:@")


def status_of(doc: Document) -> str:
    """``original``, or a draft's translation status (``machine``, ``reviewed``, ...)."""
    block = doc.translation
    return "original" if block is None else str(block.get("status", "machine"))


def published_versions(
    versions: Mapping[str, Document], publish_unreviewed: bool = True
) -> dict[str, Document]:
    """The language versions of one ``ref`` that are on the site, by language.

    An original with ``published: false`` takes itself and every draft off the site; a
    draft with ``published: false`` only itself; unreviewed drafts (``machine``,
    ``outdated``) are off when ``publish_unreviewed`` is false. A draft whose original is
    missing stays on (its original may live elsewhere).

    >>> from pathlib import Path
    >>> def doc(lang, **meta):
    ...     return Document(Path(f"{lang}/job.md"), {"ref": "job", **meta}, "")
    >>> draft = {"from": "sv", "status": "machine"}
    >>> sorted(published_versions({"sv": doc("sv"), "en": doc("en", translation=draft)}))
    ['en', 'sv']
    >>> sorted(published_versions({"sv": doc("sv", published=False),
    ...                            "en": doc("en", translation=draft)}))
    []
    >>> sorted(published_versions({"sv": doc("sv"),
    ...                            "en": doc("en", translation=draft, published=False)}))
    ['sv']
    >>> sorted(published_versions({"sv": doc("sv"), "en": doc("en", translation=draft)},
    ...                           publish_unreviewed=False))
    ['sv']
    """
    if any(doc.is_original and not doc.published for doc in versions.values()):
        return {}
    return {
        lang: doc
        for lang, doc in versions.items()
        if doc.published and (publish_unreviewed or status_of(doc) not in UNREVIEWED)
    }


def x_default(languages: list[str], default_language: str, original: str | None) -> str:
    """The language ``x-default`` points to, among the ``languages`` of one hreflang set:
    the default language's version, else the original's, else the first.

    >>> x_default(["sv", "en"], "sv", "sv"), x_default(["en"], "sv", "sv")
    ('sv', 'en')
    >>> x_default(["en", "de"], "sv", "de")
    'de'
    """
    if default_language in languages:
        return default_language
    if original in languages:
        return original
    return languages[0]
