"""Stage 4, build: the bilingual static site, read top to bottom as it is made.

1. read the manifest of the last build into the output folder (``pipeline.state.manifest``);
2. scan (a content file as the last build read it comes from ``pipeline.content.scan_cache``,
   unread) and plan: which pages exist, their URLs and hreflang sets (``pipeline.build.plan``,
   pure); or, when only documents' bodies changed since, take the last build's plan
   (``pipeline.build.plan_cache``), as a build into an empty folder does when nothing changed
   (with the keys it kept);
3. key every file of the site by what it is made of (``pipeline.build.keys``) and keep the files
   whose key is the one the manifest recorded, and which are still as that build left them
   (with no manifest, or ``--full``, every file is rendered: the keys are made while the
   workers render, and the plan cache with them);
4. render the others (``pipeline.build.render``), document pages over the cores when there are
   enough of them (``pipeline.build.workers``); a feed keeps the entries that did not change;
5. write them atomically, remove the files the last build wrote that are no longer part of
   the site (and only those), and record the new manifest.

``build(..., full=True)`` (``pipeline build --full``) renders and compares every file,
whatever the manifest says. Either way the output is the same, byte for byte.

Long because: the steps above still share this module with the speed devices around them
(the standby process, the kept plan, the forked workers, the collector); issue 17's build
step measures each device, removes those that do not pay, and gives each step its function.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.build import workers
from pipeline.config import Settings, output_refusal
from pipeline.content.listing import DOCUMENT_SUFFIXES
from pipeline.content.tree import scan
from pipeline.errors import Problem, UsageError
from pipeline.files import Within, make_folder, remove, remove_empty_folders, write_atomic
from pipeline.report import Report
from pipeline.state import manifest
from pipeline.state.fingerprints import (
    Snapshot,
    digest,
    fingerprint,
    settled,
    stat_list,
    stat_record,
    tree_state,
)
from pipeline.state.manifest import OutputRecord
from pipeline.translate.record import records_folder

if TYPE_CHECKING:
    from pipeline.build.keys import Output
    from pipeline.build.plan import Page, SitePlan
    from pipeline.build.render import Renderer
    from pipeline.content.parse_cache import FrontMatterMemo

    Standby = workers.Standby["DocumentJob", list["Made"]]

__all__ = ["BuildReport", "build", "output_folder"]


class DocumentJob(NamedTuple):
    """Document pages for a process to render and write into ``output``: the pages named in
    ``stale`` are written, the feed entries of those named in ``entries`` rendered."""

    output: Path
    pages: Sequence[Page]
    stale: set[str]
    entries: set[str]


class Written(NamedTuple):
    """What writing a rendered file gave: the digest of its bytes, whether they changed, and
    its ``stat`` then as ``fingerprints.stat_list`` (taken where it was written: in a build's
    workers, not one by one at the end; four numbers, where a whole ``stat`` took 14 MB at
    20,000 files)."""

    digest: str
    changed: bool
    stat: list[int]


class Made(NamedTuple):
    """A file a process rendered: how it was written (None: not written, only its feed entry
    was wanted), and its feed entry (None: not wanted)."""

    file: str
    written: Written | None
    entry: str | None


LEFT: list[object] = []
"""What the builds of a process that ends with its build made (see ``build``'s
``collect``): the plan, the documents, the keys, the manifest."""

# The documents a process takes from the queue at a time (pipeline.build.workers.fork_share).
CHUNK = 20
# Below this many document pages to render, forking workers costs more than it saves
# (measured with make bench on 2 cores; see README: Benchmarks).
PARALLEL_PAGES = 400


@dataclass
class BuildReport(Report):
    """What ``build`` wrote where."""

    output: str = ""
    pages: int = 0
    files: int = 0
    rendered: int = 0
    written: int = 0
    removed: int = 0
    pseudo: int = 0  # drafts left out for their pseudo text

    def summary(self) -> str:
        """``build: 11 files (7 pages) in public/: 3 rendered, 2 written, 0 removed``
        (a rendered file is written only if its text changed)."""
        return (
            f"build: {self.files} files ({self.pages} pages) in {self.output}/: "
            f"{self.rendered} rendered, {self.written} written, {self.removed} removed"
        )


def build(
    settings: Settings,
    out: Path | None = None,
    full: bool = False,
    collect: bool = True,
    force: bool = False,
) -> BuildReport:
    """Build the site into ``out`` (default: the ``output`` setting); only the files whose
    inputs changed since the last build are rendered, unless ``full``. ``force``: into a folder
    of files no build wrote, or git tracks, all the same (``output_folder``,
    ``manifest.refuse_tracked``).

    ``collect=False`` is for a process that ends with the build (the CLI): the cycle
    collector, off during the build, stays off, and what the build made stays alive in
    ``LEFT``. Both are left to the process's end, which drops them at once: re-enabling the
    collector walked everything the build had made, and freeing it did object by object,
    0.012 s and 0.015 s of a full build of 1,000 pairs."""
    kept: list[object] = LEFT if not collect else []
    with _collector_paused(restore=collect):
        return _build(settings, out, full, kept, force)


@contextlib.contextmanager
def _collector_paused(restore: bool = True) -> Iterator[None]:
    """Python's cycle collector off for the time of a build (and after it, unless
    ``restore``). A build makes hundreds of thousands of objects that live until it ends
    (documents, pages, keys), and every full collection walks all of them again: a tenth of
    an edit build's time, measured. What a build frees, reference counting frees; it makes
    no garbage cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and restore:
            gc.enable()


