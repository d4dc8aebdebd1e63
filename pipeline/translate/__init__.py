"""Stage 2, translate: drafts in every other site language, through engines, a translation
memory and markup-safe masking.

What other parts use:

- ``translate(settings, translator)``: the stage (``pipeline translate``; ``shortcut`` tells
  a run with nothing to do without loading the stage's modules);
- ``translate_strings(settings, texts, source, target)``: short texts such as UI strings
  through the same engines and masking (``pipeline i18n --fill``), and ``glossary_notes``,
  what their suggestions break of the glossary;
- ``ENGINES``: the engines by name; ``EngineUnavailable``: the error that means exit 3;
- ``record.load(settings, lang, ref)``: a draft's blocks with their origins, sources and
  what they were when last reviewed (``pipeline status``, the review page);
- ``segments.check(block, text)`` and ``masking``: the quality checks and the maskers.

The names above are imported from their modules when first used, so that importing one
module of the package (``shortcut``, ``record``) does not load the engines, Babel and the
Markdown parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.translate.engines import ENGINES
    from pipeline.translate.report import TranslateReport
    from pipeline.translate.runner import EngineUnavailable
    from pipeline.translate.shortcut import translate
    from pipeline.translate.strings import Translated, glossary_notes, translate_strings

_MODULES = {
    "ENGINES": "engines",
    "EngineUnavailable": "runner",
    "TranslateReport": "report",
    "Translated": "strings",
    "glossary_notes": "strings",
    "translate": "shortcut",
    "translate_strings": "strings",
}

__all__ = [
    "ENGINES",
    "EngineUnavailable",
    "TranslateReport",
    "Translated",
    "glossary_notes",
    "translate",
    "translate_strings",
]


def __getattr__(name: str) -> Any:
    """Each name of ``__all__``, from its module, on first use."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"pipeline.translate.{_MODULES[name]}"), name)
