"""``pipeline all``: every stage in order in one process, and when nothing at all changed,
the last run's word for every stage.

The stages run with the trees they scan for their shortcuts shared
(``fingerprints.scans_shared``). A run that found no cache damaged and left nothing
pending is kept as ``pipeline.state.shortcut`` keeps a stage's: the digest of the ``stat``
of every file and folder below the site root, of the output folder (wherever it is) and of
the build's records in it (``.pipeline/``, which a build reads), with the fingerprint of
the rest (the code, the settings, the compiled catalogs, the engine asked for), and what
each stage said. A later run that finds everything as kept says it all again, without
importing a stage. A Jekyll site exported to (``jekyll-site``) lies outside what it sees:
such a site's runs always run the stages.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.config import Settings
from pipeline.content.parse_cache import SharedParses
from pipeline.errors import ExitCode, OutputError, PipelineError, Problem
from pipeline.report import LOG, Report, show, timed
from pipeline.state import cache
from pipeline.state.cache import Damaged
from pipeline.state.fingerprints import scans_shared
from pipeline.state.shortcut import FORMAT, _seen, _state

RECORDS = ".pipeline"  # pipeline.state.manifest.FOLDER: the build's records in its output

__all__ = ["every_stage"]


def every_stage(
    settings: Settings, stages: Sequence[str], engine: str, run: Callable[[str], Report]
) -> ExitCode:
    """Run (``run(name)``) and show each of ``stages`` in order; the worst exit code. A stage
    that fails with a ``PipelineError`` is shown and the next runs, unless it is wrong usage
    (raised). ``engine``: the translator the run was given (or the setting's)."""
    with scans_shared():
        if settings.jekyll_site:
            return _run(stages, run)[0]
        output = settings.output_dir
        trees = [settings.root, output / RECORDS]
        trees += [] if output.is_relative_to(settings.root) else [output]
        state = _state(settings, f"all {engine}", trees)
        seen = _seen(state)
        path = settings.root / cache.FOLDER / "all-last.pickle"
        kept = cache.Cache(path, FORMAT, (cache.FOLDER / path.name).as_posix())
        last = kept.load(_recorded)
        settled = None not in state.inputs.values()  # (nothing changed a moment ago)
        if last is not None and last["seen"] == seen and settled:
            LOG.debug("all: nothing changed since its last run: that run's word taken")
            return _replay(last)
        code, said = _run(stages, run)
        # Kept unless the next run may say otherwise: it tries what is pending again. (A run
        # that wrote is kept too, and never matches: what it wrote has changed since it
        # started, where it found nothing changed for 3 s.)
        if settled and said is not None and code != ExitCode.PENDING:
            with contextlib.suppress(OSError, OutputError):  # (a run never fails for it)
                kept.save({"seen": seen, "stages": said, "code": int(code)})
        return code


def _run(stages: Sequence[str], run: Callable[[str], Report]) -> tuple[ExitCode, Any]:
    """Run and show ``stages``: the worst exit code, and what each said (None if a stage
    failed or a cache was found damaged: such a run is not kept)."""
    shown: set[str] = set()
    said: list[tuple[str, list[tuple[Any, ...]], list[str]]] | None = []
    worst = ExitCode.OK
    with SharedParses() as parses:  # (ended by the build: see parse_cache)
        for name in stages:
            start = time.perf_counter()
            try:
                report = run(name)
            except PipelineError as error:
                if error.exit_code == ExitCode.USAGE:
                    raise
                code, said = error.exit_code, None
                show(Report(problems=[error.as_problem()]), cache.told(), shown)
            else:
                code, told = report.exit_code, cache.told()
                show(report, told, shown)
                if said is not None and not told:
                    problems = [(p.path, p.line, p.message, p.warning) for p in report.problems]
                    said.append((name, problems, report.lines()))
                else:
                    said = None
            if name == "build":
                parses.close()  # (if the build did not end it: its plan was kept)
            _let_go()
            timed(name, start)
            if code == ExitCode.ERRORS or (code == ExitCode.PENDING and worst == ExitCode.OK):
                worst = code
    return worst, said


def _let_go() -> None:
    """Give back to the system the memory a stage freed (``workers.return_freed_memory``),
    so that the next stage does not start on top of it: at 10,000 pairs, one paragraph
    edited, i18n started on 234 MiB before, 151 MiB after (the run's peak, in check, is the
    check's own). (No collection first: a full one costs 30 ms at 1,000 pairs, 270 ms at
    10,000.)"""
    from pipeline.build.workers import return_freed_memory

    return_freed_memory()


def _replay(last: dict[str, Any]) -> ExitCode:
    """Show what each stage of the run kept said, as it said it."""
    shown: set[str] = set()
    for name, problems, lines in last["stages"]:
        start = time.perf_counter()
        show(Report([Problem(*problem) for problem in problems], list(lines)), [], shown)
        timed(name, start)
    return ExitCode(last["code"])


def _recorded(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or set(data) != {"seen", "stages", "code"}:
        raise Damaged("not a run's record")
    for stage in data["stages"]:
        if not (isinstance(stage, tuple) and len(stage) == 3):
            raise Damaged("not a run's record")
        if not all(isinstance(p, tuple) and len(p) == 4 for p in stage[1]):
            raise Damaged("not a run's record")
    return data
