"""Timing whole processes: each figure is the median of several fresh runs of a command.

A run is one child process, started and waited for here, timed on the wall clock from start
to exit (interpreter start-up and imports included, as the user waits for them), after one
untimed warm-up run of the same command. Its peak memory is the child's own high-water mark
of resident memory (``ru_maxrss`` of the rusage that ``os.wait4`` returns for exactly that
child, and the processes it waited for), so other children of the harness, such as an
earlier Hugo build, never count.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# ru_maxrss is in KiB on Linux and in bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024

BYTECODE = Path(tempfile.gettempdir()) / "pipeline-bench-pycache"
"""Where the children keep Python's bytecode cache (``PYTHONPYCACHEPREFIX``). A user's
machine compiles each module once and reads its ``.pyc`` afterwards; a machine that sets
``PYTHONDONTWRITEBYTECODE`` (this project's sandbox does) would have every run compile the
pipeline's modules again (about 0.05 s of each run), which no user waits for. The children
run without it and keep their cache here, out of the project's folders."""


def child_environment() -> dict[str, str]:
    """The environment the timed commands run in: this one, with a bytecode cache."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return environment


WARMUP = 1
"""Runs before the timed ones, whose times are dropped. On the 2-core VM of issue 8 the
first builds after many files were written or deleted took 2-4 times as long as later ones
(the host takes freed memory back and the next runs fault it in again)."""


@dataclass(frozen=True)
class Run:
    """One run of a command: how long it took, how it ended, its peak memory in MiB."""

    seconds: float
    exit_code: int
    stderr: str
    peak_rss_mb: float


@dataclass(frozen=True)
class Outcome:
    """What measuring a figure gave: the time of each run and their peak memory, or
    ``reason``, the words the table shows instead (the stage is not on this branch yet, Hugo
    is not installed, the command failed: then ``failed`` is set and ``errors`` holds what
    it printed).

    >>> Outcome((1.2, 0.9, 3.0)).seconds, Outcome((1.2, 0.9, 3.0)).spread
    (1.2, (0.9, 3.0))
    """

    times: tuple[float, ...] = ()
    peak_rss_mb: float | None = None
    reason: str = ""
    failed: bool = False
    errors: str = ""

    @property
    def measured(self) -> bool:
        """Whether the figure has a value."""
        return bool(self.times)

    @property
    def seconds(self) -> float | None:
        """The median time of the runs (None when there were none)."""
        return statistics.median(self.times) if self.times else None

    @property
    def spread(self) -> tuple[float, float] | None:
        """The fastest and the slowest run: how noisy the machine was."""
        return (min(self.times), max(self.times)) if self.times else None


UNAVAILABLE = Outcome(reason="not available yet")


def run_once(command: Sequence[str], cwd: Path | None = None) -> Run:
    """Run ``command`` once; its standard output is discarded, its errors kept."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=child_environment(),
        )
        # wait4 rather than child.wait(): it also returns the rusage of this one child.
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    return Run(seconds, child.returncode, stderr, usage.ru_maxrss * RSS_UNIT / 2**20)


def is_missing_command(run: Run, name: str) -> bool:
    """Whether ``run`` is argparse refusing the subcommand ``name`` (exit 2, "invalid
    choice"): the stage is not on this branch yet.

    >>> error = "pipeline: error: argument COMMAND: invalid choice: 'build' (choose from ...)"
    >>> is_missing_command(Run(0.1, 2, error, 20.0), "build")
    True
    >>> is_missing_command(Run(0.1, 2, "invalid choice: 'pseudo'", 20.0), "translate")
    False
    """
    return run.exit_code == 2 and bool(
        re.search(rf"invalid choice: '{re.escape(name)}'", run.stderr)
    )


@dataclass(frozen=True)
class Timed:
    """A command to time, with what to do before each of its runs (``prepare(i)``, not
    timed) and, for a pipeline stage, its subcommand (see ``measure``)."""

    command: Sequence[str]
    prepare: Callable[[int], object] | None = None
    subcommand: str | None = None
    ok: tuple[int, ...] = (0,)


def measure(
    command: Sequence[str],
    runs: int,
    prepare: Callable[[int], object] | None = None,
    cwd: Path | None = None,
    subcommand: str | None = None,
    warmup: int = WARMUP,
    ok: tuple[int, ...] = (0,),
) -> Outcome:
    """Run ``command`` ``warmup + runs`` times, each after ``prepare(i)`` and a sync (not
    timed); the median of all but the warm-up runs.

    With ``subcommand``, a first run that argparse refuses as an unknown command gives
    ``UNAVAILABLE``. Any other exit code than those ``ok`` names stops the runs: a failed
    command has no time.
    """
    return measure_in_turn([Timed(command, prepare, subcommand, ok)], runs, cwd, warmup)[0]


def measure_in_turn(
    timed: Sequence[Timed], runs: int, cwd: Path | None = None, warmup: int = WARMUP
) -> list[Outcome]:
    """Each of ``timed`` measured as ``measure`` measures one command, their runs taken in
    turn (the first run of each, then the second of each...): a machine whose speed drifts
    over minutes, as the VM of issue 8 does, then slows or speeds them alike, and the ratio
    of their medians holds where their seconds do not."""
    times: list[list[float]] = [[] for _ in timed]
    peaks: list[list[float]] = [[] for _ in timed]
    ended: list[Outcome | None] = [None for _ in timed]
    for number in range(warmup + runs):
        for index, item in enumerate(timed):
            if ended[index] is not None:
                continue
            if item.prepare is not None:
                item.prepare(number)
            os.sync()  # no run pays for the writeback of the files its predecessor wrote
            run = run_once(item.command, cwd)
            if run.exit_code not in item.ok:
                missing = item.subcommand and is_missing_command(run, item.subcommand)
                ended[index] = (
                    UNAVAILABLE
                    if missing and number == 0
                    else Outcome(
                        reason=f"failed (exit {run.exit_code})", failed=True, errors=run.stderr
                    )
                )
            elif number >= warmup:
                times[index].append(run.seconds)
                peaks[index].append(run.peak_rss_mb)
    return [
        outcome or Outcome(tuple(times[index]), max(peaks[index]))
        for index, outcome in enumerate(ended)
    ]
