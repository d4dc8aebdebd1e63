"""The small exception tree and the problem records that stages report.

Content problems are not raised through a stage: a stage collects them as ``Problem``
records in its report, goes on with the good files, and the CLI prints them all, one per
line, as ``path:line: message``. Exceptions are for what stops a run: bad settings, bad
usage, a provider that keeps failing. Only the CLI turns them into exit codes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Exit codes of the command line (see DESIGN.md)."""

    OK = 0
    ERRORS = 1  # errors in content or output, all printed
    USAGE = 2  # wrong usage or settings
    PENDING = 3  # translation left pending; a re-run finishes the rest
    INTERRUPTED = 130  # Ctrl-C or SIGTERM; what was finished is kept


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, as the user will read it.

    >>> str(Problem("content/sv/a.md", 3, "title must be text, not a list"))
    'content/sv/a.md:3: title must be text, not a list'
    >>> str(Problem("content/sv/a.md", None, "no front matter", warning=True))
    'content/sv/a.md: warning: no front matter'

    A file name may hold anything but ``/``: its control characters are shown escaped
    (``printable``), so it can neither drive the terminal nor forge a line of its own.
    """

    path: str
    line: int | None
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        kind = "warning: " if self.warning else ""
        return printable(f"{where}: {kind}{self.message}")


# Characters that are no text to show: controls (ESC, newline...), formatting (U+202E, which
# turns the rest of a line around), line and paragraph separators, surrogates, unassigned.
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def printable(text: str) -> str:
    """``text`` with every character that is not text to show escaped as Python writes it,
    so that a message is one line and shows what it names: every message the CLI prints
    passes here (a ``Problem``, an error, a line of what was done).

    >>> printable("content/sv/\\x1b[31mröd\\u202e.md\\nx.md:1: fake")
    'content/sv/\\\\x1b[31mröd\\\\u202e.md\\\\nx.md:1: fake'
    """
    if text.isprintable():
        return text
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in _HIDDEN
        else char
        for char in text
    )


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose; never shown as a traceback."""

    exit_code = ExitCode.ERRORS

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return "\n".join(printable(line) for line in self.message.split("\n"))
        return str(Problem(self.path, self.line, self.message))

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled with its path and line (by default only the message would survive), so an
        # error raised in a worker process reaches the CLI as it was raised.
        return (type(self), (self.message, self.path, self.line))

    def as_problem(self) -> Problem:
        """The error as a problem record (for reports that list every problem)."""
        return Problem(self.path or "", self.line, self.message)


class ContentError(PipelineError):
    """A file of content cannot be read or is invalid."""


class ConfigError(PipelineError):
    """The settings in ``[tool.pipeline]`` are wrong; ``problems`` lists every one."""

    exit_code = ExitCode.USAGE

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class UsageError(PipelineError):
    """The command was called wrongly (an unknown engine, a ref that does not exist...)."""

    exit_code = ExitCode.USAGE


class OutputError(PipelineError):
    """Writing a file failed (read-only folder, full disk) or would leave the site root."""


TYPE_NAMES = {str: "text", bool: "true or false", list: "a list", dict: "a mapping"}


def describe(value: Any) -> str:
    """How a wrong value is named in a message."""
    if isinstance(value, bool):
        return "true or false"
    for kind, name in TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return "empty" if value is None else type(value).__name__
