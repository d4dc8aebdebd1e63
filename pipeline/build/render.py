"""Rendering the files of the site from the page plan, one file at a time.

A ``Renderer`` turns any file of the plan into its text: a page through its language's
templates, a language's Atom feed (its frame, and one fragment per entry, so that a build can
splice the entries that did not change into the new feed), ``sitemap.xml`` (whose alternates
are the pages' own sets), ``robots.txt``, ``pairs.json`` and the stylesheet. It renders only
what it is asked for; ``pipeline.build.stage`` decides what that is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from pipeline.build import raw_html, urls
from pipeline.build.context import Language, SiteData, Teaser, language, teaser
from pipeline.build.plan import Page, SitePlan, Switch
from pipeline.build.templates import (
    PACKAGE_PREFIX,
    TEMPLATES,
    environment,
    markdown_html,
    prepare,
    safe_url,
)
from pipeline.config import Settings
from pipeline.content import document
from pipeline.errors import PipelineError

TEMPLATE_OF = {
    "document": "page.html",
    "home": "home.html",
    "not-found": "404.html",
    "redirect": "redirect.html",
    "list": "list.html",
    "alias": "alias.html",
}
DOCUMENT_TEMPLATES = ("base.html", "page.html", "feed-entry.xml")  # what a document needs
TEMPLATES_SHOWN = "pipeline/templates"
SENTINEL = "\x00"  # stands for the entries while a feed's frame is rendered


class TemplateError(PipelineError):
    """A template cannot be rendered (a syntax error, a name it does not have)."""


@dataclass(frozen=True)
class Entry:
    """A document as its page, the home page's listing and the feed show it."""

    title: str
    path: str
    url: str
    date: dt.datetime | None
    excerpt: str
    ingress: str
    body: Markup
    links: list[dict[str, str | None]]
    notice: bool
    original: Switch | None
    params: dict[str, Any]  # every key of its front matter, as written
    image: str
    thumbnail: str
    section: str | None
    status: str


