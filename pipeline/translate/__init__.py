"""Stage 2, translate: drafts in every other site language, through engines, a translation
memory and markup-safe masking.

What other parts use, by module:

- ``stage.translate(settings, translator)``: the stage (``pipeline translate``). The CLI asks
  ``shortcut`` first: a run with nothing to do is told from the last run's word, without
  importing the stage, its engines, Babel or the Markdown parser;
- ``strings.translate_strings(settings, texts, source, target)``: short texts such as UI
  strings through the same engines and masking (``pipeline i18n --fill``), and
  ``strings.glossary_notes``, what their suggestions break of the glossary;
- ``registry.ENGINES``: the engines by name (``registry.make_engine`` makes one);
  ``runner.EngineUnavailable``: the error that means exit 3;
- ``record.load(settings, lang, ref)``: a draft's blocks with their origins, sources and
  what they were when last reviewed (``pipeline status``, the review page);
- ``quality.findings`` and ``masking``: the quality checks and the maskers.

Importing any module of the package runs this one, so it re-exports only what a run with
nothing to do imports anyway: the stage's report.
"""

from pipeline.translate.report import TranslateReport

__all__ = ["TranslateReport"]