def _build(
    settings: Settings, out: Path | None, full: bool, kept: list[object], force: bool
) -> BuildReport:
    output = output_folder(settings, out, force)
    with _standby(settings, wanted=not full and manifest.recorded(output)) as standby:
        last = manifest.read_manifest(output)
        now = time.time_ns()
        state = read_state(settings, now)
        kept += (last, state)
        if not full and _nothing_changed(output, state, last):
            return _report(
                settings, output, last.problems, len(last.outputs), last.pages, last.pseudo
            )
        if not force:
            manifest.refuse_tracked(output, last, settings.relative(output))
        return _build_changed(settings, output, full, last, state, standby, kept)


@contextlib.contextmanager
def _standby(settings: Settings, wanted: bool) -> Iterator[Standby | None]:
    """A process that makes a renderer of documents ready (``_ready_renderer``) while this
    one finds out what to render, for a build into a folder built before (if ``wanted``,
    and processes are forked here): the pages of an edit are then rendered by a process that
    has its templates compiled by the time it is told which. It starts before the build
    knows whether anything changed, and is stopped if nothing did: a no-op build takes a
    few milliseconds longer, an edit build a fifth less time (see README: Benchmarks)."""
    standby = (
        workers.Standby.start(functools.partial(_ready_renderer, settings), _render_documents)
        if wanted
        else None
    )
    try:
        yield standby
    finally:
        if standby is not None:
            standby.stop()


