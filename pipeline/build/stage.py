"""Stage 4, build: the bilingual static site. ``build`` reads as its steps:

1. read what the last build into the output folder recorded (``pipeline.state.manifest``) and
   what there is to read now, told by the ``stat`` of every content file (``read_state``):
   when they are the same, and the files of the site are as that build left them, there is
   nothing to do;
2. plan (``plan``): which pages exist, their URLs and hreflang sets (``pipeline.build.plan``,
   pure, from the content scanned; a file as the last build read it comes from
   ``pipeline.content.scan_cache``, unread); or reuse the last build's plan
   (``pipeline.build.plan_cache``), when only documents' bodies changed since, or when a build
   into an empty folder finds the content it was made of; and find what is stale
   (``pipeline.build.stale``): every file of the site is keyed by what it is made of
   (``pipeline.build.keys``), and the files whose key is the one recorded, still as that build
   left them, are kept (with no manifest, or ``--full``, every file is rendered: the keys are
   made while the workers render, and the plan cache with them);
3. render the stale files and write each where it is rendered (``pipeline.build.write``):
   document pages over the cores when there are enough of them (``pipeline.build.workers``),
   or in the standby process; a feed keeps the entries that did not change;
4. remove the files the last build wrote that are no longer part of the site (only those);
5. record the new manifest.

``build(..., full=True)`` (``pipeline build --full``) renders and compares every file,
whatever the manifest says. Either way the output is the same, byte for byte.

Around the steps, the devices that make a build fast, each measured (docs/benchmarks.md):
the standby process (``_standby``), the collector paused (``_collector_paused``), the kept
plan and its lazily made pages (``plan_cache``), the forked workers (``workers``).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.build import workers
from pipeline.build.folder import clear_interrupted, marked_while_writing, output_folder
from pipeline.build.stale import (
    Planned,
    not_written_by_a_build,
    nothing_changed,
    nothing_seen,
    stale_files,
)
from pipeline.config import Settings
from pipeline.content.listing import DOCUMENT_SUFFIXES
from pipeline.content.tree import Content, scan
from pipeline.report import Report
from pipeline.state import manifest
from pipeline.state.fingerprints import Snapshot, fingerprint, tree_state
from pipeline.translate.record import records_folder

if TYPE_CHECKING:
    from pipeline.build.keys import Output
    from pipeline.build.plan import SitePlan
    from pipeline.build.render import Renderer
    from pipeline.build.static import StaticFile
    from pipeline.build.write import DocumentJob, Made, Standby
    from pipeline.content.parse_cache import FrontMatterMemo
    from pipeline.content.scan_cache import ScanCache
    from pipeline.errors import Problem

__all__ = ["BuildReport", "Built", "build"]


class Built(NamedTuple):
    """The plan a build made or took, and what it was made of: for the check of the same
    run (``pipeline all``), which would plan the same site from the same content."""

    settings: Settings
    inputs: dict[str, Any]  # (``read_state``'s)
    plan: SitePlan

    def fits(self, settings: Settings) -> bool:
        """Whether the plan is the one ``plan_site`` makes now with ``settings``: of the
        same settings, and nothing it is made of changed since (as ``tree_state`` sees it:
        within ``scans_shared``, what this process wrote)."""
        return settings == self.settings and input_state(settings) == self.inputs


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
    planned: Built | None = field(default=None, repr=False, compare=False)

    def summary(self) -> str:
        """``build: 11 files (7 pages) in public/: 3 rendered, 2 written, 0 removed``
        (a rendered file is written only if its text changed)."""
        return (
            f"build: {self.files} files ({self.pages} pages) in {self.output}/: "
            f"{self.rendered} rendered, {self.written} written, {self.removed} removed"
        )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the time of a build (``build`` is wrapped in it,
    so that what the build made is freed before the collector is on again). A build makes
    hundreds of thousands of objects that live until it ends (documents, pages, keys), and
    every full collection walks all of them again: at 10,000 pairs, a tenth of a full
    build's time (docs/benchmarks.md). What a build frees, reference counting frees; it
    makes no garbage cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def build(
    settings: Settings, out: Path | None = None, full: bool = False, force: bool = False
) -> BuildReport:
    """Build the site into ``out`` (default: the ``output`` setting); only the files whose
    inputs changed since the last build are rendered, unless ``full``. ``force``: into a folder
    of files no build wrote, or git tracks, all the same (``output_folder``,
    ``manifest.refuse_tracked``)."""
    output = output_folder(settings, out, force)
    with _standby(settings, output, full) as standby:
        clear_interrupted(settings, output)
        last = manifest.read_manifest(output)
        inputs = read_state(settings)
        if not full and nothing_changed(output, inputs, last):
            return _report(settings, output, last, len(last.outputs))
        if not force:
            manifest.refuse_tracked(output, last, settings.relative(output))
        from pipeline.build import write  # (what a build with something to do needs)

        with marked_while_writing(settings, output) as attempt:
            site = attempt.site = plan(settings, output, inputs, last, full)
            done = write.write_stale(settings, site, output, last, standby)
            removed = write.remove_gone(output, last, site.keys())
            recorded = write.record(output, inputs, site, done, last)
    report = _report(settings, output, recorded, len(site.keys()))
    report.rendered, report.written, report.removed = done.rendered, done.written, removed
    report.planned = Built(settings, inputs.inputs, site.plan)
    return report


def plan(
    settings: Settings, output: Path, inputs: Snapshot, last: manifest.Manifest, full: bool
) -> Planned:
    """The site planned, and what of it is stale. The plan is the last build's (from the
    plan cache) when only documents' bodies changed since and what is stale is their pages
    and the feeds, or when the build is into an empty folder and the content is the one it
    was made of; else it is made from the content scanned."""
    from pipeline.content.parse_cache import FrontMatterMemo, stop_sharing

    # One memo for the run: what reusing the plan parsed is not parsed again by the scan.
    open_memo = functools.cache(lambda: FrontMatterMemo.open(settings))
    site = None
    if not full and last.outputs:
        site = _edited(settings, output, inputs, last, open_memo)
    if site is None:
        content, known = _scan(settings, inputs, full, open_memo)
        open_memo.cache_clear()  # (the memo, let go before the plan is made)
        stop_sharing()  # (and what ingest and translate parsed, in ``pipeline all``)
        if not full and not last.outputs:
            site = _kept(settings, inputs, content, known, open_memo)
        if site is None:
            site = _plan_afresh(settings, inputs, content, known)
            if full or not last.outputs:
                # Every file is rendered, whatever its key: the workers start on the plan
                # alone, and this process makes the keys and the plan cache while they render.
                from pipeline.build.keys import unkeyed

                site = site._replace(stale=list(unkeyed(site.plan).values()))
            else:
                site = site._replace(
                    stale=stale_files(output, site.keys().values(), last, site.seen)
                )
    # A file there that no build wrote is never replaced; the build says so.
    stale, foreign = not_written_by_a_build(settings, output, site.stale, last)
    return site._replace(stale=stale, problems=site.problems + foreign, left_alone=bool(foreign))


def _edited(
    settings: Settings,
    output: Path,
    inputs: Snapshot,
    last: manifest.Manifest,
    open_memo: Callable[[], FrontMatterMemo],
) -> Planned | None:
    """The last build's plan, if only documents' bodies changed since it was made and what is
    stale is only their pages and the feeds (``pipeline.build.plan_cache``); else None."""
    from pipeline.build import plan_cache, write

    reused = plan_cache.reuse(settings, inputs.fingerprint, inputs.inputs, open_memo)
    if reused is None:
        return None
    wanted = reused.wanted
    seen = nothing_seen()
    stale = stale_files(output, wanted.values(), last, seen)
    if any(o.file not in reused.edited for o in stale):
        return None  # a file changed by hand, or missing: the build plans the site
    feeds = [o for o in stale if o.kind == "feed"]
    if feeds:
        old_entries = write.entries_written(output, feeds, last)
        for feed in feeds:
            for page, key in feed.entries:
                if key not in old_entries and page.doc is None:
                    return None  # an entry the feed written lacks: the build plans the site
    return Planned(reused.plan, lambda: wanted, stale, reused.problems, seen, reused=True)


def _scan(
    settings: Settings, inputs: Snapshot, full: bool, open_memo: Callable[[], FrontMatterMemo]
) -> tuple[Content, ScanCache]:
    """The content, scanned: each file the scan cache holds as it is comes from there; the
    others are read (their front matter from the memo ``open_memo()`` if it has it). The
    documents' bodies are let go: the pages to render read them again
    (``Renderer.read_bodies``), so the build never holds every body at once."""
    from pipeline.content.scan_cache import ScanCache

    known = ScanCache.open(settings.root, inputs.fingerprint, inputs.inputs, trust=not full)
    # The front matter memo is for the postings the scan cache does not hold as they are.
    top = settings.relative(settings.content_dir) + "/"
    postings = [n for n in inputs.inputs if n.endswith(DOCUMENT_SUFFIXES) and n.startswith(top)]
    unknown = sum(not known.fresh(name) for name in postings)
    memo = open_memo() if unknown else None
    content = scan(settings, memo, known)
    # What the files are made of is known now (known.digests).
    for doc in content.documents:
        doc.body = ""
    if unknown:  # (a posting the scan cache held was not read)
        workers.return_freed_memory()
    known.save()
    if memo is not None:
        memo.save(keep_unused=unknown < len(postings))
    return content, known


def _kept(
    settings: Settings,
    inputs: Snapshot,
    content: Content,
    known: ScanCache,
    open_memo: Callable[[], FrontMatterMemo],
) -> Planned | None:
    """For a build into an empty folder, from the very content the last plan was made of:
    that plan and its keys, every page with its document from the scan; else None. (After
    an edit the plan is made again: the scan reads the edited files anyway.)"""
    from pipeline.build import plan_cache

    kept = plan_cache.reuse(
        settings,
        inputs.fingerprint,
        inputs.inputs,
        open_memo,
        reread=0,
        documents=content.documents,
    )
    if kept is None:
        return None
    known.signatures = {}  # (for the plan cache, which is kept as it is)
    wanted = kept.wanted
    stale = list(wanted.values())
    return Planned(kept.plan, lambda: wanted, stale, kept.problems, nothing_seen(), reused=True)


def _plan_afresh(
    settings: Settings, inputs: Snapshot, content: Content, known: ScanCache
) -> Planned:
    """The site planned from ``content`` (``pipeline.build.plan``); its keys are made when
    first asked for, and the plan cache is kept then, whatever comes of this build (the
    next compares its keys with the manifest of the build that did finish)."""
    from pipeline.build import left_out, plan_cache, static
    from pipeline.build.keys import planned
    from pipeline.build.plan import plan_site

    statics, links = static.listed(settings, inputs.inputs)
    site_plan = plan_site(settings, content, statics)
    problems = content.problems + links + site_plan.problems
    _as_listed(site_plan, statics, links)  # (the plan's own, as check plans it)

    views = left_out.views(content.documents, site_plan.pseudo)

    def keyed() -> dict[str, Output]:
        records: dict[str, str] = {}
        wanted = planned(site_plan, inputs.fingerprint, known.digests, records)
        plan_cache.remember(
            settings.root, inputs.fingerprint, inputs.inputs, site_plan, records, known, wanted,
            problems, views,
        )  # fmt: skip
        known.signatures = {}
        return wanted

    return Planned(site_plan, functools.cache(keyed), [], problems, nothing_seen())


def _as_listed(plan: SitePlan, statics: dict[str, StaticFile], links: list[Problem]) -> None:
    """Give ``plan``, planned with the files ``statics`` of ``static/`` given, the problems
    ``plan_site`` gives it when it lists them itself: the symbolic links left out (``links``)
    come before the files refused (one problem each, the last)."""
    cut = len(plan.problems) - (len(statics) - len(plan.statics))
    plan.problems[cut:cut] = links


def read_state(settings: Settings) -> Snapshot:
    """What a build reads, told without parsing: the fingerprint, and the ``stat`` of every
    file and folder under ``content/``, of the drafts' records (a racy one as None, see
    ``fingerprints.tree_state``), which tell which drafts hold ``pseudo`` text (never
    published), and under ``static/`` (copied as they are). A record or a static file is not
    a document: when one changed, the build plans the site again."""
    return Snapshot(fingerprint(settings, manifest.FORMAT), input_state(settings))


def input_state(settings: Settings) -> dict[str, Any]:
    """The ``stat`` records of what a build reads (``read_state``)."""
    now = time.time_ns()
    inputs = tree_state(settings, settings.content_dir, now)
    inputs.update(tree_state(settings, records_folder(settings), now))
    inputs.update(tree_state(settings, settings.static_dir, now))
    return inputs


def _report(
    settings: Settings, output: Path, recorded: manifest.Manifest, files: int
) -> BuildReport:
    """The report of a build that recorded (or found, unchanged) ``recorded``."""
    pseudo = recorded.pseudo
    report = BuildReport(
        problems=list(recorded.problems), files=files, pages=recorded.pages, pseudo=pseudo
    )
    report.output = settings.relative(output)
    if pseudo:
        drafts = "draft" if pseudo == 1 else "drafts"
        report.done.append(
            f"build: {pseudo} pseudo {drafts} left out (pseudo text is never published; "
            "translate with a real engine)"
        )
    return report


@contextlib.contextmanager
def _standby(settings: Settings, output: Path, full: bool) -> Iterator[Standby | None]:
    """A process that makes a renderer of documents ready while this one finds out what to
    render, for a build into a folder built before (not ``--full``; where processes are
    forked): the pages of an edit are then rendered by a process that has its templates
    compiled by the time it is told which. It starts before the build knows whether
    anything changed, and is stopped if nothing did: a no-op build takes a few
    milliseconds longer, an edit build a fifth less time (docs/benchmarks.md)."""
    wanted = not full and manifest.recorded(output)
    standby = (
        workers.Standby.start(functools.partial(_ready, settings), _render) if wanted else None
    )
    try:
        yield standby
    finally:
        if standby is not None:
            standby.stop()


def _ready(settings: Settings) -> Renderer:  # pragma: no cover - in the standby process
    from pipeline.build.write import ready_renderer

    return ready_renderer(settings)


def _render(renderer: Renderer, job: DocumentJob) -> list[Made]:  # pragma: no cover - ditto
    from pipeline.build.write import render_documents

    return render_documents(renderer, job)
