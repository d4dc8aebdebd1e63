"""Stage 2, translate: drafts in every other site language, through engines, a translation
memory and markup-safe masking.

What other parts use:

- ``translate(settings, translator)``: the stage (``pipeline translate``);
- ``translate_strings(settings, texts, source, target)``: short texts such as UI strings
  through the same engines and masking (``pipeline i18n --fill``), and ``glossary_notes``,
  what their suggestions break of the glossary;
- ``ENGINES``: the engines by name; ``EngineUnavailable``: the error that means exit 3;
- ``record.load(settings, lang, ref)``: a draft's blocks with their origins, sources and
  what they were when last reviewed (``pipeline status``, the review page);
- ``segments.check(block, text)`` and ``masking``: the quality checks and the maskers.
"""

from pipeline.translate.engines import ENGINES
from pipeline.translate.runner import EngineUnavailable
from pipeline.translate.stage import TranslateReport, translate
from pipeline.translate.strings import Translated, glossary_notes, translate_strings

__all__ = [
    "ENGINES",
    "EngineUnavailable",
    "TranslateReport",
    "Translated",
    "glossary_notes",
    "translate",
    "translate_strings",
]
