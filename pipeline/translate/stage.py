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
once, with its record; the memory is saved as the run goes and when it ends, however it ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.document import Document
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.tree import PSEUDO, Content, is_pseudo, scan, source_hash
from pipeline.errors import OutputError, Problem
from pipeline.translate import record, runner, terminology, wording
from pipeline.translate.answers import ask
from pipeline.translate.drafts import (
    current_metadata,
    draft_metadata,
    key_line,
    new_path,
    same_value,
    under_content,
)
from pipeline.translate.engines import Engine, looks_pseudo
from pipeline.translate.masking import Masked, mask
from pipeline.translate.memory import Entry, Memory, load, memory_path
from pipeline.translate.quality import Pair
from pipeline.translate.record import BlockRecord, DraftRecord
from pipeline.translate.registry import check_name, make_engine
from pipeline.translate.report import TranslateReport
from pipeline.translate.runner import Runner
from pipeline.translate.segments import (
    FRONT_MATTER,
    Block,
    Segmented,
    check,
    document_blocks,
    maskers_for,
    memory_context,
    render_with_lines,
    skeleton_hash,
)
from pipeline.translate.superseded import settle

MEMORY_SAVE_SECONDS = 2.0  # the memory is saved at least this often while a run goes on


@dataclass
class Task:
    """One draft to write, update or record."""

    original: Document
    target: str
    draft: Document | None
    recorded: DraftRecord | None
    current: bool  # the draft was made from the original as it is now
    draft_body: Segmented | None = None  # the draft's body, once read
    provisional: bool = False  # its file name is still its original's (record.provisional)

    @property
    def key(self) -> tuple[str, str]:
        """The draft's ref and language."""
        return str(self.original.ref), self.target


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
    memo = FrontMatterMemo.open(settings)
    content = scan(settings, memo)
    if only is None and settle(settings, content, report):
        content = scan(settings, memo)  # drafts were removed, parked or brought back
    memo.save()
    report.problems += content.problems
    tasks = [t for t in plan(content, settings, report) if only is None or t.key in only]
    if not tasks:
        return report
    run = _Run(settings, name, report)
    try:
        for number, task in enumerate(tasks, start=1):
            _progress(number, len(tasks))
            _process(run, task)
            run.save_memories()
    finally:
        run.save_memories(force=True)
        _progress(0, 0)
    return report


def plan(content: Content, settings: Settings, report: TranslateReport) -> Iterator[Task]:
    """The tasks a run has, decided from hashes, front matter and records only."""
    broken = {p.path for p in content.problems if not p.warning}
    unreadable = broken - {d.shown for d in content.documents}
    blocked = {path.split("/")[1] for path in unreadable if path.count("/") >= 2}
    versions = content.versions()
    remembered: dict[tuple[str, str], bool] = {}
    for original in sorted(content.originals(), key=lambda d: d.shown):
        ref, lang = original.ref, content.folder_lang(original)
        if not ref or original.shown in broken or original.lang != lang:
            continue
        digest = source_hash(original, content.settings)
        for target in settings.languages:
            docs = versions[ref].get(target, []) if target != lang else None
            if docs is None or any(d.is_original or d.shown in broken for d in docs):
                continue  # an original of its own there, or a draft to fix first
            draft = docs[0] if docs else None
            if draft is None and target in blocked:
                report.problems.append(
                    original.problem(
                        f"no '{target}' draft made: content/{target}/ has unreadable files, "
                        "one of which may be its draft",
                        warning=True,
                    )
                )
                continue
            translation = (draft.translation or {}) if draft else {}
            current = (
                draft is not None
                and translation.get("source_hash") == digest
                and translation.get("from") == lang
            )
            recorded = record.load(settings, target, ref) if draft else None
            if (lang, target) not in remembered:
                remembered[lang, target] = memory_path(settings, lang, target).is_file()
            if (
                current
                and remembered[lang, target]  # (a deleted memory is rebuilt from the drafts)
                and _up_to_date(original, draft, recorded, digest, settings)
                and not (report.engine != PSEUDO and _holds_pseudo(draft, recorded, settings))
            ):
                continue
            provisional = recorded is not None and recorded.provisional
            yield Task(original, target, draft, recorded, current, provisional=provisional)


def _holds_pseudo(draft: Document | None, recorded: DraftRecord | None, settings: Settings) -> bool:
    """Whether a draft holds ``pseudo`` text, as it and its record tell."""
    blocks = [b.target for b in recorded.blocks] if recorded is not None else None
    return draft is not None and is_pseudo(draft, settings, blocks)


