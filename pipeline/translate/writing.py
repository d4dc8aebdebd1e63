"""A task's draft, written: each block's wording chosen, the file saved with its record.

``choose`` takes each block's wording from, in this order, the draft's own reviewed or
hand-edited wording, a reviewed translation in the memory, the draft's own machine wording,
a machine translation in the memory, and only then the engine; ``write`` saves the draft
(named by ``_place``) with its record and warns of what the reviewer must look at (``_flags``).
A draft made from the original as it is now is only recorded (``record_current``); one whose
blocks cannot be matched to its changed original is marked ``outdated`` (``mark_outdated``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.content import edit
from pipeline.content.document import Document, same_value
from pipeline.content.tree import source_hash
from pipeline.errors import OutputError, Problem
from pipeline.files import move
from pipeline.translate import record, terminology, wording
from pipeline.translate.answers import ask
from pipeline.translate.drafts import (
    current_metadata,
    draft_metadata,
    key_line,
    new_path,
    under_content,
)
from pipeline.translate.engines import looks_pseudo
from pipeline.translate.masking import Masked, mask
from pipeline.translate.memory import Entry, Memory
from pipeline.translate.quality import Pair
from pipeline.translate.record import BlockRecord, DraftRecord
from pipeline.translate.report import TranslateReport
from pipeline.translate.segments import (
    FRONT_MATTER,
    Block,
    Segmented,
    check,
    maskers_for,
    memory_context,
    render_with_lines,
    skeleton_hash,
)
from pipeline.translate.tasks import Run, Task


def record_current(
    run: Run, task: Task, own: list[BlockRecord] | None, segmented: Segmented
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
    moved = Document(placed.path, draft.metadata, draft.body, settings.relative(placed.path))
    status = str((moved.translation or {}).get("status"))
    if _save_record(run, task, moved, status, own, segmented, placed.provisional):
        report.recorded += 1


def _save_record(
    run: Run,
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
    asked: str | None = None  # the masked text the engine answered (``fresh``)


def choose(
    run: Run,
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
        answers = ask(asking, run.engine_name, blocks, waiting, segmented, run.pending)
        if answers is None:
            return None
        for index, (answer, problem) in answers.items():
            previous = _previous(replaced.get(index))
            origin = record.ENGINE if problem is None else record.KEPT
            asked = waiting[index].text
            chosen[index] = _Choice(answer, origin, run.engine_name, problem, previous, True, asked)
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


def mark_outdated(run: Run, task: Task) -> None:
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


def write(
    run: Run, task: Task, blocks: list[Block], segmented: Segmented, chosen: list[_Choice]
) -> None:
    """Save the draft of ``task`` with the ``chosen`` wording of each of its ``blocks``, and
    its record; say what the reviewer must look at."""
    settings, report = run.settings, run.report
    original, draft = task.original, task.draft
    status, engine = _status(task, chosen, run.engine_name)
    pairs = list(zip(blocks, chosen, strict=True))
    values = {b.key: c.target for b, c in pairs if b.kind == FRONT_MATTER}
    texts = [c.target for b, c in pairs if b.kind != FRONT_MATTER]
    body, lines = render_with_lines(_skeleton(task, segmented), texts)
    translation = {
        "from": original.lang,
        "source": under_content(original, settings),
        "source_hash": source_hash(original, settings),
        "status": status,
        "engine": engine,
    }
    metadata = draft_metadata(original, task.target, draft, values, settings, translation)
    placed = _place(run, task, draft, values)
    if placed is None:
        return
    new = Document(placed.path, metadata, body, settings.relative(placed.path))
    text = edit.dumps(new)  # (what is written, and where the warnings' lines are found)
    if not _save(new, report, text):
        return  # (its answers stay out of the memory)
    _remember(run, task, pairs, segmented)
    _count(report, chosen, draft is None)
    verb = "drafted" if draft is None else "updated"
    report.done.append(f"{verb} {new.shown} from {original.shown} ({status})")
    report.problems += _flags(run, new, text, body, lines, pairs, str(original.lang), segmented)
    records = [
        BlockRecord(b.key, b.kind, b.text, c.target, c.origin, c.engine, c.problem, c.previous)
        for b, c in pairs
    ]
    _save_record(run, task, new, status, records, segmented, placed.provisional)


def _remember(
    run: Run, task: Task, pairs: list[tuple[Block, _Choice]], segmented: Segmented
) -> None:
    """The engine's answers in a draft just written, into the memory (and out of those
    ``pending``): what an unwritten draft was given never enters it."""
    source, target = str(task.original.lang), task.target
    memory, asked = run.memory(source, target), []
    for block, choice in pairs:
        if choice.fresh and choice.origin == record.ENGINE and choice.asked is not None:
            context = memory_context(block.kind, block.text, segmented)
            memory.add_machine(block.text.strip(), choice.target.strip(), run.engine_name, context)
            asked.append((run.engine_name, source, target, choice.asked))
    run.pending.done(asked)


def _status(task: Task, chosen: list[_Choice], engine_name: str) -> tuple[str, str]:
    """The status and engine a draft written with ``chosen`` carries: a reviewed (or
    outdated) draft stays reviewed only if every block is reviewed or copied wording; the
    engine is this run's if it made any block, else the one that made the wording kept."""
    old = (task.draft.translation or {}) if task.draft else {}
    if old.get("status") in ("reviewed", "outdated"):
        read = all(c.origin in (record.REVIEWED, record.COPIED) for c in chosen)
        status = "reviewed" if read else "outdated"
    else:
        status = "machine"
    if any(c.fresh for c in chosen):
        return status, engine_name
    return status, str(old.get("engine") or next((c.engine for c in chosen if c.engine), "memory"))


