"""A stage run when nothing it reads changed: the last run's word for it, nothing read.

``translate`` has its own (``pipeline.translate.shortcut``); ``ingest`` (of ``content/``
alone) and ``check`` use this one, the same device: before it reads anything, the stage
takes the ``stat`` of every file and folder it would read (``fingerprints.tree_state``) and
the fingerprint of the rest (the code, the settings, the compiled catalogs); after a run
that changed nothing, it keeps them with the run's problems and the lines it printed in
``.cache/pipeline/<name>.json`` (a JSON cache, ``pipeline.state.cache``). A later run that
finds everything as kept, and nothing changed within ``fingerprints.RACY_NS`` of it, says
what that run said (the same problems, lines and exit code) without importing the stage
or doing its work.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.errors import OutputError, Problem
from pipeline.report import LOG, Report
from pipeline.state import cache
from pipeline.state.cache import Damaged
from pipeline.state.fingerprints import Snapshot, fingerprint, tree_state

FORMAT = 1

__all__ = ["unless_unchanged"]


def unless_unchanged(
    settings: Settings,
    name: str,
    trees: Sequence[Path],
    work: Callable[[], Report],
    idle: Callable[[Report], bool] = lambda report: True,
) -> Report:
    """What ``work()`` reports, unless every file and folder below ``trees`` is as the last
    run of stage ``name`` found it, and that run was ``idle`` (changed nothing): then what
    that run reported."""
    state = _state(settings, name, trees)
    path = settings.root / cache.FOLDER / f"{name}.json"
    kept = cache.Cache(path, FORMAT, (cache.FOLDER / f"{name}.json").as_posix(), json=True)
    last = kept.load(_recorded)
    if (
        last is not None
        and last["fingerprint"] == state.fingerprint
        and last["inputs"] == state.inputs
        and None not in state.inputs.values()
    ):
        LOG.debug("%s: nothing it reads changed since its last run: that run's word taken", name)
        return Report([Problem(*problem) for problem in last["problems"]], list(last["lines"]))
    LOG.debug("%s: %s", name, _why(last, state))
    report = work()
    if idle(report):
        recorded = {
            "fingerprint": state.fingerprint,
            "inputs": state.inputs,
            "problems": [[p.path, p.line, p.message, p.warning] for p in report.problems],
            "lines": report.lines(),
        }
        with contextlib.suppress(OSError, OutputError):  # (a stage never fails for it)
            kept.save(recorded)
    return report


def _why(last: dict[str, Any] | None, state: Snapshot) -> str:
    """Why a stage does its work: what differs from its last run."""
    if last is None:
        return "no record of a last run that changed nothing"
    if last["fingerprint"] != state.fingerprint:
        return "the code or the settings changed since its last run"
    changed = {name for name, value in state.inputs.items() if last["inputs"].get(name) != value}
    changed |= set(last["inputs"]) - set(state.inputs)
    racy = [name for name, value in state.inputs.items() if value is None]
    return f"{len(changed)} of the files it reads changed, {len(racy)} within the last 3 s"


def _recorded(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != {"fingerprint", "inputs", "problems", "lines"}:
        raise Damaged("not a stage's record")
    if not all(isinstance(p, list) and len(p) == 4 for p in data["problems"]):
        raise Damaged("not a stage's record")
    return data


def _state(settings: Settings, name: str, trees: Sequence[Path]) -> Snapshot:
    now = time.time_ns()
    inputs: dict[str, Any] = {}
    for tree in trees:
        inputs.update(tree_state(settings, tree, now))
    return Snapshot(fingerprint(settings, FORMAT, (name,)), inputs)


# --- the stages that use it ----------------------------------------------------------------


def ingest_unless_unchanged(settings: Settings) -> Report:
    """``pipeline ingest`` of ``content/`` alone (no paths), which reads only ``content/``."""

    def work() -> Report:
        from pipeline.ingest.stage import ingest

        return ingest(settings)

    def changed_nothing(report: Report) -> bool:
        return not report.done and not getattr(report, "normalized", 1)

    return unless_unchanged(settings, "ingest", [settings.content_dir], work, changed_nothing)


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


def check_unless_unchanged(settings: Settings, out: Path | None, as_json: bool = False) -> Report:
    """``pipeline check`` (of the site built into ``out``, if given): everything it reads is
    below the site root (content, catalogs, glossary, the templates it extracts from, the
    built site) or in the output folder. It writes nothing, so every run is kept."""

    def work() -> Report:
        from pipeline.check.stage import check

        return check(settings, out, as_json)

    output = out or settings.output_dir
    trees = [settings.root] + ([] if output.is_relative_to(settings.root) else [output])
    return unless_unchanged(settings, "check-json" if as_json else "check", trees, work)
