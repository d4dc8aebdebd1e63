"""What the site is made of, decided before anything is rendered: the page plan.

``plan_site`` is a pure function of the settings and the content tree. It decides which
pages exist (published documents, a home and a 404 page per language), their URLs and output
files, every page's hreflang set and language switcher, and which pages are ``noindex``.
A draft that still holds ``pseudo`` text (``content.tree.is_pseudo``) is never a page: it is left
out as an unpublished one is, and its original does not name it.
Rendering (``pipeline.build.stage``) and auditing (``pipeline.check.audit``) only read the plan, so
an incremental or parallel build can be added on top of it without changing these rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.build import static, urls
from pipeline.build.static import StaticFile
from pipeline.config import Settings
from pipeline.content.dates import parse_date
from pipeline.content.document import Document
from pipeline.content.tree import Content
from pipeline.errors import Problem

# Files of the whole site besides the pages and each language's feed.
SITEMAP = "sitemap.xml"
ROBOTS = static.ROBOTS
PAIRS = "pairs.json"
STYLE = static.STYLE


@dataclass(frozen=True)
class Alternate:
    """One ``<link rel="alternate" hreflang>`` of a page (and ``xhtml:link`` of the sitemap)."""

    hreflang: str
    url: str


@dataclass(frozen=True)
class Switch:
    """One link of the language switcher: to the counterpart page, or (``fallback``) to the
    home page of a language the page has no version in."""

    lang: str
    path: str
    fallback: bool = False


@dataclass(frozen=True)
class Page:
    """One HTML page of the plan. ``path`` is from the site root, ``file`` inside the output
    folder, ``url`` absolute; ``home``, ``feed`` and ``style`` are the links every page of its
    language has."""

    kind: str  # "document", "home", "not-found", "list", "alias" or "redirect"
    lang: str
    path: str
    file: str
    url: str
    home: str
    feed: str
    style: str
    alternates: tuple[Alternate, ...] = ()
    switcher: tuple[Switch, ...] = ()
    noindex: bool = False
    doc: Document | None = None
    title: str = ""
    date: dt.datetime | None = None
    section: str | None = None
    status: str = "original"
    original: Switch | None = None  # where the notice on an unreviewed draft links to
    # What a teaser of the document shows on other pages (home, lists, related items).
    excerpt: str = ""
    image: str = ""  # a link to the hero image (front matter ``image``)
    thumbnail: str = ""  # a link to the teaser's picture (``thumbnail``, else ``image``)
    target: str = ""  # an alias's: the absolute URL of the page it sends readers to

    @property
    def notice(self) -> bool:
        """Whether the page says it is an unreviewed machine translation."""
        return self.status in urls.UNREVIEWED


@dataclass
class SitePlan:
    """Every page of the site, plus the problems that kept documents off it, and the drafts
    left out because they hold ``pseudo`` text (by the name they are shown with)."""

    settings: Settings
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pseudo: list[str] = field(default_factory=list)
    statics: dict[str, StaticFile] = field(default_factory=dict)  # static/, by output file

    def documents(self, lang: str) -> list[Page]:
        """A language's document pages, newest first (undated ones last, by title)."""
        pages = [p for p in self.pages if p.kind == "document" and p.lang == lang]
        dated = sorted((p for p in pages if p.date), key=lambda p: (p.date, p.path), reverse=True)
        undated = sorted((p for p in pages if not p.date), key=lambda p: (p.title, p.path))
        return dated + undated

    def page_count(self) -> int:
        """How many pages the plan has."""
        return len(self.pages)

    def indexed(self) -> list[Page]:
        """The pages search engines are told about: not ``noindex``, in plan order."""
        return [p for p in self.pages if not p.noindex]

    def files(self) -> list[str]:
        """Every file the build writes into the output folder, sorted."""
        feeds = [urls.output_file(urls.feed_path(self.settings, lang)) for lang in self.languages]
        own = [SITEMAP, PAIRS, STYLE] + ([] if ROBOTS in self.statics else [ROBOTS])
        return sorted(self.page_files() | set(feeds + own) | set(self.statics))

    def page_files(self) -> set[str]:
        """The output file of every page."""
        return {p.file for p in self.pages}

    def documented(self) -> list[tuple[str, str]]:
        """The name of the document of each page that has one, with the page's URL, in plan
        order (a check takes the document from its own scan: a build lets bodies go)."""
        return [(p.doc.shown, p.url) for p in self.pages if p.doc is not None]

    def listed(self, section: str, lang: str) -> list[Page]:
        """The document pages a section's list page in ``lang`` lists, as ``documents``."""
        return [p for p in self.documents(lang) if p.section == section]

    @property
    def languages(self) -> list[str]:
        """The site languages, in the order of the settings."""
        return self.settings.languages


