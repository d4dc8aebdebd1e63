"""Fuzzy memory matches: a reviewed translation of a source text close to a block's, shown to
the translator as a suggestion beside the machine text, never used as the translation.

The memory is used for exact matches only (``memory.Memory.get``); where a block has no
reviewed entry of its own, ``Suggester.suggest`` looks for the reviewed entry whose source
is most alike, by difflib's ``SequenceMatcher.ratio`` over the characters (2 × matched /
total length: 1.0 the same text, 0.0 nothing in common), and offers it when the ratio is at
least ``THRESHOLD``, 0.75: the 75 % that translate-toolkit's ``pot2po`` and Weblate's
translation memory take as their least similarity. At that level a changed number, date or
word or two of a sentence still matches ("Ansök senast 1 maj." / "Ansök senast 15 juni.":
0.85), while sentences that only share a few words do not ("Vi söker en utvecklare." /
"Vi söker en designer.": 0.68).

>>> from pathlib import Path
>>> from pipeline.translate.memory import Memory
>>> memory = Memory(Path("m.po"), "sv", "en")
>>> memory.add_reviewed("Ansök senast 1 maj.", "Apply by 1 May.")
>>> Suggester(memory).suggest("Ansök senast 15 juni.")
Suggestion(source='Ansök senast 1 maj.', target='Apply by 1 May.', similarity=85)
>>> Suggester(memory).suggest("Vi söker en utvecklare.") is None
True
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from pipeline.translate.memory import Entry, Memory

THRESHOLD = 0.75
"""The least similarity of a suggestion's source to the block's (see the module)."""


@dataclass(frozen=True)
class Suggestion:
    """A reviewed translation of a similar source; ``similarity`` in percent."""

    source: str
    target: str
    similarity: int


class Suggester:
    """Finds suggestions among the reviewed entries of one memory."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self.entries: list[Entry] = sorted(
            (e for e in memory.entries.values() if e.reviewed), key=lambda e: e.source
        )

    def suggest(self, text: str, context: str = "") -> Suggestion | None:
        """The closest reviewed entry to ``text`` (at least ``THRESHOLD`` alike), unless the
        memory holds a reviewed translation of ``text`` itself; None when there is none."""
        text = text.strip()
        exact = self.memory.get(text, context)
        if exact is not None and exact.reviewed:
            return None
        best: tuple[float, Entry] | None = None
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(text)
        for entry in self.entries:
            if entry.source == text:
                continue
            matcher.set_seq1(entry.source)
            least = best[0] if best else THRESHOLD
            if matcher.real_quick_ratio() < least or matcher.quick_ratio() < least:
                continue
            ratio = matcher.ratio()
            if ratio >= least and (best is None or ratio > best[0]):
                best = (ratio, entry)
        if best is None:
            return None
        return Suggestion(best[1].source, best[1].target, round(best[0] * 100))
