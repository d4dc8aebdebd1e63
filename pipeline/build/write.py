"""Writing the site: the stale files rendered and written, what is gone removed, the
manifest recorded.

Each file is written where it is rendered (``swap.Swapping``: atomically, never outside the
output folder), so that no process ever holds the whole site: document pages in the
build's workers (``pipeline.build.workers``), or in the standby process made ready for
them, the other files in the build's own process meanwhile. A feed is put together from
the entries that changed, rendered with their pages, and the bytes of those that did not,
cut from the feed written last time. What writing each file gave (the digest of its bytes,
its ``stat``) goes into the manifest the next build compares with.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.build import static, swap, workers
from pipeline.build.context import language
from pipeline.build.keys import RELATED, own_templates
from pipeline.build.stale import Planned, Seen
from pipeline.config import Settings
from pipeline.files import Within, remove, remove_empty_folders, write_atomic
from pipeline.state import manifest
from pipeline.state.fingerprints import Snapshot, digest, settled, stat_list, stat_record
from pipeline.state.manifest import OutputRecord

if TYPE_CHECKING:
    from pipeline.build.context import Language
    from pipeline.build.keys import Output
    from pipeline.build.plan import Page, SitePlan
    from pipeline.build.render import Renderer

    Standby = workers.Standby["DocumentJob", list["Made"]]

# The documents a process takes from the queue at a time (pipeline.build.workers.fork_share).
CHUNK = 20
PARALLEL_PAGES = 400  # fewer pages to render: forking costs more than it saves (benchmarks.md)


class DocumentJob(NamedTuple):
    """Document pages for a process to render and write into ``output``: the pages named in
    ``stale`` are written, the feed entries of those named in ``entries`` rendered; with each
    language's teasers and menu (which a standby process, ready before the plan was, lacks)."""

    output: Path
    pages: Sequence[Page]
    stale: set[str]
    entries: set[str]
    languages: dict[str, Language] | None = None


class Written(NamedTuple):
    """What writing a rendered file gave: the digest of its bytes, whether they changed, and
    its ``stat`` then as ``fingerprints.stat_list`` (taken where it was written, in a build's
    workers; four numbers, where a whole ``stat`` took 14 MB at 20,000 files)."""

    digest: str
    changed: bool
    stat: list[int]


class Made(NamedTuple):
    """A file a process rendered: how it was written (None: not written, only its feed entry
    was wanted), and its feed entry (None: not wanted)."""

    file: str
    written: Written | None
    entry: str | None


class Done(NamedTuple):
    """What ``write_stale`` wrote: each file by its name, and where the entries of each
    feed written lie in it."""

    files: dict[str, Written]
    spans: dict[str, manifest.FeedIndex]

    @property
    def rendered(self) -> int:
        """How many files were rendered."""
        return len(self.files)

    @property
    def written(self) -> int:
        """How many files were written (a file rendered as it was is not)."""
        return sum(written.changed for written in self.files.values())


def write_stale(
    settings: Settings,
    site: Planned,
    output: Path,
    last: manifest.Manifest,
    standby: Standby | None,
) -> Done:
    """Render and write every stale file of ``site``. ``site.keys()`` is called first thing
    in this process's share of the work (the feeds' entries are indexed by those keys, and
    ``site.stale`` may have none). The documents go to ``standby`` if they are too few for
    workers; it is stopped otherwise."""
    if not site.stale:
        return Done({}, {})
    feeds = [o for o in site.stale if o.kind == "feed"]
    old_entries = entries_written(output, feeds, last)
    job = _document_job(output, site, feeds, old_entries)
    # Jinja2, Babel and the Markdown renderers load only when this process renders.
    renderer = functools.cache(lambda: _renderer(settings, site.plan))
    # The files other than document pages (the home pages, which list every document, the
    # 404 and redirect pages, sitemap.xml, pairs.json) are rendered by this process while
    # the others render documents; it takes its share of the documents after them.
    others = [o for o in site.stale if o.kind == "page" and not _is_document(o)]
    others += [o for o in site.stale if o.kind not in ("page", "feed")]
    within = swap.Swapping(Within(output))

    def first() -> list[Made]:
        site.keys()  # made once: a build of every file makes them here, while workers render
        if not others:
            return []
        # What the plan and the keys freed goes back first: the whole-site files are the
        # largest texts of a build (at 10,000 pairs the parent peaked 27 MB higher).
        workers.return_freed_memory()
        # (no name holds a file's text: sitemap.xml would live on while pairs.json is made,
        # 35 MB each at 10,000 pairs)
        made = [Made(o.file, _emit(within, o.file, _other(renderer, o)), None) for o in others]
        workers.return_freed_memory()  # before the documents: what the whole-site files used
        return made

    count = workers.workers(settings.build_workers, len(job.pages), PARALLEL_PAGES)
    rendered = _render_documents_beside(first, job, count, renderer, site.plan, standby)
    if others or count > 1:
        # What rendering the pages used, before the feeds (not worth the walk through the
        # heap, a hundredth of a second, after the few pages of an edit).
        workers.return_freed_memory()
    files = {m.file: m.written for m in rendered if m.written is not None}
    entries = {m.file: m.entry.encode("utf-8") for m in rendered if m.entry is not None}
    spans = _write_feeds(within, feeds, site.keys(), renderer, entries | old_entries, files)
    swap.clear(output)  # (every process that wrote is done)
    return Done(files, spans)


