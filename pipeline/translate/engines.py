"""Translation engines: one small interface, and the offline ``pseudo`` engine.

An engine translates one text (already masked, under its ``limit`` in characters) from one
language to another, or raises one of the errors below. Retries, timeouts around the whole,
splitting, concurrency and counting are the ``Runner``'s job (``runner.py``), so an engine
stays a thin adapter. ``pseudo`` runs offline; the others go through deep-translator
(``deep.py``). ``registry`` names them all and makes the one a run asks for.
"""

from __future__ import annotations

import math
import re
from typing import Protocol


class Engine(Protocol):
    """What the translate stage needs from a translation engine."""

    name: str
    limit: int  # most characters one call may carry
    secrets: tuple[str, ...]  # values (API keys) that must never appear in a message

    def translate(self, text: str, source: str, target: str) -> str:
        """``text`` in ``target``; raises ``Transient``, ``Refused`` or any other error."""
        ...


class Transient(Exception):
    """A failure worth retrying: rate limited (429), server error (5xx), timeout, lost
    connection. ``retry_after`` is the wait the provider asked for, in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Refused(Exception):
    """The provider refuses to work for us (bad or missing key, quota used up): retrying will
    not help, and no other text will fare better."""


# Letters as the pseudo engine writes them: visibly accented, still readable, and each one a
# letter with a combining mark, so that a slug of pseudo text is the slug of the text.
_PSEUDO = str.maketrans(
    "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ",
    "ȧḃċḋḗḟġḣīĵķĺṁńȯṗŕśťūṽẇẋẏżȦḂĊḊḖḞĠḢĪĴĶĹṀŃȮṖŔŚŤŪṼẆẊẎŻ",
)


def pseudo(text: str) -> str:
    """A visibly fake translation: accented letters, bracketed, about 30% longer (as English
    and German often are), with every placeholder and every character of markup kept.

    >>> pseudo("Hej ⟦1⟧världen⟦2⟧!")
    '［Ḣḗĵ ⟦1⟧ṽäŕĺḋḗń⟦2⟧! ······］'
    """
    padding = "·" * max(1, math.ceil(len(text) * 0.3))
    return f"［{text.translate(_PSEUDO)} {padding}］"


# The padding that closes every text ``pseudo`` writes: no translation has it.
_PSEUDO_END = re.compile(r"·+］")


def looks_pseudo(text: str) -> bool:
    """Whether ``text`` holds the pseudo engine's writing (the ``···］`` that closes it),
    whoever put it there: such text is never a translation.

    >>> looks_pseudo(pseudo("Läs mer [här](https://example.org).")), looks_pseudo("Read more.")
    (True, False)
    """
    return _PSEUDO_END.search(text) is not None


class PseudoEngine:
    """The offline engine for CI, demos and layout tests."""

    name = "pseudo"
    limit = 100_000
    secrets: tuple[str, ...] = ()
    # It works in this process, at once: the runner sends its texts one after another. A
    # thread pool per draft took 2.1 s of the 12.8 s of CPU of a first run of the bench.
    local = True

    def translate(self, text: str, source: str, target: str) -> str:
        """``pseudo(text)``, whatever the languages."""
        return pseudo(text)
