"""``pipeline check`` when nothing it reads changed: the last run's word
(``pipeline.state.shortcut``), without importing the checks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Settings
from pipeline.report import Report
from pipeline.state.shortcut import unless_unchanged

if TYPE_CHECKING:
    from pipeline.build.stage import Built


def check_unless_unchanged(
    settings: Settings, out: Path | None, as_json: bool = False, built: Built | None = None
) -> Report:
    """``pipeline check`` (of the site built into ``out``, if given): everything it reads is
    below the site root (content, catalogs, glossary, the templates it extracts from, the
    built site) or in the output folder. It writes nothing, so every run is kept. ``built``:
    the plan of the build of the same run (``check.stage.check``)."""

    def work() -> Report:
        from pipeline.check.stage import check

        return check(settings, out, as_json, built)

    output = out or settings.output_dir
    trees = [settings.root] + ([] if output.is_relative_to(settings.root) else [output])
    return unless_unchanged(settings, "check-json" if as_json else "check", trees, work)
