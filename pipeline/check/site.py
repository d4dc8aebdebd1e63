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
from pathlib import Path
from stat import S_ISLNK
from urllib.parse import unquote, urlsplit

from pipeline.check.page import OWN, BuiltPage, is_ours, link_targets
from pipeline.check.reader import events_by_piece
from pipeline.check.served import normal
from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.report import progress
from pipeline.state.fingerprints import digest, stat_list
from pipeline.state.manifest import OutputRecord, read_manifest
from pipeline.state.remembered import Remembered, key


@dataclass
class BuiltSite:
    """The output folder as read back: its pages by URL, and where they are."""

    settings: Settings
    output: Path
    pages: dict[str, BuiltPage] = field(default_factory=dict)
    outputs: dict[str, OutputRecord] = field(default_factory=dict)  # the build's manifest's
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
        return is_ours(url, self.settings.site_url)

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

    def digest_of(self, file: str) -> tuple[bytes | None, str]:
        """The bytes of the output's ``file`` if they had to be read, and their digest (the
        one the build's manifest recorded, while the file's ``stat`` is still the one
        recorded with it); raises ``OSError`` as reading it would."""
        path = self.output / file
        try:
            stat: os.stat_result | None = os.stat(path)
        except OSError:
            stat = None
        return _digest_of(path, self.outputs.get(file), stat)

    def problem(self, page: BuiltPage, message: str, line: int | None = None) -> Problem:
        """A problem with one page."""
        return Problem(self.shown(page.file), line, message)


def read_site(settings: Settings, output: Path) -> BuiltSite:
    """Every ``.html`` file under ``output`` (hidden ones and symlinks aside), parsed, and
    audited alone (``pipeline.check.page``).

    What a crawler reads of each page, and what the page's own audits find, is remembered
    by the page's file and the digest of its bytes (``remembered.Remembered``): the digest
    the build's manifest recorded of a file whose ``stat`` is still the one recorded (a page
    the last build wrote, untouched since), else that of the bytes read now. So only the
    pages the build wrote this time, or that were changed by hand, are read and parsed."""
    site = BuiltSite(settings, output, outputs=read_manifest(output).outputs)
    remembered = Remembered(settings, "check-site")
    pages = sorted(f for f in site.files if f.endswith(".html"))
    for file in progress("check: built pages", pages, len(pages)):
        if any(part.startswith(".") for part in file.split("/")):
            continue
        path = os.path.join(output, file)  # (not a Path: made for 2,000 pages, it costs)
        try:
            stat = os.lstat(path)
        except OSError:
            stat = None
        if stat is not None and S_ISLNK(stat.st_mode):
            continue  # (a build writes no symlink: where one is, its page is missing)
        data, known = _digest_of(path, site.outputs.get(file), stat)
        wanted = key(file, known)
        found, fields = remembered.get(wanted)
        if found:
            page = BuiltPage(file, fields[0], *fields[1:6])
            page.own = dict(zip(OWN, fields[6], strict=True))
            page.targets, page._named = fields[7], fields[8]
            for piece in fields[9]:  # (kept for the next page that holds them, or its head)
                remembered.get(piece)
        else:
            page, keys = _read_page(settings, file, Path(path), data, remembered)
            fields = (page.url, page.lang, page.noindex, page.canonical, page.alternates)
            fields += (page.links, tuple(page.own.values()), page.targets)
            remembered.put(wanted, (*fields, page.named(), keys))
        site.pages[page.url] = page
    remembered.save()
    return site


def _read_page(
    settings: Settings, file: str, path: Path, data: bytes | None, remembered: Remembered
) -> tuple[BuiltPage, list[str]]:
    """The page in ``file`` (whose bytes are ``data``, or else read now), read piece by
    piece (``reader``) and audited alone; and the keys of its pieces and of its head."""
    served = "/" + (file.removesuffix("index.html") if path.name == "index.html" else file)
    page = BuiltPage(file, normal(settings.site_url + served))
    if data is None:
        data = path.read_bytes()
    found, keys = events_by_piece(data.decode("utf-8", errors="replace"), remembered)
    for kind, *values in found:
        if kind == "lang":
            page.lang = values[0]
        elif kind == "noindex":
            page.noindex = True
        elif kind == "canonical":
            page.canonical.append((values[0], values[1]))
        elif kind == "alternate":
            page.alternates.append((values[0], values[1], values[2]))
        else:
            page.links.append((values[0], values[1]))
    # What the page's own audits find depends on its head alone, which a new card leaves as
    # it was: remembered by it.
    head = key("own", page.url, repr((page.lang, page.noindex, page.canonical, page.alternates)))
    known, own = remembered.get(head)
    if not known:
        own = remembered.put(head, ([audit(page) for audit in OWN.values()], page.named()))
    page.own, page._named = dict(zip(OWN, own[0], strict=True)), own[1]
    page.targets = link_targets(page, settings.site_url)
    return page, [*keys, head]


def _digest_of(
    path: str | Path, built: OutputRecord | None, stat: os.stat_result | None
) -> tuple[bytes | None, str]:
    """The bytes of ``path`` if they had to be read, and their digest: the one the manifest
    recorded (``built``) while the file's ``stat`` (``stat``, taken of it) is the one
    recorded with it."""
    if (
        built is not None
        and built.digest
        and built.stat is not None
        and stat is not None
        and stat_list(stat) == built.stat
    ):
        return None, built.digest
    with open(path, "rb") as stream:
        data = stream.read()
    return data, digest(data)
