"""Stage 4, build: the bilingual static site, read top to bottom as it is made.

1. plan: which pages exist, their URLs and hreflang sets (``pipeline.plan``, pure);
2. render: every page through its language's Jinja2 environment, then each language's Atom
   feed, ``sitemap.xml`` (whose alternates are the pages' own sets), ``robots.txt``,
   ``pairs.json`` and the stylesheet;
3. write: every file atomically into the output folder, and remove the files an earlier
   build wrote that are no longer part of the site (and only those).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from pipeline import urls
from pipeline.config import Settings, output_refusal
from pipeline.content import scan
from pipeline.errors import PipelineError, UsageError
from pipeline.files import inside, remove, remove_empty_folders, write_atomic
from pipeline.plan import PAIRS, ROBOTS, SITEMAP, STYLE, Page, SitePlan, Switch, plan_site
from pipeline.report import Report
from pipeline.templating import TEMPLATES, environment, markdown_html, safe_url

BUILT_LIST = ".pipeline-files"  # what the last build wrote, so the next removes only that
TEMPLATE_OF = {
    "document": "page.html",
    "home": "home.html",
    "not-found": "404.html",
    "redirect": "redirect.html",
}


TEMPLATES_SHOWN = "pipeline/templates"


class TemplateError(PipelineError):
    """A template cannot be rendered (a syntax error, a name it does not have)."""


@dataclass
class BuildReport(Report):
    """What ``build`` wrote where."""

    output: str = ""
    pages: int = 0
    files: int = 0
    written: int = 0
    removed: int = 0

    def summary(self) -> str:
        """``build: 11 files (7 pages) in public/: 2 written, 0 removed``."""
        return (
            f"build: {self.files} files ({self.pages} pages) in {self.output}/: "
            f"{self.written} written, {self.removed} removed"
        )


def build(settings: Settings, out: Path | None = None) -> BuildReport:
    """Build the site into ``out`` (default: the ``output`` setting)."""
    output = output_folder(settings, out)
    content = scan(settings)
    plan = plan_site(settings, content)
    report = BuildReport(problems=content.problems + plan.problems)
    files = render_site(settings, plan)
    report.written, report.removed = write_site(output, files)
    report.output = settings.relative(output)
    report.files = len(files)
    report.pages = len(plan.pages)
    return report


def output_folder(settings: Settings, out: Path | None) -> Path:
    """The folder to build into; ``--out`` must lie inside the site root, like ``output``."""
    if out is None:
        return settings.output_dir
    refusal = output_refusal(settings.root, out)
    if refusal:
        raise UsageError(f"--out {out}: the output folder {refusal}")
    return out.resolve()


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


def render_site(settings: Settings, plan: SitePlan) -> dict[str, str]:
    """Every file of the site by its path in the output folder."""
    envs = {lang: environment(settings, lang) for lang in settings.languages}
    entries = {page.file: _entry(settings, page) for page in plan.pages if page.doc}
    files: dict[str, str] = {}
    for page in plan.pages:
        context: dict[str, Any] = {"page": page}
        if page.kind == "document":
            context["doc"] = entries[page.file]
        if page.kind == "home":
            context.update(_listings(settings, plan, page.lang, entries))
        files[page.file] = _render(envs[page.lang], TEMPLATE_OF[page.kind], context)
    for lang in settings.languages:
        feed = _feed(settings, plan, lang, entries)
        files[urls.output_file(urls.feed_path(settings, lang))] = _render(
            envs[lang], "feed.xml", {"feed": feed}
        )
    files[SITEMAP] = _render(
        envs[settings.default_language], "sitemap.xml", {"pages": plan.indexed()}
    )
    files[ROBOTS] = (
        f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(settings, '/' + SITEMAP)}\n"
    )
    files[PAIRS] = _pairs(settings, plan)
    files[STYLE] = (TEMPLATES / STYLE).read_text(encoding="utf-8")
    return files


def _render(
    env: jinja2.Environment, name: str, context: dict[str, Any], folder: str = TEMPLATES_SHOWN
) -> str:
    """One template rendered; a template's mistake is reported with its file (in ``folder``),
    not raised as a traceback."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(error.message or str(error), f"{folder}/{name}", error.lineno) from None
    except (jinja2.TemplateError, KeyError, ValueError, TypeError) as error:
        raise TemplateError(f"cannot be rendered: {error}", f"{folder}/{name}") from None


render_template = _render


def _entry(settings: Settings, page: Page) -> Entry:
    assert page.doc is not None
    meta = page.doc.metadata
    links = []
    for link in meta.get("links") or []:
        title = str(link.get("title") or link.get("url") or "").strip()
        if title:
            links.append({"title": title, "url": safe_url(str(link.get("url") or ""))})
    return Entry(
        title=page.title,
        path=urls.href(settings, page.path),
        url=page.url,
        date=page.date,
        excerpt=str(meta.get("excerpt") or "").strip(),
        ingress=str(meta.get("ingress-text") or "").strip(),
        body=markdown_html(page.doc.body),
        links=links,
        notice=page.notice,
        original=page.original,
    )


def _listings(
    settings: Settings, plan: SitePlan, lang: str, entries: dict[str, Entry]
) -> dict[str, list[Entry]]:
    """A home page's lists: open positions, news, other pages; each newest first."""
    lists: dict[str, list[Entry]] = {"jobs": [], "news": [], "pages": []}
    for page in plan.documents(lang):
        kind = {settings.jobs_section: "jobs", urls.NEWS: "news"}.get(page.section or "", "pages")
        lists[kind].append(entries[page.file])
    return lists


def _feed(
    settings: Settings, plan: SitePlan, lang: str, entries: dict[str, Entry]
) -> dict[str, Any]:
    """A language's Atom feed: its dated documents, newest first."""
    dated = [entries[p.file] for p in plan.documents(lang) if p.date]
    # Atom wants a time for the feed itself: the newest entry's keeps the file stable.
    updated = dated[0].date if dated else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return {
        "lang": lang,
        "url": urls.absolute(settings, urls.feed_path(settings, lang)),
        "home_url": urls.absolute(settings, urls.home_path(settings, lang)),
        "updated": updated.isoformat(),
        "entries": [{**vars(entry), "body": str(entry.body)} for entry in dated],
    }


def _pairs(settings: Settings, plan: SitePlan) -> str:
    """``pairs.json``: ref -> language -> URL, content file and status, for other tools."""
    pairs: dict[str, dict[str, dict[str, str]]] = {}
    for page in plan.pages:
        if page.doc is not None and page.doc.ref:
            pairs.setdefault(page.doc.ref, {})[page.lang] = {
                "url": page.url,
                "file": settings.relative(page.doc.path),
                "status": page.status,
            }
    return json.dumps(pairs, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_site(output: Path, files: dict[str, str]) -> tuple[int, int]:
    """Write ``files`` into ``output``; remove what the last build wrote and this one did
    not. Returns how many files were written (changed) and removed."""
    listed = inside(output, BUILT_LIST)
    before = set(listed.read_text(encoding="utf-8").split()) if listed.is_file() else set()
    written = sum(
        write_atomic(inside(output, *name.split("/")), text) for name, text in files.items()
    )
    removed = 0
    for name in sorted(before - files.keys()):
        path = inside(output, *name.split("/"))
        if path.is_file():
            remove(path)
            removed += 1
            remove_empty_folders(output, path.parent)
    write_atomic(listed, "".join(f"{name}\n" for name in sorted(files)))
    return written, removed