def _up_to_date(
    original: Document,
    draft: Document | None,
    recorded: DraftRecord | None,
    digest: str,
    settings: Settings,
) -> bool:
    assert draft is not None
    return (
        recorded is not None
        and recorded.source_hash == digest
        and recorded.draft_hash == source_hash(draft, settings)
        and recorded.status == (draft.translation or {}).get("status")
        and recorded.draft == under_content(draft, settings)
        and same_value(current_metadata(original, draft, settings), draft.metadata)
    )


class _Run:
    """What a run shares across tasks: the memories, the engine and its runners."""

    def __init__(self, settings: Settings, engine: str, report: TranslateReport) -> None:
        self.settings = settings
        self.engine_name = engine
        self.report = report
        self.memories: dict[tuple[str, str], Memory] = {}
        self.runners: dict[tuple[str, str], Runner] = {}
        self.engine: Engine | None = None
        self.saved_at = runner.clock()
        self.glossary = terminology.load(settings)
        report.problems += self.glossary.problems

    def replaces(self, wording: str) -> bool:
        """Whether this run translates a block anew rather than keep this wording (the
        draft's own, or the memory's): ``pseudo`` text (``looks_pseudo``), when the run's
        engine is a real one. Pseudo text is never a translation, whoever left it there."""
        return self.engine_name != PSEUDO and looks_pseudo(wording)

    def memory(self, source: str, target: str) -> Memory:
        if (source, target) not in self.memories:
            path = memory_path(self.settings, source, target)
            self.memories[source, target] = load(path, source, target, self.settings.relative(path))
        return self.memories[source, target]

    def runner(self, source: str, target: str) -> Runner:
        if self.engine is None:
            self.engine = make_engine(self.engine_name, self.settings)
        if (source, target) not in self.runners:
            self.runners[source, target] = Runner(self.engine, self.settings, source, target)
        return self.runners[source, target]

    def save_memories(self, force: bool = False) -> None:
        if force or runner.clock() - self.saved_at >= MEMORY_SAVE_SECONDS:
            for memory in self.memories.values():
                memory.save()
            self.saved_at = runner.clock()
        self.report.characters = sum(r.characters for r in self.runners.values())
        self.report.remembered = sum(m.added for m in self.memories.values())


def _process(run: _Run, task: Task) -> None:
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
        _record_current(run, task, own, segmented)
    elif draft is not None and own is None:
        _mark_outdated(run, task)
    else:
        chosen = _choose(run, task, blocks, segmented, own, memory)
        if chosen is None:
            report.pending += 1
            reason = run.runner(source_lang, target).unavailable
            report.problems.append(
                original.problem(f"not translated to '{target}' yet ({reason})", warning=True)
            )
        else:
            _write(run, task, blocks, segmented, chosen)


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


def _record_current(
    run: _Run, task: Task, own: list[BlockRecord] | None, segmented: Segmented
) -> None:
    """A current draft: bring copied front matter up to date, and record its blocks."""
    settings, report = run.settings, run.report
    original, draft = task.original, task.draft
    assert draft is not None and original.ref is not None
    metadata = current_metadata(original, draft, settings)
    if not same_value(metadata, draft.metadata):
        updated = Document(draft.path, metadata, draft.body, draft.shown)
        if _save(updated, report):
            report.refreshed += 1
            report.done.append(f"refreshed {draft.shown} (front matter of {original.shown})")
        draft = updated
    if own is None:
        return  # not recorded: the warning comes again until the draft lines up
    placed = _place(run, task, draft, draft.metadata)
    if placed is None:
        return
    path, provisional = placed
    moved = Document(path, draft.metadata, draft.body, settings.relative(path))
    status = str((moved.translation or {}).get("status"))
    if _save_record(run, task, moved, status, own, segmented, provisional):
        report.recorded += 1


def _save_record(
    run: _Run,
    task: Task,
    draft: Document,
    status: str,
    blocks: list[BlockRecord],
    segmented: Segmented,
    provisional: bool,
) -> bool:
    settings = run.settings
    assert task.original.ref is not None
    recorded = DraftRecord(
        under_content(draft, settings),
        under_content(task.original, settings),
        source_hash(task.original, settings),
        source_hash(draft, settings),
        status,
        blocks,
        skeleton_hash(segmented),
        provisional,
    )
    try:
        return record.save(settings, task.target, task.original.ref, recorded)
    except OutputError as error:
        run.report.problems.append(error.as_problem())
        return False


@dataclass
class _Choice:
    """The wording chosen for one block of a draft; ``fresh`` if the engine made it now."""

    target: str
    origin: str
    engine: str | None = None
    problem: str | None = None
    previous: dict[str, str] | None = None
    fresh: bool = False


