"""A stage run when nothing it reads changed: the last run's word for it, nothing read.

``translate`` has its own (``pipeline.translate.shortcut``); ``ingest`` (of ``content/``
alone) and ``check`` use this one, the same device: before it reads anything, the stage
takes the ``stat`` of every file and folder it would read (``fingerprints.tree_state``) and
the fingerprint of the rest (the code, the settings, the compiled catalogs); after a run
that changed nothing, it keeps their digest with the run's problems and the lines it
printed in ``.cache/pipeline/<name>-last.pickle`` (``pipeline.state.cache``). A later run that
finds everything as kept, and nothing changed within ``fingerprints.RACY_NS`` of it, says
what that run said (the same problems, lines and exit code) without importing the stage
or doing its work.
"""

from __future__ import annotations

import contextlib
import marshal
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.errors import OutputError, Problem
from pipeline.report import LOG, Report
from pipeline.state import cache
from pipeline.state.cache import Damaged
from pipeline.state.fingerprints import Snapshot, blake2b, fingerprint, tree_state

FORMAT = 3  # 2: the digest of the records, not the records; 3: of their marshal

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
    seen = _seen(state)
    path = settings.root / cache.FOLDER / f"{name}-last.pickle"
    kept = cache.Cache(path, FORMAT, (cache.FOLDER / path.name).as_posix())
    last = kept.load(_recorded)
    racy = sum(value is None for value in state.inputs.values())
    if last is not None and last["seen"] == seen and not racy:
        LOG.debug("%s: nothing it reads changed since its last run: that run's word taken", name)
        return Report([Problem(*problem) for problem in last["problems"]], list(last["lines"]))
    if last is None:
        LOG.debug("%s: no record of a last run that changed nothing", name)
    else:
        LOG.debug("%s: what it reads changed since its last run (%d files within 3 s)", name, racy)
    report = work()
    if idle(report):
        recorded = {
            "seen": seen,
            "problems": [(p.path, p.line, p.message, p.warning) for p in report.problems],
            "lines": report.lines(),
        }
        with contextlib.suppress(OSError, OutputError):  # (a stage never fails for it)
            kept.save(recorded)
    return report


def _seen(state: Snapshot) -> bytes:
    """What is kept of ``state``: its fingerprint and the digest of its records (only
    digests: the records themselves are many, and a run needs only to know them equal).
    Marshalled (format 2: no references, so equal records give equal bytes), which takes a
    third of the time ``repr`` takes."""
    records = blake2b(marshal.dumps(sorted(state.inputs.items()), 2), digest_size=16)
    return bytes.fromhex(state.fingerprint) + records.digest()


def _recorded(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != {"seen", "problems", "lines"}:
        raise Damaged("not a stage's record")
    if not all(isinstance(p, tuple) and len(p) == 4 for p in data["problems"]):
        raise Damaged("not a stage's record")
    return data


def _state(settings: Settings, name: str, trees: Sequence[Path]) -> Snapshot:
    now = time.time_ns()
    inputs: dict[str, Any] = {}
    for tree in trees:
        inputs.update(tree_state(settings, tree, now))
    return Snapshot(fingerprint(settings, FORMAT, (name,)), inputs)
