"""``pipeline translate`` when nothing changed: the last run's word for it, nothing parsed.

A run reads the content, the translation memory with its draft records (``locale/memory/``),
the parked drafts (``locale/parked/``) and the glossary, through the settings, the code and
the translator it was given. Before it reads anything, ``translate`` takes the ``stat`` of
every one of these files and folders and the fingerprint of the rest, as the build does
(``pipeline.state.fingerprints.tree_state``, ``fingerprint``); after a run that wrote nothing
and left nothing pending, it keeps them, with the run's problems, in
``.cache/pipeline/translate.json`` (a ``pipeline.state.manifest.Manifest``). A later run that
finds everything as kept, and nothing changed within ``fingerprints.RACY_NS`` of it, does
nothing but say what that run said; any other does the stage's work
(``pipeline.translate.stage``), which is imported only then.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.state import manifest
from pipeline.state.fingerprints import Snapshot, fingerprint, tree_state
from pipeline.translate.report import TranslateReport

FILE = Path(".cache") / "pipeline" / "translate.json"
# pipeline.translate.glossary.FILE, named here without importing the glossary
GLOSSARY = "glossary.csv"
MEMORY = "memory"  # pipeline.translate.memory.FOLDER: the memories and the draft records
PARKED = "parked"  # pipeline.translate.superseded.PARKED

__all__ = ["FILE", "found_state", "read_state", "translate"]


def translate(
    settings: Settings, translator: str | None, work: Callable[[], TranslateReport]
) -> TranslateReport:
    """What ``work()`` (the stage, run with ``translator``) reports, unless everything the last
    run read is as it was and that run had nothing to do: then say so again, without calling
    ``work`` (the caller imports the stage in it, only then)."""
    name = translator or settings.translator
    state = read_state(settings, name, time.time_ns())
    kept = settings.root / FILE
    last = manifest.load(kept, FILE.as_posix())
    if last is not None and last.read_the_same(state):
        return TranslateReport(engine=name, problems=list(last.problems))
    _found[:] = [state]
    try:
        report = work()
    finally:
        _found.clear()
    if report.idle:
        recorded = manifest.Manifest(
            fingerprint=state.fingerprint, inputs=state.inputs, problems=report.problems
        )
        manifest.save(kept, recorded)
    return report


_found: list[Snapshot] = []  # what the shortcut found, while the stage it let run runs


def found_state(settings: Settings, translator: str) -> Snapshot:
    """What a run with ``translator`` reads, as the shortcut found it before it let the
    stage run (the ``stat`` of every file the stage reads, taken before it read any); read
    now when the stage runs without it (``approve``, ``import``)."""
    return _found[0] if _found else read_state(settings, translator, time.time_ns())


def read_state(settings: Settings, translator: str, now_ns: int) -> Snapshot:
    """What a run with ``translator`` reads, told without reading it: the fingerprint (the
    settings, the code, the translator's name), and the ``stat`` of every file and folder
    of the content, the memory and its records, the parked drafts, and the glossary."""
    inputs: dict[str, Any] = {}
    for tree in (
        settings.content_dir,
        settings.locale_dir / MEMORY,
        settings.locale_dir / PARKED,
        settings.locale_dir / GLOSSARY,
    ):
        inputs.update(tree_state(settings, tree, now_ns))
    return Snapshot(fingerprint(settings, manifest.FORMAT, ("translate", translator)), inputs)