def _choose(
    run: _Run,
    task: Task,
    blocks: list[Block],
    segmented: Segmented,
    own: list[BlockRecord] | None,
    memory: Memory,
) -> list[_Choice] | None:
    """The wording of each block (None: the engine was needed and is unavailable)."""
    same, replaced = wording.align(own or [], blocks)
    chosen: dict[int, _Choice] = {}
    waiting: dict[int, Masked] = {}
    for index, block in enumerate(blocks):
        mine = same.get(index)
        previous = mine.previous if mine else _previous(replaced.get(index))
        entry = _remembered(memory, block, segmented)
        if mine is not None and run.replaces(mine.target):
            mine = None
        if entry is not None and run.replaces(entry.target):
            entry = None
        if mine and mine.origin in (record.REVIEWED, record.HAND):
            chosen[index] = _Choice(mine.target, mine.origin, previous=previous)
        elif entry and entry.reviewed:
            target = _wrap(block.text, entry.target)
            chosen[index] = _Choice(target, record.REVIEWED, previous=previous)
        elif mine:
            chosen[index] = _Choice(mine.target, mine.origin, mine.engine, mine.problem, previous)
        elif entry:
            target = _wrap(block.text, entry.target)
            chosen[index] = _Choice(target, record.MEMORY, entry.engine, previous=previous)
        else:
            maskers = maskers_for(block, segmented) + terminology.name_maskers(
                run.glossary, str(task.original.lang)
            )
            masked = mask(block.text, maskers, block.kind != FRONT_MATTER)
            if masked.needs_engine:
                waiting[index] = masked
            else:
                chosen[index] = _Choice(block.text, record.COPIED, previous=previous)
    if waiting:
        asking = run.runner(str(task.original.lang), task.target)
        answers = ask(asking, run.engine_name, blocks, waiting, segmented, memory)
        if answers is None:
            return None
        for index, (answer, problem) in answers.items():
            previous = _previous(replaced.get(index))
            origin = record.ENGINE if problem is None else record.KEPT
            chosen[index] = _Choice(answer, origin, run.engine_name, problem, previous, True)
    return [chosen[index] for index in range(len(blocks))]


def _remembered(memory: Memory, block: Block, segmented: Segmented) -> Entry | None:
    """The memory's translation of ``block``, if one was made for a block that masks alike
    (the same reference labels defined) and it has the block's Markdown in this document:
    an entry made for one document never gives another a link, code or HTML of its own."""
    entry = memory.get(block.text.strip(), memory_context(block.kind, block.text, segmented))
    if entry is None or check(block, _wrap(block.text, entry.target), segmented.references):
        return None
    return entry


def _previous(before: BlockRecord | None) -> dict[str, str] | None:
    """What a changed block was when last reviewed (for the reviewer of an outdated draft)."""
    if before is None:
        return None
    if before.origin == record.REVIEWED:
        return {"source": before.source, "target": before.target}
    return before.previous


def _wrap(source: str, target: str) -> str:
    """A remembered (stripped) translation with the source block's outer whitespace."""
    core = source.strip()
    start = source.find(core) if core else 0
    return source[:start] + target + source[start + len(core) :]


def _mark_outdated(run: _Run, task: Task) -> None:
    """A draft whose wording cannot be matched to its changed original: its body is left as
    the translator wrote it, and it is marked ``outdated`` for a person to bring up to date."""
    original, draft = task.original, task.draft
    assert draft is not None and draft.lang is not None
    translation = dict(draft.translation or {})
    translation.update(
        {
            "from": original.lang,
            "source": under_content(original, run.settings),
            "source_hash": source_hash(original, run.settings),
            "status": "outdated",
        }
    )
    metadata = draft_metadata(
        original, draft.lang, draft, draft.metadata, run.settings, translation
    )
    if _save(Document(draft.path, metadata, draft.body, draft.shown), run.report):
        run.report.updated += 1
        run.report.done.append(f"marked {draft.shown} outdated (its original changed)")


