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

    def summary(self) -> str:
        """One line that sums the run up."""
        return ""

    def lines(self) -> list[str]:
        """What the CLI prints on standard output: what was done, then the summary."""
        summary = self.summary()
        return self.done + ([summary] if summary else [])