def _skeleton(task: Task, segmented: Segmented) -> Segmented:
    """What the draft's body is rendered into: where only block texts changed in the
    original, the draft itself, so that its own blank lines and markup stay and a reviewer's
    diff shows the changed blocks alone; else the original's body."""
    if (
        task.draft_body is not None
        and task.recorded is not None
        and task.recorded.skeleton == skeleton_hash(segmented)
        and len(task.draft_body.blocks) == len(segmented.blocks)
    ):
        return task.draft_body
    return segmented


def _count(report: TranslateReport, chosen: list[_Choice], created: bool) -> None:
    """Count a draft written with ``chosen`` in the run's report."""
    report.from_engine += sum(1 for c in chosen if c.fresh and c.origin == record.ENGINE)
    report.kept += sum(1 for c in chosen if c.fresh and c.origin == record.KEPT)
    report.from_memory += sum(1 for c in chosen if not c.fresh and c.origin != record.COPIED)
    if created:
        report.created += 1
    else:
        report.updated += 1


class _Placed(NamedTuple):
    """Where a draft is saved, and whether that name is provisional (see ``_place``)."""

    path: Path
    provisional: bool


def _place(run: Run, task: Task, draft: Document | None, values: dict[str, Any]) -> _Placed | None:
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
        return _Placed(draft.path, task.provisional)
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
            move(draft.path, path)  # (new_path found no file there)
        except OutputError as error:
            run.report.problems.append(draft.problem(f"not renamed to {shown}: {error.message}"))
            return None
        run.report.done.append(f"renamed {draft.shown} to {shown} (its title is translated now)")
    return _Placed(path, pseudo)


def _flags(
    run: Run,
    doc: Document,
    text: str,
    body: str,
    lines: list[int],
    pairs: list[tuple[Block, _Choice]],
    lang: str,
    segmented: Segmented,
) -> list[Problem]:
    """A warning for each block the engine just translated that the reviewer must look at,
    at its line in the draft (``text``, as written): kept in the source language, or
    breaking the glossary."""
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


def _save(doc: Document, report: TranslateReport, text: str | None = None) -> bool:
    try:
        edit.save(doc, text=text)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return False
    return True
