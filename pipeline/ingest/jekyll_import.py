"""A Jekyll site moved in whole: every page, pair, URL and file kept, or said why not.

``import_site`` reads the site as Jekyll does (``jekyll.read_site``) and makes of it:

- a posting for each page, post and document of a collection that is output, with ``url``
  the URL Jekyll serves it at (``jekyll_urls``), ``aliases`` its ``redirect_from``,
  ``section`` its collection's name, a ``ref`` shared by its language versions
  (``jekyll_refs``), and a body whose Liquid is resolved (``liquid``) and whose kramdown is
  written as markdown-it reads it (``kramdown``);
- a copy for each file Jekyll copies as it is (into the ``static`` folder, at its URL) and
  each file of ``_data/`` or of a collection that is not output (into the ``data`` folder);
- a warning for each page that is a list written in Liquid over the site (which of the
  pipeline's own pages serves its URL), each file Jekyll renders from Liquid that is no page
  (a feed), each draft; a line for each file or folder Jekyll leaves out, and why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.build import urls as pipeline_urls
from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.document import Document
from pipeline.errors import ContentError, Problem
from pipeline.ingest import jekyll_urls as rules
from pipeline.ingest import kramdown, liquid, raw_html
from pipeline.ingest.jekyll import CONFIG, POST_NAME, Entry, Posting, Site, read_site
from pipeline.ingest.jekyll_defaults import defaults
from pipeline.ingest.jekyll_refs import name_postings, order, share_refs
from pipeline.ingest.jekyll_served import (
    RENDERED_EXTENSIONS,
    aliases_of,
    document_url,
    jekyll_path,
    name_date,
    static_url,
)
from pipeline.ingest.postings import Copy, Found, Source


def import_site(root: Path, name: str, settings: Settings) -> Found:
    """Everything of the Jekyll site at ``root`` (named ``name`` in messages) to bring in."""
    site = read_site(root, name)
    found = Found(problems=list(site.problems), notes=list(site.left_out))
    if site.problems:  # the config is bad: nothing is read as Jekyll would
        return found
    found.notes.insert(0, _config_note(site, settings))
    timezone = site.config.timezone or settings.timezone
    for entry in site.drafts:
        message = (
            "a draft (Jekyll builds it only with --drafts): not brought in; give it a date "
            "and ingest it when it is ready"
        )
        found.problems.append(Problem(site.shown(entry.relative), 1, message, True))
    postings = []
    for entry in site.documents:
        posting = _posting(site, entry, settings, timezone, found)
        if posting is not None:
            postings.append(posting)
    found.copies += _static(site, settings) + _data(site, settings)
    name_postings(postings, site, timezone)
    found.problems += share_refs(postings, site, settings)
    links, posts = _link_targets(site, postings)
    for posting in order(postings, site):
        found.sources.append(_source(site, posting, links, posts, timezone, found))
    return found


def _config_note(site: Site, settings: Settings) -> str:
    """What of ``_config.yml`` comes across, and the settings that keep the rest."""
    said = (
        f"{site.shown(CONFIG)}: read as Jekyll reads it (collections, permalink, defaults, "
        "exclude, timezone)"
    )
    address = site.config.text("url").rstrip("/") + site.config.text("baseurl").rstrip("/")
    wanted = {"site-name": site.config.text("title"), "site-url": address}
    hints = [
        f'{key} = "{value}"'
        for key, value in wanted.items()
        if value and value != getattr(settings, key.replace("-", "_"))
    ]
    if hints:
        said += f"; to keep its name and address, set {', '.join(hints)} in pyproject.toml"
    return said


def _posting(
    site: Site, entry: Entry, settings: Settings, timezone: str, found: Found
) -> Posting | None:
    """The posting of ``entry``, read with its defaults and its URL; None for a file that
    is no document (said in ``found``)."""
    try:
        doc = document.read(entry.path, site.shown(entry.relative))
    except ContentError as error:
        found.problems.append(error.as_problem())
        return None
    found.problems += doc.warnings
    data = _with_defaults(site, entry, doc)
    if not _date_of_name(site, entry, doc, data, found):
        return None
    try:
        url = document_url(site, entry, data, timezone)
    except KeyError as error:
        message = f"Jekyll cannot make its URL: {error.args[0]}"
        found.problems.append(doc.problem(message, "permalink"))
        return None
    markdown = entry.path.suffix.lower() in site.config.markdown_exts
    if not markdown and entry.path.suffix.lower() not in rules.HTML_EXTENSIONS:
        _rendered(site, entry, doc, url, settings, found)
        return None
    body_line = document.body_start(doc) or 3
    if entry.collection == "pages" and _is_list(site, doc, url, body_line, settings, found):
        return None
    if "redirect_to" in data:
        message = (
            f"redirect_to: Jekyll serves a redirect at {url}; the pipeline does not: give the "
            f"page it leads to 'aliases: [{url}]' and remove this file"
        )
        found.problems.append(doc.problem(message, "redirect_to", warning=True))
    lang = doc.lang or settings.default_language
    return Posting(entry, doc, lang, url, markdown, body_line)


def _date_of_name(
    site: Site, entry: Entry, doc: Document, data: dict[str, Any], found: Found
) -> bool:
    """Give a document of a collection whose name starts with a date and that has no
    ``date`` that of its name, as Jekyll does; False (said) when it is no date."""
    dated = POST_NAME.match(jekyll_path(site, entry)) if entry.collection != "pages" else None
    if not dated or "date" in data:
        return True
    day = name_date(dated.group(1))
    if day is None:
        message = f"the file name starts with {dated.group(1)}, which is not a date"
        found.problems.append(doc.problem(f"{message}; rename the file or set date"))
        return False
    if day.day != int(dated.group(1).rsplit("-", 1)[1]):  # it ran on into the next month
        message = f"the file name's date {dated.group(1)} is read as {day}, as Jekyll reads it"
        found.problems.append(doc.problem(message, warning=True))
    data["date"] = doc.metadata["date"] = day
    return True


def _is_list(
    site: Site, doc: Document, url: str, body_line: int, settings: Settings, found: Found
) -> bool:
    """Whether the page ``doc`` is a list written in Liquid over the site's documents and
    little else (said, with what serves its URL now)."""
    listing = liquid.loops(doc.body)
    if not listing or liquid.text_outside(doc.body).casefold() not in ("", doc.title.casefold()):
        return False
    line, what = listing[0]
    served = _served_by(url, settings, site) or (
        f"nothing serves {url} after the move: give the page that takes its place "
        f"'aliases: [{url}]'"
    )
    message = f"a list of {what} written in Liquid, not a document: not brought in; {served}"
    found.problems.append(Problem(doc.shown, body_line + line - 1, message, True))
    return True


def _with_defaults(site: Site, entry: Entry, doc: Document) -> dict[str, Any]:
    """The front matter of ``doc`` with the ``defaults:`` that scope it, as Jekyll sees it
    (``categories`` of both, joined); the defaults are written into ``doc`` too, but the
    ``permalink`` (its URL becomes ``url``)."""
    relative = jekyll_path(site, entry)
    values = defaults(
        site.config.defaults,
        relative,
        entry.collection,
        site.root,
        site.config.text("collections_dir"),
    )
    data = {**values, **doc.metadata}
    if isinstance(values.get("categories"), (list, str)) and "categories" in doc.metadata:
        data["categories"] = rules.categories(
            rules.categories([], {"categories": values["categories"]}), doc.metadata
        )
    for key, value in values.items():
        if key != "permalink":
            doc.metadata.setdefault(key, value)
    return data


def _rendered(
    site: Site, entry: Entry, doc: Document, url: str, settings: Settings, found: Found
) -> None:
    """A file with front matter that is no page (a feed, a stylesheet): its text as it is
    when it holds no Liquid, else said what serves its URL now."""
    shown = site.shown(entry.relative)
    plain = "{%" not in doc.body and "{{" not in doc.body
    if plain and entry.path.suffix.lower() not in RENDERED_EXTENSIONS:
        target = f"{settings.static}/{url.lstrip('/')}"
        found.copies.append(Copy(entry.path, target, shown, doc.body.encode("utf-8")))
        found.notes.append(f"{shown}: its text (front matter taken off) copied to {target}")
        return
    served = _served_by(url, settings, site) or (
        f"nothing serves {url} after the move: put the file Jekyll makes of it in "
        f"{settings.static}{url}"
    )
    found.problems.append(
        Problem(
            shown,
            1,
            f"a file Jekyll makes with Liquid or a converter: not brought in; {served}",
            True,
        )
    )


def _served_by(url: str, settings: Settings, site: Site) -> str | None:
    """Which of the pipeline's own pages serves ``url``, said for a message; None if none."""
    sections = {
        "news",
        *settings.sections,
        *(c for c, m in site.config.collections.items() if m.get("output")),
    }
    for lang in settings.languages:
        if url == pipeline_urls.home_path(settings, lang):
            return f"{url} is the pipeline's home page ({lang})"
        if url == pipeline_urls.feed_path(settings, lang):
            return f"{url} is the pipeline's feed ({lang})"
        for section in sorted(sections - {"posts"}):
            folder = pipeline_urls.section_folder(settings, section, lang)
            if url == f"{pipeline_urls.prefix(settings, lang)}/{folder}/":
                return f"{url} is the pipeline's list of section '{section}' ({lang})"
    own = {"/sitemap.xml": "sitemap", "/robots.txt": "robots.txt"}
    return f"{url} is the pipeline's {own[url]}" if url in own else None


