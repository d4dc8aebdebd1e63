"""Stage 2, translate: a draft for every original in every other site language.

First, drafts superseded by an original in their own language (an editor toggled ``lang``)
are removed or parked, and parked ones brought back where their original is again
(``superseded``). Then, for each original and each other site language without an original
of its own for that ``ref``, the stage decides from hashes alone (no Markdown parsed) what is
to do:

- no draft yet: write one (``content/<lang>/``, named by a slug of the translated title, or,
  while its title is ``pseudo`` text, by its original's name: the draft is renamed when a
  real engine or a person first translates its title);
- the original changed since the draft was made (its ``source_hash`` differs): update the
  draft, keeping the wording of every unchanged block; a ``reviewed`` draft with a changed
  block becomes ``outdated``;
- the draft changed since it was recorded (edited, or set to ``reviewed``): record it, and
  feed a reviewed draft's blocks into the memory; its file is left as the translator wrote it
  (only front matter copied from the original is brought up to date);
- the run's engine is not ``pseudo`` and the draft still holds ``pseudo`` text: translate
  those blocks (pseudo text is never a translation, and a draft holding it is never
  published);
- otherwise nothing: no file is read beyond what scanning the content read.

Each block's wording comes, in this order, from the draft's own reviewed or hand-edited
wording, a reviewed translation in the memory, the draft's own machine wording, a machine
translation in the memory, and only then from the engine. Each finished draft is saved at
once, with its record, and the engine's answers in it enter the memory then (those of a draft
not written are kept apart until it is: ``pending``); the memory and those answers are saved
as the run goes and when it ends, however it ends.
"""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.content.listing import DOCUMENT_SUFFIXES
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.scan_cache import ScanCache
from pipeline.content.tree import Content, scan
from pipeline.content.unsettled import unpaired
from pipeline.report import progress
from pipeline.state import cache
from pipeline.state.fingerprints import Snapshot
from pipeline.translate import record, wording
from pipeline.translate.plan_memo import Skipped
from pipeline.translate.record import BlockRecord
from pipeline.translate.registry import check_name
from pipeline.translate.report import TranslateReport
from pipeline.translate.segments import Block, document_blocks, memory_context
from pipeline.translate.shortcut import found_state
from pipeline.translate.superseded import settle
from pipeline.translate.tasks import Run, Task, plan
from pipeline.translate.writing import choose, mark_outdated, record_current, write


def translate(
    settings: Settings,
    translator: str | None = None,
    only: set[tuple[str, str]] | None = None,
) -> TranslateReport:
    """Write or update the drafts of every original (or only the drafts named in ``only``
    by ref and language); see the module's docstring."""
    name = translator or settings.translator
    check_name(name)
    report = TranslateReport(engine=name)
    state = found_state(settings, name)
    content = _scan(settings, state, only is None, report)
    report.problems += content.problems + unpaired(content)
    skipped = Skipped(settings, state)
    tasks = [t for t in plan(content, settings, report, skipped) if only is None or t.key in only]
    skipped.save()
    if not tasks:
        return report
    run = Run(settings, name, report)
    finished = False
    try:
        for task in progress("translate", tasks, len(tasks), after=0):
            _process(run, task)
            run.save_memories()
        finished = True
    finally:
        run.save_memories(force=True, finished=finished)
    return report


SCANNED = cache.FOLDER / "translate-scan.pickle"  # the stage's own scan cache
MEMO_WORTH = 100
"""Postings to read before the front matter memo is worth opening: opening it (1.5 MB at
1,000 postings) costs about what parsing a hundred front matters does."""


def _scan(settings: Settings, state: Snapshot, settling: bool, report: TranslateReport) -> Content:
    """The content: each file the stage's scan cache holds as the shortcut found it comes
    from there (``pipeline.content.scan_cache``), the others are read; superseded drafts
    settled first (``settling``). On the bench, one paragraph edited: 0.2 s of a 0.6 s
    translate, profiled, down to the cache's reading and writing (0.05 s)."""
    known = ScanCache.open(settings.root, state.fingerprint, state.inputs, file=SCANNED)
    top = settings.relative(settings.content_dir) + "/"
    postings = [n for n in state.inputs if n.endswith(DOCUMENT_SUFFIXES) and n.startswith(top)]
    unknown = sum(not known.fresh(name) for name in postings)
    memo = FrontMatterMemo.open(settings) if unknown >= MEMO_WORTH else None
    content = scan(settings, memo, known)
    if settling and settle(settings, content, report):
        content = scan(settings, memo, known)  # drafts were removed, parked or brought back
    known.save()
    if memo is not None:
        memo.save(keep_unused=unknown < len(postings))
    return content


def _process(run: Run, task: Task) -> None:
    settings, report = run.settings, run.report
    original, draft, target = task.original, task.draft, task.target
    source_lang = original.lang
    assert source_lang is not None and original.ref is not None
    memory = run.memory(source_lang, target)
    blocks, segmented = document_blocks(original, settings)
    own: list[BlockRecord] | None = None
    if draft is not None:
        own = _own_wording(task, blocks, settings)
        if own is None:
            report.problems.append(draft.problem(_UNALIGNED, warning=True))
        elif (draft.translation or {}).get("status") == "reviewed":
            for item in own:  # (pseudo text only as machine text: see the memory)
                context = memory_context(item.kind, item.source, segmented)
                memory.add_reviewed(item.source.strip(), item.target.strip(), context)
            report.problems += wording.pseudo_reviewed(draft, own, settings)
        else:
            for item in own:
                if item.origin in (record.ENGINE, record.MEMORY) and item.engine:
                    if run.replaces(item.target):
                        continue  # (pseudo text, which this run translates)
                    context = memory_context(item.kind, item.source, segmented)
                    source, target = item.source.strip(), item.target.strip()
                    memory.add_machine(source, target, item.engine, context)
    if task.current and not any(run.replaces(item.target) for item in own or []):
        record_current(run, task, own, segmented)
    elif draft is not None and own is None:
        mark_outdated(run, task)
    else:
        chosen = choose(run, task, blocks, segmented, own, memory)
        if chosen is None:
            report.pending += 1
            reason = run.runner(source_lang, target).unavailable
            report.problems.append(
                original.problem(f"not translated to '{target}' yet ({reason})", warning=True)
            )
        else:
            write(run, task, blocks, segmented, chosen)


_UNALIGNED = (
    "its blocks do not line up with its original's (a paragraph, heading or list item added "
    "or removed, or no record of the original it was made from): its wording is left as it "
    "is and not added to the memory; bring it in line with the original by hand, or delete "
    "it to get a new draft"
)


def _own_wording(task: Task, blocks: list[Block], settings: Settings) -> list[BlockRecord] | None:
    """The existing draft's wording, matched to the blocks of the original it was made
    from: the original as it is (for a current draft) or as the record remembers it."""
    draft, recorded = task.draft, task.recorded
    assert draft is not None
    translation = draft.translation or {}
    if recorded is not None and recorded.source_hash != translation.get("source_hash"):
        recorded = task.recorded = None  # recorded for another version of the original
    if task.current:
        base = [(b.key, b.kind, b.text) for b in blocks]
    elif recorded is not None:
        base = [(b.key, b.kind, b.source) for b in recorded.blocks]
    else:
        return None
    draft_blocks, task.draft_body = document_blocks(draft, settings)
    return wording.existing(
        draft_blocks,
        base,
        str(translation.get("status")),
        translation.get("engine"),
        recorded,
    )
