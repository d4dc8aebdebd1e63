"""The plan of the last build, reused when only documents' bodies changed since.

Most edits change a posting's body and nothing else. Then every page of the site keeps its
URL, hreflang set, switcher, title and date, the home pages list the same documents, and the
sitemap and ``pairs.json`` stay as they are: only the keys of the edited documents' pages and
feed entries change (``pipeline.build.keys``), and with them their feeds' keys. A build that
finds this so needs neither to scan every content file nor to plan the site again.

After each build that planned the site, ``.cache/pipeline/plan.pickle`` under the site root
(beside the scan cache: it is of the content, not of an output folder) keeps what ``reuse``
needs: the ``stat`` of every file and folder under ``content/`` (and of the drafts' records)
the plan was made from, each document's digests and ``scan_cache.signature``, each page of the
plan as plain values, the hash of its ``keys.record``, each feed's pages, every file's key,
the problems the build reported, the plan's own and its static files (what check asks), and
the drafts it left out for their ``pseudo`` text. A later build reuses it only when

- it is of this format and of this build's version (fingerprint and front matter parser);
- the files and folders under ``content/`` have the same names as then (none added, removed
  or renamed);
- every file whose ``stat`` is not the recorded one (or is racy) is a regular file that was a
  document then (a draft's record is not: a changed one may change what is published), and
  reading it again gives the same front matter (its digest), the same lines of keys,
  warnings and problems;

and ``pipeline.build.stage`` then takes it only if what it renders is nothing but the edited
documents' pages and the feeds (whose other entries it reuses from the feeds already
written), or if it renders every file into an empty folder: then every page gets its
document from the scan (``reuse``'s ``documents``), and the plan and the keys are not made
again.
Otherwise the build scans and plans as ever. The file is read back with the unpickler of
every cache (``pipeline.state.cache.loads_safely``): a planted or damaged one gives no plan
(or a wrong one at worst), never runs code; one of another version or format is ignored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from pipeline.build import left_out
from pipeline.build.keys import LISTING, Output, output_key, record
from pipeline.build.plan import Alternate, Page, SitePlan, Switch
from pipeline.build.static import StaticFile
from pipeline.config import Settings
from pipeline.content.dates import parse_date
from pipeline.content.document import Document
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.scan_cache import ScanCache, document_digests, signature
from pipeline.content.tree import validate
from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import may_write
from pipeline.state import cache
from pipeline.state.cache import loads_safely

FILE = cache.FOLDER / "plan.pickle"
FORMAT = 5  # 3: each page's view of the others; 4: the left out; 5: plan problems, statics
# At most this many changed files are read again to tell that only their bodies changed.
REREAD = 50


def version(fingerprint: str) -> str:
    """The version a plan cache must carry to be reused by a build of ``fingerprint``."""
    from pipeline.content import parse_cache

    return cache.version(FORMAT, fingerprint, parse_cache.version())


@dataclass
class Reused:
    """The plan of the last build with this build's keys: ``plan`` holds every page (made
    when first asked for), but only the pages of ``edited`` documents carry their document
    (the others are never rendered by a build that reuses it); in ``wanted``, only theirs
    and the feeds' entries carry their page. Given every document, every page has it."""

    plan: SitePlan
    wanted: dict[str, Output]
    problems: list[Problem]
    edited: set[str]  # the output files that may be rendered: edited pages and feeds


def remember(
    root: Path,
    fingerprint: str,
    stats: dict[str, Any],
    plan: SitePlan,
    records: dict[str, str],
    known: ScanCache,
    wanted: dict[str, Output],
    problems: list[Problem],
    left_out: dict[str, str],
) -> None:
    """Keep what ``reuse`` needs of a build that planned the site (see the module);
    ``left_out``: the ``left_out.view`` of each draft left out for its pseudo text."""
    # A page as plain values: its record, its document by the name it is shown with, the
    # hash of its record.
    pages = [
        (*record(page), page.doc.shown if page.doc else None, records[page.file])
        for page in plan.pages
    ]
    stored = {
        "format": FORMAT,
        "version": version(fingerprint),
        "stats": stats,
        "digests": {name: (*known.digests[name], sign) for name, sign in known.signatures.items()},
        "pages": pages,
        "keys": {file: o.key for file, o in wanted.items() if o.kind == "page"},
        "listings": {name: value for name, value in records.items() if name.startswith(LISTING)},
        "others": [
            (file, o.kind, o.key, o.source) for file, o in wanted.items() if o.kind != "page"
        ],
        "feeds": {
            file: (o.lang, [page.file for page, _ in o.entries])
            for file, o in wanted.items()
            if o.kind == "feed"
        },
        "problems": [(p.path, p.line, p.message, p.warning) for p in problems],
        "plan_problems": [(p.path, p.line, p.message, p.warning) for p in plan.problems],
        "statics": {file: tuple(found) for file, found in plan.statics.items()},
        "pseudo": list(plan.pseudo),
        "left_out": left_out,
    }
    _write(root, stored)


