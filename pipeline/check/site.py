"""The built site read back as a crawler reads it: its pages, their hreflang sets,
canonicals, languages and links (``read_site``), for the auditor (``pipeline.check.audit``).

What a crawler reads of each page is remembered by the digest of the page's bytes
(``pipeline.state.remembered``): the digest the build's manifest recorded of a file whose
``stat`` is still the one recorded (a page the last build wrote, untouched since), else that
of the bytes read now. So only the pages the build wrote this time, or that were changed by
hand, are read and parsed again.
"""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from pipeline.check.served import normal
from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.report import progress
from pipeline.state.fingerprints import digest, stat_list
from pipeline.state.manifest import OutputRecord, read_manifest
from pipeline.state.remembered import Remembered

# (tag, attribute) pairs whose URL a browser follows or loads.
LINKING = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"), ("script", "src")}
LINKING |= {("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}


@dataclass
class BuiltPage:
    """One HTML file of the output as a crawler reads it; ``url`` is where it is served."""

    file: str
    url: str
    lang: str | None = None
    noindex: bool = False
    canonical: list[tuple[str, int]] = field(default_factory=list)
    alternates: list[tuple[str, str, int]] = field(default_factory=list)  # code, URL, line
    links: list[tuple[str, int]] = field(default_factory=list)
    _set: frozenset[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    def hreflang_set(self) -> frozenset[tuple[str, str]]:
        """The page's set as (lowercase code, absolute URL) pairs (made once: the audits
        ask for it once per page that names this one)."""
        if self._set is None:
            self._set = frozenset(
                (code.lower(), normal(urljoin(self.url, href))) for code, href, _ in self.alternates
            )
        return self._set


class _Reader(HTMLParser):
    def __init__(self, page: BuiltPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        rel = values.get("rel", "").lower().split()
        if tag == "html":
            self.page.lang = values.get("lang")
        elif tag == "meta" and values.get("name", "").lower() == "robots":
            self.page.noindex |= "noindex" in values.get("content", "").lower()
        elif tag == "link" and "canonical" in rel:
            self.page.canonical.append((values.get("href", ""), line))
            return  # audited as the canonical, not as a link
        elif tag == "link" and "alternate" in rel and "hreflang" in values:
            self.page.alternates.append((values["hreflang"], values.get("href", ""), line))
            return  # audited with the hreflang set
        for name, value in values.items():
            if (tag, name) in LINKING:
                self.page.links.append((value, line))


@dataclass
class BuiltSite:
    """The output folder as read back: its pages by URL, and where they are."""

    settings: Settings
    output: Path
    pages: dict[str, BuiltPage] = field(default_factory=dict)
    _served: dict[str, str | None] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def files(self) -> frozenset[str]:
        """Every file below the output folder (a symlink to a file too), relative to it,
        listed once; a symlink to a folder is not followed."""
        found: list[str] = []
        folders = [(os.fspath(self.output), "")]
        while folders:
            folder, prefix = folders.pop()
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, f"{prefix}{entry.name}/"))
                    elif entry.is_file():
                        found.append(prefix + entry.name)
        return frozenset(found)

    def shown(self, file: str) -> str:
        """How messages name a file of the output (``public/en/index.html``)."""
        return self.settings.relative(self.output / file)

    def is_ours(self, url: str) -> bool:
        """Whether an absolute ``url`` is on this site (below ``site-url``)."""
        base = self.settings.site_url
        return url == base or url.startswith(base + "/")

    def file_of(self, url: str) -> str | None:
        """The output file that serves ``url`` if it is on this site and exists there."""
        if url not in self._served:
            self._served[url] = self._file_of(url)
        return self._served[url]

    def _file_of(self, url: str) -> str | None:
        if not self.is_ours(url):
            return None
        path = unquote(urlsplit(url[len(self.settings.site_url) :] or "/").path) or "/"
        relative = path.lstrip("/")
        # A folder is served by its index.html; servers redirect "/en" to "/en/" too.
        candidates = [relative] if relative and not relative.endswith("/") else []
        candidates.append((relative.rstrip("/") + "/index.html").lstrip("/"))
        for candidate in candidates:
            if ".." in Path(candidate).parts:
                continue
            # (listed: a regular file; else asked: what a link leads through)
            if candidate in self.files or (self.output / candidate).is_file():
                return candidate
        return None

    def problem(self, page: BuiltPage, message: str, line: int | None = None) -> Problem:
        """A problem with one page."""
        return Problem(self.shown(page.file), line, message)


def read_site(settings: Settings, output: Path) -> BuiltSite:
    """Every ``.html`` file under ``output`` (hidden ones and symlinks aside), parsed.

    What a crawler reads of each page is remembered by the digest of its bytes
    (``remembered.Remembered``): the digest the build's manifest recorded of a file whose
    ``stat`` is still the one recorded (a page the last build wrote, untouched since), else
    that of the bytes read now. So only the pages the build wrote this time, or that were
    changed by hand, are read and parsed."""
    site = BuiltSite(settings, output)
    outputs = read_manifest(output).outputs
    remembered = Remembered(settings, "check-site")
    pages = sorted(f for f in site.files if f.endswith(".html"))
    for file in progress("check: built pages", pages, len(pages)):
        path = output / file
        if any(part.startswith(".") for part in file.split("/")) or path.is_symlink():
            continue  # (a build writes no symlink: where one is, its page is missing)
        served = "/" + (file.removesuffix("index.html") if path.name == "index.html" else file)
        page = BuiltPage(file, normal(settings.site_url + served))
        data, known = _digest_of(path, outputs.get(file))
        found, fields = remembered.get(known)
        if found:
            page.lang, page.noindex, page.canonical, page.alternates, page.links = fields
        else:
            if data is None:
                data = path.read_bytes()
            _Reader(page).feed(data.decode("utf-8", errors="replace"))
            parsed = (page.lang, page.noindex, page.canonical, page.alternates, page.links)
            remembered.put(known, parsed)
        site.pages[page.url] = page
    remembered.save()
    return site


def _digest_of(path: Path, built: OutputRecord | None) -> tuple[bytes | None, str]:
    """The bytes of ``path`` if they had to be read, and their digest: the one the manifest
    recorded (``built``) while the file's ``stat`` is the one recorded with it."""
    if built is not None and built.stat is not None and built.digest:
        with contextlib.suppress(OSError):
            if stat_list(os.stat(path)) == built.stat:
                return None, built.digest
    data = path.read_bytes()
    return data, digest(data)
