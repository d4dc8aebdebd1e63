"""The drafts as translation units: what the PO and XLIFF formats write and read back.

A ``Unit`` is one block of one draft (a translatable front matter value or a body block),
keyed by the document's ref and the block's key (``ny-tjanst:body.2``). It holds the
original's text, the draft's, whether the block is final (reviewed, or nothing to
translate) or machine text a person has not confirmed, where the draft holds it (file and
line), what a CAT tool must leave alone (the placeholders, ``masking``: URLs, code, HTML,
Liquid tags, Markdown's links and emphasis), and a suggestion from the memory
(``suggestions``) when the block is machine text with no reviewed entry of its own.

The placeholders are those the engines get (``⟦1⟧``, ``⟦2⟧``...), numbered in the
original's text; the draft's text is written with the same numbers where it holds the same
piece (``Masking.mask_target``), and anything it holds that the original does not is left
as it is written.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.content.tree import Content
from pipeline.errors import Problem
from pipeline.translate import memory, record
from pipeline.translate.masking import CLOSE, OPEN, Masked, Masker, mask, unmask
from pipeline.translate.segments import (
    Block,
    Segmented,
    document_blocks,
    maskers_for,
    memory_context,
)
from pipeline.translate.suggestions import Suggester, Suggestion
from pipeline.workflow.status import RefState, Version, survey

FINAL_ORIGINS = (record.REVIEWED, record.COPIED)
"""Origins of blocks exported as final; every other block is machine text (fuzzy)."""

_STAMP = re.compile(r"\bdraft ([0-9a-f]{12})\b")


def stamp(text: str) -> str:
    """A short hash of a unit's text as exported: ``draft 3f9a1c2b7e10`` in its note tells
    an import whether the translator changed the text, and whether the draft changed since
    the export (then the file's text is out of date: refused, not written over newer work).
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def find_stamp(note: str) -> str | None:
    """The stamp a unit's note carries, if any."""
    match = _STAMP.search(note)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Masking:
    """A block's source with its placeholders, and how a target is written with them."""

    masked: Masked

    @property
    def text(self) -> str:
        """The source with placeholders: ``Läs ⟦1⟧mer⟦2⟧ på ⟦3⟧.``."""
        return self.masked.lead + self.masked.text + self.masked.trail

    def pieces(self) -> list[tuple[int, str, str]]:
        """Each placeholder's number, what masked it (``URL``) and what it stands for."""
        return [(n, name, text) for n, (name, text) in enumerate(self.masked.pieces, start=1)]

    def mask_target(self, target: str, maskers: list[Masker]) -> str:
        """``target`` with the source's placeholders where it holds the same pieces."""
        found = mask(target, maskers)
        free = {n: text for n, _, text in self.pieces()}
        parts = found.text
        for number, (_, text) in enumerate(found.pieces, start=1):
            match = next((n for n, t in free.items() if t == text), None)
            written = text if match is None else f"\x00{match}\x01"
            if match is not None:
                del free[match]
            parts = parts.replace(f"{OPEN}{number}{CLOSE}", written, 1)
        return found.lead + parts.replace("\x00", OPEN).replace("\x01", CLOSE) + found.trail

    def restore(self, target: str) -> str:
        """The text a translator wrote, with the placeholders' pieces put back. Raises
        ``masking.MaskError`` when a placeholder is missing, repeated or unknown."""
        return unmask(self.masked, target)


@dataclass(frozen=True)
class Unit:
    """One block of one draft (see the module)."""

    ref: str
    key: str
    kind: str
    source: str
    target: str
    final: bool
    file: str
    line: int | None
    masking: Masking
    masked_target: str
    suggestion: Suggestion | None = None

    @property
    def id(self) -> str:
        """``ref:key``, the unit's name in the exported file."""
        return f"{self.ref}:{self.key}"

    @property
    def note(self) -> str:
        """Where the draft holds the block: ``content/en/a.md:7``."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    @property
    def stamp(self) -> str:
        """``draft 3f9a1c2b7e10``: the draft's text as exported (see ``stamp``)."""
        return f"draft {stamp(self.masked_target)}"

    def placeholders_note(self) -> str:
        """``placeholders: ⟦1⟧ URL https://x.se; ⟦2⟧ code `x```, or "" for none."""
        pieces = self.masking.pieces()
        if not pieces:
            return ""
        shown = "; ".join(f"{OPEN}{n}{CLOSE} {name} {text}" for n, name, text in pieces)
        return f"placeholders, keep each once: {shown}"


def split_id(identifier: str) -> tuple[str, str] | None:
    """``(ref, key)`` from a unit's id; None if it is not one."""
    ref, colon, key = identifier.partition(":")
    return (ref, key) if colon and ref and key else None


def block_masking(block: Block, segmented: Segmented) -> tuple[Masking, list[Masker]]:
    """A block's ``Masking`` and the maskers it was made with."""
    maskers = maskers_for(block, segmented)
    return Masking(mask(block.text, maskers)), maskers


def drafts_of(
    settings: Settings, content: Content, target: str, refs: list[str], every: bool
) -> tuple[list[Version], list[Problem]]:
    """The drafts in ``target`` to export (those that need review, or ``every`` one), of
    ``refs`` (or every ref), and a warning for each that cannot be (its blocks unknown)."""
    states: list[RefState] = survey(settings, content, set(refs) if refs else None)
    found, problems = [], []
    for state in states:
        for version in state.versions:
            if version.role != "draft" or version.doc is None or version.lang != target:
                continue
            if not (every or version.needs_review):
                continue
            if not version.current or not version.blocks or version.original is None:
                why = "its original changed since it was made: run 'make translate' first"
                if version.current:
                    why = "its blocks do not line up with its original's"
                problems.append(Problem(version.doc.shown, None, f"not exported: {why}", True))
                continue
            found.append(version)
    return found, problems


def units_of(settings: Settings, version: Version, known: memory.Memory) -> Iterator[Unit]:
    """The units of one draft, in the order of its blocks."""
    assert version.original is not None and version.doc is not None
    blocks, segmented = document_blocks(version.original, settings)
    by_key = {b.key: b for b in blocks}
    suggester = Suggester(known)
    for state in version.blocks:
        block = by_key[state.key]
        masking, maskers = block_masking(block, segmented)
        final = state.origin in FINAL_ORIGINS
        suggestion = None
        if not final:
            context = memory_context(block.kind, block.text, segmented)
            suggestion = suggester.suggest(block.text, context)
        yield Unit(
            str(version.doc.ref),
            state.key,
            state.kind,
            block.text,
            state.target,
            final,
            version.doc.shown,
            state.line,
            masking,
            masking.mask_target(state.target, maskers),
            suggestion,
        )
