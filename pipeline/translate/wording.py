"""The wording a draft already has, block by block, and how it maps onto a changed original.

The wording is given as ``BlockRecord``s, as a record keeps it: the key and kind of each
block, the source it translates, its text in the draft, its origin.

A draft's blocks line up with the blocks of the original it was made from (same front
matter keys, same body blocks in the same order: drafts keep the block structure). When
the original has changed since, the record says what that original's blocks were; the old
source texts are matched to the new ones (``align``) and every unchanged block keeps the
draft's wording byte for byte.
"""

from __future__ import annotations

import difflib

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.document import Document
from pipeline.errors import ContentError, Problem
from pipeline.translate import record
from pipeline.translate.record import BlockRecord, DraftRecord
from pipeline.translate.segments import FRONT_MATTER, Block, document_blocks


def existing(
    draft_blocks: list[Block],
    base: list[tuple[str, str, str]],
    status: str,
    engine: str | None,
    recorded: DraftRecord | None,
) -> list[BlockRecord] | None:
    """The draft's wording matched to ``base`` (key, kind and source text of the blocks of
    the original it was made from); None if the structures differ.

    Origins come from the record where the draft still says what the pipeline wrote; a
    block that differs was edited by hand; in a reviewed draft every block is reviewed,
    except pseudo text (``record.is_pseudo``): a person's saying so does not make it a
    translation, so it keeps the origin it would have in a draft not reviewed.
    """
    if [(b.key, b.kind) for b in draft_blocks] != [(key, kind) for key, kind, _ in base]:
        return None
    found = []
    for block, (key, kind, source) in zip(draft_blocks, base, strict=True):
        written = recorded.block(key) if recorded else None
        if written is not None and written.source != source:
            written = None  # recorded for another source text
        if written is not None and written.target == block.text:
            item = written  # as the pipeline wrote it
        elif recorded is not None:
            previous = written.previous if written else None
            item = BlockRecord(key, kind, source, block.text, record.HAND, previous=previous)
        else:
            item = BlockRecord(key, kind, source, block.text, record.ENGINE, engine)
        if status == "reviewed" and not record.is_pseudo(item):
            item = BlockRecord(key, kind, source, block.text, record.REVIEWED)
        found.append(item)
    return found


def align(
    old: list[BlockRecord], new: list[Block]
) -> tuple[dict[int, BlockRecord], dict[int, BlockRecord]]:
    """Match the blocks of a changed original (``new``) to the draft's (``old``).

    Returns two maps from the index of a new block: to the old block with the same source
    text (its wording can stay), and to the old block it replaced (what it was before).
    Front matter blocks match by key, body blocks by a diff of their sequences.
    """
    same: dict[int, BlockRecord] = {}
    replaced: dict[int, BlockRecord] = {}
    old_front = {w.key: w for w in old if w.kind == FRONT_MATTER}
    old_body = [w for w in old if w.kind != FRONT_MATTER]
    body_index = []
    for index, block in enumerate(new):
        if block.kind == FRONT_MATTER:
            before = old_front.get(block.key)
            if before is not None:
                (same if before.source == block.text else replaced)[index] = before
        else:
            body_index.append(index)
    matcher = difflib.SequenceMatcher(
        None, [w.source for w in old_body], [new[i].text for i in body_index], autojunk=False
    )
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(b2 - b1):
                same[body_index[b1 + offset]] = old_body[a1 + offset]
        elif tag == "replace":
            for offset in range(min(a2 - a1, b2 - b1)):
                replaced[body_index[b1 + offset]] = old_body[a1 + offset]
    return same, replaced


def pseudo_reviewed(draft: Document, own: list[BlockRecord], settings: Settings) -> list[Problem]:
    """A warning at each block of pseudo text in a draft a person set to ``reviewed``
    (``own``: its wording, from ``existing``). The draft stays as they wrote it, and the
    memory takes that text only as the machine text it is."""
    if not any(record.is_pseudo(item) for item in own):
        return []
    lines = file_lines(draft, document_blocks(draft, settings)[0])
    return [
        Problem(draft.shown, line, PSEUDO_REVIEWED, warning=True)
        for line, item in zip(lines, own, strict=True)
        if record.is_pseudo(item)
    ]


PSEUDO_REVIEWED = (
    "pseudo text in a reviewed draft: it is not a translation, so it does not enter the "
    "memory as reviewed, and the draft needs review until its translation is written here"
)


def file_lines(draft: Document, blocks: list[Block]) -> list[int | None]:
    """The 1-based line in the draft's file of each of its ``blocks`` (None where unknown):
    a front matter value at its key's line, a body block at its own."""
    head = _head_lines(draft)
    lines: list[int | None] = []
    for block in blocks:
        if block.kind == FRONT_MATTER:
            lines.append(draft.line_of(block.key.split("[", 1)[0].split(".", 1)[0]))
        else:
            lines.append(None if head is None or block.line is None else head + block.line)
    return lines


def _head_lines(doc: Document) -> int | None:
    """How many lines of the file come before the body (None if unknown)."""
    try:
        text = document.decode(doc.path.read_bytes(), doc.shown)
    except (OSError, ContentError):
        return None
    if not text.endswith(doc.body):
        return None
    return text[: len(text) - len(doc.body)].count("\n")