def _write(
    run: _Run, task: Task, blocks: list[Block], segmented: Segmented, chosen: list[_Choice]
) -> None:
    settings, report = run.settings, run.report
    original, draft, target = task.original, task.draft, task.target
    old = (draft.translation or {}) if draft else {}
    if old.get("status") in ("reviewed", "outdated"):
        read = all(c.origin in (record.REVIEWED, record.COPIED) for c in chosen)
        status = "reviewed" if read else "outdated"
    else:
        status = "machine"
    if any(c.fresh for c in chosen):
        engine = run.engine_name
    else:
        engine = str(old.get("engine") or next((c.engine for c in chosen if c.engine), "memory"))
    pairs = list(zip(blocks, chosen, strict=True))
    values = {b.key: c.target for b, c in pairs if b.kind == FRONT_MATTER}
    # Where only block texts changed in the original, the draft is rewritten in place: its
    # own blank lines and markup stay, and a reviewer's diff shows the changed blocks alone.
    skeleton = segmented
    if (
        task.draft_body is not None
        and task.recorded is not None
        and task.recorded.skeleton == skeleton_hash(segmented)
        and len(task.draft_body.blocks) == len(segmented.blocks)
    ):
        skeleton = task.draft_body
    body, lines = render_with_lines(
        skeleton, [c.target for b, c in pairs if b.kind != FRONT_MATTER]
    )
    translation = {
        "from": original.lang,
        "source": under_content(original, settings),
        "source_hash": source_hash(original, settings),
        "status": status,
        "engine": engine,
    }
    metadata = draft_metadata(original, target, draft, values, settings, translation)
    placed = _place(run, task, draft, values)
    if placed is None:
        return
    path, provisional = placed
    new = Document(path, metadata, body, settings.relative(path))
    if not _save(new, report):
        return
    report.from_engine += sum(1 for c in chosen if c.fresh and c.origin == record.ENGINE)
    report.kept += sum(1 for c in chosen if c.fresh and c.origin == record.KEPT)
    report.from_memory += sum(1 for c in chosen if not c.fresh and c.origin != record.COPIED)
    if draft is None:
        report.created += 1
    else:
        report.updated += 1
    verb = "drafted" if draft is None else "updated"
    report.done.append(f"{verb} {new.shown} from {original.shown} ({status})")
    report.problems += _flags(run, new, body, lines, pairs, str(original.lang), segmented)
    records = [
        BlockRecord(b.key, b.kind, b.text, c.target, c.origin, c.engine, c.problem, c.previous)
        for b, c in pairs
    ]
    _save_record(run, task, new, status, records, segmented, provisional)


def _place(
    run: _Run, task: Task, draft: Document | None, values: dict[str, Any]
) -> tuple[Path, bool] | None:
    """Where the draft is saved (``values`` holds its translated title), and whether that
    name is provisional; an existing ``draft`` is moved there if it is elsewhere. None if
    it cannot be (the problem reported).

    A new draft is named by a slug of its title, or of its original's name while its title
    is ``pseudo`` text (which folds back to the original's words; the draft is never
    published): that name is provisional, and the draft is renamed once, when a real engine
    or a person first translates its title. Any other draft keeps its name."""
    title = values.get("title")
    pseudo = isinstance(title, str) and looks_pseudo(title)
    if draft is not None and (pseudo or not task.provisional):
        return draft.path, task.provisional
    current = draft.path if draft is not None else None
    try:
        path = new_path(
            task.original, task.target, None if pseudo else title, run.settings, current
        )
    except OutputError as error:
        run.report.problems.append(error.as_problem())
        return None
    if draft is not None and draft.path != path:
        shown = run.settings.relative(path)
        try:
            os.rename(draft.path, path)  # (new_path found no file there)
        except OSError as error:
            run.report.problems.append(draft.problem(f"not renamed to {shown}: {error.strerror}"))
            return None
        run.report.done.append(f"renamed {draft.shown} to {shown} (its title is translated now)")
    return path, pseudo


def _flags(
    run: _Run,
    doc: Document,
    body: str,
    lines: list[int],
    pairs: list[tuple[Block, _Choice]],
    lang: str,
    segmented: Segmented,
) -> list[Problem]:
    """A warning for each block the engine just translated that the reviewer must look at,
    at its line in the draft: kept in the source language, or breaking the glossary."""
    text = document.dumps(doc)
    head = text[: len(text) - len(body)].count("\n")
    body_lines = iter(lines)
    context = {terminology.NAME: run.glossary}
    found = []
    for block, choice in pairs:
        body_line = None if block.kind == FRONT_MATTER else head + next(body_lines)
        line = body_line or key_line(text, block.key)
        if choice.fresh and choice.origin == record.KEPT:
            message = f"{block.kind} kept in '{lang}': {choice.problem}"
            found.append(Problem(doc.shown, line, message, warning=True))
        elif choice.fresh and choice.origin == record.ENGINE:
            pair = Pair(block, choice.target, lang, str(doc.lang), segmented.references, context)
            broken = terminology.glossary_followed(pair)
            if broken:
                what = f"'{block.key}'" if block.kind == FRONT_MATTER else block.kind
                message = f"{what} breaks the glossary: {broken}"
                found.append(Problem(doc.shown, line, message, warning=True))
    return found


def _save(doc: Document, report: TranslateReport) -> bool:
    try:
        document.save(doc)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return False
    return True


def _progress(done: int, total: int) -> None:
    """A progress line on a terminal (never in logs or pipes)."""
    if not sys.stderr.isatty():
        return
    if total == 0:
        sys.stderr.write("\r\033[K")
    else:
        filled = round(20 * done / total)
        sys.stderr.write(f"\rtranslate [{'#' * filled}{'.' * (20 - filled)}] {done}/{total}")
    sys.stderr.flush()