def _write(root: Path, stored: dict[str, Any]) -> None:
    """Write the plan cache ``stored``; if it cannot be, none is left."""
    path = root / FILE
    may_write(path)  # (no symlink leads it out of the site)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        # A folder that cannot be made leaves the next build to plan the site.
        os.makedirs(path.parent, exist_ok=True)
        with open(temporary, "wb") as stream:
            # Written as it is pickled, and without pickle's memo of every object written:
            # at 10,000 pairs either would cost tens of MB at the build's end.
            pickler = pickle.Pickler(stream, pickle.HIGHEST_PROTOCOL)
            pickler.fast = True
            pickler.dump(stored)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        forget(root)
    except BaseException:  # interrupted: the build is too, and leaves no temporary file
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def forget(root: Path) -> None:
    """Remove the plan cache of the site at ``root`` (a build that failed leaves none)."""
    with contextlib.suppress(OSError, OutputError):
        may_write(root / FILE)  # (never through a symlink out of the site)
        os.unlink(root / FILE)


def reuse(
    settings: Settings,
    fingerprint: str,
    stats: dict[str, Any],
    open_memo: Callable[[], FrontMatterMemo],
    reread: int = REREAD,
    documents: Sequence[Document] | None = None,
) -> Reused | None:
    """The last build's plan with this build's keys, if only documents' bodies changed
    since it was made (see the module), in at most ``reread`` files; else None. The files
    changed since are read with the front matter memo ``open_memo()`` gives (an edited body
    leaves its front matter's text as it was: the memo has it parsed). Given ``documents``
    (the scan's), every page is made at once with its document from them, for a build that
    renders every file; None if one is not among them."""
    try:
        stored = loads_safely((settings.root / FILE).read_bytes())
    except Exception:  # a damaged pickle can raise almost anything; it is only a cache
        return None
    try:
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or stored.get("version") != version(fingerprint)
        ):
            return None
        return _reuse(settings, fingerprint, stats, stored, open_memo, reread, documents)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


def _reuse(
    settings: Settings,
    fingerprint: str,
    stats: dict[str, Any],
    stored: dict[str, Any],
    open_memo: Callable[[], FrontMatterMemo],
    reread: int,
    documents: Sequence[Document] | None,
) -> Reused | None:
    read = _read_changed(settings, stats, stored, open_memo, reread)
    if read is None:
        return None
    fresh, body = read
    digests: dict[str, Any] = stored["digests"]
    # The plan as it was; the edited documents' pages get their documents back, and only
    # they and the feeds' are made now (unless every page is to get its document).
    every = documents is not None
    if documents is not None:
        fresh = {doc.shown: doc for doc in documents} | fresh
    values = stored["pages"]
    in_feeds = {name for _, files in stored["feeds"].values() for name in files}
    keys: dict[str, str] = stored["keys"]
    made_now: dict[str, Page] = {}
    records, shown_of = {}, {}
    wanted: dict[str, Output] = {}
    edited: set[str] = set()
    for v in values:
        file, shown, records[file] = v[3], v[-2], v[-1]
        if (every and shown is not None and shown not in fresh) or _held(v, body):
            return None  # a document the scan did not give, or a home or list page's own
        if every or file in in_feeds or shown in fresh:
            made_now[file] = _page(v, fresh, settings)
        key = keys[file]
        if shown is not None:
            shown_of[file] = shown
            if shown in body:
                shows = stored["listings"][LISTING + file]  # (unchanged by a body)
                key = output_key(fingerprint, "document", records[file], body[shown], shows)
                edited.add(file)
        wanted[file] = Output(file, "page", key, page=made_now.get(file), lang=v[1])
    if every:
        plan = SitePlan(settings, pages=list(made_now.values()))
    else:
        plan = _KeptPlan(settings, values, made_now, fresh)
    plan.pseudo = [str(name) for name in stored["pseudo"]]
    plan.problems = [Problem(*p) for p in stored["plan_problems"]]
    plan.statics = {file: StaticFile(*found) for file, found in stored["statics"].items()}
    for file, kind, key, source in stored["others"]:
        wanted[file] = Output(file, kind, key, source=source)
    for file, (lang, files) in stored["feeds"].items():
        entries = []
        for name in files:
            shown = shown_of[name]
            d0 = body[shown] if shown in body else digests[shown][0]
            entries.append((wanted[name].page, output_key(fingerprint, "entry", records[name], d0)))
        made = output_key(fingerprint, "feed", lang, "".join(key for _, key in entries))
        wanted[file] = Output(file, "feed", made, lang=lang, entries=tuple(entries))
        edited.add(file)
    problems = [Problem(*p) for p in stored["problems"]]
    return Reused(plan, wanted, problems, edited)


