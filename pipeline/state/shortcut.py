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
