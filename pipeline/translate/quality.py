"""Quality checks: what a reviewer should look at in a translated block.

A check compares one block's source with its translation and says what looks wrong, the way
Weblate's checks do: it does not stop the pipeline (the block was accepted), it points a
translator at it. ``status``, the review page and ``approve`` run every registered check on
every block of a draft, from the draft's record; nothing here is stored.

A check is a function of a ``Pair`` that returns a message, or None when the block passes.
Register one with ``@quality_check(name)``; ``findings`` runs them all in registration order.
A check that needs something site-wide (a glossary, say) registers a loader with
``@context_loader(name)``; ``context_for(settings)`` loads them all once per run, and every
``Pair`` of that run carries the result in ``context``.

Checks may live in modules of their own (``checks``: placeholders, URLs, numbers...): each
such module is imported at the end of this one, so that whoever calls ``findings`` runs
every check; a new module is added there with one import line.

>>> pair = Pair(Block("body", "paragraph", "Läs **mer**."), "Read more.", "sv", "en")
>>> [str(f) for f in findings(pair)]
['markdown: the Markdown differs: bold lost']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.config import Settings
from pipeline.translate.segments import Block, check

QualityCheck = Callable[["Pair"], "str | None"]


@dataclass(frozen=True)
class Pair:
    """One block of a draft: its source block, its translation, and the languages."""

    block: Block
    target: str
    source_lang: str
    target_lang: str
    references: dict[str, Any] = field(default_factory=dict)
    """Link reference definitions of the original's body, for the Markdown check."""
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Site-wide things a check needs (e.g. a loaded glossary), keyed by the check's name."""


@dataclass(frozen=True)
class Finding:
    """What one check found in one block."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.message}"


CHECKS: dict[str, QualityCheck] = {}
"""The registered checks by name, in the order they run."""


def quality_check(name: str) -> Callable[[QualityCheck], QualityCheck]:
    """Register the decorated function as the quality check ``name``."""

    def register(function: QualityCheck) -> QualityCheck:
        if name in CHECKS:
            raise ValueError(f"quality check {name!r} registered twice")
        CHECKS[name] = function
        return function

    return register


LOADERS: dict[str, Callable[[Settings], Any]] = {}
"""What the checks need from the site, by check name (see ``context_for``)."""


def context_loader(name: str) -> Callable[[Callable[[Settings], Any]], Callable[[Settings], Any]]:
    """Register the decorated function as the loader of what check ``name`` needs."""

    def register(function: Callable[[Settings], Any]) -> Callable[[Settings], Any]:
        LOADERS[name] = function
        return function

    return register


def context_for(settings: Settings) -> dict[str, Any]:
    """Everything the registered checks need from the site at ``settings.root``, loaded once;
    pass it as every ``Pair``'s ``context``."""
    return {name: load(settings) for name, load in LOADERS.items()}


def findings(pair: Pair) -> list[Finding]:
    """What every registered check finds in ``pair``, in registration order."""
    found = []
    for name, run in CHECKS.items():
        message = run(pair)
        if message is not None:
            found.append(Finding(name, message))
    return found


@quality_check("markdown")
def markdown_kept(pair: Pair) -> str | None:
    """The translation keeps the block's Markdown: links, images, code, HTML, emphasis."""
    return check(pair.block, pair.target, pair.references)


# The modules that register more checks (and their context loaders), imported here so that
# every caller of ``findings`` runs them all. A new check module is added with one line.
from pipeline.translate import checks  # noqa: E402, F401
