"""Asking the engine for a draft's blocks: each masked text is sent once, and the answer is
restored into every block that sent it with that block's own pieces, then checked.

Two blocks that mask alike (``Läs mer ⟦1⟧här⟦2⟧.``) may hold different links, code or HTML:
the engine's answer is what they share, never the text restored for one of them. Each good
answer enters the memory at once, so an interrupted run loses none.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.translate.masking import Masked, MaskError, unmask
from pipeline.translate.memory import Memory
from pipeline.translate.runner import Outcome, Runner
from pipeline.translate.segments import Block, Segmented, check, memory_context


def ask(
    runner: Runner,
    engine: str,
    blocks: list[Block],
    waiting: dict[int, Masked],
    segmented: Segmented,
    memory: Memory,
) -> dict[int, tuple[str, str | None]] | None:
    """For each waiting block (by index in ``blocks``, with its masked text), the answer of
    ``engine`` through ``runner`` restored and checked, and None; or the block's own text
    and the problem. None if the engine became unavailable before all were done (those done
    are in the memory already)."""
    senders: dict[str, list[int]] = {}
    for index, masked in waiting.items():
        senders.setdefault(masked.text, []).append(index)
    texts = list(senders)
    found: dict[int, tuple[str, str | None]] = {}

    def keep(number: int, outcome: Outcome) -> None:
        for index in senders[texts[number]]:
            block, references = blocks[index], segmented.references
            restored, problem = _restored(block, waiting[index], outcome, references, runner.source)
            if restored is None:
                found[index] = (block.text, problem)
            else:
                context = memory_context(block.kind, block.text, segmented)
                memory.add_machine(block.text.strip(), restored.strip(), engine, context)
                found[index] = (restored, None)

    results = runner.translate(texts, keep)
    if any(result is None for result in results):
        return None
    return found


def _restored(
    block: Block,
    masked: Masked,
    outcome: Outcome,
    references: dict[str, Any],
    source_lang: str,
) -> tuple[str | None, str | None]:
    """The engine's answer with ``block``'s own pieces put back, and None; or None and why
    it cannot stand in for the block."""
    if outcome.answer is None:
        return None, outcome.problem
    try:
        restored = unmask(masked, outcome.answer)
    except MaskError as error:
        return None, str(error)
    problem = check(block, restored, references)
    if problem is None and _untranslated(masked.text, outcome.answer):
        problem = f"the engine sent it back untranslated, still in '{source_lang}'"
    return (restored, None) if problem is None else (None, problem)


def _untranslated(sent: str, answer: str) -> bool:
    """Whether an answer is the text that was sent, as it went: a wrong-language answer.
    Only a sentence (three words or more) counts: a name or a word may rightly stay as it is.

    >>> _untranslated("Ett andra stycke.", "Ett andra stycke. ")
    True
    >>> _untranslated("Digidem Lab", "Digidem Lab"), _untranslated("Ett stycke.", "A paragraph.")
    (False, False)
    """
    return answer.strip() == sent.strip() and len(re.findall(r"[^\W\d_]{2,}", sent)) >= 3