def _static(site: Site, settings: Settings) -> list[Copy]:
    """Each file Jekyll copies as it is, to its URL under the ``static`` folder."""
    return [
        Copy(entry.path, f"{settings.static}{static_url(site, entry)}", site.shown(entry.relative))
        for entry in site.static
    ]


def _data(site: Site, settings: Settings) -> list[Copy]:
    """Each file of ``_data/`` and of the collections that are not output, under ``data``."""
    return [
        Copy(e.path, f"{settings.data}/{place}", site.shown(e.relative)) for e, place in site.data
    ]


def _link_targets(site: Site, postings: list[Posting]) -> tuple[dict[str, str], dict[str, str]]:
    """What ``{% link %}`` gives for each file (by the path Jekyll knows it by), and what
    ``{% post_url %}`` can name: each post's link."""
    baseurl = site.config.text("baseurl")
    links = {jekyll_path(site, p.entry): rules.link(p.url, baseurl) for p in postings}
    for entry in site.static:
        links.setdefault(jekyll_path(site, entry), rules.link("/" + entry.relative, baseurl))
    posts = {
        jekyll_path(site, p.entry): links[jekyll_path(site, p.entry)]
        for p in postings
        if p.entry.collection == "posts"
    }
    return links, posts


def _source(
    site: Site,
    posting: Posting,
    links: dict[str, str],
    posts: dict[str, str],
    timezone: str,
    found: Found,
) -> Source:
    """The posting as ingest takes it in: its front matter and body made."""
    doc, entry = posting.doc, posting.entry
    context = liquid.Context(
        links=links,
        posts=posts,
        site=site.config.values,
        page=doc.metadata,
        includes=site.root / site.config.text("includes_dir", "_includes"),
        folder=entry.path.parent,
        markdown=posting.markdown,
        collections=frozenset(c for c, m in site.config.collections.items() if not m.get("output")),
    )
    body, origin, notes = liquid.resolve(doc.body, context)
    name = posting.name
    if posting.markdown:
        resolved = body
        body, more = kramdown.convert(body)
        notes += [n._replace(line=origin[n.line - 1]) for n in more]
        html = raw_html.first_html(body)
        if html is not None and name is not None:
            name = name.removesuffix(".md") + ".html"
            notes.append(_made_html(html[1], name, origin[_line_in(resolved, html[1]) - 1]))
            body = raw_html.as_html(body)
    for note in sorted(notes):
        line = posting.body_line + note.line - 1
        if note.warning:
            found.problems.append(Problem(doc.shown, line, note.message, True))
        else:
            posting.info.append(f"{doc.shown}:{line}: {note.message}")
    meta = _front_matter(doc.metadata, posting, site)
    prepared = Document(doc.path, meta, body, doc.shown, doc.key_lines)
    return Source(
        entry.path,
        doc.shown,
        timezone=timezone,
        prepared=prepared,
        name=name,
        ref=posting.ref,
        info=tuple(posting.info),
    )


