"""``pipeline ingest`` of ``content/`` alone when nothing there changed: the last run's word
(``pipeline.state.shortcut``), without importing the stage."""

from __future__ import annotations

from pipeline.config import Settings
from pipeline.report import Report
from pipeline.state.shortcut import unless_unchanged


def ingest_unless_unchanged(settings: Settings) -> Report:
    """``pipeline ingest`` of ``content/`` alone (no paths), which reads only ``content/``."""

    def work() -> Report:
        from pipeline.ingest.stage import ingest

        return ingest(settings)

    def changed_nothing(report: Report) -> bool:
        return not report.done and not getattr(report, "normalized", 1)

    return unless_unchanged(settings, "ingest", [settings.content_dir], work, changed_nothing)
