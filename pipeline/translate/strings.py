"""Short texts (UI strings) through the stage's engines and masking, for ``i18n --fill``.

``%(name)s``, ``{name}``, ``%s``, HTML tags, URLs and Liquid tags are masked (``UI_MASKERS``),
and so are the glossary's names to keep: all must come back unchanged. Each text is sent
once, under the same retries, timeouts and concurrency as documents.

>>> from pipeline.config import Settings
>>> [t.text for t in translate_strings(Settings(), ["%(count)s lediga tjänster"], "sv", "en")]
['［%(count)s ĺḗḋīġȧ ťĵäńśťḗŕ ······］']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.translate import terminology
from pipeline.translate.masking import UI_MASKERS, Masker, MaskError, mask, unmask
from pipeline.translate.registry import make_engine
from pipeline.translate.runner import EngineUnavailable, Runner
from pipeline.translate.segments import FRONT_MATTER, Block, check


@dataclass(frozen=True)
class Translated:
    """One text: its translation, or None and the ``problem`` that kept it from having one."""

    source: str
    text: str | None
    problem: str | None = None


def translate_strings(
    settings: Settings,
    texts: Sequence[str],
    source: str,
    target: str,
    translator: str | None = None,
    maskers: Sequence[Masker] = UI_MASKERS,
) -> list[Translated]:
    """Each of ``texts`` translated from ``source`` to ``target`` by the engine named
    ``translator`` (default: the ``translator`` setting), in order.

    A text with nothing to translate comes back as it is. Raises ``UsageError`` for an
    unknown or unconfigured engine and ``EngineUnavailable`` (exit 3) when the engine cannot
    be reached; a text the engine garbles comes back with its ``problem``.
    """
    maskers = [*maskers, *terminology.name_maskers(terminology.load(settings), source)]
    masked = [mask(text, maskers) for text in texts]
    unique = list(dict.fromkeys(m.text for m in masked if m.needs_engine))
    answers: dict[str, str | None] = {}
    problems: dict[str, str | None] = {}
    if unique:
        runner = Runner(
            make_engine(translator or settings.translator, settings), settings, source, target
        )
        outcomes = runner.translate(unique)
        if any(outcome is None for outcome in outcomes):
            raise EngineUnavailable(runner.unavailable or "the engine is unavailable")
        for text, outcome in zip(unique, outcomes, strict=True):
            assert outcome is not None
            answers[text], problems[text] = outcome.answer, outcome.problem
    found = []
    for text, item in zip(texts, masked, strict=True):
        if not item.needs_engine:
            found.append(Translated(text, text))
            continue
        answer, problem = answers[item.text], problems[item.text]
        if answer is not None:
            try:
                restored = unmask(item, answer)
                problem = check(Block("string", FRONT_MATTER, text), restored)
            except MaskError as error:
                problem = str(error)
            if problem is None:
                found.append(Translated(text, restored))
                continue
        found.append(Translated(text, None, problem))
    return found


def glossary_notes(settings: Settings) -> Callable[[str, str, str, str], str | None]:
    """``note(text, suggestion, source, target)``: what a machine suggestion for the UI
    string ``text`` breaks of the site's glossary, as a comment for the translator who
    reviews it (``i18n --fill``), or None. The glossary is read once."""
    found = terminology.load(settings)

    def note(text: str, suggestion: str, source: str, target: str) -> str | None:
        broken = terminology.breaks(
            found, Block("string", FRONT_MATTER, text), suggestion, source, target
        )
        return f"glossary: {broken}" if broken else None

    return note