def _build_changed(
    settings: Settings,
    output: Path,
    full: bool,
    last: manifest.Manifest,
    state: Snapshot,
    standby: Standby | None,
    kept: list[object],
) -> BuildReport:
    """The build once it knows something changed (``kept`` keeps what it makes, see
    ``build``)."""
    # What a build with something to do needs, imported only then: a no-op build is mostly
    # the start of the interpreter (see README: Benchmarks).
    from pipeline.build import plan_cache
    from pipeline.content.parse_cache import FrontMatterMemo

    # One memo for the run: what reusing the plan parsed is not parsed again by the scan.
    open_memo = functools.cache(lambda: FrontMatterMemo.open(settings))
    if not full and last.outputs:
        reused = _reuse_plan(settings, output, state, last, open_memo, standby, kept)
        if reused is not None:
            return reused
    from pipeline.build.keys import planned, unkeyed
    from pipeline.build.plan import plan_site
    from pipeline.content.scan_cache import ScanCache

    known = ScanCache.open(settings.root, state.fingerprint, state.inputs, trust=not full)
    # The front matter memo is for the postings the scan cache does not hold as they are.
    postings = [name for name in state.inputs if name.endswith(DOCUMENT_SUFFIXES)]
    unknown = sum(not known.fresh(name) for name in postings)
    memo = open_memo() if unknown else None
    content = scan(settings, memo, known)
    # What the files are made of is known now (known.digests); the pages to render read
    # their bodies again (Renderer.read_bodies), so the build never holds every body at once.
    for doc in content.documents:
        doc.body = ""
    if unknown:  # (a posting the scan cache held was not read)
        _return_freed_memory()
    known.save()
    if memo is not None:
        memo.save(keep_unused=unknown < len(postings))
    del memo
    open_memo.cache_clear()
    last_plan = None
    if not full and not last.outputs:
        # Into an empty folder, from the very content the last plan was made of: that plan
        # and its keys serve, every page with its document from the scan. (After an edit
        # the plan is made again: the scan reads the edited files anyway.)
        fingerprint, inputs = state.fingerprint, state.inputs
        last_plan = plan_cache.reuse(
            settings, fingerprint, inputs, open_memo, reread=0, documents=content.documents
        )
    made = not output.exists()
    hashed: dict[str, os.stat_result] = {}
    intact: set[str] = set()
    keys: Callable[[], dict[str, Output]]
    if last_plan is not None:
        plan, wanted, problems = last_plan.plan, last_plan.wanted, last_plan.problems
        known.signatures = {}  # (for the plan cache, which is kept as it is)
        keys, stale = (lambda: wanted), list(wanted.values())
        kept += (content, plan, known, wanted)
    else:
        plan = plan_site(settings, content)
        problems = content.problems + plan.problems

        def keyed() -> dict[str, Output]:
            # The plan cache is kept as soon as the keys are made, whatever comes of this
            # build (its keys are compared with the manifest of the build that did finish).
            records: dict[str, str] = {}
            wanted = planned(plan, state.fingerprint, known.digests, records)
            fingerprint, inputs = state.fingerprint, state.inputs
            plan_cache.remember(
                settings.root, fingerprint, inputs, plan, records, known, wanted, problems
            )
            known.signatures = {}
            return wanted

        keys = functools.cache(keyed)
        kept += (content, plan, known, keys, hashed, intact)
        if full or not last.outputs:
            # Every file is rendered, whatever its key: the workers start on the plan alone,
            # and this process makes the keys and the plan cache while they render.
            stale = list(unkeyed(plan).values())
        else:
            stale = [o for o in keys().values() if not _unchanged(output, o, last, hashed, intact)]
    try:
        return _render_and_write(
            settings, output, state, last, plan, stale, keys, problems, (hashed, intact), standby
        )
    except BaseException:
        # A build that failed leaves no plan cache, nor the folders it made if still empty.
        plan_cache.forget(settings.root)
        with contextlib.suppress(OSError):
            if made and os.listdir(output) == [manifest.FOLDER]:
                os.rmdir(output / manifest.FOLDER)
                os.rmdir(output)
        raise


def _reuse_plan(
    settings: Settings,
    output: Path,
    state: Snapshot,
    last: manifest.Manifest,
    open_memo: Callable[[], FrontMatterMemo],
    standby: Standby | None,
    kept: list[object],
) -> BuildReport | None:
    """The build when only documents' bodies changed since the last plan was made and what
    is to be rendered is only their pages and the feeds (``pipeline.build.plan_cache``); else
    None."""
    from pipeline.build import plan_cache

    reused = plan_cache.reuse(settings, state.fingerprint, state.inputs, open_memo)
    if reused is None:
        return None
    wanted = reused.wanted
    hashed: dict[str, os.stat_result] = {}
    intact: set[str] = set()
    kept += (reused, hashed, intact)
    stale = [o for o in wanted.values() if not _unchanged(output, o, last, hashed, intact)]
    if any(o.file not in reused.edited for o in stale):
        return None  # a file changed by hand, or missing: the build plans the site
    feeds = [o for o in stale if o.kind == "feed"]
    if feeds:
        old_entries = _old_entries(output, feeds, last)
        for feed in feeds:
            for page, key in feed.entries:
                if key not in old_entries and page.doc is None:
                    return None  # an entry the feed written lacks: the build plans the site
    return _render_and_write(
        settings,
        output,
        state,
        last,
        reused.plan,
        stale,
        lambda: wanted,
        reused.problems,
        (hashed, intact),
        standby,
    )


