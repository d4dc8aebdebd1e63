"""What the templates know besides the page itself: the site's data, its data-only
collections, and the teasers of its documents.

- ``data``: every YAML (or JSON) file of the ``data`` folder by its name without suffix,
  folders nesting (``data/social/links.yml`` is ``data.social.links``), as Jekyll's
  ``site.data`` and Hugo's ``.Site.Data``.
- ``collections``: each folder of ``data/`` that holds Markdown documents (a Jekyll collection
  with ``output: false``) as a list of their front matter, each with ``name`` (the file's stem)
  and ``content`` (its body as HTML), by file name.
- In both, a mapping whose keys are all site languages holds one value per language: the
  templates of a language see that language's value (else the default language's).
- ``Teaser``: a document as other pages show it (home, lists, related items), made from the
  page plan alone (a build that reuses the plan has no other document at hand).

Data is read once a build (``SiteData.load``); a file that cannot be read is a ``DataError``
with its file and line, as a template's mistake is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.build import urls
from pipeline.build.plan import Page, SitePlan
from pipeline.config import Settings
from pipeline.errors import ContentError, PipelineError

DATA_SUFFIXES = (".yml", ".yaml", ".json")
COLLECTION_SUFFIXES = (".md", ".markdown", ".html")


class DataError(PipelineError):
    """A file of the ``data`` folder cannot be read."""


@dataclass(frozen=True)
class Teaser:
    """A document as a list shows it: its page in the reader's language, by ``path`` (a link
    from the site's root) and ``url`` (absolute)."""

    title: str
    path: str
    url: str
    date: dt.datetime | None
    excerpt: str
    image: str
    thumbnail: str
    section: str | None
    lang: str
    status: str  # original, reviewed, machine or outdated
    notice: bool  # an unreviewed machine translation


def teaser(page: Page, path: str) -> Teaser:
    """The teaser of a document ``page`` whose link is ``path``."""
    return Teaser(
        title=page.title,
        path=path,
        url=page.url,
        date=page.date,
        excerpt=page.excerpt,
        image=page.image,
        thumbnail=page.thumbnail,
        section=page.section,
        lang=page.lang,
        status=page.status,
        notice=page.notice,
    )


@dataclass(frozen=True)
class MenuSection:
    """A section in the default menu: ``kind`` news, jobs or other (the templates name the
    first two in the reader's language), its URL ``folder`` there, and its list page."""

    name: str
    kind: str
    folder: str
    path: str


@dataclass(frozen=True)
class Language:
    """What every page of a language shows of the others: the ``teasers`` of its documents
    (newest first), the same by section (``by_section``, each newest first) and the
    ``sections`` that have a list page (for the menu)."""

    teasers: list[Teaser]
    sections: list[MenuSection]
    by_section: dict[str | None, list[Teaser]]
    whole: bool = True  # (else ``teasers`` holds only the newest of each section)


def language(plan: SitePlan, lang: str, newest: int = 0) -> Language:
    """The teasers and the menu's sections of ``lang`` in ``plan``; given ``newest``, only
    the newest that many of each section (what a document page of the package's templates
    shows: a process that renders only those is sent no more)."""
    settings = plan.settings
    documents = plan.documents(lang)
    if newest:
        taken: dict[str | None, int] = {}
        documents = [p for p in documents if _taken(taken, p.section) <= newest]
    teasers = [teaser(p, urls.href(settings, p.path)) for p in documents]
    named = list(settings.sections)
    lists = sorted(
        (p for p in plan.pages if p.kind == "list" and p.lang == lang and p.section),
        key=lambda p: (named.index(p.section) if p.section in named else len(named), p.path),
    )
    sections = []
    for page in lists:
        name = page.section or ""
        kind = "news" if name == urls.NEWS else "jobs" if name == settings.jobs_section else "other"
        folder = urls.section_folder(settings, name, lang)
        sections.append(MenuSection(name, kind, folder, urls.href(settings, page.path)))
    by_section: dict[str | None, list[Teaser]] = {}
    for shown in teasers:
        by_section.setdefault(shown.section, []).append(shown)
    return Language(teasers, sections, by_section, whole=not newest)


def _taken(taken: dict[str | None, int], section: str | None) -> int:
    """Count one more of ``section`` in ``taken``; how many now."""
    taken[section] = taken.get(section, 0) + 1
    return taken[section]


@dataclass(frozen=True)
class SiteData:
    """The site's data files and data-only collections, as written (every language's values)."""

    data: dict[str, Any]
    collections: dict[str, list[dict[str, Any]]]

    @classmethod
    def load(cls, settings: Settings) -> SiteData:
        """Read the ``data`` folder (empty if there is none). Raises ``DataError``."""
        folder = settings.data_dir
        data: dict[str, Any] = {}
        collections: dict[str, list[dict[str, Any]]] = {}
        if not folder.is_dir():
            return cls(data, collections)
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(folder).parts
            if any(part.startswith((".", "_")) for part in parts) or not path.is_file():
                continue
            if path.suffix in DATA_SUFFIXES:
                place = data
                for part in parts[:-1]:
                    inner = place.setdefault(part, {})
                    place = inner if isinstance(inner, dict) else {}
                place[path.stem] = _read_data(path, settings.relative(path))
            elif path.suffix in COLLECTION_SUFFIXES and len(parts) > 1:
                name = "/".join(parts[:-1])
                collections.setdefault(name, []).append(_read_item(path, settings))
        return cls(data, collections)

    def in_language(self, lang: str, settings: Settings) -> tuple[Any, Any]:
        """``data`` and ``collections`` as the templates of ``lang`` see them."""
        return (
            in_language(self.data, lang, settings.languages, settings.default_language),
            in_language(self.collections, lang, settings.languages, settings.default_language),
        )


def in_language(value: Any, lang: str, languages: list[str], default: str) -> Any:
    """``value`` with each mapping of one value per site language replaced by ``lang``'s
    (else the default language's).

    >>> menu = {"title": {"sv": "Hem", "en": "Home"}, "n": [{"sv": 1}]}
    >>> in_language(menu, "en", ["sv", "en"], "sv")
    {'title': 'Home', 'n': [1]}
    """
    if isinstance(value, dict):
        if value and all(isinstance(key, str) and key in languages for key in value):
            chosen = value.get(lang, value.get(default))
            return in_language(chosen, lang, languages, default)
        return {key: in_language(inner, lang, languages, default) for key, inner in value.items()}
    if isinstance(value, list):
        return [in_language(inner, lang, languages, default) for inner in value]
    return value


def _read_data(path: Path, shown: str) -> Any:
    """One data file's value."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"cannot be read: {error}", shown) from None
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise DataError(f"not valid JSON: {error.msg}", shown, error.lineno) from None
    import yaml  # (only a site with data files needs it)

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(f"not valid YAML: {problem}", shown, line) from None


def _read_item(path: Path, settings: Settings) -> dict[str, Any]:
    """One document of a data-only collection: its front matter, ``name`` and ``content``."""
    from pipeline.build.templates import markdown_html
    from pipeline.content import document

    shown = settings.relative(path)
    try:
        doc = document.read(path, shown)
    except ContentError as error:
        raise DataError(error.message, error.path or shown, error.line) from None
    return {**doc.metadata, "name": path.stem, "content": markdown_html(doc.body)}
