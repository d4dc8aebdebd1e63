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

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pipeline.build import urls as pipeline_urls
from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.dates import parse_date
from pipeline.content.document import Document
from pipeline.errors import ContentError, Problem
from pipeline.ingest import jekyll_urls as rules
from pipeline.ingest import kramdown, liquid
from pipeline.ingest.jekyll import CONFIG, POST_NAME, Entry, Posting, Site, read_site
from pipeline.ingest.jekyll_defaults import defaults
from pipeline.ingest.jekyll_refs import name_postings, order, share_refs
from pipeline.ingest.postings import Copy, Found, Source

RENDERED_EXTENSIONS = {".scss": ".css", ".sass": ".css", ".coffee": ".js"}


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
    shown = site.shown(entry.relative)
    try:
        doc = document.read(entry.path, shown)
    except ContentError as error:
        found.problems.append(error.as_problem())
        return None
    found.problems += doc.warnings
    data = _with_defaults(site, entry, doc)
    suffix = entry.path.suffix.lower()
    markdown = suffix in site.config.markdown_exts
    body_line = document.body_start(doc) or 3
    dated = POST_NAME.match(_jekyll_path(site, entry)) if entry.collection != "pages" else None
    if dated and "date" not in data:  # Jekyll's date of a document is its name's then
        day = _name_date(dated.group(1))
        if day is None:
            message = f"the file name starts with {dated.group(1)}, which is not a date"
            found.problems.append(doc.problem(f"{message}; rename the file or set date"))
            return None
        if day.day != int(dated.group(1).rsplit("-", 1)[1]):  # it ran on into next month
            message = f"the file name's date {dated.group(1)} is read as {day}, as Jekyll reads it"
            found.problems.append(doc.problem(message, warning=True))
        data["date"] = doc.metadata["date"] = day
    try:
        url = _url(site, entry, data, timezone)
    except KeyError as error:
        found.problems.append(
            doc.problem(f"Jekyll cannot make its URL: {error.args[0]}", "permalink")
        )
        return None
    if not markdown and suffix not in rules.HTML_EXTENSIONS:
        _rendered(site, entry, doc, url, settings, found)
        return None
    listing = liquid.loops(doc.body) if entry.collection == "pages" else []
    if listing and liquid.text_outside(doc.body).casefold() in ("", doc.title.casefold()):
        line, what = listing[0]
        served = _served_by(url, settings, site) or (
            f"nothing serves {url} after the move: give the page that takes its place "
            f"'aliases: [{url}]'"
        )
        found.problems.append(
            Problem(
                shown,
                body_line + line - 1,
                f"a list of {what} written in Liquid, not a document: not brought in; {served}",
                True,
            )
        )
        return None
    if "redirect_to" in data:
        message = (
            f"redirect_to: Jekyll serves a redirect at {url}; the pipeline does not: give the "
            f"page it leads to 'aliases: [{url}]' and remove this file"
        )
        found.problems.append(doc.problem(message, "redirect_to", warning=True))
    lang = doc.lang or settings.default_language
    return Posting(entry, doc, lang, url, markdown, body_line)


def _with_defaults(site: Site, entry: Entry, doc: Document) -> dict[str, Any]:
    """The front matter of ``doc`` with the ``defaults:`` that scope it, as Jekyll sees it
    (``categories`` of both, joined); the defaults are written into ``doc`` too, but the
    ``permalink`` (its URL becomes ``url``)."""
    relative = _jekyll_path(site, entry)
    values = defaults(site.config.defaults, relative, entry.collection, site.root)
    data = {**values, **doc.metadata}
    if isinstance(values.get("categories"), (list, str)) and "categories" in doc.metadata:
        data["categories"] = rules.categories(
            rules.categories([], {"categories": values["categories"]}), doc.metadata
        )
    for key, value in values.items():
        if key != "permalink":
            doc.metadata.setdefault(key, value)
    return data


def _jekyll_path(site: Site, entry: Entry) -> str:
    """The path Jekyll knows a file by: a document's from the collections' folder."""
    folder = site.config.text("collections_dir").strip("/")
    if entry.collection not in ("", "pages") and folder:
        return entry.relative.removeprefix(folder + "/")
    return entry.relative