def _render_and_write(
    settings: Settings,
    output: Path,
    state: Snapshot,
    last: manifest.Manifest,
    plan: SitePlan,
    stale: list[Output],
    keys: Callable[[], dict[str, Output]],
    problems: list[Problem],
    found: tuple[dict[str, os.stat_result], set[str]],
    standby: Standby | None,
) -> BuildReport:
    """Render the ``stale`` files, write the site and its manifest: the end of every build
    that had something to do. ``keys`` gives every file of the site with its key (``render``
    calls it while the files render: ``stale`` may then be every file, not yet keyed).
    ``found`` is what ``_unchanged`` learnt of the files there."""
    hashed, intact = found
    make_folder(output / manifest.FOLDER)  # first: the folder is the build's (is_builds)
    stale, foreign = _not_written_by_a_build(settings, output, stale, last)
    problems = problems + foreign
    done, spans = render(settings, plan, stale, output, last, keys, standby)
    wanted = keys()
    recorded = manifest.Manifest(
        # A file left alone makes the next build look again (it may have been moved away).
        fingerprint="" if foreign else state.fingerprint,
        inputs=state.inputs,
        problems=problems,
        pages=plan.page_count(),
        pseudo=len(plan.pseudo),
    )
    report = _report(settings, output, problems, len(wanted), plan.page_count(), len(plan.pseudo))
    report.written, report.removed = write_site(
        output, done, spans, wanted, last, recorded, hashed, intact
    )
    report.rendered = len(done)
    return report


def _not_written_by_a_build(
    settings: Settings, output: Path, stale: list[Output], last: manifest.Manifest
) -> tuple[list[Output], list[Problem]]:
    """``stale`` without the files that are there but that no build wrote (put there by
    hand where the site now has a file: the manifest does not list them): a build never
    replaces those, and says so. A folder without a manifest is empty, or holds what an
    interrupted build wrote (``output_folder``): there, every file is the build's."""
    if not last.outputs:
        return stale, []
    mine: list[Output] = []
    foreign: list[Problem] = []
    for wanted in stale:
        name = wanted.file
        if name in last.outputs or not os.path.lexists(os.path.join(output, name)):
            mine.append(wanted)
            continue
        foreign.append(
            Problem(
                settings.relative(output / name),
                None,
                "not written by a build (its manifest does not list it), so it is not "
                "replaced and this file of the site is not written; move it away",
            )
        )
    return mine, foreign


