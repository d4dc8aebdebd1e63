"""``pipeline i18n`` when nothing it reads changed: the last run's word
(``pipeline.state.shortcut``), without importing the stage."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.config import Settings
from pipeline.report import Report
from pipeline.state.shortcut import unless_unchanged


def i18n_unless_unchanged(settings: Settings) -> Report:
    """``pipeline i18n`` without ``--fill``, which reads ``babel.cfg``, the templates it
    names and ``locale/`` (``i18n_trees``)."""

    def work() -> Report:
        from pipeline.i18n.stage import i18n

        return i18n(settings)

    def wrote_nothing(report: Report) -> bool:
        return not getattr(report, "written", 1)

    return unless_unchanged(settings, "i18n", i18n_trees(settings), work, wrote_nothing)


def i18n_trees(settings: Settings) -> list[Path]:
    """``babel.cfg``, ``locale/`` and the folder each pattern of ``babel.cfg`` starts with
    (``pipeline/templates`` of ``[jinja2: pipeline/templates/**.html]``); the whole site
    root if a pattern starts with none. A section is split as Babel splits it."""
    config = settings.root / "babel.cfg"  # pipeline.i18n.stage.BABEL_CFG
    trees = [config, settings.locale_dir]
    try:
        sections = re.findall(r"^\[([^\]]+)\]", config.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return trees  # (i18n says what is wrong, and its run is not kept)
    for section in sections:
        if ":" not in section:
            continue  # ([extractors] and the like)
        pattern = section.split(":", 1)[1].strip()
        literal = re.split(r"[*?\[]", pattern, maxsplit=1)[0]
        if "/" not in literal:
            return [settings.root]
        trees.append(settings.root / literal.rsplit("/", 1)[0])
    return trees
