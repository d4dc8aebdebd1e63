"""What a stage did: the lines the CLI prints and the problems it found.

Every stage returns a ``Report`` (or a subclass with its own counts), so the CLI can print it
and tests can assert on it. Errors make the run exit 1; warnings are printed and do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import ExitCode, Problem


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
