"""Quality checks: what a reviewer should look at in a translated block.

A check compares one block's source with its translation and says what looks wrong, the way
Weblate's checks do: it does not stop the pipeline (the block was accepted), it points a
translator at it. ``status``, the review page and ``approve`` run every check on every block
of a draft, from the draft's record; nothing here is stored.

A check is a function of a ``Pair`` that returns a message, or None when the block passes.
``CHECKS`` lists them by name, in the order ``findings`` runs them, as Babel's
``messages/checkers.py`` lists its checkers: the block's own (``checks``: Markdown,
placeholders, URLs, numbers...) and the glossary's (``terminology``). A new check is a
function in one of those modules and a line here. What a check needs from the whole site (a
glossary, say) is loaded once per run by ``context_for`` (a loader per check in ``CONTEXT``),
and every ``Pair`` of that run carries it in ``context``.

>>> from pipeline.translate.segments import Block
>>> pair = Pair(Block("body", "paragraph", "Läs **mer**."), "Read more.", "sv", "en")
>>> [str(f) for f in findings(pair)]
['markdown: the Markdown differs: bold lost']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.config import Settings
from pipeline.translate import checks, terminology
from pipeline.translate.checks import Pair

__all__ = ["CHECKS", "CONTEXT", "Finding", "Pair", "context_for", "findings"]

QualityCheck = Callable[[Pair], "str | None"]

CHECKS: list[tuple[str, QualityCheck]] = [
    ("markdown", checks.markdown),
    ("placeholders", checks.placeholders),
    ("urls", checks.urls),
    ("emails", checks.emails),
    ("numbers", checks.numbers),
    ("identical", checks.identical),
    ("end punctuation", checks.end_punctuation),
    (terminology.NAME, terminology.glossary_followed),
]
"""The checks by name, in the order they run."""

CONTEXT: dict[str, Callable[[Settings], Any]] = {terminology.NAME: terminology.load}
"""What the checks need from the site, by check name (see ``context_for``)."""


@dataclass(frozen=True)
class Finding:
    """What one check found in one block."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


def context_for(settings: Settings) -> dict[str, Any]:
    """Everything the checks need from the site at ``settings.root``, loaded once; pass it as
    every ``Pair``'s ``context``."""
    return {name: load(settings) for name, load in CONTEXT.items()}


def findings(pair: Pair) -> list[Finding]:
    """What every check finds in ``pair``, in the order of ``CHECKS``."""
    found = []
    for name, run in CHECKS:
        message = run(pair)
        if message is not None:
            found.append(Finding(name, message))
    return found