class Renderer:
    """Renders the files of one plan; each language's environment is made when first used."""

    def __init__(self, settings: Settings, plan: SitePlan, read_bodies: bool = False) -> None:
        self.settings = settings
        self.plan = plan
        self.envs: dict[str, jinja2.Environment] = {}
        self.read_bodies = read_bodies  # documents' bodies are read from their files
        self.languages: dict[str, Language] = {}

    def env(self, lang: str) -> jinja2.Environment:
        """The environment of ``lang`` (``CatalogError`` when its catalog is missing; a
        ``DataError`` when a file of the site's data cannot be read)."""
        if lang not in self.envs:
            env = environment(self.settings, lang)
            env.globals["data"], env.globals["collections"] = self.site_data().in_language(
                lang, self.settings
            )
            self.envs[lang] = env
        return self.envs[lang]

    @functools.cache  # noqa: B019 (a renderer lives for one build)
    def site_data(self) -> SiteData:
        """The site's data files and data-only collections, read once."""
        return SiteData.load(self.settings)

    def page(self, page: Page, body: Markup | None = None) -> str:
        """The HTML of ``page``; a document's ``body`` (its HTML) is rendered if not given."""
        shown = self.language(page.lang)
        context: dict[str, Any] = {
            "page": page,
            "doc": None,
            "here": urls.href(self.settings, page.path),
            "menu_sections": shown.sections,
        }
        if shown.whole:  # (else only the package's templates render, which never ask)
            context["site_pages"] = shown.teasers
        else:  # (sent to a process that renders document pages: the newest of each section)
            assert page.kind == "document", page.kind
        if page.doc is not None:  # a document's page, or a home, 404 or list page's content
            context["doc"] = self.entry(page, self.body(page) if body is None else body)
            context["section_pages"] = shown.by_section.get(page.section, [])
        if page.kind == "home":
            context.update(self.listings(page.lang))
        if page.kind == "list":
            listed = self.plan.listed(page.section or "", page.lang)
            context["entries"] = [teaser(p, urls.href(self.settings, p.path)) for p in listed]
            context["news"] = page.section == urls.NEWS
            context["jobs"] = page.section == self.settings.jobs_section
        return self.template(page.lang, TEMPLATE_OF[page.kind], context)

    def language(self, lang: str) -> Language:
        """What the pages of ``lang`` show of the others: teasers, the menu's sections."""
        if lang not in self.languages:
            self.languages[lang] = language(self.plan, lang)
        return self.languages[lang]

    def body(self, page: Page) -> Markup:
        """A document's body as HTML (read from its file if ``read_bodies``): Markdown
        rendered, or the body of an ``.html`` document, both with their raw HTML cleaned."""
        assert page.doc is not None
        text = page.doc.body
        if self.read_bodies:
            text = document.read_body(page.doc.path, page.doc.shown)
        if page.doc.path.suffix == ".html":
            return Markup(raw_html.clean(text))  # the HTML Jekyll served, cleaned
        return markdown_html(text)

    def entry(self, page: Page, body: Markup) -> Entry:
        """What the templates show of a document page (``body`` as HTML)."""
        assert page.doc is not None
        meta = page.doc.metadata
        links = []
        for link in meta.get("links") or []:
            title = str(link.get("title") or link.get("url") or "").strip()
            if title:
                links.append({"title": title, "url": safe_url(str(link.get("url") or ""))})
        return Entry(
            title=page.title,
            path=urls.href(self.settings, page.path),
            url=page.url,
            date=page.date,
            excerpt=str(meta.get("excerpt") or "").strip(),
            ingress=str(meta.get("ingress-text") or "").strip(),
            body=body,
            links=links,
            notice=page.notice,
            original=page.original,
            params=dict(meta),
            image=page.image,
            thumbnail=page.thumbnail,
            section=page.section,
            status=page.status,
        )

    def listings(self, lang: str) -> dict[str, list[Teaser]]:
        """A home page's lists: open positions, news, other pages; each newest first."""
        lists: dict[str, list[Teaser]] = {"jobs": [], "news": [], "pages": []}
        kinds = {self.settings.jobs_section: "jobs", urls.NEWS: "news"}
        for shown in self.language(lang).teasers:
            lists[kinds.get(shown.section or "", "pages")].append(shown)
        return lists

    def feed_entry(self, page: Page, body: Markup) -> str:
        """One ``<entry>`` of a feed, with its line end, for a dated document page."""
        entry = self.entry(page, body)
        return self.template(
            page.lang, "feed-entry.xml", {"entry": {**vars(entry), "body": str(entry.body)}}
        )

    def feed_frame(self, lang: str) -> tuple[str, str]:
        """A language's feed before its first entry and after its last."""
        dated = [page for page in self.plan.documents(lang) if page.date]
        # Atom wants a time for the feed itself: the newest entry's keeps the file stable.
        updated = (
            dated[0].date if dated and dated[0].date else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        )
        feed = {
            "lang": lang,
            "url": urls.absolute(self.settings, urls.feed_path(self.settings, lang)),
            "home_url": urls.absolute(self.settings, urls.home_path(self.settings, lang)),
            "updated": updated.isoformat(),
            "entries": [Markup(SENTINEL)],
        }
        head, tail = self.template(lang, "feed.xml", {"feed": feed}).split(SENTINEL)
        return head, tail

    def warm(self, lang: str, names: Sequence[str] = ()) -> None:
        """Compile the templates ``names`` of ``lang`` (default: every one) and look up what
        its pages name in Babel now, before workers fork, so that they share them."""
        for name in names or (*TEMPLATE_OF.values(), "feed.xml", "feed-entry.xml", "sitemap.xml"):
            self.load(lang, name)
        prepare(lang, self.settings.languages)

    def whole_site_file(self, kind: str) -> str:
        """A file of the whole site by its kind: sitemap, robots, pairs or style."""
        made: dict[str, Callable[[], str]] = {
            "sitemap": self.sitemap,
            "robots": self.robots,
            "pairs": self.pairs,
            "style": self.style,
        }
        return made[kind]()

    def sitemap(self) -> str:
        """``sitemap.xml``: every indexed page with its hreflang set."""
        return self.template(
            self.settings.default_language, "sitemap.xml", {"pages": self.plan.indexed()}
        )

    def robots(self) -> str:
        """``robots.txt``, which names the sitemap."""
        sitemap = urls.absolute(self.settings, "/sitemap.xml")
        return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"

    def pairs(self) -> str:
        """``pairs.json``: ref -> language -> URL, content file and status, for other tools;
        a ref on each line (each written by json's C encoder: with ``indent`` json writes
        through its Python one, a tenth of a second at 2,000 refs)."""
        pairs: dict[str, dict[str, dict[str, str]]] = {}
        for page in self.plan.pages:
            if page.doc is not None and page.doc.ref:
                pairs.setdefault(page.doc.ref, {})[page.lang] = {
                    "url": page.url,
                    "file": self.settings.relative(page.doc.path),
                    "status": page.status,
                }
        lines = [
            f"  {json.dumps(ref, ensure_ascii=False)}: "
            f"{json.dumps(versions, ensure_ascii=False, sort_keys=True)}"
            for ref, versions in sorted(pairs.items())
        ]
        return "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"

    def style(self) -> str:
        """The stylesheet, as it is."""
        return (TEMPLATES / "style.css").read_text(encoding="utf-8")

    def load(self, lang: str, name: str) -> jinja2.Template:
        """The template ``name`` of ``lang``, compiled; a syntax error is reported with its
        file and line."""
        try:
            return self.env(lang).get_template(name)
        except jinja2.TemplateSyntaxError as error:
            shown = _shown(error.filename, name, TEMPLATES_SHOWN, self.settings.root)
            raise TemplateError(error.message or str(error), shown, error.lineno) from None

    def template(self, lang: str, name: str, context: dict[str, Any]) -> str:
        """One template rendered; a template's mistake is reported with its file, not raised
        as a traceback."""
        return render_template(self.env(lang), name, context, root=self.settings.root)


def render_template(
    env: jinja2.Environment,
    name: str,
    context: dict[str, Any],
    folder: str = TEMPLATES_SHOWN,
    root: Path | None = None,
) -> str:
    """One template of ``env`` rendered (for pages other than the site's, such as the review
    pages); a template's mistake is reported with its file: in the site's own templates
    (under ``root``) or in the package's (``folder``)."""
    filename = None
    try:
        template = env.get_template(name)
        filename = template.filename
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        shown = _shown(error.filename, name, folder, root)
        raise TemplateError(error.message or str(error), shown, error.lineno) from None
    except (jinja2.TemplateError, KeyError, ValueError, TypeError) as error:
        shown = _shown(filename, name, folder, root)
        raise TemplateError(f"cannot be rendered: {error}", shown) from None


def _shown(filename: str | None, name: str, folder: str, root: Path | None) -> str:
    """The template file as the user reads it: from the site root if it is the site's own,
    else in the package's ``folder``."""
    if filename and root is not None and Path(filename).is_relative_to(root):
        return Path(filename).relative_to(root).as_posix()
    if filename:
        name = Path(filename).name if Path(filename).is_relative_to(TEMPLATES) else name
    return f"{folder}/{name.removeprefix(PACKAGE_PREFIX)}"
