"""Stage 5, check: validate the content and what was built; CI fails on any error.

Each check is a function of the settings and the content tree that returns the problems it
found. They are named here, in the order they run, and every problem of every check is
reported in one run.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.check.audit import keep, planned, site_problems
from pipeline.check.language import language_problems
from pipeline.check.markup import markup_problems
from pipeline.check.references import reference_problems
from pipeline.config import Settings
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.scan_cache import last_build
from pipeline.content.tree import Content, scan
from pipeline.content.unsettled import misfiled
from pipeline.errors import Problem
from pipeline.i18n.problems import catalog_problems
from pipeline.i18n.shortcut import i18n_trees
from pipeline.report import Report, counted
from pipeline.state.fingerprints import tree_state
from pipeline.state.shortcut import unless_unchanged
from pipeline.translate.terminology import glossary_problems
from pipeline.workflow.status import orphan_problems

if TYPE_CHECKING:
    from pipeline.build.stage import Built

Check = Callable[[Settings, Content], list[Problem]]


def content_problems(settings: Settings, content: Content) -> list[Problem]:
    """Front matter that cannot be read or is invalid, refs claimed twice, documents the
    build leaves out because their URL is taken, and documents not yet moved to the folder
    of their ``lang``."""
    return content.problems + planned(settings, content).problems + misfiled(content)


def catalogs_problems(settings: Settings, content: Content) -> list[Problem]:
    """``catalog_problems``, or what it found last time if nothing ``i18n`` reads changed
    since (``state.shortcut``: extracting the strings walks the whole site root)."""

    def work() -> Report:
        return Report(problems=catalog_problems(settings, content))

    return unless_unchanged(settings, "check-catalogs", i18n_trees(settings), work).problems


# The checks, in the order they run.
CHECKS: list[tuple[str, Check]] = [
    ("content", content_problems),
    ("orphans", orphan_problems),
    ("language", language_problems),
    ("markup", markup_problems),
    ("glossary", glossary_problems),
    ("catalogs", catalogs_problems),
    ("references", reference_problems),
    ("site", site_problems),
]


JSON_VERSION = 1
"""Version of the ``check --json`` schema (docs/cli.md); a change that removes or renames a
field increases it."""


@dataclass
class CheckReport(Report):
    """Which checks ran and what they found (``found``: each problem with its check's name),
    as lines or as JSON (``as_json``)."""

    checks: int = 0
    found: list[tuple[str, Problem]] = field(default_factory=list)
    as_json: bool = False

    def summary(self) -> str:
        """``check: 3 checks, 0 errors, 1 warning``."""
        return f"check: {counted(self.checks, 'check')}, {self.tally()}"

    def lines(self) -> list[str]:
        """The summary, or the JSON document (line by line, as ``status --json``)."""
        if not self.as_json:
            return super().lines()
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2).split("\n")

    def to_json(self) -> dict[str, Any]:
        """The ``check --json`` document (schema ``JSON_VERSION``, docs/cli.md)."""
        errors = len(self.errors)
        return {
            "version": JSON_VERSION,
            "problems": [
                {
                    "check": name,
                    "file": problem.path,
                    "line": problem.line,
                    "severity": "warning" if problem.warning else "error",
                    "message": problem.message,
                }
                for name, problem in self.found
            ],
            "summary": {
                "checks": self.checks,
                "errors": errors,
                "warnings": len(self.problems) - errors,
            },
        }


def check(
    settings: Settings, out: Path | None = None, as_json: bool = False, built: Built | None = None
) -> CheckReport:
    """Run every check on the site at ``settings.root``, its built site in ``out`` (default:
    the ``output`` setting; a site built elsewhere with ``build --out``). ``built``: the plan
    of a build just before in the same run, taken if it is still the content's."""
    if out is not None:
        settings = dataclasses.replace(settings, output=str(out))  # an absolute path
    # The documents the last build scanned as they are now come from its scan cache, their
    # bodies unread (``check.findings``); the others are read, their front matter parsed
    # before taken from the memo. Both are read, never saved (the build keeps them), and let
    # go once scanned (the checks need the documents' digests only: ``content.digests``).
    stats = tree_state(settings, settings.content_dir, time.time_ns())
    content = scan(settings, FrontMatterMemo.open(settings), last_build(settings, stats))
    if built is not None and built.fits(settings):
        keep(settings, content, built.plan)
    report = CheckReport(as_json=as_json)
    for name, run in CHECKS:
        found = run(settings, content)
        report.problems += found
        report.found += [(name, problem) for problem in found]
        report.checks += 1
    return report
