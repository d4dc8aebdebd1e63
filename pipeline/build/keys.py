"""Every file of the built site with its key: a hash of everything the file is made of.

A file is rendered again exactly when its key changes (or the file is not as the last build
left it). The key of a document page covers its plan (URL, hreflang set, switcher, notice,
title, date...), the bytes of its content file and what it shows of the other pages: with the
package's templates, the menu (the language's list pages) and its related items (the newest
three of its section besides itself, of the newest ``RELATED``), so that a new posting
renders again only the pages that show it; with templates of the site's own, which may
show any teaser (``site_pages``), every teaser of its language. A home page's covers the plan
and the front matter of every document it lists; a feed's the key of each of its entries, in
order; the sitemap's every indexed page with its alternates. Every key also covers the build's
``fingerprint`` (templates, catalogs, settings, the pipeline's code and the libraries that
render), so a change to any of those renders every file again.

>>> from pipeline.config import Settings
>>> plan = SitePlan(Settings())
>>> sorted(planned(plan, "fp", {}))
['en/feed.xml', 'feed.xml', 'pairs.json', 'robots.txt', 'sitemap.xml', 'style.css']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pipeline.build import urls
from pipeline.build.plan import PAIRS, ROBOTS, SITEMAP, STYLE, Page, SitePlan
from pipeline.config import Settings
from pipeline.content.scan_cache import Digests
from pipeline.state.fingerprints import blake2b

UNKNOWN = Digests("", "")  # a document the scan did not read (never one of a page)
LISTING = "\0listing:"  # (in ``records``: a language's teasers, by the language; what a
# page shows of the others, by its file)
# The teasers of its section a document page of the package's templates shows: page.html
# lists the newest three besides itself, taken from the newest four (``section_pages[:4]``).
RELATED = 4


@dataclass(frozen=True)
class Output:
    """One file of the site: what kind it is, its key, and what it is rendered from."""

    file: str
    kind: str  # "page", "feed", "sitemap", "robots", "pairs", "style" or "static"
    key: str
    page: Page | None = None
    lang: str = ""
    entries: tuple[tuple[Page, str], ...] = ()  # a feed's pages with their entries' keys
    source: str = ""  # a static file's, as ``settings.relative`` shows it


def planned(
    plan: SitePlan,
    fingerprint: str,
    digests: dict[str, Digests],
    records: dict[str, str] | None = None,
) -> dict[str, Output]:
    """Every file the plan makes, by its name in the output folder, with its key (and, into
    ``records`` if given, the hash of each page's ``record``, of each language's teasers as
    ``LISTING + lang``, and of what each page shows of the others as ``LISTING + file``)."""

    def key(*parts: str) -> str:
        return output_key(fingerprint, *parts)

    def digests_of(page: Page) -> Digests:
        """The digests of the file of ``page``'s document, by the name it is shown with."""
        assert page.doc is not None
        return digests.get(page.doc.shown, UNKNOWN)

    # Each page's record is hashed once, then stands for it in every key that covers it.
    records = {} if records is None else records
    records.update((page.file, _hashed(repr(record(page)))) for page in plan.pages)
    _listings(plan, records)
    found: dict[str, Output] = {}
    for file, made in unkeyed(plan).items():
        page = made.page
        if page is not None:
            shown = records[LISTING + file]  # (what the page shows of the others)
            if page.kind == "document":
                made_key = key("document", records[file], digests_of(page).whole, shown)
            else:
                # A home or list page: its own document, and the documents it lists.
                own = digests_of(page).whole if page.doc is not None else ""
                listed = "".join(
                    records[p.file] + digests_of(p).front_matter for p in listing(plan, page)
                )
                made_key = key(page.kind, records[file], own, listed, shown)
            # (made anew: dataclasses.replace costs a page as much as its key)
            made = Output(file, "page", made_key, page=page, lang=page.lang)
        elif made.kind == "feed":
            entries = tuple(
                (p, key("entry", records[p.file], digests_of(p).whole)) for p, _ in made.entries
            )
            feed = key("feed", made.lang, "".join(entry for _, entry in entries))
            made = replace(made, key=feed, entries=entries)
        elif made.kind == "sitemap":
            indexed = tuple((p.url, _alternates(p)) for p in plan.indexed())
            made = replace(made, key=key("sitemap", repr(indexed)))
        elif made.kind == "pairs":
            pairs = tuple(
                (p.doc.ref, p.lang, p.url, p.doc.shown, p.status)
                for p in plan.pages
                if p.doc is not None and p.doc.ref
            )
            made = replace(made, key=key("pairs", repr(pairs)))
        elif made.kind == "static":
            made = replace(made, key=key("static", made.source, plan.statics[file].token))
        else:  # robots.txt, style.css: the fingerprint alone
            made = replace(made, key=key(made.kind))
        found[file] = made
    return found


