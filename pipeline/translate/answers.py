"""Asking the engine for a draft's blocks: each masked text is sent once, and the answer is
restored into every block that sent it with that block's own pieces, then checked.

Two blocks that mask alike (``Läs mer ⟦1⟧här⟦2⟧.``) may hold different links, code or HTML:
the engine's answer is what they share, never the text restored for one of them. Each good
answer is kept at once among the answers of drafts not yet written (``pending``), so an
interrupted run loses none; a text answered there before is not sent again. The answers
enter the memory with their draft (``pipeline.translate.stage``).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.translate.masking import Masked, MaskError, unmask
from pipeline.translate.pending import Key, Pending
from pipeline.translate.runner import Outcome, Runner
from pipeline.translate.segments import Block, Segmented, check


def ask(
    runner: Runner,
    engine: str,
    blocks: list[Block],
    waiting: dict[int, Masked],
    segmented: Segmented,
    pending: Pending,
) -> dict[int, tuple[str, str | None]] | None:
    """For each waiting block (by index in ``blocks``, with its masked text), the answer of
    ``engine`` through ``runner`` (or kept in ``pending`` from an earlier run) restored and
    checked, and None; or the block's own text and the problem. None if the engine became
    unavailable before all were done (those done are in ``pending``)."""
    senders: dict[str, list[int]] = {}
    for index, masked in waiting.items():
        senders.setdefault(masked.text, []).append(index)
    found: dict[int, tuple[str, str | None]] = {}

    def keep(text: str, outcome: Outcome) -> None:
        for index in senders[text]:
            block, references = blocks[index], segmented.references
            restored, problem = _restored(block, waiting[index], outcome, references, runner.source)
            if restored is None:
                found[index] = (block.text, problem)
            else:
                found[index] = (restored, None)
        if outcome.answer is not None and all(found[i][1] is None for i in senders[text]):
            pending.put(answer_key(runner, engine, text), outcome.answer)

    texts = []
    for text in senders:
        answer = pending.get(answer_key(runner, engine, text))
        if answer is None:
            texts.append(text)
        else:
            keep(text, Outcome(answer=answer))
    results = runner.translate(texts, lambda number, outcome: keep(texts[number], outcome))
    if any(result is None for result in results):
        return None
    return found


def answer_key(runner: Runner, engine: str, text: str) -> Key:
    """Where ``pending`` keeps the answer of ``engine`` to ``text`` for ``runner``'s pair."""
    return (engine, runner.source, runner.target, text)


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
