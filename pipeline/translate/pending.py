"""The engine's answers for drafts not yet written: kept until their draft is, then the memory's.

A draft's answers enter the translation memory when the draft is saved, not as they come:
nothing of a draft that is never written (refused: too large, or its place taken) enters the
memory. Until then each good answer is kept here, by engine, language pair and the masked
text it answers, at once, and saved to ``.cache/pipeline/answers.pickle`` however the run ends
(a ``pipeline.state.cache``). A run interrupted (or left pending by an engine that went
down) in the middle of a draft loses no answer: the next run takes the answers from here
instead of asking again, as answers of the engine to this run, so its draft and its record
are the ones an uninterrupted run makes (``"origin": "engine"``, not ``"memory"``).

Only the answers a run asked for or took are kept for the next (as the front matter memo
keeps its entries): the answers of a posting since deleted are dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.state.cache import Cache, Damaged

FILE = Path(".cache") / "pipeline" / "answers.pickle"
VERSION = 1

Key = tuple[str, str, str, str]
"""An answer's engine, source and target languages, and the masked text it answers."""


class Pending:
    """The answers of drafts not yet written, for one run (see the module)."""

    def __init__(self, settings: Settings) -> None:
        self.cache = Cache(settings.root / FILE, VERSION, FILE.as_posix())
        self.saved: dict[Key, str] = self.cache.load(_entries) or {}  # as the file has them
        self.used: dict[Key, str] = {}  # asked for or taken by this run, not yet in a draft
        self.written: set[Key] = set()  # in a draft written by this run: the memory's now

    def get(self, key: Key) -> str | None:
        """The answer kept for ``key``, if any."""
        answer = self.used.get(key) or self.saved.get(key)
        if answer is not None:
            self.used[key] = answer
        return answer

    def put(self, key: Key, answer: str) -> None:
        """Keep an answer until its draft is written."""
        self.used[key] = answer

    def done(self, keys: list[Key]) -> None:
        """Forget the answers of a draft just written (the memory has them now)."""
        for key in keys:
            self.used.pop(key, None)
            self.written.add(key)

    def save(self, finished: bool = False) -> None:
        """Keep the answers not yet in the memory: those kept before and this run's, or,
        once the run ``finished`` every draft, this run's alone."""
        kept = self.used if finished else {**self.saved, **self.used}
        kept = {key: answer for key, answer in kept.items() if key not in self.written}
        if kept != self.saved:
            self.cache.save(kept)
            self.saved = kept


def _entries(data: Any) -> dict[Key, str]:
    """The answers kept, if ``data`` has their shape."""
    if not isinstance(data, dict) or not all(
        isinstance(key, tuple)
        and len(key) == 4
        and all(isinstance(part, str) for part in key)
        and isinstance(answer, str)
        for key, answer in data.items()
    ):
        raise Damaged("not answers")
    return data