def _return_freed_memory() -> None:
    """Give the memory freed so far back to the system (where the C library can): the
    bodies, and what rendering each page used, are freed in thousands of small holes that
    the rest of the build, and the processes forked to render pages, would otherwise carry
    as resident memory (a build of 10,000 pairs peaked 50 MB higher)."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory is reused, not given back
        pass


def _report(
    settings: Settings,
    output: Path,
    problems: list[Problem],
    files: int,
    pages: int,
    pseudo: int = 0,
) -> BuildReport:
    report = BuildReport(problems=list(problems), files=files, pages=pages, pseudo=pseudo)
    report.output = settings.relative(output)
    if pseudo:
        drafts = "draft" if pseudo == 1 else "drafts"
        report.done.append(
            f"build: {pseudo} pseudo {drafts} left out (pseudo text is never published; "
            "translate with a real engine)"
        )
    return report


def read_state(settings: Settings, now_ns: int) -> Snapshot:
    """What a build reads, told without parsing: the fingerprint, and the ``stat`` of every
    file and folder under ``content/`` and of the drafts' records (a racy one as None, see
    ``fingerprints.tree_state``), which tell which drafts hold ``pseudo`` text (never published).
    A record is not a document: when one changed, the build plans the site again."""
    inputs = tree_state(settings, settings.content_dir, now_ns)
    inputs.update(tree_state(settings, records_folder(settings), now_ns))
    return Snapshot(fingerprint(settings, manifest.FORMAT), inputs)


def _nothing_changed(output: Path, state: Snapshot, last: manifest.Manifest) -> bool:
    """Whether the last build read exactly these inputs (none of them racy) and its files are
    all as it left them: then there is nothing to do."""
    if not last.read_the_same(state) or not last.outputs:
        return False
    folder = os.fspath(output)
    for name, (_, _, stat) in last.outputs.items():
        try:
            if stat is None or stat_list(os.stat(os.path.join(folder, name))) != stat:
                return False
        except OSError:
            return False
    return True


def output_folder(settings: Settings, out: Path | None, force: bool = False) -> Path:
    """The folder to build into: the ``output`` setting, or ``out`` wherever it is (a folder
    named on the command line is meant, as Hugo's ``--destination`` is), but never one that
    holds files no build wrote: those would be mixed with the site's, and a file of the
    site's name replaced (``manifest.is_builds``; MkDocs would empty the folder instead)."""
    if out is None:
        output, named = settings.output_dir, settings.output
    else:
        refusal = output_refusal(settings.root, out, anywhere=True)
        if refusal:
            raise UsageError(f"--out {out}: the output folder {refusal}")
        output, named = out.resolve(), f"--out {out}"
    if not force and not manifest.is_builds(output):
        raise UsageError(
            f"{named}: the folder holds files that no build wrote (it has no "
            f"{manifest.FOLDER}/), and a build never replaces them; name a new or empty folder"
        )
    return output


def _unchanged(
    output: Path,
    wanted: Output,
    last: manifest.Manifest,
    hashed: dict[str, os.stat_result],
    intact: set[str],
) -> bool:
    """Whether the file the last build wrote for ``wanted`` is still right: the same key, and
    the file as that build left it (its ``stat``, or else its bytes: then its ``stat`` from
    before they were read goes into ``hashed``; one found by its ``stat`` goes into
    ``intact``)."""
    recorded = last.outputs.get(wanted.file)
    if recorded is None or recorded.key != wanted.key:
        return False
    path = os.path.join(output, wanted.file)  # a str: thousands of Paths cost more than stat
    try:
        stat = os.stat(path)
        if recorded.stat is not None and recorded.stat == stat_list(stat):
            intact.add(wanted.file)
            return True
        with open(path, "rb") as stream:
            same = digest(stream.read()) == recorded.digest
    except OSError:
        return False
    if same:
        hashed[wanted.file] = stat
    return same


def render(
    settings: Settings,
    plan: SitePlan,
    stale: Sequence[Output],
    output: Path,
    last: manifest.Manifest,
    keys: Callable[[], dict[str, Output]],
    standby: Standby | None = None,
) -> tuple[dict[str, Written], dict[str, manifest.FeedIndex]]:
    """Render and write every ``stale`` file; what writing each gave, by its name in the
    output folder, and where the entries of each rendered feed lie in it. ``keys`` gives
    every file of the site with its key: this process calls it first thing in its share of
    the work (the feeds' entries are indexed by those keys, ``stale`` may have none). The
    documents go to ``standby`` if they are too few for workers; it is stopped otherwise."""
    if not stale:
        return {}, {}
    pages = [o for o in stale if o.kind == "page"]
    feeds = [o for o in stale if o.kind == "feed"]
    old_entries = _old_entries(output, feeds, last)
    # A document's body is rendered once for its page and its feed entry.
    entries_wanted = {
        page.file for feed in feeds for page, key in feed.entries if key not in old_entries
    }
    documents = {o.file: o.page for o in pages if o.page and o.page.kind == "document"}
    for feed in feeds:
        for page, key in feed.entries:
            if key not in old_entries:
                documents.setdefault(page.file, page)
    jobs = sorted(documents.values(), key=lambda p: p.file)
    count = workers.workers(settings.build_workers, len(jobs), PARALLEL_PAGES)
    stale_pages = {o.file for o in pages}
    # Jinja2, Babel and the Markdown renderers load only when this process renders.
    renderer = functools.cache(lambda: _renderer(settings, plan))

    within = Within(output)
    # The files other than document pages (the home pages, which list every document, the
    # 404 and redirect pages, sitemap.xml, pairs.json) are rendered by this process while
    # the others render documents; it takes its share of the documents after them.
    others = [o for o in pages if o.page is None or o.page.kind != "document"]
    others += [o for o in stale if o.kind not in ("page", "feed")]

    def first() -> list[Made]:
        keys()  # made once: a build of every file makes them here, while workers render
        made: list[Made] = []
        if others:
            # What the plan and the keys freed goes back first: the whole-site files are
            # the largest texts of a build (at 10,000 pairs the parent peaked 27 MB higher).
            _return_freed_memory()
            for o in others:
                # (no name holds a file's text: sitemap.xml would live on while pairs.json
                # is made, 35 MB each at 10,000 pairs)
                made.append(Made(o.file, _emit(within, o.file, _other(renderer(), o)), None))
            _return_freed_memory()  # before the documents: what the whole-site files used
        return made

    def work(part: Sequence[Page]) -> list[Made]:
        # Each page is written where it is rendered, so that no process holds the site.
        return _render_documents(renderer(), DocumentJob(output, part, stale_pages, entries_wanted))

    if (
        standby is not None
        and count == 1
        and jobs
        and standby.send(DocumentJob(output, jobs, stale_pages, entries_wanted))
    ):
        # The documents went to the process made ready for them; this one renders the rest.
        rendered = first() + standby.result()
    else:
        if standby is not None:
            standby.stop()
        if count > 1:
            # Compile the templates of documents in the parent once, so that the children
            # share them (the others are compiled by the parent, when it renders its other
            # files).
            from pipeline.build.render import DOCUMENT_TEMPLATES

            for lang in plan.languages:
                renderer().warm(lang, DOCUMENT_TEMPLATES)
        # The documents in runs of CHUNK, each process taking the next run left: this one
        # after its other files (and, in a build of every file, the keys), so that the
        # processes end together whatever those cost (at 10,000 pairs a fixed share left
        # this one 1.4 s behind).
        runs = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        rendered = workers.fork_share(work, runs, count, first)
    done: dict[str, Written] = {}
    new_entries: dict[str, bytes] = {}
    for file, written, entry in rendered:
        if written is not None:
            done[file] = written
        if entry is not None:
            new_entries[file] = entry.encode("utf-8")
    if others or count > 1:
        # What rendering the pages used, before the feeds (not worth the walk through the
        # heap, a hundredth of a second, after the few pages of an edit).
        _return_freed_memory()
    spans: dict[str, manifest.FeedIndex] = {}
    for feed in feeds:
        feed = keys()[feed.file]  # with its entries' keys
        # Spliced as bytes: the entries kept are never decoded, nor encoded again.
        head, tail = (part.encode("utf-8") for part in renderer().feed_frame(feed.lang))
        entries = [new_entries.get(page.file) or old_entries[key] for page, key in feed.entries]
        done[feed.file] = _emit(within, feed.file, b"".join([head, *entries, tail]))
        spans[feed.file] = _spans(head, entries, feed)
    return done, spans


def _renderer(settings: Settings, plan: SitePlan) -> Renderer:
    from pipeline.build.render import Renderer

    return Renderer(settings, plan, read_bodies=True)


def _ready_renderer(settings: Settings) -> Renderer:
    """A renderer of document pages, made ready for the standby process: its modules
    loaded, each language's document templates compiled and its Babel data loaded. A
    language that cannot be made ready (its catalog is missing, say) fails as it would have
    without a standby: when a page of it is rendered."""
    from pipeline.build.plan import SitePlan
    from pipeline.build.render import DOCUMENT_TEMPLATES

    renderer = _renderer(settings, SitePlan(settings))
    for lang in settings.languages:
        with contextlib.suppress(Exception):
            renderer.warm(lang, DOCUMENT_TEMPLATES)
    return renderer


def _render_documents(renderer: Renderer, job: DocumentJob) -> list[Made]:
    """Render and write the document pages of ``job`` (the output folder, the pages, the
    names of the pages to write and of those whose feed entries to render)."""
    within = Within(job.output)
    made: list[Made] = []
    for page in job.pages:
        body = renderer.body(page)
        html = renderer.page(page, body) if page.file in job.stale else None
        entry = renderer.feed_entry(page, body) if page.file in job.entries else None
        written = None if html is None else _emit(within, page.file, html)
        made.append(Made(page.file, written, entry))
    return made


def _other(renderer: Renderer, wanted: Output) -> str:
    """A file that is not a document page, rendered."""
    if wanted.page is not None:
        return renderer.page(wanted.page)
    return renderer.whole_site_file(wanted.kind)


def _emit(within: Within, name: str, text: str | bytes) -> Written:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    changed = within.write(name, raw)
    return Written(digest(raw), changed, stat_list(os.stat(os.path.join(within.base, name))))


def _old_entries(
    output: Path, feeds: Sequence[Output], last: manifest.Manifest
) -> dict[str, bytes]:
    """The entries of the feeds the last build wrote (their bytes), by key, where a feed is
    still as that build left it and its manifest is of this build's fingerprint."""
    found: dict[str, bytes] = {}
    index = manifest.read_feeds(output)
    for feed in feeds:
        recorded = last.outputs.get(feed.file)
        spans = index.get(feed.file)
        if recorded is None or spans is None:
            continue
        try:
            raw = (output / feed.file).read_bytes()
        except OSError:
            continue
        if digest(raw) != recorded.digest:
            continue
        for key, start, end in spans:
            found[key] = raw[start:end]
    return found


def write_site(
    output: Path,
    done: dict[str, Written],
    spans: dict[str, manifest.FeedIndex],
    wanted: dict[str, Output],
    last: manifest.Manifest,
    recorded: manifest.Manifest,
    hashed: dict[str, os.stat_result] | None = None,
    intact: set[str] | None = None,
) -> tuple[int, int]:
    """Finish a build whose rendered files are ``done`` (written): remove what the last
    build wrote and this one does not; record the manifest (``recorded``, with the
    outputs; a file in ``hashed`` was found to hold its recorded bytes when it had that
    ``stat``, one in ``intact`` to have its recorded ``stat``: it is not looked at again).
    Returns how many files were written (changed) and removed."""
    hashed = hashed or {}
    intact = intact or set()
    within = Within(output)
    written = sum(changed for _, changed, _ in done.values())
    removed = 0
    for name in sorted(last.outputs.keys() - wanted.keys()):
        path = within(name)
        if path.is_file():
            remove(path)
            removed += 1
            remove_empty_folders(output, path.parent)
    now = time.time_ns()
    outputs: dict[str, OutputRecord] = {}
    for name, o in wanted.items():
        if name in intact and name not in done:
            outputs[name] = last.outputs[name]
            continue
        if name in done:
            made, _, stat = done[name]
            outputs[name] = OutputRecord(o.key, made, settled(stat, now))
            continue
        if name not in last.outputs:
            continue  # there, but not the build's: left alone (_not_written_by_a_build)
        path = os.path.join(output, name)
        stat = os.stat(path)
        was = last.outputs[name]
        if was.stat == stat_list(stat):
            outputs[name] = was
            continue
        if name in hashed:
            # Its bytes were read already: the stat from before that read is recorded.
            outputs[name] = was._replace(key=o.key, stat=stat_record(hashed[name], now))
            continue
        with open(path, "rb") as stream:
            made = digest(stream.read())
        outputs[name] = OutputRecord(o.key, made, stat_record(stat, now))
    feeds = {
        name: index
        for name, index in manifest.read_feeds(output).items()
        if name in wanted and name not in done
    }
    recorded.outputs = outputs
    manifest.write_manifest(output, recorded)
    manifest.write_feeds(output, feeds | spans)
    return written, removed


def _spans(head: bytes, parts: Sequence[bytes], feed: Output) -> manifest.FeedIndex:
    """Where each entry (``parts``, after ``head``) of ``feed`` lies in its bytes."""
    spans: manifest.FeedIndex = []
    position = len(head)
    for (_, key), part in zip(feed.entries, parts, strict=True):
        end = position + len(part)
        spans.append([key, position, end])
        position = end
    return spans


BUILT_LIST = (
    ".pipeline-files"  # what write_listed wrote into a folder, so the next removes only that
)


def write_listed(output: Path, files: dict[str, str]) -> tuple[int, int]:
    """Write ``files`` into ``output`` (a folder other than the site's, such as the review
    pages'); remove what the last call wrote there and this one did not. Returns how many
    files were written (changed) and removed."""
    within = Within(output)
    listed = within(BUILT_LIST)
    before = set(listed.read_text(encoding="utf-8").split()) if listed.is_file() else set()
    written = sum(write_atomic(within(name), text) for name, text in files.items())
    removed = 0
    for name in sorted(before - files.keys()):
        path = within(name)
        if path.is_file():
            remove(path)
            removed += 1
            remove_empty_folders(output, path.parent)
    write_atomic(listed, "".join(f"{name}\n" for name in sorted(files)))
    return written, removed
