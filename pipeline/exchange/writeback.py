"""``pipeline import`` of drafts: a translator's PO or XLIFF file written back into the drafts.

Each unit the file holds (``Returned``) is matched to its draft's block by ref and key, and:

- a unit whose text and state are as exported is left alone (an export imported with
  nothing edited changes no file), and so is a unit left fuzzy whose block has been
  reviewed since (by another file, say): a file never takes a review back;
- a unit the translator changed (or made final) whose block changed in the draft since the
  export is refused: the file's text is older than the draft's (``units.stamp``);
- a unit whose source is not the original's block as it is now is refused: the original
  changed since the export (export again);
- a unit whose placeholders do not match the original's (one lost, repeated, unknown or
  garbled) keeps the draft's text and is reported at its line in the file;
- any other unit's text goes into the draft, after every quality check (``quality``) has
  run on it: what they find is reported at its line, as a warning;
- a unit marked final becomes reviewed (unless it is the ``pseudo`` engine's text, never a
  translation: refused, as ``approve`` refuses it): its block enters the memory as a reviewed
  translation, as ``approve`` puts it there, and a draft whose every block is then final
  becomes ``reviewed`` (its ``source_hash`` the original's as it is now, as ``approve``
  sets it). A unit left fuzzy stays machine text (``hand``, edited, when its text changed),
  and a reviewed draft with such a unit is ``machine`` again, to be reviewed.

The drafts are then recorded by the translate stage, as ``approve`` has them recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.config import Settings
from pipeline.content import edit
from pipeline.content.document import Document
from pipeline.content.tree import scan, source_hash
from pipeline.errors import OutputError, Problem
from pipeline.exchange.units import FINAL_ORIGINS, block_masking, split_id, stamp
from pipeline.report import Report, counted
from pipeline.translate import memory, quality, record
from pipeline.translate.engines import looks_pseudo
from pipeline.translate.masking import MaskError
from pipeline.translate.segments import (
    FRONT_MATTER,
    Block,
    Segmented,
    document_blocks,
    memory_context,
    render,
    set_value,
)
from pipeline.translate.stage import translate
from pipeline.workflow.status import Version, survey


@dataclass(frozen=True)
class Returned:
    """One unit as the translator's file holds it: masked source and target, its state,
    its line in the file."""

    id: str
    source: str
    target: str
    final: bool
    line: int | None
    stamp: str | None = None  # the draft's text as exported (``units.stamp``)


@dataclass
class ImportReport(Report):
    """What an import of drafts changed."""

    changed: int = 0  # blocks whose text changed
    reviewed: int = 0  # blocks that became reviewed
    drafts: int = 0  # drafts written or recorded
    refused: int = 0

    def summary(self) -> str:
        """``import: 2 blocks changed, 1 reviewed, in 1 draft; 0 refused``."""
        line = (
            f"import: {counted(self.changed, 'block')} changed, {self.reviewed} reviewed, "
            f"in {counted(self.drafts, 'draft')}"
        )
        return line + (f"; {self.refused} refused (see above)" if self.refused else "")


@dataclass
class _Change:
    """What one draft takes from the file: new texts and final blocks, by key."""

    texts: dict[str, str] = field(default_factory=dict)
    final: dict[str, str] = field(default_factory=dict)  # key -> the text reviewed
    unconfirmed: set[str] = field(default_factory=set)  # new texts left for review


def write_back(settings: Settings, lang: str, units: list[Returned], shown: str) -> ImportReport:
    """Write ``units`` (of the file ``shown``) into the drafts in ``lang``; see the module."""
    report = ImportReport()
    by_ref: dict[str, list[tuple[str, Returned]]] = {}
    for unit in units:
        named = split_id(unit.id)
        if named is None:
            report.problems.append(Problem(shown, unit.line, f"unit '{unit.id}' is not ref:block"))
            report.refused += 1
            continue
        by_ref.setdefault(named[0], []).append((named[1], unit))
    content = scan(settings)
    states = {state.ref: state for state in survey(settings, content, set(by_ref))}
    context = quality.context_for(settings)
    for ref, items in by_ref.items():
        state = states.get(ref)
        version = next(
            (v for v in (state.versions if state else []) if v.role == "draft" and v.lang == lang),
            None,
        )
        refusal = _refusal(ref, lang, version)
        if refusal:
            report.problems += [Problem(shown, u.line, refusal) for _, u in items]
            report.refused += len(items)
            continue
        assert version is not None
        change = _collect(settings, version, items, shown, context, report)
        if change.texts or change.final:
            _apply(settings, version, change, report)
    return report


def _refusal(ref: str, lang: str, version: Version | None) -> str | None:
    if version is None or version.doc is None:
        return f"refused: no draft of '{ref}' in '{lang}'"
    if not version.current or version.original is None:
        return (
            f"refused: the original of '{ref}' changed since the export (or is gone): run "
            "'make translate', then export again"
        )
    if not version.blocks:
        return f"refused: the blocks of {version.doc.shown} do not line up with its original's"
    return None


def _collect(
    settings: Settings,
    version: Version,
    items: list[tuple[str, Returned]],
    shown: str,
    context: dict[str, object],
    report: ImportReport,
) -> _Change:
    """The texts and reviews ``items`` bring to ``version``, each checked."""
    assert version.original is not None
    blocks, segmented = document_blocks(version.original, settings)
    by_key = {b.key: b for b in blocks}
    states = {s.key: s for s in version.blocks}
    change = _Change()
    for key, unit in items:
        block, state = by_key.get(key), states.get(key)
        if block is None or state is None:
            report.problems.append(Problem(shown, unit.line, f"refused: no block '{key}'"))
            report.refused += 1
            continue
        text = _text(unit, block, segmented, state.target, state.origin in FINAL_ORIGINS)
        if isinstance(text, Problem):
            report.problems.append(Problem(shown, text.line, text.message, text.warning))
            report.refused += 0 if text.warning else 1
            continue
        if text is None:
            continue  # as exported (or reviewed since)
        pair = quality.Pair(
            block,
            text,
            str(version.original.lang),
            version.lang,
            references=segmented.references,
            context=context,
        )
        for finding in quality.findings(pair):
            report.problems.append(Problem(shown, unit.line, str(finding), warning=True))
        if text != state.target:
            change.texts[key] = text
            if not unit.final:
                change.unconfirmed.add(key)
        if unit.final and (state.origin not in FINAL_ORIGINS or text != state.target):
            if looks_pseudo(text):  # (never a translation, as approve refuses it)
                report.problems.append(Problem(shown, unit.line, _PSEUDO))
                report.refused += 1
            else:
                change.final[key] = text
    return change


def _text(
    unit: Returned, block: Block, segmented: Segmented, draft: str, was_final: bool
) -> str | Problem | None:
    """The text ``unit`` brings to its block (its placeholders restored); None when it
    brings nothing (as exported), a ``Problem`` when it is refused or empty."""
    masking, maskers = block_masking(block, segmented)
    if unit.source != masking.text:
        return Problem("", unit.line, _CHANGED.format(masking.text))
    current = masking.mask_target(draft, maskers)
    exported = unit.stamp or stamp(current)
    if stamp(unit.target) == exported and (was_final or not unit.final):
        return None
    if exported != stamp(current):
        return Problem("", unit.line, _STALE)
    if not unit.target.strip():
        return Problem("", unit.line, "no translation: the draft keeps its text", warning=True)
    try:
        return masking.restore(unit.target)
    except MaskError as error:
        reason = str(error).replace("the engine", "the translation", 1)
        message = f"placeholders do not match ({reason}): the draft keeps its text"
        return Problem("", unit.line, message)


_PSEUDO = "not reviewed: the pseudo engine's text is never a translation; write one in its place"
_STALE = (
    "refused: this block of the draft changed since the export (by hand, or by another "
    "import): export again"
)
_CHANGED = (
    "refused: the original of this block changed since the export (it now reads {!r}): export again"
)


def _apply(settings: Settings, version: Version, change: _Change, report: ImportReport) -> None:
    """Write the new texts into the draft, mark it reviewed when every block is final (and
    no longer reviewed when a block was edited and left for review), have it recorded, and
    put the final blocks into the memory as reviewed."""
    draft, original = version.doc, version.original
    assert draft is not None and original is not None
    metadata = dict(draft.metadata)
    own, segmented = document_blocks(draft, settings)
    targets: list[str | None] = []
    for block in own:
        text = change.texts.get(block.key)
        if block.kind == FRONT_MATTER:
            if text is not None:
                set_value(metadata, block.key, text)
        else:
            targets.append(text)
    finals = {s.key for s in version.blocks if s.origin in FINAL_ORIGINS} | set(change.final)
    wholly = finals - change.unconfirmed >= {s.key for s in version.blocks}
    translation = dict(draft.translation or {})
    if wholly:
        translation["status"] = "reviewed"
        translation["source_hash"] = source_hash(original, settings)
    elif translation.get("status") == "reviewed":
        translation["status"] = "machine"  # (a block edited and left for review)
    metadata["translation"] = translation
    if change.texts or wholly:
        body = render(segmented, targets)
        try:
            edit.save(Document(draft.path, metadata, body, draft.shown))
        except OutputError as error:
            report.problems.append(error.as_problem())
            return
        recorded = translate(settings, only={(str(draft.ref), version.lang)})
        report.problems += recorded.problems
        report.done += recorded.done
    if not wholly:
        _reviewed_blocks(settings, version, change)
    report.changed += len(change.texts)
    report.reviewed += len(change.final)
    report.drafts += 1


def _reviewed_blocks(settings: Settings, version: Version, change: _Change) -> None:
    """In a draft still to review, the blocks made final: reviewed in its record and in the
    memory."""
    draft, original = version.doc, version.original
    assert draft is not None and original is not None and original.lang is not None
    recorded = record.load(settings, version.lang, str(draft.ref))
    path = memory.memory_path(settings, original.lang, version.lang)
    known = memory.load(path, original.lang, version.lang, settings.relative(path))
    _, segmented = document_blocks(original, settings)
    for key, text in change.final.items():
        item = recorded.block(key) if recorded else None
        if item is None:
            continue
        item.origin, item.target, item.engine, item.problem = record.REVIEWED, text, None, None
        context = memory_context(item.kind, item.source, segmented)
        known.add_reviewed(item.source.strip(), text.strip(), context)
    if recorded is not None:
        record.save(settings, version.lang, str(draft.ref), recorded)
    known.save()