def _is_document(wanted: Output) -> bool:
    return wanted.kind == "page" and wanted.page is not None and wanted.page.kind == "document"


def _document_job(
    output: Path, site: Planned, feeds: list[Output], old_entries: dict[str, bytes]
) -> DocumentJob:
    """The document pages to render: those stale, and those whose feed entry is not among
    the ``old_entries`` (a document's body is rendered once for its page and its entry)."""
    stale, plan = site.stale, site.plan
    documents = {o.file: o.page for o in stale if _is_document(o)}
    wanted = {page.file for feed in feeds for page, key in feed.entries if key not in old_entries}
    for page in (page for feed in feeds for page, key in feed.entries if key not in old_entries):
        documents.setdefault(page.file, page)
    pages = sorted((p for p in documents.values() if p is not None), key=lambda p: p.file)
    newest = 0 if own_templates(plan.settings) else RELATED  # (what a document page shows)
    shown = {lang: language(plan, lang, newest) for lang in {page.lang for page in pages}}
    return DocumentJob(output, pages, {o.file for o in stale if o.kind == "page"}, wanted, shown)


def _render_documents_beside(
    first: Callable[[], list[Made]],
    job: DocumentJob,
    count: int,
    renderer: Callable[[], Renderer],
    plan: SitePlan,
    standby: Standby | None,
) -> list[Made]:
    """What ``first()`` made, and the documents of ``job`` rendered and written: by the
    ``standby`` process while this one runs ``first`` (one process wanted, and a standby),
    or over ``count`` processes, this one after ``first``."""
    if standby is not None and count == 1 and job.pages and standby.send(job):
        # The documents went to the process made ready for them; this one renders the rest.
        return first() + standby.result()
    if standby is not None:
        standby.stop()
    if count > 1:
        # Compile the templates of documents in the parent once, so that the children share
        # them (the others are compiled by the parent, when it renders its other files).
        from pipeline.build.render import DOCUMENT_TEMPLATES

        for lang in plan.languages:
            renderer().warm(lang, DOCUMENT_TEMPLATES)

    def work(part: Sequence[Page]) -> list[Made]:
        # Each page is written where it is rendered, so that no process holds the site.
        return render_documents(renderer(), job._replace(pages=part))

    # The documents in runs of CHUNK, each process taking the next run left: this one after
    # its other files (and, in a build of every file, the keys), so that the processes end
    # together whatever those cost (at 10,000 pairs a fixed share left this one 1.4 s
    # behind).
    runs = [job.pages[start : start + CHUNK] for start in range(0, len(job.pages), CHUNK)]
    return workers.fork_share(work, runs, count, first)


def _renderer(settings: Settings, plan: SitePlan) -> Renderer:
    from pipeline.build.render import Renderer

    return Renderer(settings, plan, read_bodies=True)


def ready_renderer(settings: Settings) -> Renderer:
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


def render_documents(renderer: Renderer, job: DocumentJob) -> list[Made]:
    """Render and write the document pages of ``job``."""
    within = swap.Swapping(Within(job.output))
    made: list[Made] = []
    for lang, shown in (job.languages or {}).items():  # (what it has already is whole)
        renderer.languages.setdefault(lang, shown)
    for page in job.pages:
        body = renderer.body(page)
        html = renderer.page(page, body) if page.file in job.stale else None
        entry = renderer.feed_entry(page, body) if page.file in job.entries else None
        written = None if html is None else _emit(within, page.file, html)
        made.append(Made(page.file, written, entry))
    return made