def plan_site(
    settings: Settings, content: Content, statics: Mapping[str, StaticFile] | None = None
) -> SitePlan:
    """Plan every page of the site from the content tree (documents with errors are left
    out; the content check reports them), and the files of ``static/`` (``statics``, by
    their name in the output folder; read from the folder when None)."""
    plan = SitePlan(settings)
    broken = {p.path for p in content.problems if not p.warning}
    groups: dict[str, dict[str, Document]] = defaultdict(dict)
    for doc in sorted(content.documents, key=lambda d: (not d.is_original, d.shown)):
        if doc.shown not in broken:
            groups[doc.ref or doc.shown].setdefault(content.folder_lang(doc), doc)
    published = {
        key: urls.published_versions(groups[key], settings.publish_unreviewed)
        for key in sorted(groups)
    }
    for versions in published.values():
        for doc in versions.values():
            if doc.shown in content.pseudo:
                plan.pseudo.append(doc.shown)
    listed = {
        (section, lang)
        for versions in published.values()
        for lang, doc in versions.items()
        if doc.shown not in content.pseudo and (section := _list_of(settings, doc))
    }
    own = {page.file: page for page in _language_pages(settings, sorted(listed))}
    taken = {file: "a page of the site itself" for file in own}
    taken.update((file, "a file of the site itself") for file in plan.files())
    held: dict[str, Page] = {}  # the language pages that took a document, by file
    claimed = {  # the language pages some document's own url names
        urls.output_file(url)
        for versions in published.values()
        for doc in versions.values()
        if isinstance(url := doc.metadata.get("url"), str)
    }
    for key, versions in published.items():
        placed: dict[str, str] = {}
        like: Page | None = None  # the language page the first version is the content of
        for lang, doc in versions.items():
            if doc.shown in content.pseudo:
                continue
            path = _place(settings, plan, doc, lang, (taken, own, held, claimed), like)
            if path is not None:
                placed[lang] = path
                like = like or held.get(urls.output_file(path))
        pages = _document_pages(settings, groups[key], placed)
        plan.pages += [page for page in pages if page.file not in held]
    plan.pages[:0] = [held.get(file, page) for file, page in own.items()]
    plan.pages += _aliases(settings, plan, taken)
    if statics is None:
        statics, links = static.listed(settings)
        plan.problems += links
    plan.statics, refused = static.placed(statics, taken)
    plan.problems += refused
    return plan


def _list_of(settings: Settings, doc: Document) -> str | None:
    """The section whose list pages list ``doc``: the news, a section named in the
    ``sections`` setting or in its own ``section`` (a menu's name alone has no list)."""
    section = urls.section_of(doc)
    if section in (urls.NEWS, doc.metadata.get("section")) or section in settings.sections:
        return section
    return None


def _place(
    settings: Settings,
    plan: SitePlan,
    doc: Document,
    lang: str,
    pages: tuple[dict[str, str], dict[str, Page], dict[str, Page], set[str]],
    like: Page | None,
) -> str | None:
    """The path of ``doc``'s page in ``lang``, taken (``taken``: by file, whose it is), or
    None with the problem said. A document at the path of its language's home, 404 or list
    page of its own language is that page's content (``held``); so is a version without a
    ``url`` of its own whose other version is (``like``): the English draft of the Swedish
    home page's content is the English home page's, unless another document's ``url`` is
    that page's (``claimed``)."""
    taken, own, held, claimed = pages
    try:
        path = _same_page(settings, like, lang) if like and not doc.metadata.get("url") else ""
        file = urls.output_file(path)
        if file not in own or file in held or file in claimed:
            path = urls.document_path(settings, doc, lang)  # (that page has its own content)
    except urls.PathError as error:
        plan.problems.append(doc.problem(str(error), error.key))
        return None
    file = urls.output_file(path)
    page = own.get(file)
    if page is not None and page.lang == lang and page.kind != "redirect" and file not in held:
        held[file] = replace(page, doc=doc, title=doc.title, status=urls.status_of(doc))
        taken[file] = doc.shown
        return path
    if file in taken:
        plan.problems.append(
            doc.problem(f"its URL {path} is already that of {taken[file]}; rename one", "url")
        )
        return None
    taken[file] = doc.shown
    return path


def _same_page(settings: Settings, like: Page, lang: str) -> str:
    """The path of the page of ``lang`` that is what ``like`` is in its own language."""
    if like.kind == "home":
        return urls.home_path(settings, lang)
    if like.kind == "not-found":
        return urls.not_found_path(settings, lang)
    return urls.list_path(settings, like.section or "", lang)


def _aliases(settings: Settings, plan: SitePlan, taken: dict[str, str]) -> list[Page]:
    """A redirect page at each of the ``aliases`` of every page with a document."""
    pages = []
    for page in list(plan.pages):
        aliases = page.doc.metadata.get("aliases") if page.doc is not None else None
        for alias in aliases if isinstance(aliases, list) else []:
            assert page.doc is not None
            wrong = urls.path_problem(alias)
            file = urls.output_file(alias)
            if wrong is None and file in taken:
                wrong = f"is already that of {taken[file]}"
            if wrong is not None:
                plan.problems.append(page.doc.problem(f"aliases: {alias} {wrong}", "aliases"))
                continue
            taken[file] = f"an alias of {page.doc.shown}"
            pages.append(_page(settings, "alias", page.lang, alias, noindex=True, target=page.url))
    return pages


