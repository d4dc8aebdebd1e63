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

from pipeline.translate import record
from pipeline.translate.record import BlockRecord, DraftRecord
from pipeline.translate.segments import FRONT_MATTER, Block


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
    block that differs was edited by hand; in a reviewed draft every block is reviewed.
    """
    if [(b.key, b.kind) for b in draft_blocks] != [(key, kind) for key, kind, _ in base]:
        return None
    found = []
    for block, (key, kind, source) in zip(draft_blocks, base, strict=True):
        written = recorded.block(key) if recorded else None
        if written is not None and written.source != source:
            written = None  # recorded for another source text
        if status == "reviewed":
            found.append(BlockRecord(key, kind, source, block.text, record.REVIEWED))
        elif written is not None and written.target == block.text:
            found.append(written)  # as the pipeline wrote it
        elif recorded is not None:
            previous = written.previous if written else None
            found.append(BlockRecord(key, kind, source, block.text, record.HAND, previous=previous))
        else:
            found.append(BlockRecord(key, kind, source, block.text, record.ENGINE, engine))
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