def _url(site: Site, entry: Entry, data: dict[str, Any], timezone: str) -> str:
    """The decoded URL Jekyll serves ``entry`` at (``data``: its front matter and defaults)."""
    config = site.config
    permalink = data.get("permalink") if isinstance(data.get("permalink"), str) else None
    ext = rules.output_ext(entry.path.suffix, permalink, config.markdown_exts)
    if entry.path.suffix.lower() in RENDERED_EXTENSIONS:
        ext = RENDERED_EXTENSIONS[entry.path.suffix.lower()]
    if entry.collection == "pages":
        return rules.page_url(entry.folder, entry.path.name, permalink, config.permalink, ext)
    label = entry.collection
    relative = _jekyll_path(site, entry)
    meta = config.collections.get(label, {})
    if label == "posts":
        template = str(meta.get("permalink") or rules.permalink_style(config.permalink))
    else:
        default = rules.add_permalink_suffix("/:collection/:path", config.permalink)
        template = str(meta.get("permalink") or default)
    values = _placeholders(relative, f"_{label}", data, timezone)
    values.update(collection=label, output_ext=ext)
    return rules.served(rules.sanitize_url(rules.fill(permalink or template, values)), ext)


def _placeholders(
    relative: str, folder: str, data: dict[str, Any], timezone: str
) -> dict[str, str]:
    """A document's placeholders, with its slug, categories and date as Jekyll finds them."""
    stem = relative.rpartition("/")[2].rsplit(".", 1)[0]
    dated = POST_NAME.match(relative)
    slug = str(data.get("slug") or (dated.group(2) if dated else stem)).rstrip(".")
    above = [] if relative.startswith(folder) else re.sub(re.escape(folder) + ".*", "", relative)
    from_path = [p for p in (above.split("/") if above else []) if p and p != folder]
    categories = rules.categories(from_path, data)
    path = re.sub(r"\.*$", "", relative.rsplit(".", 1)[0].replace(folder, "", 1))
    return rules.document_values(path, stem, slug, categories, _date(data, timezone))


def _name_date(text: str) -> dt.date | None:
    """The date of a document's file name as Ruby's ``Time.parse`` reads it: a day past the
    end of its month runs on into the next (``2021-02-30`` is 2 March); None if no date.

    >>> _name_date("2021-1-5"), _name_date("2021-02-30"), _name_date("2021-13-01")
    (datetime.date(2021, 1, 5), datetime.date(2021, 3, 2), None)
    """
    year, month, day = (int(part) for part in text.split("-"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return dt.date(year, month, 1) + dt.timedelta(days=day - 1)


def _date(data: dict[str, Any], timezone: str) -> dt.datetime:
    """A document's date in the site's zone (its ``date``, or its file name's); else
    today's (Jekyll takes the time of the build)."""
    try:
        return parse_date(data.get("date", dt.date.today()), timezone)
    except ValueError:  # validation reports it
        return parse_date(dt.date.today(), timezone)


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
    copies = []
    for entry in site.static:
        url = "/" + entry.relative
        if entry.collection:
            meta = site.config.collections.get(entry.collection, {})
            template = str(
                meta.get("permalink")
                or rules.add_permalink_suffix("/:collection/:path", site.config.permalink)
            )
            url = rules.static_url(template, entry.collection, _jekyll_path(site, entry))
        copies.append(Copy(entry.path, f"{settings.static}{url}", site.shown(entry.relative)))
    return copies


def _data(site: Site, settings: Settings) -> list[Copy]:
    """Each file of ``_data/`` and of the collections that are not output, under ``data``."""
    return [
        Copy(e.path, f"{settings.data}/{place}", site.shown(e.relative)) for e, place in site.data
    ]


def _link_targets(site: Site, postings: list[Posting]) -> tuple[dict[str, str], dict[str, str]]:
    """What ``{% link %}`` gives for each file (by the path Jekyll knows it by), and what
    ``{% post_url %}`` can name: each post's link."""
    baseurl = site.config.text("baseurl")
    links = {_jekyll_path(site, p.entry): rules.link(p.url, baseurl) for p in postings}
    for entry in site.static:
        links.setdefault(_jekyll_path(site, entry), rules.link("/" + entry.relative, baseurl))
    posts = {
        _jekyll_path(site, p.entry): links[_jekyll_path(site, p.entry)]
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
    if posting.markdown:
        body, more = kramdown.convert(body)
        notes += [n._replace(line=origin[n.line - 1]) for n in more]
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
        name=posting.name,
        ref=posting.ref,
        info=tuple(posting.info),
    )


def _front_matter(meta: dict[str, Any], posting: Posting, site: Site) -> dict[str, Any]:
    """``meta`` as the pipeline keeps it: ``url`` where ``permalink`` was, ``aliases``
    where ``redirect_from`` was, the ``ref`` shared, a collection's ``section``."""
    aliases = _aliases(meta.get("redirect_from"), site)
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


def _aliases(value: Any, site: Site) -> list[str]:
    """The URLs of ``redirect_from`` (one or a list), as jekyll-redirect-from serves them."""
    paths = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [
        rules.page_url(
            "", "redirect.html", "/" + str(p).lstrip("/"), site.config.permalink, ".html"
        )
        for p in paths
        if isinstance(p, str) and p.strip()
    ]