def _language_pages(settings: Settings, listed: list[tuple[str, str]]) -> list[Page]:
    """Each language's home and 404 page, each section's list page in each language it has
    documents in (``listed``), and the root's redirect when every language has a folder of
    its own."""
    homes = {lang: urls.home_path(settings, lang) for lang in settings.languages}
    pages = []
    for home in _counterparts(settings, "home", homes):
        path = urls.not_found_path(settings, home.lang)
        switcher = home.switcher
        pages += [
            home,
            _page(settings, "not-found", home.lang, path, switcher=switcher, noindex=True),
        ]
    for section in sorted({section for section, _ in listed}):
        paths = {
            lang: urls.list_path(settings, section, lang)
            for lang in settings.languages
            if (section, lang) in listed
        }
        pages += _counterparts(settings, "list", paths, section=section)
    if settings.default_language_in_subdir:
        pages.append(_page(settings, "redirect", settings.default_language, "/", noindex=True))
    return pages


def _counterparts(
    settings: Settings, kind: str, paths: dict[str, str], **fields: Any
) -> list[Page]:
    """The pages of ``kind`` at ``paths`` (by language), each other's hreflang set; the
    switcher leads to a language's home where it has no such page."""
    alternates = _alternates(settings, paths, settings.default_language)
    pages = []
    for lang, path in paths.items():
        switcher = tuple(
            Switch(o, urls.href(settings, paths[o]))
            if o in paths
            else Switch(o, urls.href(settings, urls.home_path(settings, o)), fallback=True)
            for o in _others(settings, lang)
        )
        pages.append(
            _page(settings, kind, lang, path, alternates=alternates, switcher=switcher, **fields)
        )
    return pages


def _document_pages(
    settings: Settings, versions: dict[str, Document], placed: dict[str, str]
) -> list[Page]:
    """The pages of one document's versions that made it onto the site (``placed``)."""
    original = next((lang for lang, doc in versions.items() if doc.is_original), None)
    if original is None:
        block = next(iter(versions.values())).translation or {}
        original = block.get("from") if isinstance(block.get("from"), str) else None
    noindex = {
        lang
        for lang in placed
        if settings.noindex_unreviewed and urls.status_of(versions[lang]) in urls.UNREVIEWED
    }
    indexed = {lang: path for lang, path in placed.items() if lang not in noindex}
    alternates = _alternates(settings, indexed, original) if indexed else ()
    pages = []
    for lang, path in placed.items():
        doc = versions[lang]
        switcher = tuple(
            Switch(o, urls.href(settings, placed[o]))
            if o in placed
            else Switch(o, urls.href(settings, urls.home_path(settings, o)), fallback=True)
            for o in _others(settings, lang)
        )
        back = original in placed and original != lang
        date = doc.metadata.get("date")
        image = urls.picture(settings, doc.metadata.get("image"))
        page = _page(
            settings,
            "document",
            lang,
            path,
            alternates=() if lang in noindex else alternates,
            switcher=switcher,
            noindex=lang in noindex,
            doc=doc,
            title=doc.title,
            date=parse_date(date, settings.timezone) if date is not None else None,
            section=urls.section_of(doc),
            status=urls.status_of(doc),
            original=Switch(original, urls.href(settings, placed[original])) if back else None,
            excerpt=str(doc.metadata.get("excerpt") or "").strip(),
            image=image,
            thumbnail=urls.picture(settings, doc.metadata.get("thumbnail")) or image,
        )
        pages.append(page)
    return pages


def _alternates(
    settings: Settings, paths: dict[str, str], original: str | None
) -> tuple[Alternate, ...]:
    """The hreflang set of one page and all its counterparts: each language in the order of
    the settings, then ``x-default``."""
    languages = [lang for lang in settings.languages if lang in paths]
    fallback = urls.x_default(languages, settings.default_language, original)
    return tuple(
        [Alternate(lang, urls.absolute(settings, paths[lang])) for lang in languages]
        + [Alternate("x-default", urls.absolute(settings, paths[fallback]))]
    )


def _others(settings: Settings, lang: str) -> list[str]:
    return [other for other in settings.languages if other != lang]


def _page(settings: Settings, kind: str, lang: str, path: str, **fields: Any) -> Page:
    """A page at ``path``, with the links every page of ``lang`` has."""
    return Page(
        kind,
        lang,
        path,
        file=urls.output_file(path),
        url=urls.absolute(settings, path),
        home=urls.href(settings, urls.home_path(settings, lang)),
        feed=urls.href(settings, urls.feed_path(settings, lang)),
        style=urls.href(settings, "/" + STYLE),
        **fields,
    )
