"""Where Jekyll serves each file of a site: a page's, post's or document's URL (its
permalink, its collection's, the site's style), an alias of ``redirect_from``, a file a
collection copies; and a document's date, as Jekyll finds it. The rules themselves are
``jekyll_urls``'; here they meet a site's files and front matter.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from pipeline.content.dates import parse_date
from pipeline.ingest import jekyll_urls as rules
from pipeline.ingest.jekyll import POST_NAME, Entry, Site

RENDERED_EXTENSIONS = {".scss": ".css", ".sass": ".css", ".coffee": ".js"}
"""Files Jekyll converts into files of another kind, with the extension they get."""


def jekyll_path(site: Site, entry: Entry) -> str:
    """The path Jekyll knows a file by: a document's from the collections' folder."""
    folder = site.config.text("collections_dir").strip("/")
    if entry.collection not in ("", "pages") and folder:
        return entry.relative.removeprefix(folder + "/")
    return entry.relative


def document_url(site: Site, entry: Entry, data: dict[str, Any], timezone: str) -> str:
    """The decoded URL Jekyll serves ``entry`` at (``data``: its front matter and defaults)."""
    config = site.config
    permalink = data.get("permalink") if isinstance(data.get("permalink"), str) else None
    ext = rules.output_ext(entry.path.suffix, permalink, config.markdown_exts)
    if entry.path.suffix.lower() in RENDERED_EXTENSIONS:
        ext = RENDERED_EXTENSIONS[entry.path.suffix.lower()]
    if entry.collection == "pages":
        return rules.page_url(entry.folder, entry.path.name, permalink, config.permalink, ext)
    label = entry.collection
    relative = jekyll_path(site, entry)
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
    without_ext = os.path.splitext(relative)[0]
    stem = without_ext.rpartition("/")[2]
    dated = POST_NAME.match(relative)
    slug = str(data.get("slug") or (dated.group(2) if dated else stem)).rstrip(".")
    # The folders above a collection's own (en/ of en/_posts/) are categories.
    above = "" if relative.startswith(folder) else re.sub(re.escape(folder) + ".*", "", relative)
    basename = relative.rpartition("/")[2]
    from_path = [p for p in above.split("/") if p and p not in (folder, basename)]
    categories = rules.categories(from_path, data)
    path = re.sub(r"\.*$", "", without_ext.replace(folder, "", 1))
    return rules.document_values(path, stem, slug, categories, _date(data, timezone))


def name_date(text: str) -> dt.date | None:
    """The date of a document's file name as Ruby's ``Time.parse`` reads it: a day past the
    end of its month runs on into the next (``2021-02-30`` is 2 March); None if no date.

    >>> name_date("2021-1-5"), name_date("2021-02-30"), name_date("2021-13-01")
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


def static_url(site: Site, entry: Entry) -> str:
    """The URL of a file Jekyll copies as it is: its path, or in a collection the
    collection's template over it."""
    if not entry.collection:
        return "/" + entry.relative
    meta = site.config.collections.get(entry.collection, {})
    default = rules.add_permalink_suffix("/:collection/:path", site.config.permalink)
    template = str(meta.get("permalink") or default)
    return rules.static_url(template, entry.collection, jekyll_path(site, entry))


def aliases_of(value: Any, site: Site) -> list[str]:
    """The URLs of ``redirect_from`` (one or a list), as jekyll-redirect-from serves them."""
    paths = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [
        rules.page_url(
            "", "redirect.html", "/" + str(p).lstrip("/"), site.config.permalink, ".html"
        )
        for p in paths
        if isinstance(p, str) and p.strip()
    ]