def _read_changed(
    settings: Settings,
    stats: dict[str, Any],
    stored: dict[str, Any],
    open_memo: Callable[[], FrontMatterMemo],
    reread: int,
) -> tuple[dict[str, Document], dict[str, str]] | None:
    """The documents whose files changed since the plan was ``stored`` (by the name they
    are shown with) and the digests of their files, read again; None if a file or folder
    was added, removed or renamed, if more than ``reread`` files changed, or if one of them
    changed more than its body (see ``_read_again``)."""
    before: dict[str, Any] = stored["stats"]
    if not isinstance(before, dict) or before.keys() != stats.keys():
        return None  # a file or folder added, removed or renamed
    digests: dict[str, Any] = stored["digests"]
    changed = [
        name
        for name, stat in stats.items()
        # A folder's own record changes with any file in it: its names did not change.
        if (stat is None or stat != before[name]) and not name.endswith("/")
    ]
    if len(changed) > reread:
        return None  # scanning, with the scan cache and the memo, is cheaper
    body: dict[str, str] = {}
    fresh: dict[str, Document] = {}
    memo = open_memo() if changed else None
    views: dict[str, str] = stored["left_out"]
    drafts, records = set(), []  # (a draft left out still: its record may change)
    for name in changed:
        # (First: read as a body edited, its record, written with it, would count as a change.)
        if name in views:
            kept = (views[name], digests[name][2])
            if not (draft := left_out.still_left_out(settings, name, kept, memo)):
                return None
            drafts.add(draft)  # (it has no page: not among the fresh)
        elif (found := _read_again(settings, name, digests.get(name), memo)) is not None:
            fresh[name], body[name] = found
        elif (made_by := left_out.record_of(settings, name)) is not None:
            records.append(made_by)
        else:
            return None
    return (fresh, body) if drafts.issuperset(records) else None


def _held(values: Any, body: dict[str, str]) -> bool:
    """Whether the page kept as ``values`` is a home, 404 or list page whose own document
    changed (its key is not a document page's: the build plans the site)."""
    return values[0] != "document" and values[-2] in body


class _KeptPlan(SitePlan):
    """The plan of the last build, whose pages are made from the values kept when they are
    first asked for: a build that renders no feed (the edit of an older posting) never asks,
    where making 2,000 pages took a tenth of its time."""

    def __init__(
        self, settings: Settings, values: Any, made: dict[str, Page], fresh: dict[str, Document]
    ) -> None:
        self.settings = settings
        self.problems = []
        self.pseudo = []
        self.values = values  # each page as ``remember`` kept it
        self._made = made  # the pages made already, by file
        self._fresh = fresh  # the documents read again, by the name they are shown with

    def __getattr__(self, name: str) -> Any:
        if name != "pages":
            raise AttributeError(name)
        made, fresh = self._made, self._fresh
        self.pages = [made.get(v[3]) or _page(v, fresh, self.settings) for v in self.values]
        return self.pages

    def page_count(self) -> int:
        """How many pages the plan has (without making them)."""
        return len(self.values)

    def page_files(self) -> set[str]:
        """The output file of every page (without making them)."""
        return {v[3] for v in self.values}

    def documented(self) -> list[tuple[str, str]]:
        """As ``SitePlan.documented``, without making the pages."""
        return [(v[-2], v[4]) for v in self.values if v[-2] is not None]


def _read_again(
    settings: Settings, shown: str, digests: Any, memo: FrontMatterMemo | None
) -> tuple[Document, str] | None:
    """The document ``shown`` read again with the digest of what was read, if it was a
    document and still has the front matter, key lines, warnings and problems it had
    (``digests``: its digests and signature then); else None."""
    from pipeline.content import document

    if digests is None:
        return None
    path = settings.root / shown
    try:
        if not S_ISREG(os.lstat(path).st_mode):
            return None
        doc = document.read(path, shown, memo)
    except (OSError, ContentError):
        return None
    made = document_digests(doc)
    if made.front_matter != digests[1] or signature(doc, validate(doc, settings)) != digests[2]:
        return None
    doc.body = ""  # its page reads it again when it is rendered
    return doc, made.whole


def _page(values: Any, fresh: dict[str, Any], settings: Settings) -> Page:
    """The page kept as ``values`` (see ``remember``); with its document if that was read
    again (``fresh``), whose date is then parsed as the plan parses it."""
    (kind, lang, path, file, url, home, feed, style, alternates, switcher, noindex, title,
     date, section, status, original, excerpt, image, thumbnail, target, shown,
     _) = values  # fmt: skip
    doc = fresh.get(shown) if shown is not None else None
    when = None
    if doc is not None and doc.metadata.get("date") is not None:
        when = parse_date(doc.metadata["date"], settings.timezone)
    elif date is not None:
        when = dt.datetime.fromisoformat(date)
    # As the scan cache, a planted file can give wrong values at worst: they are not checked.
    return Page(
        kind,
        lang,
        path,
        file,
        url,
        home,
        feed,
        style,
        alternates=tuple(Alternate(h, u) for h, u in alternates),
        switcher=tuple(Switch(lg, p, f) for lg, p, f in switcher),
        noindex=noindex,
        doc=doc,
        title=title,
        date=when,
        section=section,
        status=status,
        original=Switch(*original) if original else None,
        excerpt=excerpt,
        image=image,
        thumbnail=thumbnail,
        target=target,
    )
