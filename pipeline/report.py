"""What a stage did: the lines the CLI prints and the problems it found.

Every stage returns a ``Report`` (or a subclass with its own counts), so the CLI can print it
and tests can assert on it. Errors make the run exit 1; warnings are printed and do not.
"""

from __future__ import annotations

import contextlib
import logging
import resource
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.errors import ExitCode, Problem, printable

LOG = logging.getLogger("pipeline")
"""Where every command's messages go (``-q``: errors only; ``-v``: the stages' account of
their caches and times too; see docs/cli.md): problems at ERROR and WARNING, what was done
at INFO (printed on standard output), the rest at DEBUG (standard error, ``pipeline: ``)."""
T = TypeVar("T")


@dataclass
class Report:
    """Problems found by a stage, plus the lines that say what it did."""

    problems: list[Problem] = field(default_factory=list)
    done: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are not warnings."""
        return [p for p in self.problems if not p.warning]

    @property
    def exit_code(self) -> ExitCode:
        """``ERRORS`` when any problem is an error, else ``OK``."""
        return ExitCode.ERRORS if self.errors else ExitCode.OK

    def tally(self) -> str:
        """The problems counted: ``1 error, 0 warnings``."""
        errors = len(self.errors)
        warnings = len(self.problems) - errors
        return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"

    def summary(self) -> str:
        """One line that sums the run up."""
        return ""

    def lines(self) -> list[str]:
        """What the CLI prints on standard output: what was done, then the summary."""
        summary = self.summary()
        return self.done + ([summary] if summary else [])


def counted(number: int, noun: str) -> str:
    """``number`` and ``noun``, plural unless it is one.

    >>> counted(1, "error"), counted(0, "warning"), counted(2, "check")
    ('1 error', '0 warnings', '2 checks')
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        return text if record.levelno >= logging.WARNING else f"pipeline: {text}"


@contextlib.contextmanager
def logging_for(quiet: bool = False, verbose: bool = False) -> Iterator[None]:
    """Send ``LOG``'s messages to standard error (as it is now) for one command."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO
    LOG.addHandler(handler)
    LOG.setLevel(level)
    LOG.propagate = False
    try:
        yield
    finally:
        LOG.removeHandler(handler)


def timed(name: str, start: float) -> None:
    """Say (``-v``) how long ``name`` took since ``start`` (``time.perf_counter``) and the
    process's peak memory so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # (KiB on Linux)
    LOG.debug("%s: %.3f s (peak memory so far: %d MiB)", name, time.perf_counter() - start, peak)


def show(report: Report, problems: Sequence[Problem] = (), shown: set[str] | None = None) -> None:
    """Print ``problems`` and ``report``'s (those not in ``shown``, which takes them in) on
    standard error, each at its level; then what was done on standard output, unless the
    level is above INFO (``-q``) and the report's lines are not data (``--json``)."""
    for problem in [*problems, *report.problems]:
        text = str(problem)
        if shown is not None:
            if text in shown:
                continue
            shown.add(text)
        LOG.log(logging.WARNING if problem.warning else logging.ERROR, text)
    if LOG.isEnabledFor(logging.INFO) or getattr(report, "as_json", False):
        for line in report.lines():
            print(printable(line))
    sys.stdout.flush()


def progress(label: str, items: Iterable[T], total: int, after: float = 1.0) -> Iterator[T]:
    """``items`` passed through, with ``label n/total`` on the terminal while they go: only
    when standard error is a terminal, ``-q`` is not given, and the work has taken more than
    ``after`` seconds (a quick run shows nothing); the line is cleared at the end."""
    stream = sys.stderr
    showing = stream.isatty() and LOG.isEnabledFor(logging.INFO)
    start, last = time.monotonic(), float("-inf")
    drawn = False
    for number, item in enumerate(items):
        if showing:
            now = time.monotonic()
            if now - start >= after and now - last > 0.1:  # (at most 10 a second)
                stream.write(f"\r{label} {number}/{total}")
                stream.flush()
                last, drawn = now, True
        yield item
    if drawn:
        stream.write("\r\033[K")
        stream.flush()