def _made_html(html: str, name: str, line: int) -> liquid.Note:
    """What is said of a Markdown page brought in as HTML (``raw_html``), at the line of
    its first ``html``."""
    return liquid.Note(
        line,
        f"{html} is HTML in Markdown, which the build shows as text: the page comes in as "
        f"HTML ({name}), its Markdown rendered as kramdown renders it",
        True,
    )


def _line_in(resolved: str, html: str) -> int:
    """The line (1-based) of ``resolved``, the body before kramdown's rewriting, where
    ``html``, found in the rewritten body, starts (its tag, where kramdown's attribute was
    taken out of it)."""
    lines = resolved.split("\n")
    for wanted in (html, html.split()[0]):
        found = next((n + 1 for n, line in enumerate(lines) if wanted in line), None)
        if found is not None:
            return found
    return 1


def _front_matter(meta: dict[str, Any], posting: Posting, site: Site) -> dict[str, Any]:
    """``meta`` as the pipeline keeps it: ``url`` where ``permalink`` was, ``aliases``
    where ``redirect_from`` was, the ``ref`` shared, a collection's ``section``."""
    aliases = aliases_of(meta.get("redirect_from"), site)
    made: dict[str, Any] = {}
    for key, value in meta.items():
        if key == "permalink":
            made["url"] = posting.url
        elif key == "redirect_from":
            made["aliases"] = aliases
        else:
            made[key] = value
    made.setdefault("url", posting.url)
    if aliases:
        made.setdefault("aliases", aliases)
    if "ref" in made:
        made["ref"] = posting.ref
    if posting.entry.collection not in ("posts", "pages"):
        made.setdefault("section", posting.entry.collection)
    return made