def _listings(plan: SitePlan, records: dict[str, str]) -> None:
    """What each page shows of the other pages, as ``records[LISTING + file]``. A home or
    list page shows teasers of its language's documents: their records, in order (also
    ``records[LISTING + lang]``). With the package's templates, a document page shows the
    menu (the records of its language's list pages) and its related items, a 404, alias or
    redirect page at most the menu; with the site's own templates,
    any page may show any teaser of its language."""
    narrow = not own_templates(plan.settings)
    for lang in plan.languages:
        documents = plan.documents(lang)
        listing = records[LISTING + lang] = _hashed("".join(records[p.file] for p in documents))
        pages = [p for p in plan.pages if p.lang == lang]
        if not narrow:
            records.update((LISTING + p.file, listing) for p in pages)
            continue
        menu = "".join(records[p.file] for p in pages if p.kind == "list")
        newest: dict[str | None, list[str]] = {}
        for page in documents:
            shown = newest.setdefault(page.section, [])
            if len(shown) < RELATED:
                shown.append(page.file)
        # Each page shows the newest three of its section besides itself (of the newest
        # four): most show the first three of those four, the first three the others.
        others = {name: _related(menu, files[:-1], records) for name, files in newest.items()}
        for page in pages:
            if page.kind == "document":
                files = newest[page.section]
                related = others[page.section]
                if page.file in files[:-1]:
                    related = _related(menu, [f for f in files if f != page.file], records)
                records[LISTING + page.file] = related
            elif page.kind in ("home", "list"):
                records[LISTING + page.file] = listing
            else:
                records[LISTING + page.file] = _hashed(menu)


def _related(menu: str, files: list[str], records: dict[str, str]) -> str:
    return _hashed(menu + "".join(records[file] for file in files))


def own_templates(settings: Settings) -> bool:
    """Whether the site has templates of its own (``templates``, hidden files aside), which
    may show any teaser on a document page."""
    folder = settings.templates_dir
    if not folder.is_dir():
        return False
    return any(
        path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        for path in folder.rglob("*")
    )


def unkeyed(plan: SitePlan) -> dict[str, Output]:
    """Every file the plan makes, as ``planned`` gives them but with no keys (each ``""``):
    what a build that renders every file, whatever its key, starts rendering with while the
    keys are made."""
    found = {
        page.file: Output(page.file, "page", "", page=page, lang=page.lang) for page in plan.pages
    }
    for lang in plan.languages:
        file = urls.output_file(urls.feed_path(plan.settings, lang))
        entries = tuple((page, "") for page in feed_pages(plan, lang))
        found[file] = Output(file, "feed", "", lang=lang, entries=entries)
    for file, kind in (
        (SITEMAP, "sitemap"),
        (ROBOTS, "robots"),
        (PAIRS, "pairs"),
        (STYLE, "style"),
    ):
        found[file] = Output(file, kind, "")
    for file, static in plan.statics.items():  # (a robots.txt of the site's own replaces ours)
        found[file] = Output(file, "static", "", source=static.source)
    return found


def listing(plan: SitePlan, page: Page) -> list[Page]:
    """The document pages a page lists: all of its language's for a home page, its
    section's for a list page, none for the others."""
    if page.kind == "home":
        return plan.documents(page.lang)
    if page.kind == "list" and page.section:
        return plan.listed(page.section, page.lang)
    return []


def output_key(fingerprint: str, *parts: str) -> str:
    """A file's key: the build's ``fingerprint`` and ``parts`` (a kind, then digests or
    ``repr`` texts), hashed."""
    # Every part but the first (a kind) is a digest or a ``repr``: joined, unambiguous.
    return _hashed("\0".join((fingerprint, *parts)))


def _hashed(text: str) -> str:
    return blake2b(text.encode(), digest_size=16).hexdigest()


def feed_pages(plan: SitePlan, lang: str) -> list[Page]:
    """The pages a language's feed carries: its newest dated documents, as many as the
    ``feed-entries`` setting says (0: all of them)."""
    dated = [page for page in plan.documents(lang) if page.date]
    limit = plan.settings.feed_entries
    return dated[:limit] if limit else dated


def record(page: Page) -> tuple[Any, ...]:
    """Everything the plan says about ``page`` except its document (which its content
    file's digest stands for), as plain values whose ``repr`` is stable."""
    original = page.original
    return (
        page.kind,
        page.lang,
        page.path,
        page.file,
        page.url,
        page.home,
        page.feed,
        page.style,
        _alternates(page),
        tuple((s.lang, s.path, s.fallback) for s in page.switcher),
        page.noindex,
        page.title,
        page.date.isoformat() if page.date else None,
        page.section,
        page.status,
        (original.lang, original.path, original.fallback) if original else None,
        page.excerpt,
        page.image,
        page.thumbnail,
        page.target,
    )


def _alternates(page: Page) -> tuple[tuple[str, str], ...]:
    return tuple((a.hreflang, a.url) for a in page.alternates)