def _other(renderer: Callable[[], Renderer], wanted: Output) -> str | bytes:
    """A file that is not a document page, rendered; a static file, as it is."""
    if wanted.kind == "static":
        return static.copied(renderer().settings, wanted.source)
    if wanted.page is not None:
        return renderer().page(wanted.page)
    return renderer().whole_site_file(wanted.kind)


def _emit(within: swap.Swapping, name: str, text: str | bytes) -> Written:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    changed = within.write(name, raw)
    return Written(digest(raw), changed, stat_list(os.stat(os.path.join(within.base, name))))


def _write_feeds(
    within: swap.Swapping,
    feeds: list[Output],
    keys: dict[str, Output],
    renderer: Callable[[], Renderer],
    entries: dict[str, bytes],
    files: dict[str, Written],
) -> dict[str, manifest.FeedIndex]:
    """Write each of ``feeds`` (its written file goes into ``files``) from its entries:
    ``entries`` holds those rendered now by their page's file, and those kept by their key
    (never the same names). Returns where each entry lies in each feed."""
    spans: dict[str, manifest.FeedIndex] = {}
    for stale in feeds:
        feed = keys[stale.file]  # with its entries' keys
        # Spliced as bytes: the entries kept are never decoded, nor encoded again.
        head, tail = (part.encode("utf-8") for part in renderer().feed_frame(feed.lang))
        parts = [entries.get(page.file) or entries[key] for page, key in feed.entries]
        files[feed.file] = _emit(within, feed.file, b"".join([head, *parts, tail]))
        spans[feed.file] = _spans(head, parts, feed)
    return spans


def entries_written(
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


def _spans(head: bytes, parts: Sequence[bytes], feed: Output) -> manifest.FeedIndex:
    """Where each entry (``parts``, after ``head``) of ``feed`` lies in its bytes."""
    spans: manifest.FeedIndex = []
    position = len(head)
    for (_, key), part in zip(feed.entries, parts, strict=True):
        end = position + len(part)
        spans.append([key, position, end])
        position = end
    return spans


def remove_gone(output: Path, last: manifest.Manifest, wanted: dict[str, Output]) -> int:
    """Remove the files the last build wrote that are not part of the site now (only
    those: never one it did not write); how many."""
    within = Within(output)
    removed = 0
    for name in sorted(last.outputs.keys() - wanted.keys()):
        path = within(name)
        if path.is_file():
            remove(path)
            removed += 1
            remove_empty_folders(output, path.parent)
    return removed


def record(
    output: Path, inputs: Snapshot, site: Planned, done: Done, last: manifest.Manifest
) -> manifest.Manifest:
    """Record the manifest of this build, which read ``inputs``, and return it: each file of
    ``site`` with its key, its digest and its ``stat``: of the files written (``done``), as
    writing them gave; of the others, as ``last`` recorded them, or as they are (those
    ``site.seen``, already looked at, are not looked at again)."""
    now = time.time_ns()
    seen, wanted = site.seen, site.keys()
    outputs: dict[str, OutputRecord] = {}
    for name, o in wanted.items():
        if name in done.files:
            made, _, stat = done.files[name]
            outputs[name] = OutputRecord(o.key, made, settled(stat, now))
        elif name in seen.intact:
            outputs[name] = last.outputs[name]
        elif name in last.outputs:
            outputs[name] = _as_found(output, name, o.key, last.outputs[name], seen, now)
        # else: there, but not the build's: left alone (stale.not_written_by_a_build)
    feeds = {
        name: index
        for name, index in manifest.read_feeds(output).items()
        if name in wanted and name not in done.files
    }
    recorded = manifest.Manifest(
        outputs=outputs,
        # A file left alone makes the next build look again (it may have been moved away).
        fingerprint="" if site.left_alone else inputs.fingerprint,
        inputs=inputs.inputs,
        problems=site.problems,
        pages=site.plan.page_count(),
        pseudo=len(site.plan.pseudo),
    )
    manifest.write_manifest(output, recorded)
    manifest.write_feeds(output, feeds | done.spans)
    return recorded


def _as_found(
    output: Path, name: str, key: str, last: OutputRecord, seen: Seen, now: int
) -> OutputRecord:
    """The record of a file this build did not write, as it is now."""
    path = os.path.join(output, name)
    stat = os.stat(path)
    if last.stat == stat_list(stat):
        return last
    if name in seen.hashed:
        # Its bytes were read once already; the stat from before that read is recorded, so
        # a change since then is seen next time.
        return OutputRecord(key, last.digest, stat_record(seen.hashed[name], now))
    with open(path, "rb") as stream:
        made = digest(stream.read())
    return OutputRecord(key, made, stat_record(stat, now))


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
